/**
 * Test helpers that read a model world directly: counts by stage from the case table, and a run
 * that keeps the world so tests can compare the monthly series with the state they summarise.
 */
import { Stage, type StageCode } from '../model/cases.js';
import type { RunResult } from '../model/result.js';
import type { Scenario } from '../model/schema.js';
import { buildWorld, runWorld, type SimulateOptions } from '../model/simulate.js';
import type { World } from '../model/world.js';

export interface StageTotals {
  readonly cases: number;
  readonly people: number;
}

/** Cases and people in each stage, counted row by row from the case table. */
export function stageTotals(w: World): Map<StageCode | 0, StageTotals> {
  const out = new Map<StageCode | 0, { cases: number; people: number }>();
  const { cases } = w;
  for (let id = 0; id < cases.count; id++) {
    const stage = cases.stage[id] as StageCode | 0;
    const t = out.get(stage) ?? { cases: 0, people: 0 };
    t.cases += 1;
    t.people += cases.people[id];
    out.set(stage, t);
  }
  return out;
}

/** Cases and people of the given stages together. */
export function inStages(totals: Map<StageCode | 0, StageTotals>, ...stages: StageCode[]): StageTotals {
  let cases = 0;
  let people = 0;
  for (const s of stages) {
    cases += totals.get(s)?.cases ?? 0;
    people += totals.get(s)?.people ?? 0;
  }
  return { cases, people };
}

/** Run a scenario and keep the world (case table, stations) for inspection. */
export function runKeepingWorld(scenario: Scenario, options: SimulateOptions): { world: World; result: RunResult } {
  const world = buildWorld(scenario, options);
  const result = runWorld(world);
  return { world, result };
}

/** Running total of a monthly flow series. */
export function cumulative(xs: Float64Array): Float64Array {
  const out = new Float64Array(xs.length);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) out[i] = sum += xs[i];
  return out;
}

export const TERMINAL_STAGES: StageCode[] = [Stage.granted, Stage.withdrawn, Stage.returned, Stage.departed, Stage.absconded];

/** The UK's optional stages of a world, which a UK scenario always builds. */
export function ukStages(w: World): { appeals: NonNullable<World['appeals']>; returns: NonNullable<World['returns']>; accommodation: NonNullable<World['accommodation']> } {
  const { appeals, returns, accommodation } = w;
  if (!appeals || !returns || !accommodation) throw new Error('a UK world has appeals, returns and accommodation');
  return { appeals, returns, accommodation };
}
