/**
 * The benchmarks `bench/run.ts` knows. Each entry runs once per call and returns named figures;
 * `events` and `seconds`, when present, give events per second. Add an entry to benchmark a model.
 */
import { type AsylumMiniResult, runAsylumMini } from './asylum-mini.js';
import { runAsylumMiniHandTuned } from './asylum-mini-handtuned.js';
import { ukOneReplication, ukReplications } from './uk-model.js';
import { parallelReplications } from './parallel-replications.js';
import { firstView } from './first-view.js';
import { distributed } from './distributed.js';
import { serverLoad } from './server-load.js';

export interface BenchEntry {
  name: string;
  run(): Record<string, number | string>;
  /** At most this many timed runs, without a separate warm-up run (for long benchmarks). */
  maxRuns?: number;
}

const SEED = 20240601;

function asylumMiniFigures(r: AsylumMiniResult): Record<string, number> {
  return {
    events: r.events,
    seconds: r.seconds,
    arrivals: r.arrivals,
    completedCases: r.left,
    meanTimeInSystem: r.meanTimeInSystem,
    returnsQueue: r.returnsQueue,
  };
}

export const benchmarks: BenchEntry[] = [
  { name: 'asylum-mini', run: () => asylumMiniFigures(runAsylumMini(SEED)) },
  { name: 'asylum-mini-handtuned', run: () => asylumMiniFigures(runAsylumMiniHandTuned(SEED)) },
  { name: 'uk-status-quo-1-replication', run: ukOneReplication },
  { name: 'uk-status-quo-100-replications', run: () => ukReplications(100), maxRuns: 1 },
  { name: 'uk-status-quo-1000-replications-1-vs-2-workers', run: () => parallelReplications(1000), maxRuns: 1 },
  { name: 'dashboard-first-view-5-starts', run: () => firstView(5), maxRuns: 1 },
  { name: 'distributed', run: () => distributed(200), maxRuns: 1 },
  { name: 'server-health-under-20-posts', run: serverLoad, maxRuns: 1 },
];
