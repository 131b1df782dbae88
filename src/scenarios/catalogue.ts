/**
 * Built-in scenarios and scenario files (Node side), for a country pack (the UK's by default). A
 * built-in scenario is a YAML file in the pack's scenarios/; any scenario is resolved as: the
 * pack's baseline (every parameter at its default, with official figures from the pack's data/,
 * starting where its manifest says), then the scenario it `extends`, then its own overrides.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataFiles, loadOfficialData, seriesCatalogue } from '../calibration/data-files.js';
import { DEFAULT_PACK, loadPack, type Pack } from '../pack/load.js';
import { defaultsOf, rangesOf } from '../pack/parameter-facts.js';
import { ObservedData } from '../calibration/observed.js';
import { calibrationPath, readCalibration, type CalibrationRecord } from '../calibration/calibration-file.js';
import { applyEstimates } from '../calibration/estimates.js';
import { InputError } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { baselineParameters } from '../model/resolve.js';
import { STAGES } from '../model/routing.js';
import { MODEL_VERSION } from '../model/simulate.js';
import { applyOverrides, checkScenario, parseOverrides, type Country, type Scenario, type ScenarioOverrides } from '../model/schema.js';
import { parseScenarioText } from './parse.js';
import { readScenarioFile } from './read-file.js';
import { describeScenario } from './describe.js';

/** The pack's built-in scenarios (`packs/<name>/scenarios/`). */
export function scenariosDir(pack: Pack = loadPack()): string {
  return pack.scenariosDir;
}

/** What a pack says of money, time and uncertainty, as every scenario of the pack carries it. */
export function countryOf(pack: Pack): Country {
  const m = pack.manifest;
  return { pack: pack.name, currency: m.currency.code, financialYearStartMonth: m.financialYearStartMonth, stages: m.stages, routing: m.routing, ranges: rangesOf(pack.parameters) };
}

const data = new Map<string, ObservedData>();
/** The pack's official figures, loaded once per process. */
export function officialData(pack: Pack = loadPack()): ObservedData {
  let d = data.get(pack.name);
  if (!d) {
    // A pack whose parameters need no official figures may ship none (no data/ folder).
    d = existsSync(pack.dataDir) ? loadOfficialData(dataFiles(pack.dataDir), seriesCatalogue(pack.dataDir)) : new ObservedData([]);
    data.set(pack.name, d);
  }
  return d;
}

const calibration = new Map<string, CalibrationRecord | null>();
/** The calibration record the pack's baseline takes (its data/calibration.json), read once per process. */
export function baselineCalibration(pack: Pack = loadPack()): CalibrationRecord | undefined {
  if (!calibration.has(pack.name)) calibration.set(pack.name, readCalibration(calibrationPath(pack.dataDir)) ?? null);
  return calibration.get(pack.name) ?? undefined;
}

/**
 * Every parameter at the pack's default (packs/<name>/parameters.yaml), read from the pack's data
 * where it names a figure — parameters of stages the pack does not run at the model's neutral
 * values — then the calibration's estimates for the baseline (if any).
 */
export function baselineScenarioWith(record: CalibrationRecord | undefined, pack: Pack = loadPack()): Scenario {
  const s: Scenario = {
    name: 'baseline',
    title: 'Baseline',
    description: record
      ? `Every parameter at its default, with ${record.baseline.length} estimates calibrated on data ${record.data.version} (${record.window.from} to ${record.window.to}).`
      : 'Every parameter at its default.',
    start: pack.manifest.baseline.start,
    horizonMonths: pack.manifest.baseline.horizonMonths,
    country: countryOf(pack),
    ...baselineParameters(defaultsOf(pack.parameters), officialData(pack), pack.manifest.baseline.start),
  };
  return record ? applyEstimates(s, record.baseline) : s;
}

/** The model version and the data its baseline was calibrated on, as recorded in every summary (`uk-2+cal.b998a9d4b304`). */
export function calibratedModelVersion(pack: Pack = loadPack()): string {
  const c = baselineCalibration(pack);
  return c ? `${MODEL_VERSION}+cal.${c.data.version}` : MODEL_VERSION;
}

export function baselineScenario(pack: Pack = loadPack()): Scenario {
  return baselineScenarioWith(baselineCalibration(pack), pack);
}

