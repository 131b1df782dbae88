/**
 * Where a run failed, as a RunError: the stage whose event was being handled, the case (the
 * event's entity when the event is about a case) and the simulated date. Built once, on the way
 * out of a failed run, from the event the engine records (Simulation.failedEvent): nothing is
 * tracked per event. A failure outside the event loop (setting up, summing up) is `set-up` or
 * `results`, on the first or the last day.
 */
import { epochDay, isoFromEpochDay } from './dates.js';
import { InputError, RunError } from './errors.js';
import { kindName, type KindName } from './events.js';
import type { World } from './world.js';

/**
 * The stage each event kind belongs to, and whether its entity is a case (else a day or month).
 * Keyed by kind name, so a kind added to events.ts without an entry here does not compile.
 */
const STAGES: { readonly [K in KindName]: { readonly stage: string; readonly isCase: boolean } } = {
  day: { stage: 'day start (arrivals, accommodation, EU deal, safe routes)', isCase: false },
  monthEnd: { stage: 'month end (observation, support)', isCase: false },
  decisionDone: { stage: 'decisions', isCase: true },
  appealDone: { stage: 'appeals', isCase: true },
  appealLodged: { stage: 'appeals (lodged)', isCase: true },
  returnDone: { stage: 'returns', isCase: true },
  departure: { stage: 'returns (departure)', isCase: true },
  euReturn: { stage: 'EU deal (return)', isCase: true },
  thirdCountryDone: { stage: 'returns (third country)', isCase: true },
};

function where(w: World): { stage: string; caseId: number; day: number } {
  const event = w.sim.failedEvent;
  if (!event) return w.sim.now > 0 ? { stage: 'results', caseId: -1, day: w.sim.now } : { stage: 'set-up', caseId: -1, day: 0 };
  if (event.kind < 0) return { stage: 'capacity schedule', caseId: -1, day: event.time };
  const name = kindName(event.kind);
  const known = name === undefined ? undefined : STAGES[name];
  return { stage: known?.stage ?? `event kind ${event.kind}`, caseId: known?.isCase ? event.entity : -1, day: event.time };
}

/** `cause`, thrown while running world `w`, as a RunError saying where; input errors and RunErrors pass unchanged. */
export function runErrorOf(w: World, cause: unknown): unknown {
  if (cause instanceof RunError || cause instanceof InputError) return cause;
  const { stage, caseId, day } = where(w);
  const date = isoFromEpochDay(epochDay(w.horizon.start) + day);
  const message = cause instanceof Error ? cause.message : String(cause);
  return new RunError(stage, caseId, day, date, message, { cause });
}
