/** What the server hands a run worker, and what the worker sends back (run-worker.ts). */
import type { RedisTarget } from '../experiment/distributed/connection.js';
import type { Scenario } from '../model/schema.js';
import type { Uncertainty } from '../model/uncertainty.js';

export interface RunTask {
  readonly scenario: Scenario;
  /** When present, compare `scenario` (A) with this one (B) on common random numbers. */
  readonly compareWith?: Scenario;
  readonly replications: number;
  readonly seed: number;
  readonly uncertainty: Uncertainty;
  /** Threads for this run's replications (a pool inside the run's thread); 1 runs them in turn. */
  readonly threads: number;
  /** Package and model version, recorded in the summary. */
  readonly version: string;
  /** Send the replications to this Redis job queue instead of threads here (serve --redis). */
  readonly redis?: RedisTarget;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  /** The summary of the `done` replications finished so far (a run of `done`), while the rest run. */
  | { readonly type: 'partial'; readonly done: number; readonly total: number; readonly json: string }
  | { readonly type: 'done'; readonly json: string }
  | { readonly type: 'error'; readonly message: string };
