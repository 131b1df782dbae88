/**
 * The parameters as the dashboard's editor needs them: one entry per parameter of the served pack
 * with its group, label, unit (code and words), bounds (the model's declarations), plausible
 * range, default (resolved from the official figures where it refers to them) and source (the
 * pack's parameters.yaml). Generated from both, so a parameter added to the model and the pack
 * appears in the editor without touching the server or the page.
 */
import { PARAMETERS } from '../model/parameters.js';
import { UNITS, leaves, type ParamTree } from '../model/declarations.js';
import type { ParameterInfo } from './parameter-view.js';

export type { ParameterInfo };
import { baselineScenario } from '../scenarios/catalogue.js';
import { loadPack } from '../pack/load.js';
import { provenanceText } from '../pack/parameter-facts.js';


function valueAt(obj: unknown, path: string): unknown {
  let v = obj;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

let cached: ParameterInfo[] | undefined;

/** The editor's group of a parameter, by the pack's dashboard groups; else its top-level name, after them. */
function sectionOf(path: string, groups: readonly { title: string; prefix: string; except?: readonly string[] }[]): ParameterInfo['section'] {
  const order = groups.findIndex((g) => path.startsWith(g.prefix) && !g.except?.some((e) => path.startsWith(e)));
  return order < 0 ? { title: path.split('.')[0], order: groups.length } : { title: groups[order].title, order };
}

/** The parameters of the pack the server serves (the UK's). */
export function parameterInfo(): ParameterInfo[] {
  if (cached) return cached;
  const pack = loadPack();
  const baseline = baselineScenario(pack);
  const groups = pack.manifest.dashboard?.groups ?? [];
  // The pack's parameters: those of the stages it runs (a scenario may set no other).
  cached = leaves(PARAMETERS as unknown as ParamTree).flatMap(({ path, def }): ParameterInfo[] => {
    const facts = pack.parameters.get(path);
    if (!facts) return [];
    const common = { path, group: path.split('.')[0], section: sectionOf(path, groups), kind: def.kind, label: def.label, description: def.description, source: provenanceText(facts.provenance), default: valueAt(baseline, path) };
    const range = facts.range ? { range: facts.range } : {};
    switch (def.kind) {
      case 'number':
        return [{ ...common, unit: def.unit, unitText: UNITS[def.unit], min: def.min, max: def.max, integer: def.integer === true, ...range }];
      case 'schedule':
        return [{ ...common, unit: def.unit, unitText: UNITS[def.unit], min: def.min, max: def.max, ...range, interpolation: def.interpolation, ...(def.lever ? { lever: def.lever } : {}) }];
      case 'choice':
        return [{ ...common, options: def.options }];
    }
  });
  return cached;
}
