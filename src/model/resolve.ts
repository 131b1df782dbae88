/**
 * Building the baseline: each parameter's default, with references to official figures resolved
 * against the data the caller loaded (the model itself reads no files).
 */
import { PARAMETERS, type Parameters } from './parameters.js';
import { isDataRef, isParam, type DataRef, type ParamDef, type ParamTree } from './declarations.js';

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

/**
 * A declared default. A reference to official figures is read from `figures`, unless the
 * parameter is `unread` (the pack gives its own value, or runs no stage that uses it): then it
 * takes its least allowed value and nothing is read, so a pack needs no figures it does not use.
 */
function resolveDefault(def: ParamDef, figures: OfficialFigures, unread: boolean): unknown {
  const value = (v: number | DataRef) => (!isDataRef(v) ? v : unread ? (def as { min: number }).min : resolveDataRef(v, figures));
  switch (def.kind) {
    case 'number':
      return value(def.default);
    case 'schedule':
      return def.default.map((p) => ({
        date: p.date,
        value: value(p.value),
      }));
    case 'choice':
      return def.default;
  }
}

function resolveTree(tree: ParamTree, figures: OfficialFigures, unread: (path: string) => boolean, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out[key] = isParam(node) ? resolveDefault(node, figures, unread(path)) : resolveTree(node, figures, unread, path);
  }
  return out;
}

/** Every parameter at its default; `unread(path)`: a parameter whose figures are not read (see resolveDefault). */
export function baselineParameters(figures: OfficialFigures, unread: (path: string) => boolean = () => false): Parameters {
  return resolveTree(PARAMETERS as unknown as ParamTree, figures, unread, '') as unknown as Parameters;
}
