/**
 * The schema of a pack's claims ledger, `packs/<name>/claims.yaml`: each claim's words (who said
 * it, what, the figure claimed), its inputs (the figure claimed, official figures by series and
 * period, stated assumptions, the base scenario's parameters, the projection's KPIs), how its
 * numbers follow from them (the generic methods of methods.ts, or one named bespoke method of
 * code.ts) and the verdict text templates (template.ts). Checked with zod, then for what zod
 * cannot see — names that must exist — so a bad file is refused before any work with the file,
 * the field, the value and what is allowed.
 */
import { z } from 'zod';
import type { SummaryStats } from '../experiment/summary.js';
import { leaves, type ParamTree } from '../model/declarations.js';
import { PARAMETERS } from '../model/parameters.js';
import { KPIS } from '../model/result.js';
import { InputError, showValue, type InputProblem } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { CODE_METHOD_NAMES } from './code.js';
import { METHODS, METHOD_NAMES, arityText, type Method } from './methods.js';
import { FORMATS, placeholders } from './template.js';
import { CLAIM_KINDS, VERDICTS } from './types.js';

const text = z.string().min(1);
const name = z.string().min(1);

/** Which statistic of which arm of the comparison: a.mean, b.p50, diff.p5, … */
const ARMS = ['a', 'b', 'diff'] as const;
const STATS = ['mean', 'p5', 'p50', 'p95'] as const satisfies readonly (keyof SummaryStats)[];
export const PROJECTION_STATS = ARMS.flatMap((arm) => STATS.map((s) => `${arm}.${s}` as const));
export type ProjectionStat = (typeof PROJECTION_STATS)[number];

/** The parameters a `parameter:` input may read: the numeric ones, by dotted path. */
const NUMERIC_PARAMETERS = leaves(PARAMETERS as unknown as ParamTree)
  .filter((l) => l.def.kind === 'number')
  .map((l) => l.path);

const INPUT_KINDS = ['claimed', 'series', 'value', 'parameter', 'projection'] as const;
type InputField = 'unit' | 'where' | 'period' | 'vintage' | 'source' | 'scenario' | 'stats';

/** The fields each kind of input needs (with why) and may have, beside its name and its kind's key. */
const INPUT_FIELDS: Record<(typeof INPUT_KINDS)[number], { required: [InputField, string][]; optional: InputField[] }> = {
  claimed: { required: [['unit', 'the unit of the figure claimed'], ['where', 'who or where the claim was made']], optional: [] },
  series: { required: [['period', 'the period of the official figure']], optional: ['vintage'] },
  value: { required: [['unit', 'the unit of the stated figure'], ['source', 'where the stated figure comes from ("Assumption: …", "Arithmetic")']], optional: ['scenario'] },
  /** The unit defaults to the parameter's declared one. */
  parameter: { required: [], optional: ['unit'] },
  projection: { required: [['unit', 'the unit of the KPI'], ['stats', 'the statistics to read (a.mean, b.p50, diff.p5, …)']], optional: [] },
};

/**
 * One input, of one kind (the key it has): `claimed` (the figure the claim states, with `where`),
 * `series` (an official figure of the pack's data, at `period`, optionally of one `vintage`),
 * `value` (a stated figure with its `source`: an assumption or plain arithmetic), `parameter` (a
 * dotted parameter path, read from the resolved base scenario) or `projection` (a KPI of the
 * projection; one input per statistic in `stats`, named "<name>, A (mean)", "<name>, B − A (P5)", …).
 */
