/**
 * Exports for analysts: the monthly series summary and the per-replication KPIs, as CSV, JSON and
 * Apache Arrow IPC files (Feather V2: `pandas.read_feather`, R `arrow::read_feather`, DuckDB with
 * the arrow extension, Polars `read_ipc`). The three formats hold the same table:
 * - `monthly`: one row per month, `<series>_<mean|p5|p50|p95>` columns (the summary's rounding);
 * - `replications`: one row per replication, `replication` then one column per KPI, exact doubles.
 * A missing value (a KPI not reached within the horizon or not defined, a quantile not within the
 * horizon) is an empty CSV cell, JSON null and an Arrow null.
 *
 * Pure: no Node imports (the server can offer the same bytes as downloads).
 */
import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { KPIS } from '../model/result.js';
import { csvText, monthlyCsvColumns } from './csv.js';
import type { Summary } from './summary.js';

/** A column-oriented table: names in order, one array of values per column. */
export interface Columns {
  readonly names: readonly string[];
  readonly values: readonly (readonly (string | number | null)[])[];
}

/** The monthly summary as columns (same columns as monthly.csv). */
export function monthlyColumns(summary: Summary): Columns {
  const names = monthlyCsvColumns();
  const values: (string | number | null)[][] = [summary.months.map((m) => m.month)];
  for (const name of names.slice(1)) {
    const cut = name.lastIndexOf('_');
    const series = name.slice(0, cut);
    const stat = name.slice(cut + 1);
    values.push(summary.months.map((m) => (m as unknown as Record<string, Record<string, number | null>>)[series]![stat] ?? null));
  }
  return { names, values };
}

/** Per-replication KPIs as columns; non-finite values (not reached, not defined) become null. */
export function replicationColumns(kpiRows: readonly Float64Array[]): Columns {
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    names: ['replication', ...KPIS],
    values: [kpiRows.map((_, r) => r), ...KPIS.map((_, k) => kpiRows.map((row) => finite(row[k] as number)))],
  };
}

/** CSV text of columns (LF line ends, trailing newline); numbers print as JavaScript does, exactly. */
export function columnsCsv({ names, values }: Columns): string {
  const rows = values[0]?.length ?? 0;
  return csvText(names, Array.from({ length: rows }, (_, r) => values.map((column) => column[r] ?? null)));
}

/** JSON text of columns as an array of row objects (two-space indent, trailing newline). */
export function columnsJson({ names, values }: Columns): string {
  const rows = values[0]?.length ?? 0;
  const out = Array.from({ length: rows }, (_, r) => Object.fromEntries(names.map((n, c) => [n, values[c]![r] ?? null])));
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Arrow IPC file bytes: strings as Utf8, `replication` as Int32, everything else Float64. */
export function columnsArrow({ names, values }: Columns): Uint8Array {
  const vectors: Record<string, Vector> = {};
  names.forEach((name, c) => {
    const column = values[c] as (string | number | null)[];
    const type = typeof column.find((v) => v !== null) === 'string' ? new Utf8() : name === 'replication' ? new Int32() : new Float64();
    vectors[name] = vectorFromArray(column, type as Float64);
  });
  return tableToIPC(new Table(vectors), 'file');
}

/** The export files of a run beside summary.json and monthly.csv (which cli/output.ts writes). */
export function exportFiles(summary: Summary, kpiRows: readonly Float64Array[]): [string, string | Uint8Array][] {
  const monthly = monthlyColumns(summary);
  const replications = replicationColumns(kpiRows);
  return [
    ['monthly.json', columnsJson(monthly)],
    ['monthly.arrow', columnsArrow(monthly)],
    ['replications.csv', columnsCsv(replications)],
    ['replications.json', columnsJson(replications)],
    ['replications.arrow', columnsArrow(replications)],
  ];
}
