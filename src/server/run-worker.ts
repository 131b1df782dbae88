/**
 * The worker-thread side of the server's runner (runner.ts): one thread per run, so a long run
 * never blocks the HTTP thread and a run past its time limit is ended by terminating its thread
 * (which ends the pool it may have started for its replications).
 * It receives a resolved scenario and run settings by structured clone, posts progress and partial
 * summaries, and posts back the summary JSON exactly as the CLI's `--json` prints it (or, for a
 * comparison, the comparison JSON of `asylum-sim compare --json`).
 *
 * The pool's threads are started before this thread loads the model (run-execute.ts, imported
 * afterwards), so both load it at the same time rather than one after the other: that is most of
 * the wait before a run's first replication. This thread runs replications too (progressive.ts),
 * so a run on N threads starts N − 1 more.
 *
 * Worker threads load JavaScript only, so this file always runs from the compiled `dist/` copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Tinypool from 'tinypool';
import type { RunTask, WorkerMessage } from './run-task.js';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

const task = workerData as RunTask;
// Comparisons run in this thread alone; a run's replications spread over `threads` threads.
const extraThreads = task.compareWith ? 0 : Math.min(task.threads, task.replications) - 1;
// The simulation pool's worker (src/experiment/worker.ts, as experiment/pool.ts points at it);
// not through pool.ts, which would load the model into this thread first.
const pool =
  extraThreads > 0
    ? new Tinypool({ filename: new URL('../experiment/worker.js', import.meta.url).href, minThreads: extraThreads, maxThreads: extraThreads, isolateWorkers: false })
    : undefined;

try {
  const { execute } = await import('./run-execute.js');
  post({ type: 'done', json: await execute(task, pool, post) });
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? e.message.split('\n')[0] : String(e) });
} finally {
  await pool?.destroy();
}
