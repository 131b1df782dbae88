import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { KPIS } from '../model/result.js';
import { monthlyCsv } from './csv.js';
import { columnsArrow, columnsCsv, columnsJson, exportFiles, monthlyColumns, replicationColumns } from './exports.js';
import { SummaryAccumulator } from './summary.js';
import { syntheticResult } from './test-support/synthetic.js';

const N = 7;
const results = Array.from({ length: N }, (_, r) => syntheticResult(3, r, { months: 5 }));
const acc = new SummaryAccumulator({ scenario: 's', title: 'S', seed: 3, replications: N, uncertainty: 'both', version: 't' });
results.forEach((res, r) => acc.add(r, res));
const summary = acc.finish();
const kpiRows = results.map((res) => Float64Array.from(KPIS, (k) => res.kpis[k]));
// Replication 2 never reaches a KPI and has another undefined, as the model may report.
(kpiRows[2] as Float64Array)[KPIS.indexOf('monthsUntilHotelsEmpty')] = Infinity;
(kpiRows[2] as Float64Array)[KPIS.indexOf('meanWaitFirstDecisionDays')] = Number.NaN;

/** Parse CSV written by columnsCsv (no quoted cells here): numbers as numbers, empty as null. */
function parseCsv(text: string): Record<string, string | number | null>[] {
  const [head, ...rows] = text.trimEnd().split('\n');
  const names = (head as string).split(',');
  return rows.map((line) =>
    Object.fromEntries(line.split(',').map((c, i) => [names[i], c === '' ? null : Number.isNaN(Number(c)) ? c : Number(c)])),
  );
}

/** Read Arrow IPC bytes back with apache-arrow itself, as plain row objects. */
function readArrow(bytes: Uint8Array): Record<string, unknown>[] {
  return tableFromIPC(bytes)
    .toArray()
    .map((row) => ({ ...row.toJSON() }));
}

describe('exports', () => {
  it('writes the monthly columns exactly as monthly.csv', () => {
    expect(columnsCsv(monthlyColumns(summary))).toBe(monthlyCsv(summary));
  });

  it('reads the monthly Arrow file back equal to the CSV and the JSON', () => {
    const columns = monthlyColumns(summary);
    const fromCsv = parseCsv(columnsCsv(columns));
    expect(fromCsv).toHaveLength(5);
    expect(readArrow(columnsArrow(columns))).toEqual(fromCsv);
    expect(JSON.parse(columnsJson(columns))).toEqual(fromCsv);
  });

  it('reads the per-replication Arrow file back equal to the CSV, exact doubles and nulls included', () => {
    const columns = replicationColumns(kpiRows);
    const fromCsv = parseCsv(columnsCsv(columns));
    const fromArrow = readArrow(columnsArrow(columns));
    expect(fromArrow).toEqual(fromCsv);
    expect(fromArrow.map((r) => r.replication)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(fromArrow[2]).toMatchObject({ monthsUntilHotelsEmpty: null, meanWaitFirstDecisionDays: null });
    expect(fromArrow[4]!.totalCostGbp).toBe(results[4]!.kpis.totalCostGbp);
    const table = tableFromIPC(columnsArrow(columns));
    expect(String(table.schema.fields[0]!.type)).toBe('Int32');
    expect(String(table.schema.fields[1]!.type)).toBe('Float64');
  });

  it('names every file it writes and leaves monthly.csv to the run files', () => {
    expect(exportFiles(summary, kpiRows).map(([name]) => name)).toEqual([
      'monthly.json',
      'monthly.arrow',
      'replications.csv',
      'replications.json',
      'replications.arrow',
    ]);
  });
});
