/**
 * Built-in scenarios and scenario files (Node side). A built-in scenario is a YAML file beside
 * this module; any scenario is resolved as: the baseline (every parameter at its default, with
 * official figures from data/), then the scenario it `extends`, then its own overrides.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOfficialData } from '../calibration/data-files.js';
import { loadPack } from '../pack/load.js';
import type { ObservedData } from '../calibration/observed.js';
import { readCalibration, type CalibrationRecord } from '../calibration/calibration-file.js';
import { applyEstimates } from '../calibration/estimates.js';
import { InputError } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { baselineParameters } from '../model/resolve.js';
import { MODEL_VERSION } from '../model/simulate.js';
import { applyOverrides, checkScenario, parseOverrides, type Scenario, type ScenarioOverrides } from '../model/schema.js';
import { parseScenarioText } from './parse.js';
import { readScenarioFile } from './read-file.js';
import { describeScenario } from './describe.js';

/** The built-in scenarios start the day after the 30 June 2023 snapshot. */
export const BASELINE_START = '2023-07-01';
export const BASELINE_HORIZON_MONTHS = 60;

/** The default pack's built-in scenarios (`packs/uk/scenarios/`). */
export function scenariosDir(): string {
  return loadPack().scenariosDir;
}

let data: ObservedData | undefined;
/** The official figures, loaded once per process. */
export function officialData(): ObservedData {
  data ??= loadOfficialData();
  return data;
}

let calibration: CalibrationRecord | null | undefined;
/** The calibration record the baseline takes (packs/uk/data/calibration.json), read once per process. */
export function baselineCalibration(): CalibrationRecord | undefined {
  if (calibration === undefined) calibration = readCalibration() ?? null;
  return calibration ?? undefined;
}

/** Every parameter at its default, then the calibration's estimates for the baseline (if any). */
export function baselineScenarioWith(record: CalibrationRecord | undefined): Scenario {
  const s: Scenario = {
    name: 'baseline',
    title: 'Baseline',
    description: record
      ? `Every parameter at its default, with ${record.baseline.length} estimates calibrated on data ${record.data.version} (${record.window.from} to ${record.window.to}).`
      : 'Every parameter at its default.',
    start: BASELINE_START,
    horizonMonths: BASELINE_HORIZON_MONTHS,
    ...baselineParameters(officialData()),
  };
  return record ? applyEstimates(s, record.baseline) : s;
}

/** The model version and the data its baseline was calibrated on, as recorded in every summary (`uk-2+cal.b998a9d4b304`). */
export function calibratedModelVersion(): string {
  const c = baselineCalibration();
  return c ? `${MODEL_VERSION}+cal.${c.data.version}` : MODEL_VERSION;
}

export function baselineScenario(): Scenario {
  return baselineScenarioWith(baselineCalibration());
}

function builtinNames(): string[] {
  return readdirSync(scenariosDir())
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

function builtinOverrides(name: string): ScenarioOverrides {
  const names = builtinNames();
  if (!names.includes(name)) {
    const suggestion = didYouMean(name, names);
    const hint = suggestion ? ` — ${suggestion}` : '';
    throw new InputError({ field: 'scenario', value: JSON.stringify(name), allowed: `a built-in scenario (${names.join(', ')}) or a .yaml/.json file${hint}` });
  }
  const file = join(scenariosDir(), `${name}.yaml`);
  return parseOverrides(parseScenarioText(readFileSync(file), file), file);
}

/** Resolve overrides against their parents, guarding against cycles. */
export function resolveOverrides(over: ScenarioOverrides, origin: string, seen: string[] = []): Scenario {
  if (seen.includes(over.name)) {
    throw new InputError({ field: 'extends', value: JSON.stringify(over.extends), allowed: `a scenario that does not extend itself (cycle: ${[...seen, over.name].join(' → ')})` }, origin);
  }
  const base = over.extends ? resolveOverrides(builtinOverrides(over.extends), over.extends, [...seen, over.name]) : baselineScenario();
  return applyOverrides(base, over, origin);
}

export function listBuiltinScenarios(): { name: string; title: string; summary: string }[] {
  return builtinNames().map((name) => {
    const s = resolveOverrides(builtinOverrides(name), name);
    const summary = s.description.split(/(?<=\.)\s/)[0] ?? '';
    return { name, title: s.title, summary };
  });
}

const looksLikeFile = (arg: string) => /\.(ya?ml|json)$/i.test(arg) || arg.includes('/') || arg.includes('\\');

/** A built-in scenario by name, or a scenario file by path. */
export function loadScenario(nameOrFile: string, overrides: { horizonMonths?: number } = {}): Scenario {
  let scenario: Scenario;
  if (looksLikeFile(nameOrFile) || (existsSync(nameOrFile) && !builtinNames().includes(nameOrFile))) {
    scenario = validateScenarioFile(nameOrFile);
  } else {
    scenario = resolveOverrides(builtinOverrides(nameOrFile), nameOrFile);
  }
  if (overrides.horizonMonths !== undefined) {
    scenario = { ...scenario, horizonMonths: overrides.horizonMonths };
    checkScenario(scenario, '--months');
  }
  return scenario;
}

/** Read, check and resolve a scenario file. */
export function validateScenarioFile(path: string): Scenario {
  return resolveOverrides(parseOverrides(readScenarioFile(path), path), path);
}

/** A resolved scenario as commented YAML: every parameter with its unit, range and source. */
export function showScenario(name: string): string {
  const c = baselineCalibration();
  const note = c
    ? `# Calibrated on data ${c.data.version} (${c.data.files.join(', ')}), ${c.window.from} to ${c.window.to}, loss ${c.loss.end.toFixed(4)}:\n` +
      c.baseline.map((e) => `#   ${e.path} = ${Number(e.value.toPrecision(4))} (${e.name})\n`).join('') +
      '# unless the scenario sets them itself (packs/uk/data/calibration.json; asylum-sim calibrate).\n'
    : '# Not calibrated: no packs/uk/data/calibration.json (asylum-sim calibrate writes it).\n';
  return note + describeScenario(loadScenario(name));
}
