/**
 * The backtest as the server answers it (GET /api/backtest): what `asylum-sim backtest --json`
 * prints for the package's data and calibration record, with a summary of that record beside it.
 *
 * `?origin=DATE` asks for a rolling-origin backtest (calibration/origin.ts: calibrated afresh on the
 * record to DATE, about a minute), `?uncertainty=` for what the replications differ in.
 *
 * One backtest of 20 replications takes ≈8 CPU-seconds, which the HTTP thread must not spend: it
 * runs in a thread of its own (backtest-worker.ts), one at a time, and is stopped past the
 * server's run time limit as a run is (RunTimeout, 503). A finished backtest is kept in memory
 * and in the store (its backtests table) under a hash of everything it depends on — settings,
 * data version, model and package version, and the calibration it ran with — so asking again
 * answers at once, also after a restart, and asking while it runs joins it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BACKTEST_DEFAULTS } from '../calibration/backtest.js';
import { MAX_BACKTEST_REPLICATIONS } from '../calibration/backtest-limits.js';
import { checkOrigin } from '../calibration/origin.js';
import { dataVersion, readCalibration, type CalibrationRecord } from '../calibration/calibration-file.js';
import { dataFiles } from '../calibration/data-files.js';
import { parseChoiceInput, parseIntegerInput } from '../experiment/input.js';
import { MODEL_VERSION } from '../model/simulate.js';
import { UNCERTAINTY, type Uncertainty } from '../model/uncertainty.js';
import { packageBacktest, type PackageBacktest } from '../scenarios/package-backtest.js';
import { contentHash } from './hash.js';
import type { Store } from './store.js';
import { onlyFields } from './requests.js';
import { RunFailed, RunTimeout, runWorkerUrl } from './runner.js';

export const BACKTEST_QUERY = { replications: 20, seed: 1, uncertainty: BACKTEST_DEFAULTS.uncertainty, origin: undefined } as const;

export interface BacktestSettings {
  readonly replications: number;
  readonly seed: number;
  readonly uncertainty: Uncertainty;
  /** A rolling origin (a quarter's last day), or none: the calibration record's estimates. */
  readonly origin?: string;
}

/** `?replications=N&seed=S&uncertainty=U&origin=DATE`, checked as the CLI checks them: a bad or unknown one is a 400 naming it. */
export function backtestSettings(query: Readonly<Record<string, string>>, maxReplications: number): BacktestSettings {
  onlyFields(query, Object.keys(BACKTEST_QUERY));
  const window = { from: BACKTEST_DEFAULTS.from, to: BACKTEST_DEFAULTS.to, scoreFrom: BACKTEST_DEFAULTS.scoreFrom };
  return {
    replications: parseIntegerInput('replications', query.replications, { min: 1, max: Math.min(MAX_BACKTEST_REPLICATIONS, maxReplications) }, BACKTEST_QUERY.replications),
    seed: parseIntegerInput('seed', query.seed, { min: 0, max: Number.MAX_SAFE_INTEGER }, BACKTEST_QUERY.seed),
    uncertainty: parseChoiceInput('uncertainty', query.uncertainty, UNCERTAINTY, BACKTEST_QUERY.uncertainty),
    ...(query.origin !== undefined ? { origin: checkOrigin('origin', query.origin, window) } : {}),
  };
}

/** What the calibration record says about itself, for reading the backtest by. */
export interface CalibrationSummary {
  /** Content hash of the data it was calibrated on. */
  readonly dataVersion: string;
  /** Whether those are the data this backtest read. */
  readonly current: boolean;
  readonly model: string;
  readonly window: CalibrationRecord['window'];
  readonly loss: CalibrationRecord['loss'];
  readonly freeParameters: number;
  readonly estimates: readonly { readonly name: string; readonly path: string; readonly date?: string; readonly value: number; readonly description: string }[];
}

export type BacktestReport = PackageBacktest & { readonly calibration: CalibrationSummary | null };

/** What the backtest thread is handed: the inputs the request's hash was taken of. */
export interface BacktestTask extends BacktestSettings {
  readonly files: readonly string[];
  readonly dataVersion: string;
  readonly calibration: CalibrationRecord | null;
}

/**
 * The backtest and the calibration's summary (the worker's work; the CLI runs the same packageBacktest).
 * A rolling-origin backtest does its own calibration, which its `origin` reports; `calibration` is then null.
 */
