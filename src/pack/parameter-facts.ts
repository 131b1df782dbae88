/**
 * A country pack's parameters (`packs/<name>/parameters.yaml`): what the country says of each of
 * the model's parameters — its default, its plausible range and where both come from. The model
 * declares the mechanics (label, unit, hard bounds; src/model/declarations.ts); the pack gives the
 * facts, so a second country is a folder of data and the UK's numbers live in the UK's folder.
 *
 * The file is a tree of the model's parameter groups. A parameter holds
 *   default:    a number, or a figure of the pack's data ({ series, period, scale, plus, minus, per });
 *               for a schedule a number (constant from the baseline start) or [{ date, value }];
 *               for a choice one of its options
 *   range:      [low, high] — values for a number, multipliers of the whole path for a schedule
 *   and one of  source: { title, link } or a list of them, with an optional note
 *               assumption: the reasoning behind a figure no one publishes
 *               policy: the status quo of a policy lever
 * A group (or the file itself, at its top) may give `range` and the provenance for every parameter
 * under it that gives none (a nationality map, or a fictional pack whose every figure is made up). Every parameter of a stage
 * the pack runs (and of the groups that are no stage, such as `kpi`) needs all three; a parameter
 * of a stage it does not run is refused, since nothing would read it (the model's neutral value
 * stands in). Checked once, when the pack is loaded: a problem names the file, the parameter's
 * path, the value and what is allowed.
 */
import { z } from 'zod';
import { InputError, showValue, type InputProblem } from '../model/errors.js';
import { isIsoDate } from '../model/dates.js';
import { isParam, leaves, UNITS, type DataRef, type DefaultValue, type ParamDef, type ParamTree } from '../model/declarations.js';
import { PARAMETERS } from '../model/parameters.js';
import { STAGES } from '../model/routing.js';
import { didYouMean } from '../model/suggest.js';

export interface SourceRef {
  readonly title: string;
  readonly link: string;
}

/** Where a default and its range come from. */
export type Provenance =
  | { readonly kind: 'source'; readonly sources: readonly SourceRef[]; readonly note?: string }
  | { readonly kind: 'assumption'; readonly text: string }
  | { readonly kind: 'policy'; readonly text: string };

export interface ParameterFacts {
  readonly default: DefaultValue;
  /** Absent for a choice. */
  readonly range?: readonly [number, number];
  readonly provenance: Provenance;
}

/** A pack's facts by dotted parameter path, in the model's declaration order. */
export type PackParameters = ReadonlyMap<string, ParameterFacts>;

/** What the check needs of the manifest. */
export interface ParameterContext {
  readonly stages: readonly string[];
}

/** Keys a group or a parameter may hold besides the model's own names. */
const INHERITED = ['range', 'source', 'assumption', 'policy', 'note'] as const;
const LEAF_KEYS = ['default', ...INHERITED] as const;

const text = z.string().trim().min(1);
const sourceRef = z.strictObject({ title: text, link: z.string().regex(/^https?:\/\/\S+$/, 'an http:// or https:// address') });
const dataRef: z.ZodType<DataRef> = z.lazy(() =>
  z.strictObject({
    series: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a series name (snake_case)'),
    period: z.string().min(1),
    scale: z.number().finite().optional(),
    plus: z.array(dataRef).optional(),
    minus: z.array(dataRef).optional(),
    per: dataRef.optional(),
  }),
);

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-GB') : String(n));

/** The schema of a default, and what it allows in words. */
function defaultSchema(def: ParamDef): [z.ZodType, string] {
  switch (def.kind) {
    case 'number': {
      const n = def.integer ? z.number().int().min(def.min).max(def.max) : z.number().min(def.min).max(def.max);
      return [z.union([n, dataRef]), `${def.integer ? 'a whole number' : 'a number'} from ${fmt(def.min)} to ${fmt(def.max)} (${UNITS[def.unit]}), or a figure { series, period } of the pack's data`];
    }
    case 'schedule': {
      const v = z.union([z.number().min(def.min).max(def.max), dataRef]);
      const points = z
        .array(z.strictObject({ date: z.string().refine(isIsoDate, 'a date YYYY-MM-DD'), value: v }))
        .min(1)
        .refine((ps) => ps.every((p, i) => i === 0 || p.date > ps[i - 1].date), 'dates in increasing order');
      return [z.union([v, points]), `a number from ${fmt(def.min)} to ${fmt(def.max)} (${UNITS[def.unit]}) or a figure of the pack's data, or a list of { date: YYYY-MM-DD, value } in date order`];
    }
    case 'choice':
      return [z.enum(def.options as [string, ...string[]]), `one of ${def.options.join(', ')}`];
  }
}

