/**
 * The scenario schema. A scenario is a baseline plus sparse overrides, written as YAML or JSON:
 *
 *   name: my-plan            # required, lowercase words joined by hyphens
 *   title: My plan           # optional
 *   description: ...         # optional
 *   extends: status-quo-2023 # optional: a built-in scenario to start from (default: the baseline)
 *   horizonMonths: 60        # optional
 *   decisions:
 *     productivity: 7        # any parameter, by its group path
 *     headcount: [{ date: 2024-01-01, value: 3500 }]
 *
 * Structure is checked with a zod schema generated from the parameter declarations; every problem
 * becomes an InputError naming the field path, the value and what is allowed, with a "did you
 * mean" for unknown fields. Cross-field rules (shares that must add up, dates in order, run size)
 * are checked after merging.
 */
import { z } from 'zod';
import { didYouMean } from './suggest.js';
import { InputError, showValue, type InputProblem } from './errors.js';
import { isIsoDate } from './dates.js';
import { LIMITS } from './limits.js';
import { PARAMETERS, type Parameters } from './parameters.js';
import { quotaPerYear } from './eu-deal.js';
import { NATIONALITIES } from './nationalities.js';
import { scheduleValue } from './horizon.js';
import { UNITS, isParam, leaves, type ParamDef, type ParamTree } from './declarations.js';
import { routingProblems, routingSchema, stagesSchema, type Routing, type StageName } from './routing.js';

const ALL_LEAVES = leaves(PARAMETERS as unknown as ParamTree);
const DEF_BY_PATH = new Map(ALL_LEAVES.map((l) => [l.path, l.def]));

/**
 * What the country pack says of money and time (packs/<name>/pack.yaml). The resolver copies it
 * from the pack into every scenario, so the model reads no files; a scenario file cannot set it.
 */
export interface Country {
  readonly pack: string;
  /** Currency code of every money parameter and cost series (the series keep their `Gbp` names). */
  readonly currency: string;
  /** Calendar month (1–12) the financial year starts in: cost totals are by financial year. */
  readonly financialYearStartMonth: number;
  /** The stages the pack runs (arrivals and decisions always); the others are not built. */
  readonly stages: readonly StageName[];
  /** What follows each outcome: the stages a case is handed to, in order. */
  readonly routing: Routing;
  /**
   * The pack's plausible range of each uncertain parameter by dotted path (a value's, or the
   * multiplier of a schedule's whole path): what parametric uncertainty and sensitivity analysis
   * draw from. A parameter with none (a choice, one of a stage the pack does not run) is not drawn.
   */
  readonly ranges: Readonly<Record<string, readonly [number, number]>>;
}

const countrySchema = z.strictObject({
  pack: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  financialYearStartMonth: z.number().int().min(1).max(12),
  stages: stagesSchema,
  routing: routingSchema,
  ranges: z.record(
    z.string().refine((path) => DEF_BY_PATH.get(path)?.kind === 'number' || DEF_BY_PATH.get(path)?.kind === 'schedule', 'the path of a number or schedule parameter'),
    z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo <= hi, 'low ≤ high'),
  ),
});

/** Check a country block handed over whole (a distributed job's resolved scenario). */
export function parseCountry(raw: unknown, origin: string): Country {
  const r = countrySchema.safeParse(raw);
  const problems = r.success ? routingProblems(r.data.stages, r.data.routing) : [];
  if (r.success && problems.length === 0) return r.data;
  if (r.success) throw new InputError(problems.map((p) => ({ ...p, field: `country.${p.field}` })), origin);
  const issue = r.error.issues[0];
  throw new InputError({ field: ['country', ...(issue?.path ?? [])].join('.'), value: showValue(raw), allowed: `the country of a pack: pack, currency (three capital letters), financialYearStartMonth (1–12), stages, routing, ranges (${issue?.message ?? 'invalid'})` }, origin);
}

export interface ScenarioMeta {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** First day of the run (the day after the snapshot); the first of a month. */
  readonly start: string;
  readonly horizonMonths: number;
  readonly country: Country;
}
export type Scenario = ScenarioMeta & Parameters;

