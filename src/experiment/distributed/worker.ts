/**
 * The worker side of the queue: a BullMQ Worker that takes batch jobs and runs their
 * replications on a pool of this machine's threads (pool.ts), writing each result into the run's
 * results hash as soon as it is done (so the client's progress bar moves per replication, and a
 * job retried after its worker died redoes only what is missing).
 *
 * A job is refused for good (UnrecoverableError: it fails once, not again and again) when its
 * data is not a batch job, when it was queued by another version of the program (its model or
 * calibration data may differ, and results would not be the bytes a local run gives), when its
 * scenario fails the checks a scenario file gets, or when the model fails on it — the model is
 * deterministic, so another try would fail the same way. A worker that dies (SIGKILL, lost
 * machine) stops renewing its job's lock; after `lockMs` another worker's stalled-job check puts
 * the job back on the queue.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { InputError } from '../../model/errors.js';
import type { Scenario } from '../../model/schema.js';
import type { Simulator } from '../jobs.js';
import { QUEUE_NAME, liveOptions, runKeys, type RedisTarget } from './connection.js';
import { encodeResult, parseBatchJob, parseJobScenario, type BatchJob, type ScenarioTextParser } from './payload.js';

export interface QueueWorkerOptions {
  readonly target: RedisTarget;
  /** This program's package, model and calibration-data version. */
  readonly version: string;
  /** Jobs taken at once; the pool should have as many threads. */
  readonly concurrency: number;
  /** Threads that run the replications. */
  readonly simulator: Simulator<Scenario>;
  /** The baseline scenario, whose shape a job's complete scenario fills. */
  readonly base: Scenario;
  /** The strict scenario-document parser every job's scenario is read with (the files' one). */
  readonly parseText: ScenarioTextParser;
  /** Milliseconds a job's lock lasts without renewal: a dead worker's jobs return after about this (default 30,000). */
  readonly lockMs?: number;
  /** One line per job taken, done or refused. */
  readonly log?: (line: string) => void;
}

export interface QueueWorker {
  /** Finish the jobs in hand, then stop; `force` stops at once (their jobs return to the queue). */
  close(force?: boolean): Promise<void>;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { target, version, simulator, base } = options;
  const log = options.log ?? (() => {});
  const lockMs = options.lockMs ?? 30_000;
  const redis = new Redis(liveOptions(target, false));
  redis.on('error', () => {});

  const refuse = (job: Job, why: string): UnrecoverableError => {
    log(`refused job ${job.id}: ${why}`);
    return new UnrecoverableError(why);
  };

  const check = (job: Job): { data: BatchJob; scenario: Scenario } => {
    let data: BatchJob;
    try {
      data = parseBatchJob(job.data);
    } catch (e) {
      throw refuse(job, firstLine(e));
    }
    if (data.version !== version) {
      throw refuse(job, `this worker runs asylum-sim ${version} but the job was queued by ${data.version}: run workers of the same version as the CLI or server`);
    }
    try {
      return { data, scenario: parseJobScenario(data.scenario, base, options.parseText) };
    } catch (e) {
      throw refuse(job, e instanceof InputError ? e.message : `job.scenario: ${firstLine(e)}`);
    }
  };

  const process = async (job: Job): Promise<number> => {
    const { data, scenario } = check(job);
    const keys = runKeys(data.runId);
    const done = await redis.hmget(keys.results, ...data.tasks.map(([t]) => String(t)));
    let ran = 0;
    log(`job ${job.id}: ${scenario.name}, replications ${data.tasks.map(([, r]) => r).join(', ')}`);
    for (let i = 0; i < data.tasks.length; i++) {
      if (done[i] !== null) continue;
      if ((await redis.exists(keys.cancelled)) === 1) throw refuse(job, 'the run was cancelled');
      const [task, replication] = data.tasks[i];
      let text: string;
      try {
        text = encodeResult(await simulator.run({ scenario, seed: data.seed, replication, uncertainty: data.uncertainty }));
      } catch (e) {
        throw refuse(job, `replication ${replication}: ${firstLine(e)}`);
      }
      await redis.multi().hset(keys.results, String(task), text).expire(keys.results, 7 * 86_400).exec();
      ran += 1;
      await job.updateProgress(i + 1);
    }
    return ran;
  };

  const worker = new Worker(QUEUE_NAME, process, {
    connection: liveOptions(target, true),
    concurrency: options.concurrency,
    lockDuration: lockMs,
    stalledInterval: Math.max(1_000, Math.round(lockMs / 2)),
    maxStalledCount: 5,
  });
  worker.on('error', (e) => log(`queue: ${firstLine(e)}`));
  worker.on('stalled', (id) => log(`job ${id} stalled (its worker stopped); it goes back to the queue`));
  await worker.waitUntilReady();

  let closed = false;
  return {
    async close(force = false) {
      if (closed) return;
      closed = true;
      // Wait for the jobs in hand only while Redis answers: with Redis gone they cannot finish.
      const reachable = redis.status === 'ready';
      const stopping = worker.close(force || !reachable).catch(() => undefined);
      await (reachable && !force ? stopping : Promise.race([stopping, delay(2_000)]));
      await Promise.race([worker.disconnect().catch(() => undefined), delay(1_000)]);
      redis.disconnect();
    },
  };
}
