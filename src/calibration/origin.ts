/**
 * Rolling-origin evaluation (as forecasting competitions score forecasts): pretend it is the day
 * `origin` and only the record up to it is known. Calibrate on the periods ending on or before the
 * origin, then run the model forward from the observed state on that day, driven by the record's
 * inputs after it (claims, headcount, decisions, outcome rates, the tribunal: what actually
 * happened), and score only the periods after it. The forward run takes what the built-in
 * scenarios take from a calibration (the support parameters: estimates.ts forwardEstimates), each
 * with its standard error; the estimates of past dispersal capacity stay behind.
 */
import { epochDay, isoFromEpochDay } from '../model/dates.js';
import { InputError, showValue } from '../model/errors.js';
import type { Scenario } from '../model/schema.js';
import { BACKTEST_DEFAULTS, calibrationErrorsOf, runBacktest, type BacktestInput } from './backtest.js';
import { calibrate, CALIBRATE_DEFAULTS, spreadOfEstimate, type CalibrationResult } from './calibrate.js';
import { forwardEstimates } from './estimates.js';
import type { BacktestResult, OriginSummary } from './fit.js';
import { ObservedData } from './observed.js';
import { parsePeriod } from './period.js';

const QUARTER_END = /^\d{4}-(03-31|06-30|09-30|12-31)$/;

/**
 * The origin as given, checked: the last day of a quarter, after the scoring window opens (so the
 * calibration has periods to fit) and before `to` (so there are periods to score).
 */
export function checkOrigin(field: string, raw: string, window: { from: string; to: string; scoreFrom: string }): string {
  const text = raw.trim();
  if (!QUARTER_END.test(text) || parsePeriod(text)?.kind !== 'date') {
    throw new InputError({ field, value: showValue(raw), allowed: 'the last day of a quarter, e.g. 2021-06-30 (the record is quarterly)' });
  }
  if (text <= window.scoreFrom || text <= window.from || text >= window.to) {
    throw new InputError({ field, value: showValue(raw), allowed: `a quarter's last day after ${window.scoreFrom > window.from ? window.scoreFrom : window.from} (the calibration needs scored periods) and before --to (${window.to})` });
  }
  return text;
}

/** The record as known on `date`: every observation (all vintages) of a period ending on or before it. */
export function observedUpTo(data: ObservedData, date: string): ObservedData {
  return new ObservedData(data.names().flatMap((name) => data.series(name, { allVintages: true }).filter((o) => parsePeriod(o.period)!.end <= date)));
}

export interface OriginInput extends Omit<BacktestInput, 'estimates' | 'freeParameters' | 'scoreFrom'> {
  /** The uncalibrated baseline: the calibration of the repository saw the record after the origin. */
  readonly base: Scenario;
  readonly origin: string;
  /** The calibration's scoring window opens here (default: the backtest's). */
  readonly scoreFrom?: string;
  readonly calibration?: { readonly replications?: number; readonly maxIterations?: number; readonly onEvaluation?: (evaluations: number, loss: number) => void };
}

/** The origin's calibration window and search settings, defaults filled in. */
function calibrationSettings(input: OriginInput) {
  return {
    from: input.from ?? BACKTEST_DEFAULTS.from,
    to: input.origin,
    scoreFrom: input.scoreFrom ?? BACKTEST_DEFAULTS.scoreFrom,
    replications: input.calibration?.replications ?? CALIBRATE_DEFAULTS.replications,
    seed: input.seed ?? BACKTEST_DEFAULTS.seed,
    maxIterations: input.calibration?.maxIterations ?? CALIBRATE_DEFAULTS.maxIterations,
  };
}

/** Calibrate on the record up to the origin: the window from `from` to the origin, on those data only. */
export function calibrateToOrigin(input: OriginInput): CalibrationResult {
  return calibrate({ base: input.base, data: observedUpTo(input.data, input.origin), map: input.map, ...calibrationSettings(input), onEvaluation: input.calibration?.onEvaluation });
}

/** Calibrate up to the origin, run from the day after it to `to`, and score the periods after it. */
export function runOriginBacktest(input: OriginInput): BacktestResult & { readonly derived: ReturnType<typeof runBacktest>['derived']; readonly origin: OriginSummary } {
  const c = calibrateToOrigin(input);
  const start = isoFromEpochDay(epochDay(input.origin) + 1);
  const withSd = (e: { name: string }) => spreadOfEstimate(c, c.free.findIndex((f) => f.name === e.name));
  const estimates = c.estimates.map((e) => ({ ...e, ...withSd(e) }));
  const forward = forwardEstimates(c.free, c.values, start).map((e) => ({ ...e, ...withSd(e) }));
  const result = runBacktest({ ...input, from: start, scoreFrom: start, estimates: forward, freeParameters: c.free.length, ...calibrationErrorsOf(c.mape, input.map) });
  const origin: OriginSummary = {
    date: input.origin,
    calibration: {
      ...calibrationSettings(input),
      iterations: c.iterations,
      evaluations: c.evaluations,
      lossAtStart: c.lossAtStart,
      loss: c.loss,
      estimates,
      forward,
    },
  };
  return { ...result, origin };
}
