/**
 * Observation: turns the run into monthly series and KPIs. Stages keep stock levels and add flows
 * through this object as events happen (a few array writes, no allocation); at each month end the
 * simulation closes the month, copying stock levels into the series matrix.
 */
import { KPIS, SERIES, type KpiName, type RunResult, type SeriesName } from './result.js';

/** Index of each series in the observer's rows, by name. */
export const Series = Object.fromEntries(SERIES.map((name, i) => [name, i])) as Record<SeriesName, number>;
const NS = SERIES.length;

/** Stocks measured at month end (the other series are flows summed within the month). */
const STOCKS: readonly SeriesName[] = [
  'awaitingDecisionCases',
  'awaitingDecisionPeople',
  'awaitingAppealCases',
  'awaitingAppealPeople',
  'awaitingReturnCases',
  'awaitingReturnPeople',
  'limboCases',
  'limboPeople',
  'inSupportPeople',
  'inHotelsPeople',
  'inLargeSitesPeople',
  'inDispersalPeople',
  'euReturnPendingCases',
  'euReturnPendingPeople',
  'heldForRemovalCases',
  'heldForRemovalPeople',
  'hotelOverflowPeople',
  'heldClaimsCases',
  'heldClaimsPeople',
];
const STOCK_IDS = Int32Array.from(STOCKS.map((s) => Series[s]));

/** Arrival months tracked for the age profile: up to this many months before the start. */
export const MAX_SNAPSHOT_AGE_MONTHS = 240;
/** First-decision waits are binned by whole day up to this many days (longer ones share the top bin). */
const WAIT_BINS = 20_000;

export class Observer {
  /** Current stock levels, indexed by series id (only stock ids are used). */
  readonly level = new Float64Array(NS);
  /** Current month being filled. */
  month = 0;
  private readonly data: Float64Array;
  /** People (and cases) awaiting an initial decision, by claim month (offset by MAX_SNAPSHOT_AGE_MONTHS). */
  readonly awaitingPeopleByMonth: Float64Array;
  readonly awaitingCasesByMonth: Float64Array;
  private readonly waitHistogram = new Float64Array(WAIT_BINS);
  private waitCount = 0;
  private waitSum = 0;

  constructor(readonly months: number) {
    this.data = new Float64Array(NS * months);
    this.awaitingPeopleByMonth = new Float64Array(MAX_SNAPSHOT_AGE_MONTHS + months + 1);
    this.awaitingCasesByMonth = new Float64Array(MAX_SNAPSHOT_AGE_MONTHS + months + 1);
  }

  /** Add to a flow series in the current month. */
  add(series: number, amount: number): void {
    this.data[this.month * NS + series] += amount;
  }

  /** A case's first decision was made after `waitDays`. */
  recordDecisionWait(waitDays: number): void {
    const bin = waitDays < WAIT_BINS - 1 ? Math.floor(waitDays) : WAIT_BINS - 1;
    this.waitHistogram[bin] += 1;
    this.waitCount += 1;
    this.waitSum += waitDays;
  }

  /** Close the current month: snapshot stocks, derive the age profile, move on. */
  closeMonth(): void {
    const base = this.month * NS;
    for (let i = 0; i < STOCK_IDS.length; i++) this.data[base + STOCK_IDS[i]] = this.level[STOCK_IDS[i]];
    // Waiting more than six months at the end of month m = claimed in month m-6 or earlier.
    const last = MAX_SNAPSHOT_AGE_MONTHS + this.month - 6;
    let people = 0;
    let cases = 0;
    for (let k = 0; k <= last; k++) {
      people += this.awaitingPeopleByMonth[k];
      cases += this.awaitingCasesByMonth[k];
    }
    this.data[base + Series.awaitingDecisionOver6mPeople] = people;
    this.data[base + Series.awaitingDecisionOver6mCases] = cases;
    this.month += 1;
  }

  /** Read a series of the months closed so far (or all months after the run). */
  series(name: SeriesName): Float64Array {
    const out = new Float64Array(this.months);
    const s = Series[name];
    for (let m = 0; m < this.months; m++) out[m] = this.data[m * NS + s];
    return out;
  }

  /** Write a derived monthly value (costs are computed from the other series after the run). */
  set(name: SeriesName, month: number, value: number): void {
    this.data[month * NS + Series[name]] = value;
  }

  get(name: SeriesName, month: number): number {
    return this.data[month * NS + Series[name]];
  }

  waitQuantile(q: number): number {
    if (this.waitCount === 0) return Number.NaN;
    const target = q * this.waitCount;
    let seen = 0;
    for (let b = 0; b < WAIT_BINS; b++) {
      seen += this.waitHistogram[b];
      if (seen >= target) return b + 1; // upper edge of the day bin
    }
    return WAIT_BINS;
  }

  get meanWait(): number {
    return this.waitCount === 0 ? Number.NaN : this.waitSum / this.waitCount;
  }

  result(
    startDate: string,
    labels: readonly string[],
    kpis: Record<KpiName, number>,
    costByFinancialYear: RunResult['costByFinancialYear'],
  ): RunResult {
    const series = {} as Record<SeriesName, Float64Array>;
    for (const name of SERIES) series[name] = this.series(name);
    for (const k of KPIS) if (!(k in kpis)) throw new Error(`KPI ${k} was not computed`);
    return { startDate, months: labels, series, kpis, costByFinancialYear };
  }
}