function builtinNames(pack: Pack): string[] {
  return readdirSync(scenariosDir(pack))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

function builtinOverrides(name: string, pack: Pack): ScenarioOverrides {
  const names = builtinNames(pack);
  if (!names.includes(name)) {
    const suggestion = didYouMean(name, names);
    const hint = suggestion ? ` — ${suggestion}` : '';
    throw new InputError({ field: 'scenario', value: JSON.stringify(name), allowed: `a built-in scenario of the ${pack.name} pack (${names.join(', ')}) or a .yaml/.json file${hint}` });
  }
  const file = join(scenariosDir(pack), `${name}.yaml`);
  return parseOverrides(parseScenarioText(readFileSync(file), file), file);
}

/**
 * A scenario may set only parameters of the stages its pack runs: a setting of another stage would
 * be read by nothing, so the run would not say what the file says.
 */
function checkStagesRun(over: ScenarioOverrides, origin: string, pack: Pack): void {
  const runs = pack.manifest.stages;
  for (const key of Object.keys(over)) {
    if ((STAGES as readonly string[]).includes(key) && !(runs as readonly string[]).includes(key)) {
      throw new InputError(
        { field: key, value: 'set', allowed: `parameters of the stages the ${pack.name} pack runs (${runs.join(', ')}); ${key} is not one of them, so nothing would read them` },
        origin,
      );
    }
  }
}

/** Resolve overrides against their parents, guarding against cycles. */
export function resolveOverrides(over: ScenarioOverrides, origin: string, seen: string[] = [], pack: Pack = loadPack()): Scenario {
  checkStagesRun(over, origin, pack);
  if (seen.includes(over.name)) {
    throw new InputError({ field: 'extends', value: JSON.stringify(over.extends), allowed: `a scenario that does not extend itself (cycle: ${[...seen, over.name].join(' → ')})` }, origin);
  }
  const base = over.extends ? resolveOverrides(builtinOverrides(over.extends, pack), over.extends, [...seen, over.name], pack) : baselineScenario(pack);
  return applyOverrides(base, over, origin);
}

export function listBuiltinScenarios(pack: Pack = loadPack()): { name: string; title: string; summary: string }[] {
  return builtinNames(pack).map((name) => {
    const s = resolveOverrides(builtinOverrides(name, pack), name, [], pack);
    const summary = s.description.split(/(?<=\.)\s/)[0] ?? '';
    return { name, title: s.title, summary };
  });
}

const looksLikeFile = (arg: string) => /\.(ya?ml|json)$/i.test(arg) || arg.includes('/') || arg.includes('\\');

/** A built-in scenario of the pack by name, or a scenario file by path (resolved against the pack). */
export function loadScenario(nameOrFile: string, overrides: { horizonMonths?: number } = {}, pack: Pack = loadPack()): Scenario {
  let scenario: Scenario;
  if (looksLikeFile(nameOrFile) || (existsSync(nameOrFile) && !builtinNames(pack).includes(nameOrFile))) {
    scenario = validateScenarioFile(nameOrFile, pack);
  } else {
    scenario = resolveOverrides(builtinOverrides(nameOrFile, pack), nameOrFile, [], pack);
  }
  if (overrides.horizonMonths !== undefined) {
    scenario = { ...scenario, horizonMonths: overrides.horizonMonths };
    checkScenario(scenario, '--months');
  }
  return scenario;
}

/** Read, check and resolve a scenario file. */
export function validateScenarioFile(path: string, pack: Pack = loadPack()): Scenario {
  return resolveOverrides(parseOverrides(readScenarioFile(path), path), path, [], pack);
}

/** A resolved scenario as commented YAML: every parameter with its unit, range and source. */
export function showScenario(name: string, pack: Pack = loadPack()): string {
  const c = baselineCalibration(pack);
  const note = c
    ? `# Calibrated on data ${c.data.version} (${c.data.files.join(', ')}), ${c.window.from} to ${c.window.to}, loss ${c.loss.end.toFixed(4)}:\n` +
      c.baseline.map((e) => `#   ${e.path} = ${Number(e.value.toPrecision(4))} (${e.name})\n`).join('') +
      `# unless the scenario sets them itself (packs/${pack.name}/data/calibration.json; asylum-sim calibrate).\n`
    : `# Not calibrated: no packs/${pack.name}/data/calibration.json (asylum-sim calibrate${pack.name === DEFAULT_PACK ? '' : ` --pack ${pack.name}`} writes it from the pack's calibration.yaml and data).\n`;
  return note + describeScenario(loadScenario(name, {}, pack), pack.parameters);
}
