/**
 * Synthetic RunResults for tests of summaries and the CLI: deterministic in (seed, replication),
 * with every series and KPI filled, so tests do not depend on the model.
 */
import { KPIS, SERIES, type KpiName, type RunResult, type SeriesName } from '../../model/result.js';

/** A small deterministic generator (mulberry32) — test data only. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Labels `YYYY-MM` for `count` months from `start` (YYYY-MM). */
export function monthLabels(start: string, count: number): string[] {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + (m - 1) + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

export interface SyntheticOptions {
  readonly months?: number;
  /** Replications in which the backlog-threshold and hotel KPIs are not reached (Infinity). */
  readonly notReached?: (replication: number) => boolean;
  /** Replications in which the 24-month KPIs are not defined (NaN), as on a short horizon. */
  readonly notDefined?: (replication: number) => boolean;
}

export function syntheticResult(seed: number, replication: number, options: SyntheticOptions = {}): RunResult {
  const months = options.months ?? 14;
  const rand = mulberry32(seed * 1_000_003 + replication * 7919 + 1);
  const labels = monthLabels('2023-07', months);
  const series = {} as Record<SeriesName, Float64Array>;
  SERIES.forEach((name, s) => {
    const base = 1000 * (s + 1) * (0.5 + rand());
    series[name] = Float64Array.from({ length: months }, (_, t) => base + t * 10 + rand() * 100);
  });
  const kpis = {} as Record<KpiName, number>;
  KPIS.forEach((name, k) => {
    kpis[name] = name.endsWith('Gbp') ? 1e9 * (1 + rand()) : 100 * (k + 1) * rand();
  });
  if (options.notReached?.(replication)) {
    kpis.monthsUntilBacklogBelowThreshold = Infinity;
    kpis.monthsUntilHotelsEmpty = Infinity;
  }
  if (options.notDefined?.(replication)) {
    kpis.backlogPeopleAt24m = Number.NaN;
    kpis.hotelPeopleAt24m = Number.NaN;
  }
  const years = Math.ceil((months + 3) / 12);
  const costByFinancialYear = Array.from({ length: years }, (_, i) => ({
    year: `FY${2023 + i}-${String((24 + i) % 100).padStart(2, '0')}`,
    gbp: 3e9 * (0.8 + 0.4 * rand()),
  }));
  return { startDate: '2023-07-01', months: labels, series, kpis, costByFinancialYear };
}
