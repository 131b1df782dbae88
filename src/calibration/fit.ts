/**
 * How well the model reproduces the record: per observed series, the model's band (P5, P50,
 * P95 over replications) beside each observed figure, the error of the median, and over the
 * periods that count: the mean absolute percentage error (MAPE) of the median, the coverage of
 * the P5–P95 band, and the interval score of that band. Shared by the backtest, the calibration
 * loss, the CLI and the dashboard.
 *
 * The interval score (Gneiting and Raftery 2007, section 6.2) of a central (1 − α) interval
 * [l, u] for an observation y is (u − l) + (2/α)(l − y)·1[y < l] + (2/α)(y − u)·1[y > u]: the
 * band's width plus a penalty for every unit the record falls outside it. Lower is better; a band
 * that is too narrow pays the penalty, one too wide pays its width. Here α = 0.1 (P5–P95). The
 * score is in the series' own unit, so beside its mean we give the mean of score ÷ |y| (the
 * relative interval score), which compares across series of different scale.
 */
import type { Uncertainty } from '../model/uncertainty.js';
import type { Estimate } from './estimates.js';

/** An estimate with its approximate standard error, in the parameter's unit, when the fit gave one. */
export interface SpreadEstimate extends Estimate {
  readonly sd?: number;
  /** Its correlation with other estimates, by their names, where the fit gave them. */
  readonly correlation?: Readonly<Record<string, number>>;
}

/**
 * The calibration done for a rolling origin (origin.ts): its window and search settings (as
 * calibrate.ts's CalibrateInput names them), how the search went (as its CalibrationResult), and
 * its estimates. Written out here rather than picked from those types, so that this module, which
 * calibrate.ts reaches through backtest.ts, imports nothing that imports it.
 */
export interface OriginCalibration {
  readonly from: string;
  readonly to: string;
  readonly scoreFrom: string;
  readonly replications: number;
  readonly seed: number;
  readonly maxIterations: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly lossAtStart: number;
  readonly loss: number;
  /** Every estimate, with its standard error where the fit gave one. */
  readonly estimates: readonly SpreadEstimate[];
  /** Those the forward run takes, dated from its first day. */
  readonly forward: readonly SpreadEstimate[];
}

/** What a rolling-origin backtest reports about its origin. */
export interface OriginSummary {
  /** The last day whose record the calibration saw (a quarter's last day). */
  readonly date: string;
  readonly calibration: OriginCalibration;
}


/** One observed period of one series beside the model. */
export interface PeriodFit {
  /** The record's period, as in the data file (`2021Q3`, `2021-09-30`). */
  readonly period: string;
  readonly observed: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  /** (P50 − observed) / observed: the median's relative error. */
  readonly error: number;
  /** Whether the period counts towards the MAPE (inside the scoring window). */
  readonly scored: boolean;
}

export interface SeriesFit {
  /** The model's monthly series compared with this record. */
  readonly model: string;
  readonly label: string;
  /** What one unit of the figures is (`people`, `people per quarter`). */
  readonly unit: string;
  /** `stock` at the end of a period, or `flow` over it. */
  readonly kind: 'stock' | 'flow';
  /** Mean absolute percentage error of the median over the scored periods (a share: 0.1 = 10%); NaN when none is scored. */
  readonly mape: number;
  /** Share of the scored periods whose record lies inside [P5, P95] (NaN when none is scored); about 0.9 for an honest band. */
  readonly coverage: number;
  /** Mean interval score of the P5–P95 band over the scored periods, in the series' unit (NaN when none is scored). */
  readonly intervalScore: number;
  /** Mean over the scored periods of interval score ÷ |record| (a share, comparable across series; NaN when none is scored). */
  readonly intervalScoreRelative: number;
  /** The MAPE the model aims at for this series, when the issue or the team set one. */
  readonly target?: number;
  readonly periods: readonly PeriodFit[];
}

export interface BacktestResult {
  readonly from: string;
  readonly to: string;
  /** Periods from this date on are scored (earlier ones are shown, not scored). */
  readonly scoreFrom: string;
  readonly replications: number;
  readonly seed: number;
  /** What the replications differ in: random events, the parameters, or both. */
  readonly uncertainty: Uncertainty;
  /** Where the parameters' spread came from (none under stochastic uncertainty). */
  readonly parameterSpread: ParameterSpread;
  /** A rolling-origin backtest: the origin and the calibration done for it (origin.ts). */
  readonly origin?: OriginSummary;
  /** Content hash of the data files the run read (inputs and record). */
  readonly dataVersion: string;
  /** Names of the data files read. */
  readonly dataFiles: readonly string[];
  /** How many parameters the calibration estimated from this record. */
  readonly freeParameters: number;
  /** Keyed by the record's series name (e.g. `awaiting_initial_decision_people`). */
  readonly series: Readonly<Record<string, SeriesFit>>;
}