const META_KEYS = ['name', 'title', 'description', 'extends', 'start', 'horizonMonths'] as const;
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-GB') : String(n);
}

/** What a parameter accepts, in words. */
export function allowedText(def: ParamDef): string {
  switch (def.kind) {
    case 'number':
      return `${def.integer ? 'a whole number' : 'a number'} from ${fmt(def.min)} to ${fmt(def.max)} (${UNITS[def.unit]})`;
    case 'schedule':
      return `a number from ${fmt(def.min)} to ${fmt(def.max)} (${UNITS[def.unit]}), or a list of { date: YYYY-MM-DD, value } with such values and dates in order`;
    case 'choice':
      return `one of ${def.options.join(', ')}`;
  }
}

const point = z.strictObject({ date: z.string().refine(isIsoDate), value: z.number() });

function leafSchema(def: ParamDef): z.ZodType {
  switch (def.kind) {
    case 'number': {
      const n = z.number().min(def.min).max(def.max);
      return def.integer ? n.int() : n;
    }
    case 'schedule': {
      const v = z.number().min(def.min).max(def.max);
      return z.union([v, z.array(point.extend({ value: v })).min(1).max(1000)]);
    }
    case 'choice':
      return z.enum(def.options as [string, ...string[]]);
  }
}

function treeSchema(tree: ParamTree): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, node] of Object.entries(tree)) {
    shape[key] = (isParam(node) ? leafSchema(node) : treeSchema(node)).optional();
  }
  return z.strictObject(shape);
}

const overridesSchema = (treeSchema(PARAMETERS as unknown as ParamTree) as z.ZodObject).extend({
  name: z.string().regex(NAME).max(80),
  title: z.string().max(200).optional(),
  description: z.string().max(5000).optional(),
  extends: z.string().regex(NAME).max(80).optional(),
  start: z
    .string()
    .refine((s) => isIsoDate(s) && s.endsWith('-01'))
    .optional(),
  horizonMonths: z.number().int().min(1).max(LIMITS.maxHorizonMonths).optional(),
});

/** A scenario file's content after structural validation: sparse overrides. */
export type ScenarioOverrides = Record<string, unknown> & { name: string; extends?: string };

function at(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const META_ALLOWED: Record<string, string> = {
  name: 'lowercase letters, digits and hyphens (e.g. my-horizon), at most 80 characters',
  title: 'text of at most 200 characters',
  description: 'text of at most 5,000 characters',
  extends: 'the name of a built-in scenario',
  start: 'the first day of a month, YYYY-MM-01',
  horizonMonths: `a whole number of months from 1 to ${LIMITS.maxHorizonMonths}`,
};

/** Parameters renamed since a scenario file may have been written, by old path (model uk-5: "decision-maker" throughout). */
const RENAMED: Readonly<Record<string, string>> = { 'costs.caseworkerPerYear': 'costs.decisionMakerPerYear' };

function suggest(key: string, siblings: readonly string[]): string {
  const hint = didYouMean(key, siblings);
  if (hint) return ` — ${hint}`;
  const leaf = ALL_LEAVES.find((l) => l.path.endsWith(`.${key}`));
  return leaf ? ` — did you mean "${leaf.path}"?` : '';
}

function siblingsAt(path: readonly PropertyKey[]): string[] {
  let node: ParamTree | ParamDef = PARAMETERS as unknown as ParamTree;
  for (const k of path) {
    if (isParam(node)) return [];
    node = (node as ParamTree)[String(k)];
    if (!node) return [];
  }
  if (isParam(node)) return [];
  return path.length === 0 ? [...Object.keys(node), ...META_KEYS] : Object.keys(node);
}

/** `a.b[0].c` from a zod path. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** What is allowed at a path: a parameter, a point of a schedule parameter, or a meta field. */
function allowedAt(path: readonly PropertyKey[]): string {
  const index = path.findIndex((k) => typeof k === 'number');
  const paramPath = (index < 0 ? path : path.slice(0, index)).map(String).join('.');
  const def = DEF_BY_PATH.get(paramPath);
  if (def?.kind === 'schedule' && index >= 0) {
    const key = path[index + 1];
    if (key === 'date') return 'a date YYYY-MM-DD';
    if (key === 'value') return `a number from ${fmt(def.min)} to ${fmt(def.max)} (${UNITS[def.unit]})`;
    return 'a point { date: YYYY-MM-DD, value }';
  }
  if (def) return allowedText(def);
  return META_ALLOWED[String(path[0] ?? '')] ?? 'a group of parameters';
}

function problemsOf(error: z.ZodError, raw: unknown): InputProblem[] {
  const out: InputProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const siblings = siblingsAt(issue.path);
      for (const key of issue.keys) {
        const field = fieldOf([...issue.path, key]);
        const renamed = RENAMED[field];
        const allowed = issue.path.some((k) => typeof k === 'number')
          ? 'unknown field; a point has only date and value'
          : renamed
            ? `a parameter renamed "${renamed}"`
            : `unknown field${suggest(key, siblings)}`;
        out.push({ field, value: showValue(at(raw, [...issue.path, key])), allowed });
      }
      continue;
    }
    const value = at(raw, issue.path);
    out.push({
      field: fieldOf(issue.path) || '(scenario)',
      value: value === undefined && issue.path.length ? 'nothing' : showValue(value),
      allowed: allowedAt(issue.path),
    });
  }
  return out;
}

