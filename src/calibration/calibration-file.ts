/**
 * The calibration record (`packs/uk/data/calibration.json`): what `asylum-sim calibrate` estimated, on
 * which data (a content hash of the files), over which window, with which loss — and the part of
 * it the built-in scenarios' baseline takes. Written atomically (a temporary file renamed over
 * the old one), so a crash mid-write leaves the previous record whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../model/errors.js';
import { defaultDataDir } from './data-files.js';

const estimate = z.object({
  name: z.string(),
  path: z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  value: z.number().finite(),
});

export const calibrationRecord = z.object({
  format: z.literal(1),
  model: z.string(),
  data: z.object({ version: z.string(), files: z.array(z.string()) }),
  window: z.object({ from: z.string(), to: z.string(), scoreFrom: z.string() }),
  search: z.object({
    method: z.string(),
    loss: z.string(),
    replications: z.number().int().positive(),
    seed: z.number().int(),
    maxIterations: z.number().int().positive(),
    iterations: z.number().int().nonnegative(),
    evaluations: z.number().int().nonnegative(),
  }),
  loss: z.object({ start: z.number(), end: z.number() }),
  /** MAPE per compared series at the estimates (a share). */
  mape: z.record(z.string(), z.number().nullable()),
  freeParameters: z.number().int().nonnegative(),
  /**
   * Every estimate, for the backtest over the window; `sd` (optional: records written before it
   * lack it) is the estimate's approximate standard error, and `correlation` (optional) its
   * correlations with the other estimates by name, which the backtest's parameter uncertainty
   * draws from.
   */
  estimates: z.array(
    estimate.extend({
      description: z.string(),
      forward: z.boolean(),
      sd: z.number().finite().nonnegative().optional(),
      correlation: z.record(z.string(), z.number().min(-1).max(1)).optional(),
    }),
  ),
  /** What the built-in scenarios' baseline takes (schedules from the baseline start on). */
  baseline: z.array(estimate),
});
export type CalibrationRecord = z.infer<typeof calibrationRecord>;

export function calibrationPath(dataDir: string = defaultDataDir()): string {
  return join(dataDir, 'calibration.json');
}

/** Content hash of data files (names and bytes, in the given order): the data version. */
export function dataVersion(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(basename(f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/** The calibration record, or undefined when there is none. */
export function readCalibration(path: string = calibrationPath()): CalibrationRecord | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError({ field: 'calibration', value: path, allowed: `a JSON file (${(e as Error).message}); run asylum-sim calibrate to write it again` });
  }
  const parsed = calibrationRecord.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError({ field: `calibration.${issue.path.join('.')}`, value: path, allowed: `${issue.message}; run asylum-sim calibrate to write it again` });
  }
  return parsed.data;
}

export function writeCalibration(record: CalibrationRecord, path: string = calibrationPath()): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(calibrationRecord.parse(record), null, 2)}\n`);
  renameSync(tmp, path);
}