/** How a series' MAPE stands against its target: the one verdict of the terminal, the files and the page. */
export type TargetVerdict = 'met' | 'missed' | 'no target' | 'not scored';

export function targetVerdict(fit: Pick<SeriesFit, 'mape' | 'target'>): TargetVerdict {
  if (fit.target === undefined) return 'no target';
  if (!Number.isFinite(fit.mape)) return 'not scored';
  return fit.mape <= fit.target ? 'met' : 'missed';
}

/** Mean absolute relative error of the scored periods' medians (NaN when none is scored). */
export function mape(periods: readonly Pick<PeriodFit, 'error' | 'scored'>[]): number {
  let sum = 0;
  let n = 0;
  for (const p of periods) {
    if (!p.scored) continue;
    sum += Math.abs(p.error);
    n++;
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** The central interval the band stands for: P5–P95, so α = 0.1. */
export const INTERVAL_ALPHA = 0.1;

/** The interval score of [lo, hi] as a central (1 − alpha) interval for the observation y. */
export function intervalScore(lo: number, hi: number, y: number, alpha: number = INTERVAL_ALPHA): number {
  return hi - lo + (y < lo ? (2 / alpha) * (lo - y) : 0) + (y > hi ? (2 / alpha) * (y - hi) : 0);
}

type Scored = Pick<PeriodFit, 'observed' | 'p5' | 'p95' | 'error' | 'scored'>;

/** MAPE, coverage and the mean (absolute and relative) interval score of the scored periods; NaN each when none is scored. */
export function scores(periods: readonly Scored[]): Pick<SeriesFit, 'mape' | 'coverage' | 'intervalScore' | 'intervalScoreRelative'> {
  let inside = 0;
  let score = 0;
  let relative = 0;
  let n = 0;
  for (const p of periods) {
    if (!p.scored) continue;
    const s = intervalScore(p.p5, p.p95, p.observed);
    if (p.observed >= p.p5 && p.observed <= p.p95) inside++;
    score += s;
    relative += s / Math.abs(p.observed);
    n++;
  }
  const mean = (x: number) => (n === 0 ? Number.NaN : x / n);
  return { mape: mape(periods), coverage: mean(inside), intervalScore: mean(score), intervalScoreRelative: mean(relative) };
}

/** Where a backtest's parameter uncertainty comes from. */
export type ParameterSpread = 'none' | 'standard-errors' | 'plausible-ranges';

/** What the band of a backtest includes, in words for its report. */
export function spreadText(uncertainty: Uncertainty, spread: ParameterSpread): string {
  const chance = 'their random events';
  const params =
    spread === 'standard-errors'
      ? "the calibrated parameters, each drawn from a normal distribution with its standard error from the calibration's fit"
      : 'every uncertain parameter, drawn from its plausible range (the calibration record has no standard errors)';
  if (uncertainty === 'stochastic') return `replications differ only in ${chance} (uncertainty stochastic)`;
  if (uncertainty === 'parameters') return `replications differ only in ${params} (uncertainty parameters; the same random events)`;
  return `replications differ in ${chance} and in ${params} (uncertainty both)`;
}

/** What a rolling-origin backtest rested on, in words for its report. */
export function originText(o: OriginSummary): string {
  const c = o.calibration;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const taken = c.forward.map((e) => `${e.name} ${Number(e.value.toPrecision(4))}${e.sd === undefined ? '' : ` ± ${Number(e.sd.toPrecision(2))}`}`).join(', ');
  return (
    `Rolling origin ${o.date}: calibrated on the record to ${o.date} only (${c.from} to ${c.to}, scored from ${c.scoreFrom}), ` +
    `loss ${c.lossAtStart.toFixed(5)} → ${c.loss.toFixed(5)} after ${plural(c.iterations, 'iteration')} ` +
    `(${plural(c.evaluations, 'evaluation')} of ${plural(c.replications, 'replication')}, seed ${c.seed}); ` +
    `run on from the day after with the record's inputs, taking ${taken || 'no estimate'}; only periods after ${o.date} scored.`
  );
}
