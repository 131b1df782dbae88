/**
 * Files a run writes under `--out DIR`: `summary.json` (the same JSON as `--json`) and
 * `monthly.csv` (one row per month, mean/P5/P50/P95 columns per series), in a directory prepared
 * by experiment/out-dir.ts before the run starts.
 */
import { monthlyCsv } from '../experiment/csv.js';
import { writeOutFiles } from '../experiment/out-dir.js';
import { summaryToJson, type Summary } from '../experiment/summary.js';

export const OUTPUT_FILES = ['summary.json', 'monthly.csv'] as const;

/** Write the run's files; returns their paths. */
export function writeRunFiles(dir: string, summary: Summary): string[] {
  return writeOutFiles(dir, [
    ['summary.json', summaryToJson(summary)],
    ['monthly.csv', monthlyCsv(summary)],
  ]);
}
