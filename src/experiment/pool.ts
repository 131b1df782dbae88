/**
 * The worker-thread Simulator: a tinypool of `workers` threads, each running worker.ts on one job
 * at a time. Threads load the compiled worker from `dist/src/experiment/worker.js`:
 * - from the CLI (which runs from dist/) that is the sibling file of this module;
 * - under vitest this module runs from src/*.ts, and worker threads cannot load TypeScript, so it
 *   points at the built copy in dist/ — `npm test` builds first. A missing build is an error that
 *   says so, never a silent fall-back to one thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { RunResult } from '../model/result.js';
import type { Scenario } from '../model/schema.js';
import { simulate } from '../model/simulate.js';
import { inProcessSimulator, type SimulationJob, type Simulator } from './jobs.js';

/** Default `--workers`: every core the machine offers. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** The compiled worker module's URL. */
export function workerUrl(from: string = import.meta.url): URL {
  const here = new URL(from);
  return here.pathname.endsWith('.ts')
    ? new URL('../../dist/src/experiment/worker.js', here)
    : new URL('./worker.js', here);
}

/**
 * A Simulator on `workers` threads of the UK model; 1 runs in this thread unless `threads` forces
 * a pool (tests use a one-thread pool to compare like with like: both sides run the dist/ code).
 */
export function createSimulator(workers: number, options: { threads?: boolean } = {}): Simulator<Scenario> {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
  if (workers === 1 && options.threads !== true) return inProcessSimulator(simulate);
  const url = workerUrl();
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`the compiled worker ${fileURLToPath(url)} is missing: run \`npm run build\` first`);
  }
  const pool = new Tinypool({ filename: url.href, minThreads: workers, maxThreads: workers, isolateWorkers: false });
  let closed = false;
  return {
    workers,
    run: (job: SimulationJob<Scenario>) => pool.run(job) as Promise<RunResult>,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.destroy();
    },
  };
}
