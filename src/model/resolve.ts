/**
 * Building the baseline: each parameter's default, with references to official figures resolved
 * against the data the caller loaded (the model itself reads no files).
 */
import { PARAMETERS, type Parameters } from './parameters.js';
import { isDataRef, isParam, type DataRef, type ParamDef, type ParamTree } from './params.js';

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

function resolveDefault(def: ParamDef, figures: OfficialFigures): unknown {
  switch (def.kind) {
    case 'number':
      return isDataRef(def.default) ? resolveDataRef(def.default, figures) : def.default;
    case 'schedule':
      return def.default.map((p) => ({
        date: p.date,
        value: isDataRef(p.value) ? resolveDataRef(p.value, figures) : p.value,
      }));
    case 'choice':
      return def.default;
  }
}

function resolveTree(tree: ParamTree, figures: OfficialFigures): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(tree)) {
    out[key] = isParam(node) ? resolveDefault(node, figures) : resolveTree(node, figures);
  }
  return out;
}

/** Every parameter at its default. */
export function baselineParameters(figures: OfficialFigures): Parameters {
  return resolveTree(PARAMETERS as unknown as ParamTree, figures) as unknown as Parameters;
}
