/**
 * `asylum-sim backtest` and `asylum-sim calibrate`: the model over the past, beside the record.
 * Both read the official data (data/*.csv plus any `--data` files in the same format: a newer
 * release extends the inputs and the record without a code change), of the pack `--pack` names,
 * through its calibration map (packs/<name>/calibration.yaml). `backtest` runs with the estimates of
 * the pack's data/calibration.json; `calibrate` estimates them again and writes that file, which
 * the built-in scenarios' baseline reads. Flags are checked before any work.
 */
import { existsSync, statSync } from 'node:fs';
import { BACKTEST_DEFAULTS } from '../../calibration/backtest.js';
import { MAX_BACKTEST_REPLICATIONS } from '../../calibration/backtest-limits.js';
import { calibrate, CALIBRATE_DEFAULTS, spreadOfEstimate } from '../../calibration/calibrate.js';
import { calibrationPath, readCalibration, writeCalibration, type CalibrationRecord } from '../../calibration/calibration-file.js';
import { dataFiles } from '../../calibration/data-files.js';
import { calibrationMapOf, packRecord } from '../../calibration/pack-record.js';
import { forwardEstimates, type Estimate } from '../../calibration/estimates.js';
import { historicalScenario } from '../../calibration/history.js';
import type { ObservedData } from '../../calibration/observed.js';
import type { CalibrationMap } from '../../pack/calibration-map.js';
import type { SchedulePoint } from '../../model/declarations.js';
import { writeBacktestReport } from '../../calibration/report.js';
import { InputError, showValue } from '../../model/errors.js';
import { MODEL_VERSION } from '../../model/simulate.js';
import { baselineScenarioWith } from '../../scenarios/catalogue.js';
import { DEFAULT_PACK, loadPack, type Pack } from '../../pack/load.js';
import { originText } from '../../calibration/fit.js';
import { checkOrigin } from '../../calibration/origin.js';
import { UNCERTAINTY } from '../../model/uncertainty.js';
import { packageBacktest } from '../../scenarios/package-backtest.js';
import { formatBacktest } from '../backtest-table.js';
import { parseChoiceInput, parseIntegerInput } from '../../experiment/input.js';
import type { Io } from '../io.js';
import { prepareOutDir } from '../../experiment/out-dir.js';
import { DEFAULT_SEED } from './run.js';

export interface HistoryFlags {
  /** The country pack whose record is read (one with a calibration map and data; default uk). */
  readonly pack?: string;
  readonly from?: string;
  readonly to?: string;
  readonly data?: readonly string[];
  readonly replications?: string;
  readonly seed?: string;
  readonly json?: boolean;
}

export interface BacktestFlags extends HistoryFlags {
  readonly out?: string;
  readonly uncertainty?: string;
  /** A quarter's last day: calibrate on the record to it, run on from the day after, score only after it. */
  readonly origin?: string;
  /** Most iterations of the calibration done for --origin. */
  readonly iterations?: string;
}

export interface CalibrateFlags extends HistoryFlags {
  readonly iterations?: string;
  readonly output?: string;
  readonly dryRun?: boolean;
}


function dateFlag(flag: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new InputError({ field: flag, value: showValue(raw), allowed: 'a date YYYY-MM-DD' });
  return text;
}

/**
 * `--pack`: the backtest and the calibration read the pack's record through its calibration map,
 * so a pack without one (or without data) is refused, naming what it lacks.
 */
export function historyPack(raw: string | undefined): Pack {
  const pack = loadPack(raw ?? DEFAULT_PACK);
  calibrationMapOf(pack, '--pack');
  return pack;
}

/** The pack and the data files a run reads: the pack's, then each `--data` file. */
function filesOf(flags: HistoryFlags): { pack: Pack; files: string[] } {
  const pack = historyPack(flags.pack);
  for (const f of flags.data ?? []) {
    if (!existsSync(f) || !statSync(f).isFile()) {
      throw new InputError({ field: '--data', value: showValue(f), allowed: `a readable CSV file in the tidy format of packs/${pack.name}/data/SOURCES.md` });
    }
  }
  return { pack, files: [...dataFiles(pack.dataDir), ...(flags.data ?? [])] };
}

const fileNames = (files: readonly string[]) => files.map((f) => f.split(/[\\/]/).pop() ?? f);