/** The range a parameter allows, in words; undefined when it takes none (a choice). */
function rangeAllowed(def: ParamDef): string | undefined {
  if (def.kind === 'choice') return undefined;
  return def.kind === 'number'
    ? `[low, high] with ${fmt(def.min)} ≤ low ≤ high ≤ ${fmt(def.max)} (the allowed values)`
    : '[low, high] multipliers of the whole path, 0 ≤ low ≤ high';
}

function rangeOk(def: ParamDef, r: unknown): r is [number, number] {
  if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === 'number' && Number.isFinite(x))) return false;
  const [lo, hi] = r as [number, number];
  if (lo > hi) return false;
  return def.kind === 'number' ? lo >= def.min && hi <= def.max : lo >= 0;
}

/** The provenance a node gives itself, or undefined; problems go to `out`. */
function provenanceAt(node: Record<string, unknown>, path: string, out: InputProblem[]): Provenance | undefined {
  const given = (['source', 'assumption', 'policy'] as const).filter((k) => node[k] !== undefined);
  const at = (k: string) => (path ? `${path}.${k}` : k);
  if (given.length > 1) {
    out.push({ field: at(given[1]), value: showValue(node[given[1]]), allowed: `one of source, assumption or policy (${given[0]} is given too)` });
    return undefined;
  }
  if (node.note !== undefined && given[0] !== 'source') {
    out.push({ field: at('note'), value: showValue(node.note), allowed: 'a note only beside a source (an assumption or policy says it all in its own text)' });
  }
  if (given.length === 0) return undefined;
  const kind = given[0];
  if (kind === 'source') {
    const sources = z.union([sourceRef, z.array(sourceRef).min(1)]).safeParse(node.source);
    const note = node.note === undefined ? undefined : text.safeParse(node.note);
    if (!sources.success) {
      out.push({ field: at('source'), value: showValue(node.source), allowed: '{ title, link } with a non-empty title and an http(s) link, or a list of them' });
      return undefined;
    }
    if (note && !note.success) out.push({ field: at('note'), value: showValue(node.note), allowed: 'non-empty text' });
    return { kind, sources: Array.isArray(sources.data) ? sources.data : [sources.data], ...(note?.success ? { note: note.data } : {}) };
  }
  const t = text.safeParse(node[kind]);
  if (!t.success) {
    out.push({ field: at(kind), value: showValue(node[kind]), allowed: kind === 'assumption' ? 'the reasoning, as non-empty text' : 'the status quo of the policy, as non-empty text' });
    return undefined;
  }
  return { kind, text: t.data };
}

