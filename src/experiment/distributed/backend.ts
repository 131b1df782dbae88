/**
 * The distributed Simulator: replications go to a BullMQ queue on Redis and come back from
 * `asylum-sim worker` processes on any number of machines. It is a Simulator like the thread
 * pool, so every command that runs replications (run, compare, sensitivity, optimise, serve)
 * gets it from the one place that picks a Simulator, and files results by replication number as
 * before: the same seed gives the same bytes as a local run.
 *
 * How a run goes:
 * - `run(job)` calls made in the same turn of the event loop are grouped by (scenario, seed,
 *   uncertainty) and cut into batch jobs of a few replications; each replication is a numbered
 *   task of this run.
 * - Workers write each replication's result into the run's results hash under its task number
 *   before they finish the job. A task's result is taken once, so a job run twice (a worker
 *   killed mid-job, its job retried elsewhere) cannot count twice: results are idempotent per
 *   (run, task).
 * - Every `pollMs` the client reads the state of its open jobs, then their results, in one
 *   pipeline. A job that failed fails the run with the worker's message; a job that vanished
 *   (Redis restarted without its data) is queued again, so the run resumes; Redis unreachable for
 *   longer than `redisTimeoutMs` fails the run with a message saying so. Nothing waits unbounded.
 * - `cancel()` (Ctrl-C) flags the run cancelled (workers stop between replications), removes its
 *   waiting jobs and fails what is open.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RunResult } from '../../model/result.js';
import type { SimulationJob, Simulator } from '../jobs.js';
import { QUEUE_NAME, liveOptions, probe, runKeys, type RedisTarget } from './connection.js';
import { MAX_BATCH, decodeResult, type BatchJob } from './payload.js';
import { JobTracker } from './tracker.js';

export interface DistributedOptions {
  readonly target: RedisTarget;
  /** Package, model and calibration-data version; workers of another version refuse the jobs. */
  readonly version: string;
  /** Most replications in one job (default: about 1% of a group's replications, 1 to 10). */
  readonly batchSize?: number;
  /** Replications in flight at once (default 256): enough for a fleet of ~100 worker threads; each open job is polled. */
  readonly window?: number;
  /** Milliseconds between two looks at the run's jobs and results (default 250). */
  readonly pollMs?: number;
  /** Milliseconds Redis may stay unreachable before the run fails (default 30,000). */
  readonly redisTimeoutMs?: number;
  /** Told when jobs that vanished from Redis are queued again. */
  readonly onRequeue?: (jobs: number) => void;
}

export interface DistributedSimulator<S> extends Simulator<S> {
  readonly runId: string;
  /** Stop the run: workers drop its jobs, waiting jobs are removed, open replications fail. */
  cancel(): Promise<void>;
}

export class RunCancelled extends Error {
  constructor() {
    super('the run was cancelled');
    this.name = 'RunCancelled';
  }
}

interface Pending<S> {
  readonly job: SimulationJob<S>;
  readonly resolve: (r: RunResult) => void;
  readonly reject: (e: unknown) => void;
}

/** Connect (an unreachable or refusing server is an InputError) and return the Simulator. */
export async function connectDistributed<S>(options: DistributedOptions): Promise<DistributedSimulator<S>> {
  await probe(options.target);
  const runId = randomUUID();
  const keys = runKeys(runId);
  const redis = new Redis(liveOptions(options.target, false));
  let lastError = '';
  redis.on('error', (e: Error) => (lastError = e.message)); // failures surface through the poll loop
  const queue = new Queue<BatchJob>(QUEUE_NAME, { connection: liveOptions(options.target, false) });
  queue.on('error', () => {});
  const tracker = new JobTracker(runId, (id) => queue.toKey(id), keys.results);
  const pollMs = options.pollMs ?? 250;
  const timeoutMs = options.redisTimeoutMs ?? 30_000;
  const window = options.window ?? 256;

  let failure: unknown;
  let pending: Pending<S>[] = [];
  let flushScheduled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let polling = false;
  let lastOk = Date.now();
  const waiters = new Map<number, Pending<S>>();

  const fail = (e: unknown) => {
    failure ??= e;
    for (const p of [...pending, ...waiters.values()]) p.reject(failure);
    pending = [];
    waiters.clear();
  };

  const flush = () => {
    flushScheduled = false;
    const groups = new Map<string, Pending<S>[]>();
    for (const p of pending) {
      const key = `${p.job.seed}\u0000${p.job.uncertainty}\u0000${JSON.stringify(p.job.scenario)}`;
      const g = groups.get(key);
      if (g) g.push(p);
      else groups.set(key, [p]);
    }
    pending = [];
    for (const group of groups.values()) {
      const size = Math.min(MAX_BATCH, options.batchSize ?? Math.min(10, Math.max(1, Math.ceil(group.length / 100))));
      const { seed, uncertainty, scenario } = group[0].job;
      const text = JSON.stringify(scenario);
      for (let i = 0; i < group.length; i += size) {
        const chunk = group.slice(i, i + size);
        const tasks = chunk.map((p) => {
          const task = tracker.nextTask();
          waiters.set(task, p);
          return [task, p.job.replication] as [number, number];
        });
        tracker.addBatch({ runId, version: options.version, scenario: text, seed, uncertainty, tasks });
      }
    }
    schedulePoll(0);
  };

  const schedulePoll = (delay: number) => {
    if (timer === undefined && !polling && failure === undefined && tracker.open > 0) timer = setTimeout(poll, delay);
  };

  const poll = async () => {
    timer = undefined;
    polling = true;
    try {
      const requeued = await tracker.queueUnqueued(queue);
      if (requeued > 0) options.onRequeue?.(requeued);
      const step = await tracker.step(redis);
      lastOk = Date.now();
      for (const [task, text] of step.results) {
        const p = waiters.get(task);
        if (!p) continue;
        waiters.delete(task);
        try {
          p.resolve(decodeResult(text));
        } catch (e) {
          p.reject(e);
        }
      }
      if (step.failed !== undefined) fail(new Error(step.failed));
    } catch (e) {
      const away = Date.now() - lastOk;
      if (away > timeoutMs) {
        const why = lastError || (e instanceof Error ? e.message.split('\n')[0] : String(e));
        fail(new Error(`lost Redis at ${options.target.display} for ${Math.round(away / 1000)} s (${why}); the run stopped`));
      }
    } finally {
      polling = false;
    }
    schedulePoll(pollMs);
  };

  let closed = false;
  const cancel = async () => {
    if (failure === undefined) fail(new RunCancelled());
    await bounded(redis.set(keys.cancelled, '1', 'EX', 86_400));
    await bounded(tracker.removeQueued(queue));
  };

  return {
    runId,
    workers: Math.max(1, Math.floor(window / 2)),
    run(job) {
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<RunResult>((resolve, reject) => {
        pending.push({ job, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },
    cancel,
    async close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      // Tidy up in Redis only while it answers: a run that lost Redis must not wait on it again.
      if (redis.status === 'ready') {
        if (tracker.open > 0 || pending.length > 0) await cancel();
        await bounded(redis.del(keys.results));
        await bounded(queue.close());
      } else if (failure === undefined) {
        fail(new RunCancelled());
      }
      redis.disconnect();
      await bounded(queue.disconnect());
    },
  };
}

/** Wait for a clean-up step at most a second, and never fail on it: closing must not hang. */
async function bounded(p: Promise<unknown>): Promise<void> {
  let t: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((resolve) => (t = setTimeout(resolve, 1_000)))]);
  clearTimeout(t);
}
