/**
 * The backtest: run the model over a past period from the observed state, driven by the record's
 * inputs and the calibration's estimates, and set every observed figure beside the model's band.
 * By default replications differ in their random events and in the calibrated parameters, drawn
 * from their standard errors (spread.ts): the band says how far chance and imperfect estimates
 * together move the model. `uncertainty: 'stochastic'` gives the band of chance alone.
 */
import { quantileSorted, sortedCopy } from '../experiment/quantiles.js';
import type { Scenario } from '../model/schema.js';
import type { Uncertainty } from '../model/uncertainty.js';
import { applyEstimates, type Estimate } from './estimates.js';
import { scores, type BacktestResult, type PeriodFit, type SeriesFit, type SpreadEstimate } from './fit.js';
import { historicalScenario, type HistoricalScenario } from './history.js';
import type { ObservedData } from './observed.js';
import { drawModelError, runReplication, spreadOf } from './spread.js';
import { isScored, modelValue, windows, type Compared, type Window } from './compared-series.js';
import type { CalibrationMap } from '../pack/calibration-map.js';

export const BACKTEST_DEFAULTS = {
  from: '2018-01-01',
  to: '2023-06-30',
  /** The scoring window starts in 2019: 2018 lets the starting state settle. */
  scoreFrom: '2019-01-01',
  replications: 20,
  seed: 1,
  uncertainty: 'both',
} as const;

/** The scenario a backtest runs: the record's inputs (read through the pack's calibration map) on `base`, then the estimates. */
export function backtestScenario(base: Scenario, data: ObservedData, map: CalibrationMap, from: string, to: string, estimates: readonly Estimate[]): HistoricalScenario {
  const h = historicalScenario(base, data, map, from, to);
  return { ...h, scenario: applyEstimates(h.scenario, estimates.filter((e) => e.date === undefined || e.date <= to)) };
}

/** Model values of one compared series: per observed window, one value per replication. */
export interface Simulated {
  readonly compared: Compared;
  readonly windows: readonly Window[];
  /** values[w][r]: window w, replication r. */
  readonly values: readonly Float64Array[];
}

/**
 * Run the replications and read the model's value for every observed window. `scenario` has
 * `estimates` applied already; under parameter uncertainty each replication draws them afresh
 * (spread.ts). Default: stochastic uncertainty, as the calibration's search runs it.
 */
export function simulateRecord(
  scenario: Scenario,
  data: ObservedData,
  options: {
    replications: number;
    seed: number;
    /** The series set beside the model (a calibration map's `compared`). */
    compared: readonly Compared[];
    uncertainty?: Uncertainty;
    estimates?: readonly SpreadEstimate[];
    recordSd?: number;
    /** Per series, the log-sd of the model's own error (drawn only under parameter uncertainty). */
    modelSd?: Readonly<Record<string, number>>;
  },
): Simulated[] {
  const uncertainty = options.uncertainty ?? 'stochastic';
  const compared = options.compared.map((c) => {
    const ws = windows(data, c, scenario.start, scenario.horizonMonths);
    return { compared: c, windows: ws, values: ws.map(() => new Float64Array(options.replications)) };
  });
  for (let r = 0; r < options.replications; r++) {
    const run = runReplication(scenario, options.estimates ?? [], uncertainty, options.seed, r, options.recordSd);
    for (const s of compared) {
      const series = run.series[s.compared.model];
      const sd = uncertainty === 'stochastic' ? 0 : (options.modelSd?.[s.compared.series] ?? 0);
      const miss = sd > 0 ? drawModelError(s.compared.series, sd, options.seed, r) : 1;
      s.windows.forEach((w, i) => (s.values[i][r] = modelValue(series, s.compared, w) * miss));
    }
  }
  return compared.filter((s) => s.windows.length > 0);
}

/** Per series, the band beside the record and the MAPE over the scored periods. */
export function fitOf(simulated: readonly Simulated[], scoreFrom: string): Record<string, SeriesFit> {
  const out: Record<string, SeriesFit> = {};
  for (const s of simulated) {
    const periods: PeriodFit[] = s.windows.map((w, i) => {
      const sorted = sortedCopy(s.values[i]);
      const p50 = quantileSorted(sorted, 0.5);
      return {
        period: w.period,
        observed: w.observed,
        p5: quantileSorted(sorted, 0.05),
        p50,
        p95: quantileSorted(sorted, 0.95),
        error: w.observed !== 0 ? (p50 - w.observed) / w.observed : Number.NaN,
        scored: isScored(w, scoreFrom),
      };
    });
    const c = s.compared;
    out[c.series] = { model: c.model, label: c.label, unit: c.unit, kind: c.kind, ...scores(periods), ...(c.target !== undefined ? { target: c.target } : {}), periods };
  }
  return out;
}