export async function backtestCommand(io: Io, flags: BacktestFlags): Promise<number> {
  const from = dateFlag('--from', flags.from, BACKTEST_DEFAULTS.from);
  const to = dateFlag('--to', flags.to, BACKTEST_DEFAULTS.to);
  const replications = parseIntegerInput('--replications', flags.replications, { min: 1, max: MAX_BACKTEST_REPLICATIONS }, BACKTEST_DEFAULTS.replications);
  const seed = parseIntegerInput('--seed', flags.seed, { min: 0, max: Number.MAX_SAFE_INTEGER }, BACKTEST_DEFAULTS.seed);
  const uncertainty = parseChoiceInput('--uncertainty', flags.uncertainty, UNCERTAINTY, BACKTEST_DEFAULTS.uncertainty);
  const origin = flags.origin === undefined ? undefined : checkOrigin('--origin', flags.origin, { from, to, scoreFrom: BACKTEST_DEFAULTS.scoreFrom });
  const maxIterations = parseIntegerInput('--iterations', flags.iterations, { min: 1, max: 100 }, CALIBRATE_DEFAULTS.maxIterations);
  if (flags.iterations !== undefined && origin === undefined) {
    throw new InputError({ field: '--iterations', value: showValue(flags.iterations), allowed: `only with --origin (the calibration done for it); calibrate takes it for packs/${loadPack(flags.pack ?? DEFAULT_PACK).name}/data/calibration.json` });
  }
  const { pack, files } = filesOf(flags);
  if (flags.out !== undefined) prepareOutDir(flags.out);
  const settings = { pack: pack.name, files, from, to, replications, seed, uncertainty };
  let result: ReturnType<typeof packageBacktest>;
  let note: string;
  if (origin !== undefined) {
    const started = Date.now();
    const progress = (text: string) => (io.errTty ? io.err(`\r${text}   `) : undefined);
    io.err(`Calibrating on the record to ${origin} (at most ${maxIterations} iterations of ${CALIBRATE_DEFAULTS.replications} replications)…${io.errTty ? '\n' : ' '}`);
    const onEvaluation = (n: number, loss: number) => progress(`evaluation ${n}: loss ${loss.toFixed(5)} (${Math.round((Date.now() - started) / 1000)} s)`);
    result = packageBacktest({ ...settings, origin, originCalibration: { maxIterations, onEvaluation } });
    io.err(`${io.errTty ? '\n' : ''}calibrated in ${Math.round((Date.now() - started) / 1000)} s; running from ${result.from}\n`);
    note = originText(result.origin!);
  } else {
    const calibration = readCalibration(calibrationPath(pack.dataDir));
    result = packageBacktest({ ...settings, calibration: calibration ?? null });
    note = calibrationNote(pack, calibration, result.dataVersion, flags.data !== undefined && flags.data.length > 0);
  }
  const notes = [...result.derived.map((d) => `${d.field} = ${Math.round(d.value * 1000) / 1000}: ${d.how}`), note];
  if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
  else io.out(`${formatBacktest(result)}\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  if (flags.out !== undefined) {
    const paths = writeBacktestReport(result, flags.out);
    (flags.json ? io.err : io.out)(`${flags.json ? '' : '\n'}Wrote ${paths.join(', ')}\n`);
  }
  return 0;
}

function calibrationNote(pack: Pack, calibration: CalibrationRecord | undefined, version: string, moreData: boolean): string {
  if (calibration === undefined) return `No calibration record (packs/${pack.name}/data/calibration.json): parameters at their defaults; run asylum-sim calibrate.`;
  if (calibration.data.version !== version) {
    return `Calibrated on data ${calibration.data.version}; these data are ${version}: run asylum-sim calibrate${moreData ? ' with the same --data' : ''} to estimate again.`;
  }
  return `Calibrated on these data (${version}): ${calibration.freeParameters} parameters estimated over ${calibration.window.from} to ${calibration.window.to}.`;
}

export async function calibrateCommand(io: Io, flags: CalibrateFlags): Promise<number> {
  const from = dateFlag('--from', flags.from, BACKTEST_DEFAULTS.from);
  const to = dateFlag('--to', flags.to, BACKTEST_DEFAULTS.to);
  const replications = parseIntegerInput('--replications', flags.replications, { min: 1, max: 20 }, CALIBRATE_DEFAULTS.replications);
  const seed = parseIntegerInput('--seed', flags.seed, { min: 0, max: Number.MAX_SAFE_INTEGER }, DEFAULT_SEED);
  const maxIterations = parseIntegerInput('--iterations', flags.iterations, { min: 1, max: 100 }, CALIBRATE_DEFAULTS.maxIterations);
  const { pack, files } = filesOf(flags);
  const { data, version, map } = packRecord(pack, files, '--pack');
  const scoreFrom = BACKTEST_DEFAULTS.scoreFrom;
  const started = Date.now();
  const result = calibrate({
    // The search starts from the uncalibrated defaults, so a calibration never feeds on itself.
    base: baselineScenarioWith(undefined, pack),
    data,
    map,
    from,
    to,
    scoreFrom,
    replications,
    seed,
    maxIterations,
    onEvaluation: (n, loss) => {
      if (io.errTty) io.err(`\revaluation ${n}: loss ${loss.toFixed(5)} (${Math.round((Date.now() - started) / 1000)} s)   `);
    },
  });
  if (io.errTty) io.err('\n');
  const record: CalibrationRecord = {
    format: 1,
    model: MODEL_VERSION,
    data: { version, files: fileNames(files) },
    window: { from, to, scoreFrom },
    search: {
      method: 'Levenberg–Marquardt (ml-levenberg-marquardt), forward differences of 5% of the first guess, bounded',
      loss: 'Σ over fitted series of weight / periods × Σ over scored periods of ((model mean − record) / record)²',
      replications,
      seed,
      maxIterations,
      iterations: result.iterations,
      evaluations: result.evaluations,
    },
    loss: { start: result.lossAtStart, end: result.loss },
    mape: Object.fromEntries(Object.entries(result.mape).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
    freeParameters: result.free.length,
    estimates: result.free.map((f, i) => ({
      name: f.name,
      path: f.path,
      ...(f.date ? { date: f.date } : {}),
      value: result.values[i],
      ...spreadOfEstimate(result, i),
      description: f.description,
      forward: f.forward,
    })),
    baseline: [...forwardEstimates(result.free, result.values, pack.manifest.baseline.start), ...latestOutcomeRates(pack, data, map, from, to)],
  };
  const target = flags.output ?? calibrationPath(pack.dataDir);
  if (flags.json) io.out(`${JSON.stringify(record, null, 2)}\n`);
  else io.out(calibrationText(record));
  if (!flags.dryRun) {
    writeCalibration(record, target);
    (flags.json ? io.err : io.out)(`Wrote ${target}\n`);
  }
  return 0;
}

/**
 * The record's rates of the last quarter of the window, which the baseline carries forward: the
 * outcome multipliers and the productivity index read from the record (see history.ts).
 */
function latestOutcomeRates(pack: Pack, data: ObservedData, map: CalibrationMap, from: string, to: string): Estimate[] {
  const d = historicalScenario(baselineScenarioWith(undefined, pack), data, map, from, to).scenario.decisions;
  const last = (points: readonly SchedulePoint[]) => points[points.length - 1];
  const latest = (what: string, path: string, points: readonly SchedulePoint[]) => ({ name: `${what} ${last(points).date.slice(0, 7)} (record)`, path, date: pack.manifest.baseline.start, value: last(points).value });
  return [
    latest('withdrawals', 'decisions.withdrawalScale', d.withdrawalScale),
    latest('grants', 'decisions.grantScale', d.grantScale),
    latest('productivity index', 'decisions.productivityIndex', d.productivityIndex),
  ];
}

function calibrationText(r: CalibrationRecord): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `Calibrated ${r.freeParameters} parameters on data ${r.data.version} (${r.data.files.join(', ')}), ${r.window.from} to ${r.window.to}, scored from ${r.window.scoreFrom}.`,
    `Loss ${r.loss.start.toFixed(5)} → ${r.loss.end.toFixed(5)} after ${r.search.iterations} iterations (${r.search.evaluations} evaluations of ${r.search.replications} replication${r.search.replications === 1 ? '' : 's'}, seed ${r.search.seed}).`,
    '',
    'Estimates (± approximate standard error):',
    ...r.estimates.map((e) => `  ${e.name.padEnd(32)} ${String(Number(e.value.toPrecision(4))).padStart(10)}${e.sd === undefined ? ''.padEnd(14) : ` ± ${String(Number(e.sd.toPrecision(2))).padEnd(11)}`}${e.forward ? '  (baseline)' : ''}`),
    '',
    'MAPE at the estimates:',
    ...Object.entries(r.mape).map(([k, v]) => `  ${k.padEnd(36)} ${pct(v)}`),
  ];
  return `${lines.join('\n')}\n`;
}
