/**
 * The backtest's files for a reader's report: a tidy CSV (one row per series and period), the
 * result as JSON, and one SVG chart per series (the model's P5–P95 band and P50 line beside the
 * record, drawn by backtest-chart.ts as the web page draws it). The CSV and the charts are pure
 * text and deterministic, so they can be golden-tested; only `writeBacktestReport` touches the disk.
 */
import { parseHTML } from 'linkedom';
import { columnsCsv } from '../experiment/exports.js';
import { writeOutFiles } from '../experiment/out-dir.js';
import { InputError, showValue } from '../model/errors.js';
import { backtestChart, type ChartMeta } from './backtest-chart.js';
import type { BacktestResult, SeriesFit } from './fit.js';

export const BACKTEST_CSV_COLUMNS = ['series', 'model_series', 'period', 'observed', 'p5', 'p50', 'p95', 'error', 'scored', 'unit'] as const;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** One row per (series, period), numbers exact and plain; a non-finite number is an empty cell. */
export function backtestCsv(result: BacktestResult): string {
  const rows = Object.entries(result.series).flatMap(([name, fit]) =>
    fit.periods.map((p) => [name, fit.model, p.period, finite(p.observed), finite(p.p5), finite(p.p50), finite(p.p95), finite(p.error), String(p.scored), fit.unit]),
  );
  return columnsCsv({ names: BACKTEST_CSV_COLUMNS, values: BACKTEST_CSV_COLUMNS.map((_, c) => rows.map((row) => row[c] ?? null)) });
}

export const BACKTEST_SERIES_CSV_COLUMNS = ['series', 'model_series', 'label', 'unit', 'kind', 'scored_periods', 'mape', 'coverage', 'interval_score', 'interval_score_relative', 'target'] as const;

/**
 * One row per series with its scores over the scored periods: MAPE, coverage of P5–P95, the mean
 * interval score (the series' unit) and its mean relative to the record (a share); empty when none is scored.
 */
export function backtestSeriesCsv(result: BacktestResult): string {
  const rows = Object.entries(result.series).map(([name, fit]) => [
    name,
    fit.model,
    fit.label,
    fit.unit,
    fit.kind,
    fit.periods.filter((p) => p.scored).length,
    finite(fit.mape),
    finite(fit.coverage),
    finite(fit.intervalScore),
    finite(fit.intervalScoreRelative),
    fit.target ?? null,
  ]);
  return columnsCsv({ names: BACKTEST_SERIES_CSV_COLUMNS, values: BACKTEST_SERIES_CSV_COLUMNS.map((_, c) => rows.map((row) => row[c] ?? null)) });
}

/** The result as JSON (two-space indent, trailing newline); a NaN score (nothing scored) becomes null. */
export function backtestJson(result: BacktestResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * One series as a standalone SVG file (720×360): the chart the web page draws (backtest-chart.ts),
 * built on linkedom's DOM, with its title, subtitle and legend inside, and the namespace a file
 * needs to open on its own (a DOM adds it only when serialising XML).
 */
export function seriesChartSvg(name: string, fit: SeriesFit, meta: ChartMeta): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = backtestChart(name, fit, meta, { document: document as unknown as Document, standalone: true });
  svg.setAttribute('xmlns', SVG_NS);
  return `${svg.outerHTML}\n`;
}

/** A record's series name as it may appear in a file name (the record's own rule: snake_case). */
const FILE_SAFE = /^[a-z][a-z0-9_]*$/;

/**
 * Write `backtest.csv`, `backtest-series.csv`, `backtest.json` and `<series>.svg` per series under a prepared `--out`
 * directory (see prepareOutDir); returns the paths written.
 */
export function writeBacktestReport(result: BacktestResult, dir: string): string[] {
  const names = Object.keys(result.series);
  const bad = names.find((name) => !FILE_SAFE.test(name));
  if (bad !== undefined) {
    throw new InputError({ field: 'series', value: showValue(bad), allowed: 'a snake_case name (lower-case letters, digits and _, starting with a letter), used as a file name' });
  }
  return writeOutFiles(dir, [
    ['backtest.csv', backtestCsv(result)],
    ['backtest-series.csv', backtestSeriesCsv(result)],
    ['backtest.json', backtestJson(result)],
    ...names.map((name) => [`${name}.svg`, seriesChartSvg(name, result.series[name] as SeriesFit, result)] as const),
  ]);
}