export function backtestReport(task: BacktestTask): BacktestReport {
  const settings = { files: task.files, replications: task.replications, seed: task.seed, uncertainty: task.uncertainty };
  if (task.origin !== undefined) return { ...packageBacktest({ ...settings, origin: task.origin }), calibration: null };
  const c = task.calibration;
  const result = packageBacktest({ ...settings, calibration: c });
  const calibration: CalibrationSummary | null = c && {
    dataVersion: c.data.version,
    current: c.data.version === task.dataVersion,
    model: c.model,
    window: c.window,
    loss: c.loss,
    freeParameters: c.freeParameters,
    estimates: c.estimates.map(({ name, path, date, value, description }) => ({ name, path, ...(date ? { date } : {}), value, description })),
  };
  return { ...result, calibration };
}

/** The message the backtest thread posts when it ends. */
export type BacktestMessage = { readonly type: 'done'; readonly json: string } | { readonly type: 'error'; readonly message: string };

/** Finished backtests kept; each is ≈50 kB of JSON. */
const KEEP = 50;

export class BacktestService {
  private readonly cache = new Map<string, string>();
  private readonly running = new Map<string, Promise<string>>();
  /** Ends when the backtest before the next one has ended: one thread at a time. */
  private tail: Promise<unknown> = Promise.resolve();
  /** The thread of the backtest under way, stopped by close(). */
  private current: { readonly worker: Worker; readonly stop: (why: Error) => void } | undefined;
  private closed = false;
  private readonly url = new URL('./backtest-worker.js', runWorkerUrl(import.meta.url));

  /** `version`: the package and calibrated model version (RunService.version). */
  constructor(
    private readonly version: string,
    private readonly timeoutMs: number,
    /** Where finished backtests are kept across restarts (absent: this process's memory only). */
    private readonly store?: Store,
  ) {
    if (!existsSync(fileURLToPath(this.url))) throw new Error(`the compiled backtest worker ${fileURLToPath(this.url)} is missing: run \`npm run build\` first`);
  }

  /** The backtest's JSON text for these settings, and whether the cache held it. */
  async report(settings: BacktestSettings): Promise<{ json: string; cache: 'hit' | 'miss' }> {
    // Read per request (a few milliseconds): a new data file or calibration gives a new backtest.
    const files = dataFiles();
    const task: BacktestTask = { ...settings, files, dataVersion: dataVersion(files), calibration: readCalibration() ?? null };
    const key = contentHash({
      backtest: settings,
      data: task.dataVersion,
      model: MODEL_VERSION,
      version: this.version,
      // A rolling-origin backtest calibrates for itself: the record's calibration does not enter it.
      calibration: settings.origin === undefined && task.calibration ? { data: task.calibration.data.version, estimates: task.calibration.estimates } : null,
    });
    const cached = this.cache.get(key) ?? this.store?.backtestByHash(key);
    if (cached !== undefined) return { json: cached, cache: 'hit' };
    let pending = this.running.get(key);
    if (!pending) {
      const turn = this.tail.then(() => this.inThread(task));
      this.tail = turn.catch(() => {});
      pending = turn
        .then((json) => {
          this.cache.set(key, json);
          this.store?.putBacktest(key, { ...settings, dataVersion: task.dataVersion }, json);
          if (this.cache.size > KEEP) this.cache.delete(this.cache.keys().next().value!);
          return json;
        })
        .finally(() => this.running.delete(key));
      this.running.set(key, pending);
    }
    return { json: await pending, cache: 'miss' };
  }

  /**
   * Stops the backtest under way (its requests get a RunFailed) and refuses new ones; resolves
   * when its thread has ended, so a closed server leaves no thread behind.
   */
  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    if (!current) return;
    const ended = new Promise<void>((resolve) => current.worker.once('exit', () => resolve()));
    current.stop(new RunFailed('the server is closing'));
    await ended;
  }

  private inThread(task: BacktestTask): Promise<string> {
    if (this.closed) return Promise.reject(new RunFailed('the server is closing'));
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.url, { workerData: task });
      // Neither the thread nor its timer keeps a closing server's process alive.
      worker.unref();
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        this.current = undefined;
        clearTimeout(timer);
        void worker.terminate();
        f();
      };
      this.current = { worker, stop: (why) => finish(() => reject(why)) };
      const timer = setTimeout(() => finish(() => reject(new RunTimeout(this.timeoutMs))), this.timeoutMs);
      timer.unref();
      worker.on('message', (m: BacktestMessage) => finish(() => (m.type === 'done' ? resolve(m.json) : reject(new RunFailed(m.message)))));
      worker.on('error', (e) => finish(() => reject(new RunFailed(e.message.split('\n')[0]))));
      worker.on('exit', (code) => finish(() => reject(new RunFailed(`the backtest's thread stopped (exit code ${code})`))));
    });
  }
}
