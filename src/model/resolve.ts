/**
 * Building the baseline: each parameter at its country's default (packs/<name>/parameters.yaml,
 * handed in by the caller), with references to official figures resolved against the data the
 * caller loaded (the model itself reads no files).
 */
import { PARAMETERS, type Parameters } from './parameters.js';
import { isDataRef, isParam, type DataRef, type DefaultValue, type ParamDef, type ParamTree } from './declarations.js';

/** What the model needs of the official data: one figure by series and period. */
export interface OfficialFigures {
  value(series: string, period: string): number;
}

export function resolveDataRef(ref: DataRef, figures: OfficialFigures): number {
  let v = figures.value(ref.series, ref.period);
  for (const m of ref.plus ?? []) v += resolveDataRef(m, figures);
  for (const m of ref.minus ?? []) v -= resolveDataRef(m, figures);
  v *= ref.scale ?? 1;
  if (ref.per) v /= resolveDataRef(ref.per, figures);
  return v;
}

const figure = (v: number | DataRef, figures: OfficialFigures): number => (isDataRef(v) ? resolveDataRef(v, figures) : v);

/** A country's default with its figures read; a bare number for a schedule is a constant path from `start`. */
function resolveDefault(def: ParamDef, value: DefaultValue, figures: OfficialFigures, start: string): unknown {
  switch (def.kind) {
    case 'number':
      return figure(value as number | DataRef, figures);
    case 'schedule':
      if (typeof value === 'number' || isDataRef(value)) return [{ date: start, value: figure(value, figures) }];
      return (value as readonly { date: string; value: number | DataRef }[]).map((p) => ({ date: p.date, value: figure(p.value, figures) }));
    case 'choice':
      return value;
  }
}

/**
 * The value of a parameter the country gives none for (its stage does not run): its neutral value,
 * else the least allowed value (the first option). Nothing of a stage that is not built reads it.
 */
function neutral(def: ParamDef, start: string): unknown {
  switch (def.kind) {
    case 'number':
      return def.neutral ?? def.min;
    case 'schedule':
      return [{ date: start, value: def.neutral ?? def.min }];
    case 'choice':
      return def.neutral ?? def.options[0];
  }
}

function resolveTree(tree: ParamTree, defaults: ReadonlyMap<string, DefaultValue>, figures: OfficialFigures, start: string, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!isParam(node)) out[key] = resolveTree(node, defaults, figures, start, path);
    else {
      const given = defaults.get(path);
      out[key] = given === undefined ? neutral(node, start) : resolveDefault(node, given, figures, start);
    }
  }
  return out;
}

/**
 * Every parameter at the country's default (by dotted path), official figures read from
 * `figures`; a parameter without one takes its neutral value. `start` dates constant paths.
 */
export function baselineParameters(defaults: ReadonlyMap<string, DefaultValue>, figures: OfficialFigures, start: string): Parameters {
  return resolveTree(PARAMETERS as unknown as ParamTree, defaults, figures, start, '') as unknown as Parameters;
}
