/**
 * The backtest of a pack's own baseline (the UK's by default): the built-in baseline with the estimates of a
 * calibration record (or, from a rolling origin, with estimates calibrated on the record cut at
 * the origin), run from the observed state over the pack's official data files, read through its
 * calibration map (packs/<name>/calibration.yaml), as
 * `asylum-sim backtest`, `GET /api/backtest` and the library's `backtest()` all run it. What the
 * three differ in (flags, query, options) is parsed by each; the input is assembled here once.
 */
import { calibrationErrorsOf, runBacktest } from '../calibration/backtest.js';
import { calibrationPath, readCalibration, type CalibrationRecord } from '../calibration/calibration-file.js';
import { packRecord } from '../calibration/pack-record.js';
import type { OriginSummary } from '../calibration/fit.js';
import { runOriginBacktest } from '../calibration/origin.js';
import type { Uncertainty } from '../model/uncertainty.js';
import { DEFAULT_PACK, loadPack } from '../pack/load.js';
import { baselineScenarioWith } from './catalogue.js';

export interface PackageBacktestOptions {
  /** The country pack whose record is read (default `uk`); it needs a calibration map and data. */
  readonly pack?: string;
  /** First day of a quarter to start on (default 2018-01-01) and last day of a quarter to run to (default 2023-06-30). */
  readonly from?: string;
  readonly to?: string;
  /** Replications for the band (default 20) and base seed (default 1). */
  readonly replications?: number;
  readonly seed?: number;
  /** What the band includes (default both: random events and the calibrated parameters' spread). */
  readonly uncertainty?: Uncertainty;
  /** Data files in the tidy format (default: the pack's data/*.csv). */
  readonly files?: readonly string[];
  /** The calibration record to run with (default: the pack's data/calibration.json; null: none, parameters at their defaults). Not used from a rolling origin. */
  readonly calibration?: CalibrationRecord | null;
  /** A rolling origin (a quarter's last day): calibrate on the record cut there, run from the day after, score what follows. */
  readonly origin?: string;
  /** The origin's calibration: its iteration limit and a progress callback. */
  readonly originCalibration?: { readonly maxIterations?: number; readonly onEvaluation?: (evaluations: number, loss: number) => void };
}

export type PackageBacktest = ReturnType<typeof runBacktest> & { readonly origin?: OriginSummary };

const fileName = (f: string) => f.split(/[\\/]/).pop() ?? f;

export function packageBacktest(options: PackageBacktestOptions = {}): PackageBacktest {
  const pack = loadPack(options.pack ?? DEFAULT_PACK, 'pack');
  const record = packRecord(pack, options.files, 'pack');
  const settings = {
    data: record.data,
    map: record.map,
    dataVersion: record.version,
    dataFiles: record.files.map(fileName),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.replications !== undefined ? { replications: options.replications } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.uncertainty !== undefined ? { uncertainty: options.uncertainty } : {}),
  };
  if (options.origin !== undefined) {
    // The repository's calibration saw the record after the origin: start from the defaults.
    return runOriginBacktest({ ...settings, base: baselineScenarioWith(undefined, pack), origin: options.origin, calibration: options.originCalibration ?? {} });
  }
  const c = options.calibration === undefined ? readCalibration(calibrationPath(pack.dataDir)) : (options.calibration ?? undefined);
  return runBacktest({
    ...settings,
    base: baselineScenarioWith(c, pack),
    estimates: c?.estimates ?? [],
    freeParameters: c?.freeParameters ?? 0,
    ...(c ? calibrationErrorsOf(c.mape, record.map) : {}),
  });
}
