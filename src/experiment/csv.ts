/**
 * Tabular exports of a summary. `monthlyCsv` has one row per month and, for every series, four
 * columns `<series>_mean`, `<series>_p5`, `<series>_p50`, `<series>_p95` (series in the order of
 * SERIES); an empty cell is a value not within the horizon. Pure text, so the server can offer the
 * same file as a download.
 */
import { SERIES } from '../model/result.js';
import type { Summary, SummaryStats } from './summary.js';

const STATS = ['mean', 'p5', 'p50', 'p95'] as const;

function cell(value: number | string | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header of the monthly CSV. */
export function monthlyCsvColumns(): string[] {
  return ['month', ...SERIES.flatMap((s) => STATS.map((stat) => `${s}_${stat}`))];
}

/** Monthly series summary as CSV text (LF line ends, trailing newline). */
export function monthlyCsv(summary: Summary): string {
  const lines = [monthlyCsvColumns().join(',')];
  for (const month of summary.months) {
    const cells: (number | string | null)[] = [month.month];
    for (const s of SERIES) {
      const stats: SummaryStats = month[s];
      for (const stat of STATS) cells.push(stats[stat]);
    }
    lines.push(cells.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
