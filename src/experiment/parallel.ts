/**
 * Replications on a Simulator (one thread or a worker pool). Results are added to the
 * SummaryAccumulator under their replication number, so the summary is byte-identical whatever
 * the number of workers and whatever order they finish in. The per-replication KPIs are kept too
 * (one row of KPIS per replication), for exports.
 *
 * Memory: the accumulator keeps every replication's monthly values exactly —
 * replications × months × series × 8 bytes (1,000 × 60 × 39 × 8 ≈ 19 MB; at the limits of
 * replications and horizon it is the bound the model's LIMITS set) — plus KPIS × 8 bytes per
 * replication here; RunResults themselves are dropped as soon as they are added.
 */
import { KPIS } from '../model/result.js';
import type { Simulator } from './jobs.js';
import { runJobs } from './jobs.js';
import type { NamedScenario, ReplicateOptions } from './replicate.js';
import { SummaryAccumulator, type Summary } from './summary.js';

export interface Replications {
  readonly summary: Summary;
  /** Row r holds replication r's KPIs in the order of KPIS (Infinity: not reached; NaN: not defined). */
  readonly kpiRows: readonly Float64Array[];
}

/** Run replications 0..N-1 of `scenario` on `simulator` and summarise them. */
export async function replicateOn<S extends NamedScenario>(
  simulator: Simulator<S>,
  scenario: S,
  options: ReplicateOptions,
): Promise<Replications> {
  const { replications, seed, uncertainty, version, onProgress } = options;
  const acc = new SummaryAccumulator({ scenario: scenario.name, title: scenario.title, seed, replications, uncertainty, version });
  const kpiRows: Float64Array[] = new Array<Float64Array>(replications);
  await runJobs(
    simulator,
    replications,
    (replication) => ({ scenario, seed, replication, uncertainty }),
    (replication, result) => {
      acc.add(replication, result);
      kpiRows[replication] = Float64Array.from(KPIS, (k) => result.kpis[k]);
      onProgress?.(acc.added, replications);
    },
  );
  return { summary: acc.finish(), kpiRows };
}
