/**
 * The JSON bodies the API accepts, checked at the boundary. A scenario in a request is one of:
 * - a built-in scenario's name (`"status-quo-2023"`);
 * - `{ "saved": "<id>" }`, a scenario saved earlier;
 * - a scenario document (sparse overrides, the same fields as a YAML scenario file).
 * Every bad value is an InputError naming the field (HTTP 400). Names are never file paths: the
 * server reads no file a request names.
 */
import { InputError, showValue } from '../model/errors.js';
import { expectedCases, parseOverrides, type Scenario, type ScenarioOverrides } from '../model/schema.js';
import { UNCERTAINTY, type Uncertainty } from '../model/uncertainty.js';
import { listBuiltinScenarios, loadScenario, resolveOverrides } from '../scenarios/catalogue.js';
import type { ServerLimits } from './limits.js';
import type { Store } from './store.js';

export const DEFAULT_REPLICATIONS = 20;
export const DEFAULT_SEED = 1;
export const DEFAULT_UNCERTAINTY: Uncertainty = 'both';

export interface RunSettings {
  readonly replications: number;
  readonly seed: number;
  readonly uncertainty: Uncertainty;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The body as an object, or a 400 saying what a body must be. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw new InputError({ field: '(body)', value: showValue(body), allowed: 'a JSON object' });
  return body;
}

let builtinList: { name: string; title: string; summary: string }[] | undefined;
/** The built-in scenarios (name, title, summary), resolved once: they ship with the program. */
export function builtinScenarios(): readonly { name: string; title: string; summary: string }[] {
  builtinList ??= listBuiltinScenarios();
  return builtinList;
}
function builtins(): string[] {
  return builtinScenarios().map((s) => s.name);
}

const resolvedBuiltins = new Map<string, Scenario>();
/**
 * A built-in scenario resolved once per process and shared (it is only read): resolving one reads
 * and checks YAML and builds the baseline, some milliseconds of the request thread, which a burst
 * of run requests would otherwise spend while /api/health waits.
 */
function resolvedBuiltin(name: string): Scenario {
  let s = resolvedBuiltins.get(name);
  if (!s) resolvedBuiltins.set(name, (s = loadScenario(name)));
  return s;
}

/** The scenario a request names, resolved and checked against the server's limits. */
export function requestScenario(raw: unknown, store: Store, limits: ServerLimits, field = 'scenario'): { scenario: Scenario; overrides: ScenarioOverrides | string } {
  let scenario: Scenario;
  let overrides: ScenarioOverrides | string;
  if (typeof raw === 'string') {
    if (!builtins().includes(raw)) {
      throw new InputError({ field, value: showValue(raw), allowed: `a built-in scenario (${builtins().join(', ')}), { "saved": id } or a scenario object` });
    }
    scenario = resolvedBuiltin(raw);
    overrides = raw;
  } else if (isObject(raw) && Object.keys(raw).length === 1 && 'saved' in raw) {
    const saved = typeof raw.saved === 'string' ? store.getScenario(raw.saved) : undefined;
    if (!saved) throw new InputError({ field: `${field}.saved`, value: showValue(raw.saved), allowed: 'the id of a saved scenario' });
    overrides = saved.overrides as ScenarioOverrides;
    scenario = resolveOverrides(overrides, field);
  } else if (isObject(raw)) {
    overrides = parseOverrides(raw, field);
    if (overrides.extends !== undefined && !builtins().includes(overrides.extends)) {
      throw new InputError({ field: `${field}.extends`, value: showValue(overrides.extends), allowed: `a built-in scenario (${builtins().join(', ')})` });
    }
    scenario = resolveOverrides(overrides, field);
  } else {
    throw new InputError({ field, value: showValue(raw), allowed: 'a built-in scenario name, { "saved": id } or a scenario object' });
  }
  checkScenarioLimits(scenario, limits, field);
  return { scenario, overrides };
}

export function checkScenarioLimits(s: Scenario, limits: ServerLimits, field: string): void {
  if (s.horizonMonths > limits.maxHorizonMonths) {
    throw new InputError({ field: `${field}.horizonMonths`, value: String(s.horizonMonths), allowed: `at most ${limits.maxHorizonMonths} months on this server` });
  }
  const cases = expectedCases(s);
  if (cases > limits.maxCasesPerReplication) {
    throw new InputError({
      field: `${field}.arrivals.claimsPeoplePerYear`,
      value: `${Math.round(cases).toLocaleString('en-GB')} cases per replication`,
      allowed: `at most ${limits.maxCasesPerReplication.toLocaleString('en-GB')} cases per replication on this server (lower arrivals, the snapshot or the horizon)`,
    });
  }
}

function integerField(body: Record<string, unknown>, field: string, min: number, max: number, fallback: number): number {
  const v = body[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new InputError({ field, value: showValue(v), allowed: `a whole number from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')}` });
  }
  return v;
}

export function runSettings(body: Record<string, unknown>, limits: ServerLimits): RunSettings {
  const u = body.uncertainty;
  if (u !== undefined && !(UNCERTAINTY as readonly unknown[]).includes(u)) {
    throw new InputError({ field: 'uncertainty', value: showValue(u), allowed: `one of ${UNCERTAINTY.join(', ')}` });
  }
  return {
    replications: integerField(body, 'replications', 1, limits.maxReplications, DEFAULT_REPLICATIONS),
    seed: integerField(body, 'seed', 0, Number.MAX_SAFE_INTEGER, DEFAULT_SEED),
    uncertainty: (u as Uncertainty | undefined) ?? DEFAULT_UNCERTAINTY,
  };
}

/** Fields of a run request other than these are refused (a typo should not be silently ignored). */
export function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw new InputError({ field: key, value: showValue(body[key]), allowed: `unknown field; allowed: ${allowed.join(', ')}` });
  }
}
