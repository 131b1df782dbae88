/**
 * What travels through Redis, and the checks on it. A job is data only: a run id, the version of
 * the program that queued it, a resolved scenario as JSON text, a seed, the kind of uncertainty
 * and a list of (task, replication) pairs. Nothing in it names a file, a module or code. A worker
 * checks every job as a scenario file is checked — the same strict text parser (size, depth,
 * duplicate keys), the same schema (every field's type and range) and the same cross-field rules
 * and LIMITS — and also that the scenario is complete (every parameter given, nothing from the
 * worker's own defaults), so a worker runs exactly what the client resolved.
 *
 * Results go back as JSON with each monthly series as base64 of its Float64Array bytes and every
 * number exact (NaN and ±Infinity spelled out), so a result decoded by the client is bit for bit
 * the one the worker computed. (Workers and clients are assumed little-endian, as x86-64 and
 * ARM64 machines are.)
 */
import { z } from 'zod';
import { InputError } from '../../model/errors.js';
import { LIMITS } from '../../model/limits.js';
import { PARAMETERS } from '../../model/parameters.js';
import { leaves, type ParamTree } from '../../model/declarations.js';
import { KPIS, SERIES, type KpiName, type RunResult, type SeriesName } from '../../model/result.js';
import { applyOverrides, parseCountry, parseOverrides, type Scenario } from '../../model/schema.js';
import { UNCERTAINTY } from '../../model/uncertainty.js';

/** Most replications in one job: enough to keep the queue's cost small, few enough to lose little when a worker dies. */
export const MAX_BATCH = 100;

export const batchJobSchema = z.strictObject({
  runId: z.string().regex(/^[a-z0-9-]{8,64}$/),
  version: z.string().min(1).max(200),
  scenario: z.string().max(256 * 1024),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  uncertainty: z.enum(UNCERTAINTY),
  /** [task number within the run, replication number]. */
  tasks: z
    .array(z.tuple([z.number().int().min(0).max(1e12), z.number().int().min(0).max(LIMITS.maxReplications - 1)]))
    .min(1)
    .max(MAX_BATCH),
});
export type BatchJob = z.infer<typeof batchJobSchema>;

/** A job's data checked field by field; an InputError names the first bad field. */
export function parseBatchJob(data: unknown): BatchJob {
  const result = batchJobSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length ? `job.${issue.path.join('.')}` : 'job';
  throw new InputError({ field, value: issue ? issue.message : 'invalid', allowed: 'a batch job of asylum-sim (runId, version, scenario, seed, uncertainty, tasks)' });
}

const META = ['name', 'title', 'description', 'start', 'horizonMonths'] as const;
const LEAF_PATHS = leaves(PARAMETERS as unknown as ParamTree).map((l) => l.path.split('.'));

function has(raw: unknown, path: readonly string[]): boolean {
  let v = raw;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return false;
    v = (v as Record<string, unknown>)[k];
  }
  return true;
}

/**
 * A job's scenario text, checked as a scenario file is and required complete; `base` only gives
 * the shape that the complete overrides replace, leaf by leaf.
 */
/**
 * The strict reader of scenario documents (scenarios/parse.ts's parseScenarioText: duplicate keys,
 * aliases and the like refused), handed in by the caller so this layer does not import the one above.
 */
export type ScenarioTextParser = (text: string, origin: string) => unknown;

export function parseJobScenario(text: string, base: Scenario, parseText: ScenarioTextParser, origin = 'job.scenario'): Scenario {
  const raw = parseText(text, origin);
  // The country is the pack's, copied whole into every resolved scenario; a scenario file cannot set it.
  const { country, ...rest } = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const over = parseOverrides(raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? rest : raw, origin);
  if (over.extends !== undefined) throw new InputError({ field: 'extends', value: JSON.stringify(over.extends), allowed: 'nothing: a job carries a resolved scenario' }, origin);
  for (const key of META) {
    if (!has(raw, [key])) throw new InputError({ field: key, value: 'nothing', allowed: 'a resolved scenario gives every field' }, origin);
  }
  for (const path of LEAF_PATHS) {
    if (!has(raw, path)) throw new InputError({ field: path.join('.'), value: 'nothing', allowed: 'a resolved scenario gives every parameter' }, origin);
  }
  if (country === undefined) throw new InputError({ field: 'country', value: 'nothing', allowed: 'a resolved scenario gives every field' }, origin);
  return applyOverrides({ ...base, country: parseCountry(country, origin) }, over, origin);
}


type Num = number | 'NaN' | 'Infinity' | '-Infinity';
const encodeNumber = (x: number): Num => (Number.isFinite(x) ? x : (String(x) as Num));
const decodeNumber = (x: unknown): number => {
  if (typeof x === 'number') return x;
  if (x === 'NaN' || x === 'Infinity' || x === '-Infinity') return Number(x);
  throw new Error(`a result holds ${JSON.stringify(x)} where a number belongs`);
};

interface EncodedResult {
  readonly startDate: string;
  readonly months: readonly string[];
  readonly series: Record<string, string>;
  readonly kpis: readonly Num[];
  readonly costByFinancialYear: readonly { readonly year: string; readonly gbp: Num }[];
}

/** A RunResult as JSON text, exact. */
export function encodeResult(result: RunResult): string {
  const series: Record<string, string> = {};
  for (const name of SERIES) {
    const a = result.series[name];
    series[name] = Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  }
  const encoded: EncodedResult = {
    startDate: result.startDate,
    months: result.months,
    series,
    kpis: KPIS.map((k) => encodeNumber(result.kpis[k])),
    costByFinancialYear: result.costByFinancialYear.map(({ year, gbp }) => ({ year, gbp: encodeNumber(gbp) })),
  };
  return JSON.stringify(encoded);
}

/** The RunResult of `encodeResult`'s text; throws if it is not one of this version's results. */
export function decodeResult(text: string): RunResult {
  const e = JSON.parse(text) as EncodedResult;
  const months = e.months;
  const series = {} as Record<SeriesName, Float64Array>;
  for (const name of SERIES) {
    const bytes = Buffer.from(e.series[name] ?? '', 'base64');
    if (bytes.byteLength !== months.length * 8) throw new Error(`a result's series ${name} has ${bytes.byteLength} bytes, not ${months.length} months`);
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    series[name] = new Float64Array(copy.buffer);
  }
  if (e.kpis.length !== KPIS.length) throw new Error(`a result has ${e.kpis.length} KPIs, not ${KPIS.length}`);
  const kpis = {} as Record<KpiName, number>;
  KPIS.forEach((k, i) => (kpis[k] = decodeNumber(e.kpis[i])));
  return {
    startDate: e.startDate,
    months,
    series,
    kpis,
    costByFinancialYear: e.costByFinancialYear.map(({ year, gbp }) => ({ year, gbp: decodeNumber(gbp) })),
  };
}
