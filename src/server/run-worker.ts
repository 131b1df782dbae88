/**
 * The worker-thread side of the server's runner (runner.ts): one thread per run, so a long run
 * never blocks the HTTP thread and a run past its time limit is ended by terminating its thread
 * (which ends the pool it may have started for its replications).
 * It receives a resolved scenario and run settings by structured clone, posts progress (at most
 * ~100 messages per run) and partial summaries (progressive.ts), and posts back the summary JSON
 * exactly as the CLI's `--json` prints it (or, for a comparison, the comparison JSON of
 * `asylum-sim compare --json`). A run on N threads runs replications here and on N − 1 more.
 *
 * Worker threads load JavaScript only, so this file always runs from the compiled `dist/` copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compareOn, compareWith, comparisonToJson } from '../experiment/compare.js';
import type { RedisTarget } from '../experiment/distributed/connection.js';
import { replicateOn } from '../experiment/parallel.js';
import type { ReplicateOptions } from '../experiment/replicate.js';
import type { Simulator } from '../experiment/jobs.js';
import { createSimulator } from '../experiment/pool.js';
import { summaryToJson } from '../experiment/summary.js';
import type { Scenario } from '../model/schema.js';
import { simulate } from '../model/simulate.js';
import { replicateProgressively } from './progressive.js';
import type { RunTask, WorkerMessage } from './run-task.js';

/** Least time between two partial summaries: about how often the dashboard can redraw usefully. */
export const PARTIAL_INTERVAL_MS = 300;

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

async function execute(task: RunTask): Promise<string> {
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
  if (task.redis) return onQueue(task, task.redis, options);
  if (task.compareWith) return comparisonToJson(compareWith(simulate, task.scenario, task.compareWith, options));
  const extraThreads = Math.min(task.threads, task.replications) - 1;
  let pool: Simulator<Scenario> | undefined;
  try {
    const summary = await replicateProgressively(simulate, extraThreads > 0 ? () => (pool = createSimulator(extraThreads, { threads: true })) : undefined, task.scenario, options, {
      intervalMs: PARTIAL_INTERVAL_MS,
      onPartial: (s) => post({ type: 'partial', done: s.replications, total: task.replications, json: summaryToJson(s) }),
    });
    return summaryToJson(summary);
  } finally {
    await pool?.close();
  }
}

/** The run's replications on the Redis queue (serve --redis): progress, no partial summaries. */
async function onQueue(task: RunTask, target: RedisTarget, options: ReplicateOptions): Promise<string> {
  const { connectDistributed } = await import('../experiment/distributed/backend.js');
  const sim = await connectDistributed<Scenario>({ target, version: task.version });
  try {
    if (task.compareWith) return comparisonToJson(await compareOn(sim, task.scenario, task.compareWith, options));
    return summaryToJson((await replicateOn(sim, task.scenario, options)).summary);
  } finally {
    await sim.close();
  }
}

execute(workerData as RunTask).then(
  (json) => post({ type: 'done', json }),
  (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message.split('\n')[0] : String(e) }),
);
