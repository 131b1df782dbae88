/**
 * The benchmarks `bench/run.ts` knows. Each entry runs once per call and returns named figures;
 * `events` and `seconds`, when present, give events per second. Add an entry to benchmark a model.
 */
import { runAsylumMini } from './asylum-mini.js';

export interface BenchEntry {
  name: string;
  run(): Record<string, number | string>;
}

export const benchmarks: BenchEntry[] = [
  {
    name: 'asylum-mini',
    run() {
      const r = runAsylumMini(20240601);
      return {
        events: r.events,
        seconds: r.seconds,
        arrivals: r.arrivals,
        completedCases: r.left,
        meanTimeInSystem: r.meanTimeInSystem,
        returnsQueue: r.returnsQueue,
      };
    },
  },
];
