/**
 * The client's book of one distributed run: its batch jobs, which of their tasks still wait for a
 * result, and the one pipeline per poll that reads every open job's state and then its results.
 * State comes before results in the pipeline, so a job seen finished has its results visible:
 * workers write results before they finish a job.
 *
 * A job missing from Redis, or finished without all its results, is put back as unqueued and
 * queued again under a new id (`<run>-<batch>-<generation>`), so a stale worker still holding
 * the old job cannot finish the new one; its results, if it writes any, are the same bytes under
 * the same task numbers, and a task's result is taken once.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BatchJob } from './payload.js';

interface Batch {
  readonly data: BatchJob;
  readonly open: Set<number>;
  jobId: string | undefined;
  generation: number;
}

export interface Step {
  /** [task, encoded result] for every task whose result arrived. */
  readonly results: readonly (readonly [number, string])[];
  /** A job that failed for good: the reason, with its replications. */
  readonly failed?: string;
}

export class JobTracker {
  private tasks = 0;
  private batchCount = 0;
  private readonly batches = new Map<number, Batch>();

  constructor(
    private readonly runId: string,
    private readonly jobKey: (jobId: string) => string,
    private readonly resultsKey: string,
  ) {}

  /** Batches with a task still waiting for its result. */
  get open(): number {
    return this.batches.size;
  }

  nextTask(): number {
    return this.tasks++;
  }

  addBatch(data: BatchJob): void {
    this.batches.set(this.batchCount++, { data, open: new Set(data.tasks.map(([t]) => t)), jobId: undefined, generation: 0 });
  }

  /** Queue every batch that has no job in Redis; returns how many had one before (re-queued). */
  async queueUnqueued(queue: Queue<BatchJob>): Promise<number> {
    const todo = [...this.batches].filter(([, b]) => b.jobId === undefined);
    if (todo.length === 0) return 0;
    const ids = todo.map(([n, b]) => `${this.runId}-${n}-${b.generation}`);
    await queue.addBulk(
      todo.map(([, b], i) => ({
        name: 'replications',
        data: b.data,
        opts: { jobId: ids[i], attempts: 1, removeOnComplete: true, removeOnFail: { age: 86_400 } },
      })),
    );
    todo.forEach(([, b], i) => (b.jobId = ids[i]));
    return todo.filter(([, b]) => b.generation > 0).length;
  }

  /** One look at every queued batch: its job's state, then its results. */
  async step(redis: Redis): Promise<Step> {
    const queued = [...this.batches].filter(([, b]) => b.jobId !== undefined);
    if (queued.length === 0) return { results: [] };
    const pipe = redis.pipeline();
    for (const [, b] of queued) {
      pipe.hmget(this.jobKey(b.jobId as string), 'name', 'finishedOn', 'failedReason');
      pipe.hmget(this.resultsKey, ...[...b.open].map(String));
    }
    const replies = (await pipe.exec()) ?? [];
    const results: [number, string][] = [];
    let failed: string | undefined;
    queued.forEach(([n, b], i) => {
      const [stateErr, state] = replies[2 * i] ?? [new Error('no reply')];
      const [resultErr, found] = replies[2 * i + 1] ?? [new Error('no reply')];
      if (stateErr || resultErr) throw stateErr ?? resultErr;
      const [name, finishedOn, failedReason] = state as (string | null)[];
      const tasks = [...b.open];
      (found as (string | null)[]).forEach((text, k) => {
        if (text === null) return;
        results.push([tasks[k], text]);
        b.open.delete(tasks[k]);
      });
      if (b.open.size === 0) {
        this.batches.delete(n);
      } else if (name === null || (finishedOn !== null && failedReason === null)) {
        // Vanished (Redis lost it) or finished without every result: queue it again.
        b.jobId = undefined;
        b.generation += 1;
      } else if (finishedOn !== null && failedReason !== null) {
        const reps = b.data.tasks.map(([, r]) => r);
        failed ??= `replication${reps.length > 1 ? 's' : ''} ${reps.join(', ')} failed on a worker: ${failedReason}`;
      }
    });
    return { results, failed };
  }

  /** Remove every queued job that no worker holds (a held job stops at the run's cancel flag). */
  async removeQueued(queue: Queue<BatchJob>): Promise<void> {
    for (const b of this.batches.values()) {
      if (b.jobId !== undefined) await queue.remove(b.jobId).catch(() => 0);
    }
  }
}
