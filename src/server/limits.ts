/**
 * What one HTTP request may ask of a shared server. Lower than the CLI's LIMITS (model/limits.ts):
 * a server answers many people on one machine. `serve` may lower or raise them within LIMITS.
 */
import { availableParallelism } from 'node:os';
import { LIMITS } from '../model/limits.js';

export interface ServerLimits {
  /** Largest request body, in bytes. */
  readonly maxBodyBytes: number;
  readonly maxReplications: number;
  readonly maxHorizonMonths: number;
  /** Most cases one replication may create (snapshot plus expected claims). */
  readonly maxCasesPerReplication: number;
  /** A run still going after this long is stopped and answered with 503. */
  readonly runTimeoutMs: number;
  /** Runs at once; the rest wait their turn. */
  readonly concurrentRuns: number;
  /** Runs that may wait for their turn; a request past them is answered 429 with Retry-After. */
  readonly queuedRuns: number;
  /** Threads one run spreads its replications over (comparisons run in one thread). */
  readonly threadsPerRun: number;
}

export const SERVER_LIMITS: ServerLimits = {
  maxBodyBytes: 256 * 1024,
  maxReplications: 1_000,
  maxHorizonMonths: 120,
  maxCasesPerReplication: Math.min(2_000_000, LIMITS.maxCasesPerReplication),
  runTimeoutMs: 10 * 60_000,
  concurrentRuns: 1,
  // Twenty people pressing "run" at once wait their turn; a burst beyond that is told to come back.
  queuedRuns: 20,
  // One run at a time, on every core: the first view appears sooner, and nothing else waits on it.
  threadsPerRun: availableParallelism(),
};
