/**
 * Parametric uncertainty: once per replication, every uncertain parameter is drawn from a
 * triangular distribution over its plausible range (the pack's, which the scenario carries in
 * `country.ranges`) with the scenario's value as the mode
 * (schedules: one multiplier over the whole path, mode 1). A value a scenario sets outside the
 * plausible range is taken as a deliberate choice and kept fixed.
 *
 * Each parameter's draw is a keyed uniform of (seed, replication, parameter path), inverted in
 * closed form, so two scenarios run with the same seed draw the same quantiles for every
 * parameter — common random numbers extend to parametric uncertainty. Keying by the path (not the
 * position) means a parameter added to the schema leaves every other parameter's draws as they were.
 */
import { keyedBase, keyedUniform } from '../engine/keyed.js';
import { PARAMETERS } from './parameters.js';
import { leaves, type ParamTree, type SchedulePoint } from './declarations.js';
import type { Scenario } from './schema.js';

/** Which uncertainty a set of replications samples. */
export const UNCERTAINTY = ['stochastic', 'parameters', 'both'] as const;
export type Uncertainty = (typeof UNCERTAINTY)[number];

const LEAVES = leaves(PARAMETERS as unknown as ParamTree);
/** FNV-1a hash of a parameter's dotted path: its key among the draws. */
export function pathKey(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Distinguishes parameter draws from the per-case purposes of the stages. */
const PARAMETER_STREAM = 0x5eed;

/** Inverse CDF of the triangular distribution on [lo, hi] with mode `mode`. */
export function triangularQuantile(u: number, lo: number, mode: number, hi: number): number {
  if (hi <= lo) return mode;
  const f = (mode - lo) / (hi - lo);
  return u < f ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
}

function getIn(obj: Record<string, unknown>, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}

function setIn(obj: Record<string, unknown>, path: string[], value: unknown): void {
  const parent = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, obj);
  parent[path[path.length - 1]] = value;
}

/**
 * Shares that must add up to at most 1 are scaled down together when draws overshoot. (The
 * nationality mixes are weights, divided by their sum where they are used: any draw is feasible.)
 */
export function keepSharesFeasible(s: Record<string, unknown>): void {
  const groups: string[][] = [['decisions.withdrawShare', 'decisions.otherOutcomeShare']];
  for (const group of groups) {
    const paths = group.map((p) => p.split('.'));
    const sum = paths.reduce((a, p) => a + (getIn(s, p) as number), 0);
    if (sum > 1) for (const p of paths) setIn(s, p, (getIn(s, p) as number) / sum);
  }
}

/** The scenario with its uncertain parameters drawn for one replication. */
export function sampleParameters(scenario: Scenario, seed: number, replication: number): Scenario {
  const base = keyedBase(seed ^ PARAMETER_STREAM, replication);
  const out = structuredClone(scenario) as unknown as Record<string, unknown>;
  for (const { path, def } of LEAVES) {
    const range = scenario.country.ranges[path];
    if (def.kind === 'choice' || def.fixed || !range) continue;
    const keys = path.split('.');
    const u = keyedUniform(base, pathKey(path), 0);
    if (def.kind === 'number') {
      const v = getIn(out, keys) as number;
      const [lo, hi] = range;
      if (v < lo || v > hi) continue;
      const x = Math.min(def.max, Math.max(def.min, triangularQuantile(u, lo, v, hi)));
      setIn(out, keys, def.integer ? Math.round(x) : x);
    } else {
      const m = triangularQuantile(u, range[0], 1, range[1]);
      const points = getIn(out, keys) as SchedulePoint[];
      setIn(
        out,
        keys,
        points.map((p) => ({ date: p.date, value: Math.min(def.max, Math.max(def.min, p.value * m)) })),
      );
    }
  }
  keepSharesFeasible(out);
  return out as unknown as Scenario;
}