const input = z
  .strictObject({
    name,
    claimed: z.number().optional(),
    series: name.optional(),
    value: z.number().optional(),
    parameter: name.optional(),
    projection: z.enum(KPIS, { message: `a KPI of the model (${KPIS.join(', ')})` }).optional(),
    unit: text.optional(),
    where: text.optional(),
    period: text.optional(),
    vintage: text.optional(),
    source: text.optional(),
    scenario: text.optional(),
    stats: z.array(z.enum(PROJECTION_STATS, { message: `one of ${PROJECTION_STATS.join(', ')}` })).min(1).optional(),
  })
  .superRefine((i, ctx) => {
    const kinds = INPUT_KINDS.filter((k) => i[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `exactly one of ${INPUT_KINDS.join(', ')} (has ${kinds.length === 0 ? 'none' : kinds.join(' and ')})` });
      return;
    }
    const kind = kinds[0] as (typeof INPUT_KINDS)[number];
    const { required, optional } = INPUT_FIELDS[kind];
    for (const [field, why] of required) if (i[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
    const allowed = ['name', kind, ...required.map(([f]) => f), ...optional];
    for (const field of Object.keys(i) as (keyof typeof i)[]) {
      if (!allowed.includes(field)) ctx.addIssue({ code: 'custom', path: [field], message: `not a field of a ${kind} input (one has ${allowed.join(', ')})` });
    }
  });
export type InputSpec = z.infer<typeof input>;

const operand = z.union([name, z.number()]);
const derived = z.strictObject({
  name,
  method: z.enum(METHOD_NAMES, { message: `one of the methods ${METHOD_NAMES.join(', ')}` }),
  of: z.array(operand).min(1),
});
export type DerivedSpec = z.infer<typeof derived>;

const verdict = z.enum(VERDICTS, { message: `one of ${VERDICTS.join(', ')}` });

const claim = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words and numbers joined by hyphens'),
  speaker: text,
  kind: z.enum(CLAIM_KINDS, { message: `one of ${CLAIM_KINDS.join(', ')}` }),
  statement: text,
  claimed: text,
  computation: text,
  inputs: z.array(input).min(1),
  /** Numbers derived from the inputs, in order; each may use the inputs and those before it. */
  derive: z.array(derived).optional(),
  /** A bespoke method (code.ts) that gives the rest of the inputs, the result, reasoning and details. */
  code: z.enum(CODE_METHOD_NAMES, { message: `one of the bespoke methods ${CODE_METHOD_NAMES.join(', ')}` }).optional(),
  result: z.strictObject({ value: name, unit: text, text }).optional(),
  /** A fixed verdict, or one that depends on a derived value (not 0: `then`). */
  verdict: z.union([verdict, z.strictObject({ if: name, then: verdict, else: verdict })]),
  reasoning: text.optional(),
  assumptions: z.array(text).min(1),
});
export type ClaimSpec = z.infer<typeof claim>;

/** `start` or `start + N months`: a date of the projection's overrides, from the base scenario's start. */
export const START_DATE = /^start(?: \+ (\d+) months?)?$/;

export const claimsFile = z.strictObject({
  /** What the ledger checks, for the page's header: "Claims ledger: <title> (8 claims; …)". */
  title: text,
  /** The built-in scenario whose parameters the claims read, and the projection's scenario A. */
  base: name,
  /**
   * The comparison the projection claims read: the base scenario (A) against the same scenario
   * with `overrides` (B), named and titled with the suffixes; run on common random numbers.
   */
  projection: z
    .strictObject({
      nameSuffix: z.string().regex(/^-[a-z0-9]+(-[a-z0-9]+)*$/, 'a hyphen, then lowercase words joined by hyphens'),
      titleSuffix: text,
      overrides: z.record(z.string(), z.unknown()),
    })
    .optional(),
  claims: z.array(claim).min(1),
});
export type ClaimsFile = z.infer<typeof claimsFile>;

/** The names an input gives: its own, or one per statistic of a projection input. */
export function inputNames(i: InputSpec): string[] {
  return i.projection ? (i.stats ?? []).map((s) => statName(i.name, s)) : [i.name];
}

const ARM_LABEL = { a: 'A', b: 'B', diff: 'B − A' } as const;
const STAT_LABEL = { mean: 'mean', p5: 'P5', p50: 'median', p95: 'P95' } as const;

/** The input a projection statistic gives: "backlog after 24 months, A (mean)", "…, B − A (P5)", "…, B (median)". */
export function statName(name: string, s: ProjectionStat): string {
  const [arm, stat] = s.split('.') as [keyof typeof ARM_LABEL, keyof typeof STAT_LABEL];
  return `${name}, ${ARM_LABEL[arm]} (${STAT_LABEL[stat]})`;
}

export interface CheckOptions {
  /** The series of the pack's data, so a misspelt series is refused with a suggestion. */
  readonly series: readonly string[];
}