/** Check a parsed scenario document's structure; returns the sparse overrides. */
export function parseOverrides(raw: unknown, origin: string): ScenarioOverrides {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError({ field: '(scenario)', value: showValue(raw), allowed: 'a mapping of fields (name, and parameter groups)' }, origin);
  }
  const result = overridesSchema.safeParse(raw);
  if (!result.success) throw new InputError(problemsOf(result.error, raw), origin);
  return raw as ScenarioOverrides;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Overrides on top of a base: nested groups merge, leaves replace; a bare number is a constant schedule. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>, tree: ParamTree, start: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const node = tree[key];
    if (!node) continue;
    if (isParam(node)) out[key] = node.kind === 'schedule' && typeof value === 'number' ? [{ date: start, value }] : value;
    else if (isPlainObject(value)) out[key] = merge(base[key] as Record<string, unknown>, value, node, start);
  }
  return out;
}

/** Apply overrides to a base scenario and check the whole. */
export function applyOverrides(base: Scenario, over: ScenarioOverrides, origin: string): Scenario {
  const start = (over.start as string | undefined) ?? base.start;
  const params = merge(base as unknown as Record<string, unknown>, over, PARAMETERS as unknown as ParamTree, start);
  const scenario = {
    ...params,
    name: over.name,
    title: (over.title as string | undefined) ?? (over.extends ? base.title : over.name),
    description: ((over.description as string | undefined) ?? (over.extends ? base.description : '')).trim(),
    start,
    horizonMonths: (over.horizonMonths as number | undefined) ?? base.horizonMonths,
  } as Scenario;
  checkScenario(scenario, origin);
  return scenario;
}