interface Inherited {
  readonly range?: unknown;
  readonly provenance?: Provenance;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Check the facts of one parameter. */
function checkLeaf(def: ParamDef, raw: unknown, path: string, up: Inherited, out: InputProblem[], facts: Map<string, ParameterFacts>): void {
  if (!isMapping(raw)) {
    out.push({ field: path, value: showValue(raw), allowed: `a mapping of ${LEAF_KEYS.join(', ')}` });
    return;
  }
  for (const key of Object.keys(raw)) {
    if (!(LEAF_KEYS as readonly string[]).includes(key)) {
      const hint = didYouMean(key, LEAF_KEYS);
      out.push({ field: `${path}.${key}`, value: showValue(raw[key]), allowed: `one of ${LEAF_KEYS.join(', ')}${hint ? ` — ${hint}` : ''}` });
    }
  }
  const before = out.length;
  const [schema, allowed] = defaultSchema(def);
  if (raw.default === undefined) out.push({ field: `${path}.default`, value: 'nothing', allowed });
  else if (!schema.safeParse(raw.default).success) out.push({ field: `${path}.default`, value: showValue(raw.default), allowed });
  const range = raw.range ?? up.range;
  const rangeText = rangeAllowed(def);
  if (rangeText === undefined) {
    if (raw.range !== undefined) out.push({ field: `${path}.range`, value: showValue(raw.range), allowed: 'nothing: a choice has no plausible range' });
  } else if (range === undefined) out.push({ field: `${path}.range`, value: 'nothing', allowed: `a plausible range ${rangeText}, here or on a group above` });
  else if (!rangeOk(def, range)) out.push({ field: raw.range !== undefined ? `${path}.range` : `${path} (range of its group)`, value: showValue(range), allowed: rangeText });
  const provenance = provenanceAt(raw, path, out) ?? up.provenance;
  if (!provenance && out.length === before) {
    out.push({ field: `${path}.source`, value: 'nothing', allowed: 'a source { title, link } (or a list, with an optional note), an assumption or a policy, here or on a group above' });
  }
  if (out.length > before || !provenance) return;
  const value = raw.default as DefaultValue;
  facts.set(path, { default: value, ...(rangeText === undefined ? {} : { range: range as [number, number] }), provenance });
}

/** Check a group of the file against a group of the model. */
function checkGroup(tree: ParamTree, raw: Record<string, unknown>, prefix: string, up: Inherited, ctx: ParameterContext, out: InputProblem[], facts: Map<string, ParameterFacts>): void {
  const names = Object.keys(tree);
  for (const key of Object.keys(raw)) {
    if (names.includes(key) || (INHERITED as readonly string[]).includes(key)) continue;
    const hint = didYouMean(key, [...names, ...INHERITED]);
    const field = prefix ? `${prefix}.${key}` : key;
    out.push({ field, value: showValue(raw[key]), allowed: `a parameter or group of ${prefix || 'the model'} (${names.join(', ')})${hint ? ` — ${hint}` : ''}` });
  }
  const here: Inherited = {
    range: raw.range ?? up.range,
    provenance: provenanceAt(raw, prefix, out) ?? up.provenance,
  };
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const stage = path.split('.')[0];
    const runs = !(STAGES as readonly string[]).includes(stage) || ctx.stages.includes(stage);
    const given = raw[key];
    if (!runs) {
      if (given !== undefined && !prefix) {
        out.push({ field: path, value: 'set', allowed: `parameters of the stages the pack runs (${ctx.stages.join(', ')}) and of kpi; ${stage} does not run, so nothing would read them` });
      }
      continue;
    }
    if (isParam(node)) {
      if (given === undefined) out.push({ field: path, value: 'nothing', allowed: `its default, range and source: the pack runs ${stage}` });
      else checkLeaf(node, given, path, here, out, facts);
    } else if (given === undefined) {
      for (const l of leaves(node, path)) out.push({ field: l.path, value: 'nothing', allowed: `its default, range and source: the pack runs ${stage}` });
    } else if (!isMapping(given)) {
      out.push({ field: path, value: showValue(given), allowed: `a group of parameters (${Object.keys(node).join(', ')})` });
    } else checkGroup(node, given, path, here, ctx, out, facts);
  }
}

/**
 * Check a parsed parameters file against the model's declarations; throws InputError naming
 * `origin` (the file) and every problem.
 */
export function checkPackParameters(raw: unknown, origin: string, ctx: ParameterContext): PackParameters {
  if (!isMapping(raw)) {
    throw new InputError({ field: '(parameters)', value: showValue(raw), allowed: 'a mapping of the model\'s parameter groups (arrivals, decisions, ...)' }, origin);
  }
  const out: InputProblem[] = [];
  const facts = new Map<string, ParameterFacts>();
  checkGroup(PARAMETERS as unknown as ParamTree, raw, '', {}, ctx, out, facts);
  if (out.length) throw new InputError(out, origin);
  // In the model's declaration order, whatever the file's.
  return new Map(leaves(PARAMETERS as unknown as ParamTree).flatMap(({ path }) => (facts.has(path) ? [[path, facts.get(path)!] as const] : [])));
}

/** The defaults of a pack's parameters, by path, as the model's baseline takes them. */
export function defaultsOf(facts: PackParameters): Map<string, DefaultValue> {
  return new Map([...facts].map(([path, f]) => [path, f.default]));
}

/** The plausible ranges of a pack's parameters, by path (the scenario's `country.ranges`). */
export function rangesOf(facts: PackParameters): Record<string, readonly [number, number]> {
  const out: Record<string, readonly [number, number]> = {};
  for (const [path, f] of facts) if (f.range) out[path] = f.range;
  return out;
}

/** Provenance as one line of plain text (terminal, YAML comments, the dashboard, claims). */
export function provenanceText(p: Provenance): string {
  switch (p.kind) {
    case 'assumption':
      return `Assumption: ${p.text}`;
    case 'policy':
      return `Policy lever: ${p.text}`;
    case 'source':
      return `${p.sources.map((s) => `${s.title} (${s.link})`).join('; ')}.${p.note ? ` ${p.note}` : ''}`;
  }
}

/** Provenance as Markdown, sources as links (the parameter reference). */
export function provenanceMarkdown(p: Provenance): string {
  if (p.kind !== 'source') return provenanceText(p);
  return `${p.sources.map((s) => `[${s.title}](${s.link})`).join('; ')}.${p.note ? ` ${p.note}` : ''}`;
}
