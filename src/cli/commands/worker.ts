/**
 * `asylum-sim worker --redis URL [--concurrency N]`: a long-running process that takes batch jobs
 * of replications from the Redis queue and runs them on N threads of this machine, until Ctrl-C
 * or SIGTERM (then it finishes the jobs in hand; a second signal stops at once, and those jobs go
 * back to the queue). Start as many as you like, on as many machines: all must run the same
 * version as the CLI or server that queues the work (a job from another version is refused).
 * BullMQ and the model load only once the flags are checked and Redis answered.
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../../model/errors.js';
import { probe, redisFrom, REDIS_ENV } from '../../experiment/distributed/connection.js';
import { parseIntegerInput } from '../../experiment/input.js';
import type { Io } from '../io.js';
import { MAX_WORKERS } from './run.js';

/** Default `--lock-ms`: BullMQ's own default lock, 30 s. */
export const DEFAULT_LOCK_MS = 30_000;

export interface WorkerFlags {
  readonly redis?: string;
  readonly concurrency?: string;
  readonly lockMs?: string;
}

export function workerSettings(flags: WorkerFlags, env: Readonly<Record<string, string | undefined>>) {
  const target = redisFrom(flags.redis, env);
  if (!target) throw new InputError({ field: '--redis', value: 'nothing', allowed: `a Redis URL such as redis://127.0.0.1:6379 (or set ${REDIS_ENV})` });
  return {
    target,
    concurrency: parseIntegerInput('--concurrency', flags.concurrency, { min: 1, max: MAX_WORKERS }, availableParallelism()),
    lockMs: parseIntegerInput('--lock-ms', flags.lockMs, { min: 1_000, max: 3_600_000 }, DEFAULT_LOCK_MS),
  };
}

const stamp = () => new Date().toISOString().slice(11, 19);

export async function workerCommand(io: Io, flags: WorkerFlags): Promise<number> {
  const { target, concurrency, lockMs } = workerSettings(flags, io.env);
  await probe(target);
  const [{ createModelBackend }, { baselineScenario }, { parseScenarioText }, { createSimulator }, { startQueueWorker }] = await Promise.all([
    import('../model-backend.js'),
    import('../../scenarios/catalogue.js'),
    import('../../scenarios/parse.js'),
    import('../../experiment/pool.js'),
    import('../../experiment/distributed/worker.js'),
  ]);
  const { version } = createModelBackend();
  const simulator = createSimulator(concurrency, { threads: true });
  const worker = await startQueueWorker({
    target,
    version,
    concurrency,
    simulator,
    base: baselineScenario(),
    parseText: parseScenarioText,
    lockMs,
    log: (line) => io.out(`${stamp()} ${line}\n`),
  });
  io.out(`asylum-sim worker ${version}: ${concurrency} thread${concurrency > 1 ? 's' : ''} on ${target.display}: ready (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  io.err('asylum-sim worker: finishing the jobs in hand (a second Ctrl-C stops at once)\n');
  const now = () => process.exit(130);
  process.once('SIGINT', now);
  process.once('SIGTERM', now);
  await worker.close();
  await simulator.close();
  return 0;
}
