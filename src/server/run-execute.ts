/**
 * What a run's thread does (run-worker.ts loads this after starting its pool): a comparison in
 * this thread, or a run's replications here and on the pool, posting progress (at most ~100
 * messages per run) and partial summaries as they go (progressive.ts).
 */
import type Tinypool from 'tinypool';
import { compareWith, comparisonToJson } from '../experiment/compare.js';
import type { Simulator } from '../experiment/jobs.js';
import { summaryToJson } from '../experiment/summary.js';
import type { RunResult } from '../model/result.js';
import type { Scenario } from '../model/schema.js';
import { simulate } from '../model/simulate.js';
import { replicateProgressively } from './progressive.js';
import type { RunTask, WorkerMessage } from './run-task.js';

/** Least time between two partial summaries: about the dashboard's own refresh. */
export const PARTIAL_INTERVAL_MS = 300;

export async function execute(task: RunTask, pool: Tinypool | undefined, post: (m: WorkerMessage) => void): Promise<string> {
  let last = 0;
  const options = {
    replications: task.replications,
    seed: task.seed,
    uncertainty: task.uncertainty,
    version: task.version,
    onProgress: (done: number, total: number) => {
      if (done === total || done - last >= Math.max(1, Math.floor(total / 100))) {
        last = done;
        post({ type: 'progress', done, total });
      }
    },
  };
  if (task.compareWith) return comparisonToJson(compareWith(simulate, task.scenario, task.compareWith, options));
  const simulator: Simulator<Scenario> | undefined = pool && {
    workers: pool.options.maxThreads ?? 1,
    run: (job) => pool.run(job) as Promise<RunResult>,
    close: () => pool.destroy(),
  };
  const summary = await replicateProgressively(simulate, simulator, task.scenario, options, {
    intervalMs: PARTIAL_INTERVAL_MS,
    onPartial: (s) => post({ type: 'partial', done: s.replications, total: task.replications, json: summaryToJson(s) }),
  });
  return summaryToJson(summary);
}
