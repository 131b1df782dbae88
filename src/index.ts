/**
 * asylum-sim as a library: the typed public API, what `import { … } from 'asylum-sim'` gives.
 * Resolve a scenario (a built-in name, a YAML/JSON file or a scenario document), simulate one
 * replication, replicate N and summarise them, compare two scenarios on common random numbers,
 * and backtest the model against the official record. The same functions the CLI and the server
 * run, so the same inputs give the same numbers (`replicate` gives the summary of `run --json`).
 * Bad input throws InputError (field, value, what is allowed); a failure during a run, RunError.
 */
import { compareOn, type Comparison } from './experiment/compare.js';
import { replicateOn } from './experiment/parallel.js';
import { createSimulator } from './experiment/pool.js';
import type { Summary } from './experiment/summary.js';
import { packageVersion } from './experiment/version.js';
import type { RunResult } from './model/result.js';
import { checkScenario, parseOverrides, type Scenario } from './model/schema.js';
import { simulate as simulateModel } from './model/simulate.js';
import type { Uncertainty } from './model/uncertainty.js';
import { calibratedModelVersion, listBuiltinScenarios, loadScenario, resolveOverrides } from './scenarios/catalogue.js';
import { DEFAULT_PACK, loadPack, packNames } from './pack/load.js';
import type { PackManifest } from './pack/manifest.js';
import type { ParameterFacts } from './pack/parameter-facts.js';
import { packageBacktest, type PackageBacktest, type PackageBacktestOptions } from './scenarios/package-backtest.js';

export type { Comparison, Paired } from './experiment/compare.js';
export type { Summary, SummaryStats, MonthSummary } from './experiment/summary.js';
export type { RunResult, KpiName, SeriesName } from './model/result.js';
export { KPIS, SERIES } from './model/result.js';
export type { Scenario, ScenarioOverrides } from './model/schema.js';
export type { Uncertainty } from './model/uncertainty.js';
export { InputError, RunError, type InputProblem } from './model/errors.js';
export type { PackageBacktestOptions as BacktestOptions } from './scenarios/package-backtest.js';
export type BacktestResult = PackageBacktest;
export type { PackManifest } from './pack/manifest.js';
export type { ParameterFacts, Provenance, SourceRef } from './pack/parameter-facts.js';

/** The country packs of the package (folders of packs/), e.g. `['example', 'uk']`. */
export function packs(): string[] {
  return packNames();
}

/** A pack's manifest (default the UK's): currency, financial year, baseline, stages, routing, dashboard groups. */
export function pack(name: string = DEFAULT_PACK): PackManifest {
  return loadPack(name, 'pack').manifest;
}

/**
 * A pack's facts about the model's parameters (its parameters.yaml), by dotted path: the default
 * (before official figures are read), the plausible range and the source.
 */
export function packParameters(name: string = DEFAULT_PACK): ReadonlyMap<string, ParameterFacts> {
  return loadPack(name, 'pack').parameters;
}

/** The version recorded in every summary: package and model, and the data the pack's baseline was calibrated on. */
export function version(packName: string = DEFAULT_PACK): string {
  return `${packageVersion()}+${calibratedModelVersion(loadPack(packName, 'pack'))}`;
}

/** The built-in scenarios of a pack (default the UK's): name, title, one-sentence summary. */
export function builtinScenarios(packName: string = DEFAULT_PACK): { name: string; title: string; summary: string }[] {
  return listBuiltinScenarios(loadPack(packName, 'pack'));
}

/**
 * A resolved, checked scenario: a built-in name (`"status-quo-2023"`), a path to a YAML/JSON
 * scenario file, or a scenario document (the file's fields as an object: `name`, optional
 * `extends`, overrides), of a country pack (`pack`, default `uk`). `horizonMonths` shortens or lengthens the run.
 */
export function resolveScenario(scenario: string | Record<string, unknown>, options: { horizonMonths?: number; pack?: string } = {}): Scenario {
  const p = loadPack(options.pack ?? DEFAULT_PACK, 'pack');
  if (typeof scenario === 'string') return loadScenario(scenario, options.horizonMonths === undefined ? {} : { horizonMonths: options.horizonMonths }, p);
  const resolved = resolveOverrides(parseOverrides(scenario, 'scenario'), 'scenario', [], p);
  if (options.horizonMonths === undefined) return resolved;
  const withHorizon = { ...resolved, horizonMonths: options.horizonMonths };
  checkScenario(withHorizon, 'horizonMonths');
  return withHorizon;
}

export interface RunOptions {
  /** Base random seed (default 1). */
  readonly seed?: number;
  /** What replications vary (default `both`). */
  readonly uncertainty?: Uncertainty;
}

/** One replication (default 0) of a resolved scenario: monthly series, KPIs, cost per financial year. */
export function simulate(scenario: Scenario, options: RunOptions & { readonly replication?: number } = {}): RunResult {
  return simulateModel(scenario, { seed: options.seed ?? 1, replication: options.replication ?? 0, uncertainty: options.uncertainty ?? 'both' });
}

export interface ReplicateOptions extends RunOptions {
  /** Replications (default 20). */
  readonly replications?: number;
  /** Threads (default 1: this thread); the result is the same for any number. */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

function settings(options: ReplicateOptions, scenario: Scenario) {
  return {
    replications: options.replications ?? 20,
    seed: options.seed ?? 1,
    uncertainty: options.uncertainty ?? 'both',
    version: version(scenario.country.pack),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  } as const;
}

/** Replications 0..N−1 of a scenario, summarised (mean, P5, P50, P95 of every KPI and monthly series). */
export async function replicate(scenario: Scenario, options: ReplicateOptions = {}): Promise<Summary> {
  const simulator = createSimulator(options.workers ?? 1);
  try {
    return (await replicateOn(simulator, scenario, settings(options, scenario))).summary;
  } finally {
    await simulator.close();
  }
}

/** A and B on common random numbers, with the paired difference B − A of every KPI and series. */
export async function compare(a: Scenario, b: Scenario, options: ReplicateOptions = {}): Promise<Comparison> {
  const simulator = createSimulator(options.workers ?? 1);
  try {
    return await compareOn(simulator, a, b, settings(options, a));
  } finally {
    await simulator.close();
  }
}

/** The model from the observed state over the past, beside the record: band, error and MAPE per series. */
export function backtest(options: PackageBacktestOptions = {}): BacktestResult {
  return packageBacktest(options);
}
