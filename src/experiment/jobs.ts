/**
 * A simulation job and a Simulator that runs jobs, in this thread or on a worker pool, plus
 * `runJobs`, which keeps a bounded number of jobs in flight and hands each result back with its
 * job index. Callers store results by index, never by arrival order, so what they compute does
 * not depend on how many workers there are or which one finishes first.
 *
 * Pure: no Node imports (pool.ts holds the worker-thread Simulator).
 */
import type { RunResult } from '../model/result.js';
import type { Scenario } from '../model/schema.js';
import type { Uncertainty } from '../model/uncertainty.js';
import type { SimulateFn } from './replicate.js';

/** One replication of one resolved scenario; structured-cloneable. */
export interface SimulationJob<S = Scenario> {
  readonly scenario: S;
  readonly seed: number;
  readonly replication: number;
  readonly uncertainty: Uncertainty;
}

export interface Simulator<S = Scenario> {
  /** Threads doing the work (1 = this thread). */
  readonly workers: number;
  run(job: SimulationJob<S>): Promise<RunResult>;
  /** Release the threads; idempotent. */
  close(): Promise<void>;
}

/** Runs each job synchronously in this thread (`--workers 1`, tests with fake models). */
export function inProcessSimulator<S>(simulate: SimulateFn<S>): Simulator<S> {
  return {
    workers: 1,
    run: (job) => {
      try {
        return Promise.resolve(simulate(job.scenario, job));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Run jobs 0..count-1 (built on demand by `job(i)`, so a thousand scenarios are never cloned at
 * once), at most `2 × workers` in flight, calling `onResult(i, result)` as each finishes.
 * Rejects with the first failure after the jobs in flight have settled.
 */
export async function runJobs<S>(
  simulator: Simulator<S>,
  count: number,
  job: (index: number) => SimulationJob<S>,
  onResult: (index: number, result: RunResult) => void,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (next < count && failure === undefined) {
      const i = next++;
      try {
        onResult(i, await simulator.run(job(i)));
      } catch (e) {
        failure ??= e;
      }
    }
  };
  const lanes = Math.max(1, Math.min(count, simulator.workers * 2));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure !== undefined) throw failure;
}
