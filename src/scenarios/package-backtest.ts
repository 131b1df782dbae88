/**
 * The backtest of the package's own baseline: the built-in baseline with the estimates of a
 * calibration record, run from the observed state over the official data files, as
 * `asylum-sim backtest`, `GET /api/backtest` and the library's `backtest()` all run it. What the
 * three differ in (flags, query, options) is parsed by each; the input is assembled here once.
 */
import { runBacktest } from '../calibration/backtest.js';
import { dataVersion, readCalibration, type CalibrationRecord } from '../calibration/calibration-file.js';
import { dataFiles, loadOfficialData } from '../calibration/data-files.js';
import { baselineScenarioWith } from './catalog.js';

export interface PackageBacktestOptions {
  /** First day of a quarter to start on (default 2018-01-01) and last day of a quarter to run to (default 2023-06-30). */
  readonly from?: string;
  readonly to?: string;
  /** Replications for the band (default 20) and base seed (default 1). */
  readonly replications?: number;
  readonly seed?: number;
  /** Data files in the tidy format (default: the package's data/*.csv). */
  readonly files?: readonly string[];
  /** The calibration record to run with (default: data/calibration.json; null: none, parameters at their defaults). */
  readonly calibration?: CalibrationRecord | null;
}

export type PackageBacktest = ReturnType<typeof runBacktest>;

const fileName = (f: string) => f.split(/[\\/]/).pop() ?? f;

export function packageBacktest(options: PackageBacktestOptions = {}): PackageBacktest {
  const files = options.files ?? dataFiles();
  const c = options.calibration === undefined ? readCalibration() : (options.calibration ?? undefined);
  return runBacktest({
    base: baselineScenarioWith(c),
    data: loadOfficialData([...files]),
    dataVersion: dataVersion(files),
    dataFiles: files.map(fileName),
    estimates: c?.estimates ?? [],
    freeParameters: c?.freeParameters ?? 0,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.replications !== undefined ? { replications: options.replications } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
}
