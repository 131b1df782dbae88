/**
 * How well the model reproduces the record: per observed series, the model's band (P5, P50,
 * P95 over replications) beside each observed figure, the error of the median, and the mean
 * absolute percentage error (MAPE) over the periods that count. Shared by the backtest, the
 * calibration loss, the CLI and the dashboard.
 */

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
