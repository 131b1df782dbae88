/**
 * The uncertain parameters of a scenario as a sensitivity analysis sees them: every declared
 * number or schedule that is not `fixed` (src/model/declarations.ts) and has a plausible range in
 * the scenario's pack (`country.ranges`), with that range. A number
 * varies over its range; a schedule varies by one multiplier of its whole path over its range,
 * as under parametric uncertainty (model/uncertainty.ts). A number the scenario sets outside its
 * plausible range is a deliberate choice (a lever) and is left out, again as there.
 *
 * Pure: no Node imports.
 */
import { PARAMETERS } from '../model/parameters.js';
import { leaves, type ParamTree, type SchedulePoint, type Unit } from '../model/declarations.js';
import type { Scenario } from '../model/schema.js';
import { keepSharesFeasible } from '../model/uncertainty.js';

export interface UncertainParameter {
  /** Dotted path in the scenario, e.g. `decisions.productivity`. */
  readonly path: string;
  readonly label: string;
  readonly unit: Unit;
  /** `value`: the number itself varies; `multiplier`: the whole schedule is scaled. */
  readonly varies: 'value' | 'multiplier';
  /** The scenario's own setting: its value, or multiplier 1. */
  readonly base: number;
  /** Plausible range of the value or multiplier. */
  readonly low: number;
  readonly high: number;
}

const LEAVES = leaves(PARAMETERS as unknown as ParamTree);

function getIn(obj: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}

/** The scenario's uncertain parameters, in declaration order. */
export function uncertainParameters(scenario: Scenario): UncertainParameter[] {
  const out: UncertainParameter[] = [];
  for (const { path, def } of LEAVES) {
    const range = scenario.country.ranges[path];
    if (def.kind === 'choice' || def.fixed || !range) continue;
    const [low, high] = range;
    if (def.kind === 'number') {
      const value = getIn(scenario, path.split('.')) as number;
      if (value < low || value > high) continue;
      out.push({ path, label: def.label, unit: def.unit, varies: 'value', base: value, low, high });
    } else {
      out.push({ path, label: def.label, unit: def.unit, varies: 'multiplier', base: 1, low, high });
    }
  }
  return out;
}

/**
 * The scenario with parameters set: `values[i]` is parameter i's value or multiplier. Values
 * are clamped to the declared bounds, integers rounded, and outcome shares kept feasible.
 */
export function withParameters(scenario: Scenario, parameters: readonly UncertainParameter[], values: ArrayLike<number>): Scenario {
  const out = structuredClone(scenario) as unknown as Record<string, unknown>;
  parameters.forEach((p, i) => {
    const keys = p.path.split('.');
    const def = LEAVES.find((l) => l.path === p.path)?.def;
    if (!def || def.kind === 'choice') throw new Error(`${p.path} is not a number or schedule parameter`);
    const parent = getIn(out, keys.slice(0, -1)) as Record<string, unknown>;
    const key = keys[keys.length - 1] as string;
    const clamp = (x: number) => Math.min(def.max, Math.max(def.min, x));
    const x = values[i] as number;
    if (p.varies === 'value') {
      const v = clamp(x);
      parent[key] = def.kind === 'number' && def.integer ? Math.round(v) : v;
    } else {
      parent[key] = (parent[key] as SchedulePoint[]).map((pt) => ({ date: pt.date, value: clamp(pt.value * x) }));
    }
  });
  keepSharesFeasible(out);
  return out as unknown as Scenario;
}
