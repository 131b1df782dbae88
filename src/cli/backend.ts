/**
 * What the CLI needs from the model and the scenario catalogue, as one small interface. The real
 * one (model-backend.ts) wires the model; tests of the command layer pass a fake, so the CLI's
 * parsing, exit codes and output are tested apart from the model's speed and numbers.
 */
import type { Simulator } from '../experiment/jobs.js';
import type { SimulateOptions } from '../experiment/replicate.js';
import type { RunResult } from '../model/result.js';
import type { ObservedData } from '../calibration/observed.js';
import type { ClaimsFile } from '../claims/spec.js';
import type { PackParameters } from '../pack/parameter-facts.js';
import type { Money } from './format.js';

/** A resolved scenario as far as the CLI looks into it. */
export interface ScenarioLike {
  readonly name: string;
  readonly title: string;
  readonly horizonMonths: number;
}

export interface BuiltinScenario {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
}

export interface Backend {
  /** Package and model version, recorded in every summary. */
  readonly version: string;
  /** The pack's currency and financial year, for the terminal report (absent: the UK's). */
  readonly money?: Money;
  /** The stages the pack runs (absent: all, as the UK's). */
  readonly stages?: readonly string[];
  listBuiltinScenarios(): readonly BuiltinScenario[];
  /** A built-in name or a YAML/JSON file; throws InputError (with "did you mean") if neither. */
  loadScenario(nameOrFile: string, overrides?: { horizonMonths?: number }): ScenarioLike;
  /** YAML of a resolved built-in scenario with units, ranges and sources as comments. */
  showScenario(name: string): string;
  /** Validate a scenario file; throws InputError naming every problem. */
  validateScenarioFile(path: string): ScenarioLike;
  simulate(scenario: ScenarioLike, options: SimulateOptions): RunResult;
  /** The official figures of the pack's data/*.csv (for the claims ledger). */
  officialData(): ObservedData;
  /** The pack's facts about its parameters (default, range, source), from its parameters.yaml. */
  packParameters(): PackParameters;
  /** The pack's claims ledger (claims.yaml), checked; a pack without one throws InputError. */
  claimsFile(): ClaimsFile;
  /**
   * A loaded scenario with overrides on top (checked as a scenario file is); `overrides` gets the
   * scenario's start date, so dated schedules can start with it.
   */
  deriveScenario(base: ScenarioLike, overrides: (start: string) => Record<string, unknown>, name: string, title: string): ScenarioLike;
  /** A worker-thread Simulator with `workers` threads (absent: everything runs in this thread). */
  createSimulator?(workers: number): Simulator<ScenarioLike>;
}
