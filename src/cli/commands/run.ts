/**
 * `asylum-sim run <scenario|file>`: replications of one scenario, summarised as a terminal table,
 * as JSON on stdout (`--json`, and nothing else on stdout), and as files under `--out DIR`
 * (summary.json, monthly.csv, and the exports of experiment/exports.ts: monthly and
 * per-replication KPIs as CSV, JSON and Arrow).
 * Every flag is checked before any work starts.
 */
import { availableParallelism } from 'node:os';
import { inProcessSimulator, type Simulator } from '../../experiment/jobs.js';
import { redisFrom, type RedisTarget } from '../../experiment/distributed/connection.js';
import { replicateOn } from '../../experiment/parallel.js';
import { exportFiles } from '../../experiment/exports.js';
import { summaryToJson } from '../../experiment/summary.js';
import { LIMITS } from '../../model/limits.js';
import type { Backend, ScenarioLike } from '../backend.js';
import { parseChoiceInput, parseIntegerInput } from '../../experiment/input.js';
import { UNCERTAINTY, type Uncertainty } from '../../model/uncertainty.js';
import { runReport } from '../format.js';
import type { Io } from '../io.js';
import { prepareOutDir, writeOutFiles } from '../../experiment/out-dir.js';
import { writeRunFiles } from '../output.js';
import { progressBar } from '../progress.js';

export const DEFAULT_REPLICATIONS = 20;
export const DEFAULT_SEED = 1;
/** Both kinds by default: the bands then show what is known and what is assumed. */
export const DEFAULT_UNCERTAINTY: Uncertainty = 'both';
/** Most threads `--workers` accepts (far above any core count here; guards against typos). */
export const MAX_WORKERS = 256;

/** Options as commander hands them over: raw strings, checked here. */
export interface RunFlags {
  readonly replications?: string;
  readonly seed?: string;
  readonly uncertainty?: string;
  readonly months?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly workers?: string;
  readonly redis?: string;
}

export interface RunSettings {
  readonly replications: number;
  readonly seed: number;
  readonly uncertainty: Uncertainty;
  readonly months: number | undefined;
  readonly out: string | undefined;
  readonly json: boolean;
  /** Threads running replications; 1 runs them in this thread. */
  readonly workers: number;
}

/** Check the flags of `run`; throws InputError naming the first bad one. */
export function runSettings(flags: RunFlags): RunSettings {
  return {
    replications: parseIntegerInput(
      '--replications',
      flags.replications,
      { min: 1, max: LIMITS.maxReplications },
      DEFAULT_REPLICATIONS,
    ),
    seed: parseIntegerInput('--seed', flags.seed, { min: 0, max: Number.MAX_SAFE_INTEGER }, DEFAULT_SEED),
    uncertainty: parseChoiceInput('--uncertainty', flags.uncertainty, UNCERTAINTY, DEFAULT_UNCERTAINTY),
    months:
      flags.months === undefined
        ? undefined
        : parseIntegerInput('--months', flags.months, { min: 1, max: LIMITS.maxHorizonMonths }),
    out: flags.out,
    json: flags.json === true,
    workers: parseWorkersFlag(flags.workers),
  };
}

/** `--workers N`: 1 to MAX_WORKERS, default every core. */
export function parseWorkersFlag(raw: string | undefined): number {
  return parseIntegerInput('--workers', raw, { min: 1, max: MAX_WORKERS }, availableParallelism());
}

/**
 * The one place a command gets its Simulator: the Redis queue when `redis` is given, else
 * `workers` threads, or this thread when one is asked for (or no pool exists).
 */
export async function simulatorFor(backend: Backend, workers: number, redis?: { target: RedisTarget; io: Io }): Promise<Simulator<ScenarioLike>> {
  if (redis) {
    const { queueSimulator } = await import('../queue.js');
    return queueSimulator(backend, redis.target, redis.io);
  }
  return workers > 1 && backend.createSimulator
    ? backend.createSimulator(workers)
    : inProcessSimulator((s: ScenarioLike, o) => backend.simulate(s, o));
}

/** `--redis URL`, else $ASYLUM_SIM_REDIS: where the work goes, or undefined to keep it here. */
export function queueFor(flag: string | undefined, io: Io): { target: RedisTarget; io: Io } | undefined {
  const target = redisFrom(flag, io.env);
  return target && { target, io };
}


export async function runCommand(backend: Backend, io: Io, target: string, flags: RunFlags): Promise<number> {
  const settings = runSettings(flags);
  const queue = queueFor(flags.redis, io);
  const scenario = backend.loadScenario(
    target,
    settings.months === undefined ? undefined : { horizonMonths: settings.months },
  );
  if (settings.out !== undefined) prepareOutDir(settings.out);

  const simulator = await simulatorFor(backend, Math.min(settings.workers, settings.replications), queue);
  const progress = progressBar(io, scenario.name);
  let summary;
  let kpiRows;
  try {
    ({ summary, kpiRows } = await replicateOn(simulator, scenario, {
      replications: settings.replications,
      seed: settings.seed,
      uncertainty: settings.uncertainty,
      version: backend.version,
      onProgress: (done, total) => progress.update(done, total),
    }));
  } finally {
    progress.stop();
    await simulator.close();
  }

  if (settings.json) io.out(summaryToJson(summary));
  else io.out(runReport(summary, backend.money));
  if (settings.out !== undefined) {
    const paths = [...writeRunFiles(settings.out, summary), ...writeOutFiles(settings.out, exportFiles(summary, kpiRows))];
    const note = `Wrote ${paths.join(', ')}\n`;
    if (settings.json) io.err(note);
    else io.out(`\n${note}`);
  }
  return 0;
}
