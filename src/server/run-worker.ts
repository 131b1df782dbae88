/**
 * The worker-thread side of the server's runner (runner.ts): one thread per run, so a long run
 * never blocks the HTTP thread and a run past its time limit is ended by terminating its thread
 * (which ends the pool it may have started for its replications).
 * It receives a resolved scenario and run settings by structured clone, posts progress, and
 * posts back the summary JSON exactly as the CLI's `--json` prints it (or, for a comparison,
 * the comparison JSON of `asylum-sim compare --json`).
 *
 * Worker threads load JavaScript only, so this file always runs from the compiled `dist/` copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compareWith, comparisonToJson } from '../experiment/compare.js';
import { replicateOn } from '../experiment/parallel.js';
import { createSimulator } from '../experiment/pool.js';
import { runReplications } from '../experiment/replicate.js';
import { simulate } from '../model/simulate.js';
import { summaryToJson } from '../experiment/summary.js';
import type { RunTask, WorkerMessage } from './run-task.js';

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
      // At most ~100 messages per run, whatever the replication count.
      if (done === total || done - last >= Math.max(1, Math.floor(total / 100))) {
        last = done;
        post({ type: 'progress', done, total });
      }
    },
  };
  if (task.compareWith) return comparisonToJson(compareWith(simulate, task.scenario, task.compareWith, options));
  const threads = Math.min(task.threads, task.replications);
  if (threads <= 1) return summaryToJson(runReplications(task.scenario, options));
  // The pool's summary is byte-identical to the one-thread summary (replications are keyed by number).
  const simulator = createSimulator(threads, { threads: true });
  try {
    return summaryToJson((await replicateOn(simulator, task.scenario, options)).summary);
  } finally {
    await simulator.close();
  }
}

execute(workerData as RunTask).then(
  (json) => post({ type: 'done', json }),
  (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message.split('\n')[0] : String(e) }),
);
