/**
 * Summaries across replications: an accumulator that takes one RunResult per replication, in any
 * order, and produces the summary object that the CLI prints as JSON, the server caches and the
 * dashboard draws (mean, P5, P50, P95 of every KPI, every monthly series and every financial
 * year's cost).
 *
 * It keeps every replication's values exactly (one Float64Array row of months × series per
 * replication, indexed by replication number), so quantiles are exact and the output does not
 * depend on the order in which a worker pool delivers results: each statistic is computed from
 * values laid out in replication order. Memory is replications × months × series × 8 bytes,
 * bounded by the model's limits on replications and horizon.
 *
 * Output numbers are rounded (money to whole pounds, everything else to one decimal place) so the
 * JSON is byte-for-byte stable; `Infinity` (a KPI not reached within the horizon) becomes null,
 * and the KPI then carries `notReached`, the number of replications in which it was not reached.
 * A KPI may also be NaN, "not defined" in a replication (a 12-month value on a shorter horizon, a
 * mean wait when no case was decided): its statistics are over the replications where it is
 * defined, and it carries `notApplicable`, the number of the others (all null when none is).
 * Monthly series must always be defined: NaN there is refused as a model error.
 */
import { KPIS, SERIES, type KpiName, type RunResult, type SeriesName } from '../model/result.js';
import { countInfinite, describe } from './quantiles.js';
import type { Uncertainty } from '../model/uncertainty.js';

/** Mean and percentiles, rounded; null where the value is not within the horizon. */
export interface SummaryStats {
  readonly mean: number | null;
  readonly p5: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  /** Replications in which the quantity was not reached within the horizon; only when > 0. */
  readonly notReached?: number;
  /** Replications in which the quantity is not defined (left out of the statistics); only when > 0. */
  readonly notApplicable?: number;
}

export type MonthSummary = { readonly month: string } & { readonly [S in SeriesName]: SummaryStats };

export interface Summary {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly replications: number;
  /** Which uncertainty the replications sample: stochastic, parameters or both. */
  readonly uncertainty: Uncertainty;
  /** Package version and model version: results are reproducible for the same version. */
  readonly version: string;
  /** First day of the first month, YYYY-MM-DD. */
  readonly startDate: string;
  readonly kpis: { readonly [K in KpiName]: SummaryStats };
  readonly months: readonly MonthSummary[];
  readonly costByFinancialYear: readonly { readonly year: string; readonly gbp: SummaryStats }[];
}

export interface SummaryMeta {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly replications: number;
  readonly uncertainty: Uncertainty;
  readonly version: string;
}

/** Decimal places a quantity is rounded to in the summary: pounds to the pound, else 0.1. */
export function decimalsFor(name: string): number {
  return name.endsWith('Gbp') || name === 'gbp' ? 0 : 1;
}

/** Round for output; non-finite values (not within the horizon) become null. */
export function roundOrNull(x: number, decimals: number): number | null {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no -0
}

function summarise(values: Float64Array, decimals: number): SummaryStats {
  let defined = values;
  let notApplicable = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) notApplicable++;
  if (notApplicable > 0) defined = values.filter((v) => !Number.isNaN(v));
  const s = describe(defined);
  let stats: SummaryStats = {
    mean: roundOrNull(s.mean, decimals),
    p5: roundOrNull(s.p5, decimals),
    p50: roundOrNull(s.p50, decimals),
    p95: roundOrNull(s.p95, decimals),
  };
  const notReached = countInfinite(defined);
  if (notReached > 0) stats = { ...stats, notReached };
  if (notApplicable > 0) stats = { ...stats, notApplicable };
  return stats;
}

/** Collects replications (in any order) and summarises them once all have arrived. */
export class SummaryAccumulator {
  private readonly rows: (Float64Array | undefined)[];
  private readonly kpiRows: (Float64Array | undefined)[];
  private readonly costRows: (Float64Array | undefined)[];
  private shape: { startDate: string; months: readonly string[]; years: readonly string[] } | undefined;
  private count = 0;

  constructor(readonly meta: SummaryMeta) {
    if (!Number.isSafeInteger(meta.replications) || meta.replications < 1) {
      throw new RangeError(`replications must be a positive integer, got ${meta.replications}`);
    }
    this.rows = new Array<Float64Array | undefined>(meta.replications).fill(undefined);
    this.kpiRows = new Array<Float64Array | undefined>(meta.replications).fill(undefined);
    this.costRows = new Array<Float64Array | undefined>(meta.replications).fill(undefined);
  }