export interface BacktestInput {
  readonly base: Scenario;
  readonly data: ObservedData;
  /** Which series of `data` play which part, and which are set beside the model (the pack's calibration.yaml). */
  readonly map: CalibrationMap;
  readonly dataVersion: string;
  readonly dataFiles: readonly string[];
  /** The calibration's estimates, with their standard errors where the fit gave them. */
  readonly estimates: readonly SpreadEstimate[];
  readonly freeParameters: number;
  readonly from?: string;
  readonly to?: string;
  readonly scoreFrom?: string;
  readonly replications?: number;
  readonly seed?: number;
  readonly uncertainty?: Uncertainty;
  /**
   * How far (MAPE, a share) the calibrated model missed the record's decisions in-sample: under
   * parameter uncertainty each replication reads the quarterly productivity from the record with
   * an error of that size (spread.ts), since the record's decisions reach the model's capacity
   * only through assumptions (people per case, the work of each outcome).
   */
  readonly recordError?: number;
  /**
   * How far (MAPE, a share) the calibrated model missed each series in-sample. Under parameter
   * uncertainty each replication's values of a series are off by a lognormal factor of that size
   * (its median 1, so the model's median and its MAPE stay as they are): a model-discrepancy
   * term, since the parameters' spread cannot widen a band for what the model leaves out.
   */
  readonly modelError?: Readonly<Record<string, number>>;
}

/** BacktestInput's recordError (the miss of the series in the map's decisions role) and modelError from a calibration's in-sample MAPE per series. */
export function calibrationErrorsOf(mape: Readonly<Record<string, number | null>>, map: CalibrationMap): Pick<BacktestInput, 'recordError' | 'modelError'> {
  const modelError = Object.fromEntries(Object.entries(mape).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] > 0));
  const missed = modelError[map.roles.decisions];
  return { ...(missed !== undefined ? { recordError: missed } : {}), modelError };
}

/** A normal error's mean absolute value is σ·√(2/π), so σ = MAPE·√(π/2). */
const sdOfMape = (mape: number) => mape * Math.sqrt(Math.PI / 2);

export function runBacktest(input: BacktestInput): BacktestResult & { readonly derived: HistoricalScenario['derived'] } {
  const from = input.from ?? BACKTEST_DEFAULTS.from;
  const to = input.to ?? BACKTEST_DEFAULTS.to;
  const scoreFrom = input.scoreFrom ?? BACKTEST_DEFAULTS.scoreFrom;
  const replications = input.replications ?? BACKTEST_DEFAULTS.replications;
  const seed = input.seed ?? BACKTEST_DEFAULTS.seed;
  const uncertainty = input.uncertainty ?? BACKTEST_DEFAULTS.uncertainty;
  // Dated estimates apply inside the run only: one dated before its start (e.g. dispersal places
  // on the calibration window's last day) would overwrite the state observed at the start.
  const estimates = input.estimates.filter((e) => e.date === undefined || (e.date >= from && e.date <= to));
  const h = backtestScenario(input.base, input.data, input.map, from, to, estimates);
  const recordSd = sdOfMape(input.recordError ?? 0);
  const modelSd = Object.fromEntries(Object.entries(input.modelError ?? {}).map(([series, mape]) => [series, sdOfMape(mape)]));
  const simulated = simulateRecord(h.scenario, input.data, { replications, seed, compared: input.map.compared, uncertainty, estimates, recordSd, modelSd });
  return {
    from,
    to,
    scoreFrom,
    replications,
    seed,
    uncertainty,
    parameterSpread: spreadOf(estimates, uncertainty),
    dataVersion: input.dataVersion,
    dataFiles: input.dataFiles,
    freeParameters: input.freeParameters,
    series: fitOf(simulated, scoreFrom),
    derived: h.derived,
  };
}
