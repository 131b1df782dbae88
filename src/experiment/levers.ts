/**
 * Levers the optimiser may pull — the parameters declared with lever metadata, each with what one
 * unit costs per month (from its declaration: a cost parameter and a rate). A lever's setting is an
 * increment added to every point of the scenario's schedule (more staff, more determinations,
 * more returns, more places — from the start date, on top of what the scenario already plans),
 * clamped to the parameter's declared maximum. The unit costs are the scenario's own cost
 * parameters (src/model/costs.ts), so their sources carry over; the cost of a plan is
 * Σ increment × unit cost per month × months up to the target.
 *
 * Pure: no Node imports.
 */
import { InputError, showValue } from '../model/errors.js';
import { PARAMETERS } from '../model/parameters.js';
import { leaves, type ParamTree, type SchedulePoint } from '../model/declarations.js';
import type { Scenario } from '../model/schema.js';

export interface Lever {
  readonly path: string;
  readonly label: string;
  /** What one unit of the increment is. */
  readonly unit: string;
  /** The cost parameter that prices it (a path of the costs stage). */
  readonly costParameter: string;
  /** Money per unit of increment per month, from the scenario's cost parameters. */
  readonly costPerUnitMonth: (s: Scenario) => number;
}

const DAYS_PER_MONTH = 365.25 / 12;

/** A unit cost per year, month or night, per month. */
function perMonth(cost: number, per: 'year' | 'month' | 'night'): number {
  return per === 'year' ? cost / 12 : per === 'night' ? cost * DAYS_PER_MONTH : cost;
}

/** A leaf of the scenario by its dotted path. */
function valueAt(s: Scenario, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s);
}

/**
 * Every parameter declared with lever metadata (src/model/declarations.ts, LeverMeta), in the
 * optimiser's order: the seed plan's (decision-makers, tribunal, returns, accommodation).
 */
const LEVER_ORDER = ['decisions', 'appeals', 'returns', 'accommodation'];
export const LEVERS: readonly Lever[] = leaves(PARAMETERS as unknown as ParamTree)
  .flatMap(({ path, def }) => (def.kind === 'schedule' && def.lever ? [{ path, def, lever: def.lever }] : []))
  .sort((a, b) => LEVER_ORDER.indexOf(a.path.split('.')[0] ?? '') - LEVER_ORDER.indexOf(b.path.split('.')[0] ?? ''))
  .map(({ path, def, lever }) => ({
    path,
    label: lever.label,
    unit: def.unit,
    costParameter: lever.cost.parameter,
    costPerUnitMonth: (s: Scenario) => perMonth(valueAt(s, lever.cost.parameter) as number, lever.cost.per),
  }));

const DEFS = new Map(leaves(PARAMETERS as unknown as ParamTree).map((l) => [l.path, l.def]));

const stageOf = (path: string) => path.slice(0, path.indexOf('.'));

/**
 * The levers a pack that runs `stages` can pull: the lever's own stage moves it and the costs
 * stage prices it, so both must run (a pack without costs has none).
 */
export function leversOf(stages: readonly string[]): Lever[] {
  return LEVERS.filter((l) => stages.includes(stageOf(l.path)) && stages.includes(stageOf(l.costParameter)));
}

/**
 * The levers named in `--levers a,b,c`, of those `available` (every lever unless a pack's
 * stages say otherwise); InputError for an unknown, unavailable or repeated name.
 */
export function parseLevers(text: string, available: readonly Lever[] = LEVERS): Lever[] {
  const names = text.split(',').map((n) => n.trim()).filter(Boolean);
  const allowed = available.length
    ? `a comma-separated list of ${available.map((l) => l.path).join(', ')}`
    : 'no lever: the pack does not run a stage a lever moves together with the costs stage that prices it';
  if (names.length === 0) throw new InputError({ field: '--levers', value: showValue(text), allowed });
  return names.map((name, i) => {
    const lever = available.find((l) => l.path === name);
    if (!lever || names.indexOf(name) !== i) throw new InputError({ field: '--levers', value: showValue(name), allowed });
    return lever;
  });
}

function schedule(s: Scenario, path: string): readonly SchedulePoint[] {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as readonly SchedulePoint[];
}

/** The schedule's value at the start: the base a lever's step is sized from. */
export function leverBase(s: Scenario, lever: Lever): number {
  return schedule(s, lever.path)[0]?.value ?? 0;
}

/** The scenario with `increments[i]` added to lever i's schedule. */
export function applyLevers(s: Scenario, levers: readonly Lever[], increments: readonly number[]): Scenario {
  const out = structuredClone(s) as unknown as Record<string, Record<string, unknown>>;
  levers.forEach((lever, i) => {
    const [group, key] = lever.path.split('.') as [string, string];
    const def = DEFS.get(lever.path);
    const max = def && def.kind !== 'choice' ? def.max : Number.POSITIVE_INFINITY;
    const points = out[group]![key] as SchedulePoint[];
    out[group]![key] = points.map((p) => ({ date: p.date, value: Math.min(max, p.value + (increments[i] as number)) }));
  });
  return out as unknown as Scenario;
}

/** Cost of a plan over `months`, in the pack's currency. */
export function planCost(s: Scenario, levers: readonly Lever[], increments: readonly number[], months: number): number {
  return levers.reduce((sum, lever, i) => sum + (increments[i] as number) * lever.costPerUnitMonth(s) * months, 0);
}

/** A round step near 10% of the base level: 1, 2 or 5 × a power of ten (at least 1). */
export function niceStep(base: number): number {
  const raw = Math.max(1, base * 0.1);
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}