  /** Replications added so far. */
  get added(): number {
    return this.count;
  }

  get complete(): boolean {
    return this.count === this.meta.replications;
  }

  /** Add replication number `replication` (0-based). Each number exactly once, in any order. */
  add(replication: number, result: RunResult): void {
    const n = this.meta.replications;
    if (!Number.isInteger(replication) || replication < 0 || replication >= n) {
      throw new RangeError(`replication must be an integer from 0 to ${n - 1}, got ${replication}`);
    }
    if (this.rows[replication] !== undefined) throw new Error(`replication ${replication} was added twice`);
    const shape = this.checkShape(replication, result);
    const m = shape.months.length;
    const row = new Float64Array(SERIES.length * m);
    SERIES.forEach((name, s) => {
      const values = result.series[name];
      if (!values || values.length !== m) {
        throw new Error(`replication ${replication}: series ${name} has ${values?.length ?? 0} values, want ${m}`);
      }
      for (let t = 0; t < m; t++) {
        const v = values[t] as number;
        if (Number.isNaN(v)) throw new Error(`replication ${replication}: series ${name} is NaN in ${shape.months[t]}`);
        row[s * m + t] = v;
      }
    });
    const kpis = new Float64Array(KPIS.length);
    KPIS.forEach((name, k) => {
      const v = result.kpis[name];
      if (typeof v !== 'number') throw new Error(`replication ${replication}: KPI ${name} is ${String(v)}, want a number`);
      kpis[k] = v;
    });
    const costs = Float64Array.from(result.costByFinancialYear, (y) => y.gbp);
    this.rows[replication] = row;
    this.kpiRows[replication] = kpis;
    this.costRows[replication] = costs;
    this.count++;
  }

  /** The summary; all replications must have been added. */
  finish(): Summary {
    const shape = this.shape;
    if (!shape || !this.complete) {
      throw new Error(`summary needs ${this.meta.replications} replications, has ${this.count}`);
    }
    const rows = this.rows as Float64Array[];
    const n = this.meta.replications;
    const m = shape.months.length;
    const column = new Float64Array(n);
    const gather = (source: Float64Array[], index: number): Float64Array => {
      for (let r = 0; r < n; r++) column[r] = (source[r] as Float64Array)[index] as number;
      return column;
    };

    const kpis = {} as Record<KpiName, SummaryStats>;
    KPIS.forEach((name, k) => {
      kpis[name] = summarise(gather(this.kpiRows as Float64Array[], k), decimalsFor(name));
    });

    const months: MonthSummary[] = shape.months.map((month, t) => {
      const entry: Record<string, unknown> = { month };
      SERIES.forEach((name, s) => {
        entry[name] = summarise(gather(rows, s * m + t), decimalsFor(name));
      });
      return entry as MonthSummary;
    });

    const costByFinancialYear = shape.years.map((year, y) => ({
      year,
      gbp: summarise(gather(this.costRows as Float64Array[], y), decimalsFor('gbp')),
    }));

    return {
      scenario: this.meta.scenario,
      title: this.meta.title,
      seed: this.meta.seed,
      replications: n,
      uncertainty: this.meta.uncertainty,
      version: this.meta.version,
      startDate: shape.startDate,
      kpis,
      months,
      costByFinancialYear,
    };
  }

  /** Every replication must cover the same months and financial years. */
  private checkShape(replication: number, result: RunResult) {
    const years = result.costByFinancialYear.map((y) => y.year);
    if (!this.shape) {
      this.shape = { startDate: result.startDate, months: [...result.months], years };
      return this.shape;
    }
    const s = this.shape;
    const same =
      s.startDate === result.startDate &&
      s.months.length === result.months.length &&
      s.months.every((label, i) => label === result.months[i]) &&
      s.years.length === years.length &&
      s.years.every((label, i) => label === years[i]);
    if (!same) throw new Error(`replication ${replication} covers different months or years from the others`);
    return s;
  }
}

/** The summary as JSON text: two-space indent, fixed key order, trailing newline. */
export function summaryToJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
