/**
 * Comparison of two scenarios on common random numbers. Replication r of A and replication r of B
 * both run with `{ seed, replication: r }`: the model derives every random stream, every keyed
 * per-case uniform and every parameter quantile from that pair, so the two runs differ only where
 * the scenarios differ. The difference B − A is then taken replication by replication and
 * summarised (mean, P5, P50, P95 of the paired differences) — not the difference of the two
 * summaries' quantiles, which would carry both runs' noise.
 *
 * A KPI that was not reached within the horizon (Infinity) in A or in B has no paired difference
 * in that replication: the difference is left out (counted as `notApplicable`), while A's and B's
 * own statistics still count it as `notReached`.
 *
 * Pure: no Node imports.
 */
import { InputError } from '../model/errors.js';
import { KPIS, SERIES, type KpiName, type RunResult, type SeriesName } from '../model/result.js';
import type { Uncertainty } from '../model/uncertainty.js';
import { csvText } from './csv.js';
import { runJobs, type Simulator } from './jobs.js';
import type { NamedScenario, SimulateFn } from './replicate.js';
import { SummaryAccumulator, type Summary, type SummaryStats } from './summary.js';

export interface CompareOptions {
  readonly replications: number;
  readonly seed: number;
  readonly uncertainty: Uncertainty;
  readonly version: string;
  /** Called after each replication pair with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A, B and the paired difference B − A of one quantity. */
export interface Paired {
  readonly a: SummaryStats;
  readonly b: SummaryStats;
  readonly diff: SummaryStats;
}

export type MonthComparison = { readonly month: string } & { readonly [S in SeriesName]: Paired };

export interface Comparison {
  readonly a: { readonly scenario: string; readonly title: string };
  readonly b: { readonly scenario: string; readonly title: string };
  readonly seed: number;
  readonly replications: number;
  readonly uncertainty: Uncertainty;
  readonly version: string;
  readonly startDate: string;
  readonly kpis: { readonly [K in KpiName]: Paired };
  readonly months: readonly MonthComparison[];
  readonly costByFinancialYear: readonly { readonly year: string; readonly gbp: Paired }[];
}

/** Both runs must cover the same months, or their series cannot be paired month by month. */
function checkSameShape(a: RunResult, b: RunResult, names: [string, string]): void {
  const span = (r: RunResult) => `${r.months[0] ?? '?'} to ${r.months[r.months.length - 1] ?? '?'} (${r.months.length} months)`;
  const same =
    a.startDate === b.startDate &&
    a.months.length === b.months.length &&
    a.months.every((m, i) => m === b.months[i]) &&
    a.costByFinancialYear.length === b.costByFinancialYear.length;
  if (!same) {
    throw new InputError({
      field: 'scenarios',
      value: `${names[0]} covers ${span(a)}, ${names[1]} covers ${span(b)}`,
      allowed: 'two scenarios with the same start date and horizon (set a common horizon with --months)',
    });
  }
}

/** Per-replication difference B − A, as a RunResult so the summary code can describe it. */
export function pairedDifference(a: RunResult, b: RunResult): RunResult {
  const series = {} as Record<SeriesName, Float64Array>;
  for (const name of SERIES) {
    const x = a.series[name];
    const y = b.series[name];
    series[name] = Float64Array.from(y, (v, t) => v - (x[t] as number));
  }
  const kpis = {} as Record<KpiName, number>;
  for (const name of KPIS) {
    const x = a.kpis[name];
    const y = b.kpis[name];
    // Infinity − finite is not a size of effect; NaN marks "no paired difference" here.
    kpis[name] = Number.isFinite(x) && Number.isFinite(y) ? y - x : NaN;
  }
  const costByFinancialYear = b.costByFinancialYear.map((yr, i) => ({
    year: yr.year,
    gbp: yr.gbp - (a.costByFinancialYear[i]?.gbp ?? NaN),
  }));
  return { startDate: a.startDate, months: a.months, series, kpis, costByFinancialYear };
}

function pair(a: Summary, b: Summary, d: Summary): Pick<Comparison, 'kpis' | 'months' | 'costByFinancialYear'> {
  const kpis = {} as Record<KpiName, Paired>;
  for (const k of KPIS) kpis[k] = { a: a.kpis[k], b: b.kpis[k], diff: d.kpis[k] };
  const months = a.months.map((m, t) => {
    const entry: Record<string, unknown> = { month: m.month };
    const bm = b.months[t] as Summary['months'][number];
    const dm = d.months[t] as Summary['months'][number];
    for (const s of SERIES) entry[s] = { a: m[s], b: bm[s], diff: dm[s] };
    return entry as MonthComparison;
  });
  const costByFinancialYear = a.costByFinancialYear.map((y, i) => ({
    year: y.year,
    gbp: {
      a: y.gbp,
      b: (b.costByFinancialYear[i] as (typeof y)).gbp,
      diff: (d.costByFinancialYear[i] as (typeof y)).gbp,
    },
  }));
  return { kpis, months, costByFinancialYear };
}

/** The three accumulators of a comparison and how to finish it. */
function comparer<S extends NamedScenario>(a: S, b: S, options: CompareOptions) {
  const { replications, seed, uncertainty, version } = options;
  const meta = (name: string, title: string) => ({ scenario: name, title, seed, replications, uncertainty, version });
  const accA = new SummaryAccumulator(meta(a.name, a.title));
  const accB = new SummaryAccumulator(meta(b.name, b.title));
  const accD = new SummaryAccumulator(meta(`${b.name}-minus-${a.name}`, `${b.title} minus ${a.title}`));
  return {
    /** Add replication r of both scenarios. */
    add(r: number, ra: RunResult, rb: RunResult): void {
      checkSameShape(ra, rb, [a.name, b.name]);
      accA.add(r, ra);
      accB.add(r, rb);
      accD.add(r, pairedDifference(ra, rb));
    },
    finish(): Comparison {
      const sa = accA.finish();
      return {
        a: { scenario: a.name, title: a.title },
        b: { scenario: b.name, title: b.title },
        seed,
        replications,
        uncertainty,
        version,
        startDate: sa.startDate,
        ...pair(sa, accB.finish(), accD.finish()),
      };
    },
  };
}

/** Run replications 0..N−1 of A and of B on common random numbers, in this thread, and compare them. */
export function compareWith<S extends NamedScenario>(simulate: SimulateFn<S>, a: S, b: S, options: CompareOptions): Comparison {
  const { replications, seed, uncertainty, onProgress } = options;
  const c = comparer(a, b, options);
  for (let r = 0; r < replications; r++) {
    c.add(r, simulate(a, { seed, replication: r, uncertainty }), simulate(b, { seed, replication: r, uncertainty }));
    onProgress?.(r + 1, replications);
  }
  return c.finish();
}

/**
 * The same comparison with the replications run on a Simulator (a worker pool): job 2r is
 * replication r of A, job 2r + 1 that of B; a pair is added once both have arrived, so the result
 * does not depend on the number of workers or the order in which they finish.
 */
export async function compareOn<S extends NamedScenario>(simulator: Simulator<S>, a: S, b: S, options: CompareOptions): Promise<Comparison> {
  const { replications, seed, uncertainty, onProgress } = options;
  const c = comparer(a, b, options);
  const waiting = new Map<number, { side: 0 | 1; result: RunResult }>();
  let done = 0;
  await runJobs(
    simulator,
    2 * replications,
    (i) => ({ scenario: i % 2 === 0 ? a : b, seed, replication: i >> 1, uncertainty }),
    (i, result) => {
      const r = i >> 1;
      const side = (i % 2) as 0 | 1;
      const other = waiting.get(r);
      if (!other) {
        waiting.set(r, { side, result });
        return;
      }
      waiting.delete(r);
      if (side === 0) c.add(r, result, other.result);
      else c.add(r, other.result, result);
      onProgress?.(++done, replications);
    },
  );
  return c.finish();
}

/** The comparison as JSON text: two-space indent, fixed key order, trailing newline. */
export function comparisonToJson(c: Comparison): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}

const STATS = ['mean', 'p5', 'p50', 'p95'] as const;
const SIDES = ['a', 'b', 'diff'] as const;

/**
 * Monthly series of both scenarios and their paired difference as CSV: one row per month, and per
 * series the columns `<series>_<a|b|diff>_<mean|p5|p50|p95>`; an empty cell is not defined.
 */
export function comparisonCsv(c: Comparison): string {
  const header = ['month', ...SERIES.flatMap((s) => SIDES.flatMap((side) => STATS.map((st) => `${s}_${side}_${st}`)))];
  return csvText(
    header,
    c.months.map((m) => [m.month, ...SERIES.flatMap((s) => SIDES.flatMap((side) => STATS.map((st) => m[s][side][st] ?? null)))]),
  );
}
