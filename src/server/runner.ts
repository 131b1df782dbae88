/**
 * Runs off the request thread. Each run gets its own worker thread (run-worker.ts); at most
 * `concurrency` run at once and the rest wait in order, so a burst of requests cannot take every
 * core. A run still going after `timeoutMs` has its thread terminated and fails with RunTimeout.
 *
 * Threads load the compiled worker from dist/: from the CLI (which runs from dist/) that is the
 * sibling file; under vitest this module runs from src/*.ts, so it points at the built copy
 * (`npm test` builds first). A missing build is an error that says so.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunTask, WorkerMessage } from './run-task.js';

export class RunTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the run took longer than the server's limit of ${Math.round(timeoutMs / 1000)} s; ask for fewer replications or a shorter horizon`);
    this.name = 'RunTimeout';
  }
}

/** Every run slot and every waiting place is taken: the request is refused (HTTP 429), not queued. */
export class QueueFull extends Error {
  constructor(
    readonly running: number,
    readonly waiting: number,
    /** Seconds after which a retry has a fair chance. */
    readonly retryAfterSeconds: number,
  ) {
    super(`the server is busy: ${running} run${running === 1 ? '' : 's'} going and ${waiting} waiting, the most it queues; try again in ${retryAfterSeconds} s`);
    this.name = 'QueueFull';
  }
}

export class RunFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailed';
  }
}

export function runWorkerUrl(from: string = import.meta.url): URL {
  const here = new URL(from);
  return here.pathname.endsWith('.ts') ? new URL('../../dist/src/server/run-worker.js', here) : new URL('./run-worker.js', here);
}

export interface RunnerOptions {
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** Most runs waiting for a slot (default: unbounded); past it `run` throws QueueFull. */
  readonly maxWaiting?: number;
}

/** Retry-After when the queue is full: about one short run's time. */
export const RETRY_AFTER_SECONDS = 10;

export class Runner {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly workers = new Set<Worker>();
  private readonly url: URL;

  constructor(readonly options: RunnerOptions) {
    this.url = runWorkerUrl();
    if (!existsSync(fileURLToPath(this.url))) {
      throw new Error(`the compiled run worker ${fileURLToPath(this.url)} is missing: run \`npm run build\` first`);
    }
  }

  /** Whether a new run would find neither a slot nor a waiting place. */
  get full(): boolean {
    return this.active >= this.options.concurrency && this.waiting.length >= (this.options.maxWaiting ?? Number.POSITIVE_INFINITY);
  }

  /** Refuse a new run at once when the queue is full (before anything about it is set up). */
  admit(): void {
    if (this.full) throw new QueueFull(this.active, this.waiting.length, RETRY_AFTER_SECONDS);
  }

  /** Run a task; resolves with the summary JSON text. */
  async run(task: RunTask, onProgress?: (done: number, total: number) => void, onPartial?: (done: number, json: string) => void): Promise<string> {
    if (this.active >= this.options.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await this.inThread(task, onProgress, onPartial);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private inThread(task: RunTask, onProgress?: (done: number, total: number) => void, onPartial?: (done: number, json: string) => void): Promise<string> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.url, { workerData: task });
      this.workers.add(worker);
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.workers.delete(worker);
        void worker.terminate();
        f();
      };
      const timer = setTimeout(() => finish(() => reject(new RunTimeout(this.options.timeoutMs))), this.options.timeoutMs);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') onProgress?.(m.done, m.total);
        else if (m.type === 'partial') onPartial?.(m.done, m.json);
        else if (m.type === 'done') finish(() => resolve(m.json));
        else finish(() => reject(new RunFailed(m.message)));
      });
      worker.on('error', (e) => finish(() => reject(new RunFailed(e.message.split('\n')[0]))));
      worker.on('exit', (code) => finish(() => reject(new RunFailed(`the run's thread stopped (exit code ${code})`))));
    });
  }

  /** Stop every running thread (server shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}
