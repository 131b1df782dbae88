/**
 * The parameter declarations as the dashboard's editor needs them: one entry per parameter with
 * its group, label, unit (code and words), bounds, plausible range, default (resolved from the
 * official figures where it refers to them) and source. Generated from PARAMETERS, so a parameter
 * added to the model appears in the editor without touching the server or the page.
 */
import { PARAMETERS } from '../model/parameters.js';
import { UNITS, leaves, type ParamTree } from '../model/declarations.js';
import type { ParameterInfo } from './parameter-view.js';

export type { ParameterInfo };
import { baselineScenario } from '../scenarios/catalogue.js';
import { loadPack } from '../pack/load.js';


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
  const baseline = baselineScenario();
  const groups = loadPack().manifest.dashboard?.groups ?? [];
  cached = leaves(PARAMETERS as unknown as ParamTree).map(({ path, def }) => {
    const common = { path, group: path.split('.')[0], section: sectionOf(path, groups), kind: def.kind, label: def.label, description: def.description, source: def.source, default: valueAt(baseline, path) };
    switch (def.kind) {
      case 'number':
        return { ...common, unit: def.unit, unitText: UNITS[def.unit], min: def.min, max: def.max, integer: def.integer === true, range: def.range };
      case 'schedule':
        return { ...common, unit: def.unit, unitText: UNITS[def.unit], min: def.min, max: def.max, range: def.range, interpolation: def.interpolation, ...(def.lever ? { lever: def.lever } : {}) };
      case 'choice':
        return { ...common, options: def.options };
    }
  });
  return cached;
}
