/**
 * Runs as the server sees them: a request (resolved scenario + settings) has a content hash of
 * (scenario, seed, replications, uncertainty, model version); a finished run is stored under it,
 * so the same request again answers from the store at once. A request already running is joined,
 * not started twice. Each run in progress is a Job the dashboard polls for progress and for the
 * partial summary of the replications done so far (dropped when the run ends: the stored run
 * replaces it). A poller may wait for the job's next change (its revision) instead of asking again
 * and again.
 */
import type { RedisTarget } from '../experiment/distributed/connection.js';
import type { Scenario } from '../model/schema.js';
import { contentHash } from './hash.js';
import type { RunSettings } from './requests.js';
import type { Runner } from './runner.js';
import type { Store, StoredRun } from './store.js';

export interface Job {
  readonly id: string;
  readonly hash: string;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  runId?: string;
  error?: Error;
  /** The summary JSON of `done` replications, while the run goes (runs of 2 or more). */
  partial?: { readonly done: number; readonly json: string };
  /** Counts the job's changes (progress, partial summary, end). */
  revision: number;
  /** Resolves at the job's next change. */
  changed(): Promise<void>;
  readonly result: Promise<StoredRun>;
}

/** Finished jobs kept for polling; older ones are forgotten (their runs stay in the store). */
const KEEP_FINISHED = 200;

export class RunService {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<string, Job>();
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly runner: Runner,
    readonly version: string,
    private readonly threads = 1,
    /** Where replications go instead of this machine's threads (serve --redis). */
    private readonly redis?: RedisTarget,
  ) {}

  hashOf(scenario: Scenario, settings: RunSettings, compareWith?: Scenario): string {
    return contentHash(compareWith ? { compare: [scenario, compareWith], ...settings, version: this.version } : { scenario, ...settings, version: this.version });
  }

  cached(hash: string): StoredRun | undefined {
    return this.store.runByHash(hash);
  }

  job(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Start (or join) the run of a request that is not in the store. */
  start(scenario: Scenario, settings: RunSettings, compareWith?: Scenario): Job {
    const hash = this.hashOf(scenario, settings, compareWith);
    const joined = this.running.get(hash);
    if (joined) return joined;
    this.runner.admit();
    const id = `${hash.slice(0, 10)}-${(this.seq++).toString(36)}`;
    let wake: () => void = () => {};
    let next = new Promise<void>((resolve) => (wake = resolve));
    const partial = { id, hash, status: 'running', done: 0, total: settings.replications, revision: 0, changed: () => next } as Omit<Job, 'result'> & { result?: Promise<StoredRun> };
    const changed = () => {
      partial.revision++;
      const woken = wake;
      next = new Promise<void>((resolve) => (wake = resolve));
      woken();
    };
    const label = compareWith ? `${scenario.name} vs ${compareWith.name}` : scenario.name;
    const request = { scenario: label, ...settings, version: this.version };
    partial.result = this.runner
      .run(
        { scenario, ...(compareWith ? { compareWith } : {}), ...settings, threads: this.threads, version: this.version, ...(this.redis ? { redis: this.redis } : {}) },
        (done, total) => {
          partial.done = done;
          partial.total = total;
          changed();
        },
        (done, json) => {
          partial.partial = { done, json };
          changed();
        },
      )
      .then((json) => {
        const run = this.store.putRun(hash, label, request, json);
        partial.status = 'done';
        partial.runId = run.id;
        return run;
      })
      .catch((e: unknown) => {
        partial.status = 'failed';
        partial.error = e instanceof Error ? e : new Error(String(e));
        throw partial.error;
      })
      .finally(() => {
        partial.partial = undefined;
        this.running.delete(hash);
        this.prune();
        changed();
      });
    // Callers who never await the result (pollers) must not leave an unhandled rejection behind.
    partial.result.catch(() => {});
    const job = partial as Job;
    this.jobs.set(id, job);
    this.running.set(hash, job);
    return job;
  }

  private prune(): void {
    if (this.jobs.size <= KEEP_FINISHED) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEEP_FINISHED) break;
      if (job.status !== 'running') this.jobs.delete(id);
    }
  }
}
