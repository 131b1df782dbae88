/**
 * CSV text: the one writer of every CSV the project produces (monthly summaries, comparisons,
 * per-replication tables, backtests, data files, the dashboard's downloads). RFC 4180 quoting
 * (a cell with `"`, `,` or a line break is quoted, `"` doubled), LF line ends, a trailing newline;
 * null is an empty cell and a number prints as JavaScript prints it, exactly.
 *
 * `monthlyCsv` has one row per month and, for every series, four columns `<series>_mean`,
 * `<series>_p5`, `<series>_p50`, `<series>_p95` (series in the order of SERIES); an empty cell is
 * a value not within the horizon. Pure, no Node imports: the dashboard offers the same file.
 */
import { SERIES } from '../model/result.js';
import type { Summary, SummaryStats } from './summary.js';

const STATS = ['mean', 'p5', 'p50', 'p95'] as const;

export type CsvValue = string | number | null;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line and one line per row. */
export function csvText(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

/** Header of the monthly CSV. */
export function monthlyCsvColumns(): string[] {
  return ['month', ...SERIES.flatMap((s) => STATS.map((stat) => `${s}_${stat}`))];
}

/** Monthly series summary as CSV text (LF line ends, trailing newline). */
export function monthlyCsv(summary: Summary): string {
  return csvText(
    monthlyCsvColumns(),
    summary.months.map((month) => [month.month, ...SERIES.flatMap((s) => STATS.map((stat) => (month[s] as SummaryStats)[stat]))]),
  );
}