/** Cross-field rules that a per-field schema cannot express. */
export function checkScenario(s: Scenario, origin: string): void {
  const problems: InputProblem[] = [];
  const shareSum = (field: string, parts: number[], what: string) => {
    const sum = parts.reduce((a, b) => a + b, 0);
    if (sum > 1 + 1e-9) problems.push({ field, value: `shares adding to ${sum.toFixed(3)}`, allowed: `${what} must add up to at most 1` });
  };
  shareSum('decisions', [s.decisions.withdrawShare, s.decisions.otherOutcomeShare], 'withdrawShare + otherOutcomeShare');
  // The starting backlog's mix matters only to a pack that starts from a snapshot.
  if (s.country.stages.includes('snapshot') && NATIONALITIES.every((n) => s.snapshot.nationalityMix[n] === 0)) {
    problems.push({ field: 'snapshot.nationalityMix', value: 'every share 0', allowed: 'at least one nationality with a share above 0 (the shares are weights)' });
  }
  // The claims' mix is a set of weights on each date: some nationality must have weight then.
  const mix = s.arrivals.nationalityMix;
  for (const date of [...new Set(NATIONALITIES.flatMap((n) => mix[n].map((p) => p.date)))].sort()) {
    if (NATIONALITIES.every((n) => scheduleValue(mix[n], 'step', date, 0) === 0)) {
      problems.push({ field: 'arrivals.nationalityMix', value: `every share 0 on ${date}`, allowed: 'at least one nationality with a share above 0 on every date (the shares are weights)' });
    }
  }
  for (const { path, def } of ALL_LEAVES) {
    if (def.kind !== 'schedule') continue;
    const points = at(s, path.split('.')) as { date: string }[];
    for (let i = 1; i < points.length; i++) {
      if (points[i].date <= points[i - 1].date) {
        problems.push({ field: `${path}[${i}].date`, value: points[i].date, allowed: `dates in increasing order (after ${points[i - 1].date})` });
      }
    }
  }
  const sn = s.snapshot;
  if (sn.awaitingDecisionPeople < sn.awaitingDecisionCases) {
    problems.push({ field: 'snapshot.awaitingDecisionPeople', value: fmt(sn.awaitingDecisionPeople), allowed: `at least the number of cases (${fmt(sn.awaitingDecisionCases)})` });
  }
  if (sn.over6mPeople > sn.awaitingDecisionPeople) {
    problems.push({ field: 'snapshot.over6mPeople', value: fmt(sn.over6mPeople), allowed: `at most the people awaiting a decision (${fmt(sn.awaitingDecisionPeople)})` });
  }
  const expected = expectedCases(s);
  if (expected > LIMITS.maxCasesPerReplication) {
    const snapshotCases = sn.awaitingDecisionCases + sn.awaitingAppealCases + sn.awaitingReturnCases;
    problems.push({
      field: snapshotCases > LIMITS.maxCasesPerReplication / 2 ? 'snapshot' : 'arrivals.claimsPeoplePerYear',
      value: `${fmt(Math.round(expected))} cases over ${s.horizonMonths} months`,
      allowed: `at most ${fmt(LIMITS.maxCasesPerReplication)} cases per replication (snapshot plus expected claims; shorten the horizon or lower arrivals)`,
    });
  }
  if (problems.length) throw new InputError(problems, origin);
}

/** Cases a replication is expected to create: the snapshot plus claims at the highest scaling. */
export function expectedCases(s: Scenario): number {
  const a = s.arrivals;
  const maxScale = (pts: readonly { value: number }[]) => Math.max(...pts.map((p) => p.value));
  const perYear =
    (a.claimsPeoplePerYear / a.peoplePerCase) *
    (a.smallBoatShare * maxScale(a.smallBoatScale) * (1 + a.seasonalAmplitude) + (1 - a.smallBoatShare) * maxScale(a.otherScale));
  // EU quota admissions that claim asylum are rows too: a fixed or key quota, or at most `ratio`
  // people per small-boat arrival returned (admissions with status are only counted).
  const q = s.euDeal.quota;
  const smallBoatPerYear = (a.claimsPeoplePerYear / a.peoplePerCase) * a.smallBoatShare * maxScale(a.smallBoatScale) * (1 + a.seasonalAmplitude);
  const quotaPerYearCases =
    q.arriveAs === 'status' ? 0 : q.rule === 'ratio' ? q.ratio * smallBoatPerYear : quotaPerYear(s.euDeal) / a.peoplePerCase;
  const sn = s.snapshot;
  // Other protection appeals are rows too (one person each).
  const otherAppealsPerYear = 12 * maxScale(s.appeals.otherPerMonth);
  return sn.awaitingDecisionCases + sn.awaitingAppealCases + sn.awaitingReturnCases + ((perYear + quotaPerYearCases + otherAppealsPerYear) * s.horizonMonths) / 12;
}
