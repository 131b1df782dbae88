/**
 * Replications of one scenario, run in this thread and summarised. Replication r runs with
 * `{ seed, replication: r }`, so a (scenario, seed, replications) triple always gives the same
 * summary, and a worker pool that hands out replication numbers gives the same one too.
 *
 * Pure: no Node imports, so the browser's worker can use it as well.
 */
import type { RunResult } from '../model/result.js';
import type { Scenario } from '../model/schema.js';
import type { Uncertainty } from '../model/uncertainty.js';
import { simulate } from '../model/simulate.js';
import { SummaryAccumulator, type Summary } from './summary.js';

export interface SimulateOptions {
  readonly seed: number;
  readonly replication: number;
  readonly uncertainty: Uncertainty;
}

export type SimulateFn<S> = (scenario: S, options: SimulateOptions) => RunResult;

export interface ReplicateOptions {
  /** Number of replications, at least 1. */
  readonly replications: number;
  /** Base seed; each replication derives its own streams from (seed, replication). */
  readonly seed: number;
  /** Which uncertainty to sample (see model/uncertainty.ts). */
  readonly uncertainty: Uncertainty;
  /** Version string recorded in the summary (package and model versions). */
  readonly version: string;
  /** Called after each replication with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A scenario as far as a summary needs it. */
export interface NamedScenario {
  readonly name: string;
  readonly title: string;
}

/** Run replications 0..N-1 of `scenario` with `simulate` and summarise them. */
export function replicateWith<S extends NamedScenario>(
  simulate: SimulateFn<S>,
  scenario: S,
  options: ReplicateOptions,
): Summary {
  const { replications, seed, uncertainty, version, onProgress } = options;
  const acc = new SummaryAccumulator({ scenario: scenario.name, title: scenario.title, seed, replications, uncertainty, version });
  for (let r = 0; r < replications; r++) {
    acc.add(r, simulate(scenario, { seed, replication: r, uncertainty }));
    onProgress?.(r + 1, replications);
  }
  return acc.finish();
}

/** Run replications 0..N-1 of a scenario with the UK model and summarise them. */
export function runReplications(scenario: Scenario, options: ReplicateOptions): Summary {
  return replicateWith(simulate, scenario, options);
}