/** Names, methods and templates that zod cannot check: each must refer to something that exists. */
function problems(file: ClaimsFile, options: CheckOptions): InputProblem[] {
  const out: InputProblem[] = [];
  const series = new Set(options.series);
  const ids = new Set<string>();
  file.claims.forEach((c, k) => {
    const at = `claims[${k}]`;
    if (ids.has(c.id)) out.push({ field: `${at}.id`, value: showValue(c.id), allowed: 'an id no other claim has' });
    ids.add(c.id);
    const known = new Set<string>();
    c.inputs.forEach((i, n) => {
      if (i.series !== undefined && !series.has(i.series)) {
        const hint = didYouMean(i.series, series);
        out.push({ field: `${at}.inputs[${n}].series`, value: showValue(i.series), allowed: `a series of the pack's data${hint ? ` — ${hint}` : ` (${series.size} series; see data/catalogue/series.csv)`}` });
      }
      if (i.parameter !== undefined && !NUMERIC_PARAMETERS.includes(i.parameter)) {
        const hint = didYouMean(i.parameter, NUMERIC_PARAMETERS);
        out.push({ field: `${at}.inputs[${n}].parameter`, value: showValue(i.parameter), allowed: `a numeric parameter of the model, as a dotted path${hint ? ` — ${hint}` : ' (docs/parameters.md)'}` });
      }
      if (i.projection !== undefined && !file.projection) out.push({ field: `${at}.inputs[${n}].projection`, value: showValue(i.projection), allowed: 'a projection input only in a file with a projection: block' });
      for (const nm of inputNames(i)) known.add(nm);
    });
    (c.derive ?? []).forEach((d, n) => {
      const m: Method = METHODS[d.method];
      if ((m.arity !== undefined && d.of.length !== m.arity) || (m.min !== undefined && d.of.length < m.min)) {
        out.push({ field: `${at}.derive[${n}].of`, value: showValue(d.of), allowed: `${arityText(m)} for ${d.method} (${m.description})` });
      }
      d.of.forEach((o, j) => {
        if (typeof o === 'string' && !known.has(o)) out.push({ field: `${at}.derive[${n}].of[${j}]`, value: showValue(o), allowed: nameAllowed(o, known) });
      });
      known.add(d.name);
    });
    if (c.code === undefined) {
      for (const field of ['result', 'reasoning'] as const) if (c[field] === undefined) out.push({ field: `${at}.${field}`, value: 'nothing', allowed: `a ${field} (or a bespoke code: method that gives it)` });
    } else {
      for (const field of ['derive', 'result', 'reasoning'] as const) {
        if (c[field] !== undefined) out.push({ field: `${at}.${field}`, value: 'set', allowed: `nothing: the bespoke method ${c.code} gives the claim's numbers, result and reasoning` });
      }
    }
    const templates: [string, string][] = [[`${at}.computation`, c.computation], ...c.assumptions.map((a, n): [string, string] => [`${at}.assumptions[${n}]`, a])];
    if (c.reasoning !== undefined) templates.push([`${at}.reasoning`, c.reasoning]);
    if (c.result) {
      templates.push([`${at}.result.text`, c.result.text]);
      if (!known.has(c.result.value)) out.push({ field: `${at}.result.value`, value: showValue(c.result.value), allowed: nameAllowed(c.result.value, known) });
    }
    c.inputs.forEach((i, n) => i.scenario !== undefined && templates.push([`${at}.inputs[${n}].scenario`, i.scenario]));
    if (typeof c.verdict !== 'string' && !known.has(c.verdict.if)) out.push({ field: `${at}.verdict.if`, value: showValue(c.verdict.if), allowed: nameAllowed(c.verdict.if, known) });
    for (const [field, t] of templates) {
      for (const p of placeholders(t)) {
        if ((p.format === 'scenario' || p.format === 'when') && !file.projection) {
          out.push({ field, value: showValue(`{${p.format}:${p.name}}`), allowed: `a {${p.format}:…} placeholder only in a file with a projection: block` });
        } else if (p.format === 'scenario') {
          if (p.name !== 'a' && p.name !== 'b') out.push({ field, value: showValue(`{scenario:${p.name}}`), allowed: '{scenario:a} or {scenario:b}' });
        } else if (p.format !== '?' && !(p.format in FORMATS)) {
          const hint = didYouMean(p.format, Object.keys(FORMATS));
          out.push({ field, value: showValue(`{${p.format}:${p.name}}`), allowed: `a format of ${Object.keys(FORMATS).join(', ')}, scenario${hint ? ` — ${hint}` : ''}` });
        } else if (!known.has(p.name)) out.push({ field, value: showValue(p.name), allowed: nameAllowed(p.name, known) });
      }
    }
  });
  return out;
}

function nameAllowed(name: string, known: ReadonlySet<string>): string {
  const hint = didYouMean(name, known);
  return `an input or an earlier derived value of the claim${hint ? ` — ${hint}` : ` (${[...known].map((k) => JSON.stringify(k)).join(', ')})`}`;
}

/** `claims[2].inputs[0].series`: a zod issue's path as the loader's own refusals write it. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((k, n) => (typeof k === 'number' ? `[${k}]` : `${n > 0 ? '.' : ''}${String(k)}`)).join('');
}

/** Check a parsed claims file; throws InputError naming the file, every field and what is allowed. */
export function checkClaimsFile(raw: unknown, origin: string, options: CheckOptions): ClaimsFile {
  const parsed = claimsFile.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        field: fieldPath(issue.path) || '(claims file)',
        value: showValue(issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], raw)),
        allowed: issue.message,
      })),
      origin,
    );
  }
  const found = problems(parsed.data, options);
  if (found.length) throw new InputError(found, origin);
  return parsed.data;
}
