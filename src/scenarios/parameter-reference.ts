/**
 * The parameter reference: every scenario parameter — name, meaning, unit, default, allowed
 * values, plausible range, source or assumption — generated from the parameter declarations and
 * the official data into `docs/parameters.md` (npm run docs:parameters). A test fails when the
 * committed file is out of date, so the reference always says what the code does.
 */
import { PARAMETERS } from '../model/parameters.js';
import { UNITS, isDataRef, isParam, type DataRef, type ParamDef, type ParamTree } from '../model/declarations.js';
import type { Scenario } from '../model/schema.js';
import { baselineCalibration, baselineScenario } from './catalogue.js';
import type { CalibrationRecord } from '../calibration/calibration-file.js';

export const REFERENCE_PATH = 'docs/parameters.md';

const fmt = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  const r = Number.isInteger(x) ? x : Number(x.toPrecision(6));
  return Math.abs(r) >= 1000 ? r.toLocaleString('en-GB', { maximumFractionDigits: 6 }) : String(r);
};

/** Markdown table cells must not break the row. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function refText(ref: DataRef): string {
  const plus = (ref.plus ?? []).map((r) => ` + ${refText(r)}`).join('');
  const minus = (ref.minus ?? []).map((r) => ` − ${refText(r)}`).join('');
  const scale = ref.scale !== undefined && ref.scale !== 1 ? ` × ${fmt(ref.scale)}` : '';
  const per = ref.per ? ` ÷ ${refText(ref.per)}` : '';
  const core = `\`${ref.series}\` ${ref.period}`;
  return plus || minus || per ? `(${core}${plus}${minus})${scale}${per}` : `${core}${scale}`;
}

function defaultText(def: ParamDef, value: unknown): string {
  switch (def.kind) {
    case 'choice':
      return `\`${String(value)}\``;
    case 'number': {
      const v = fmt(value as number);
      return isDataRef(def.default) ? `${v} (data: ${refText(def.default)})` : v;
    }
    case 'schedule': {
      const points = value as readonly { date: string; value: number }[];
      return points
        .map((p, i) => {
          const d = def.default[i]?.value;
          return `${p.date}: ${fmt(p.value)}${d !== undefined && isDataRef(d) ? ` (data: ${refText(d)})` : ''}`;
        })
        .join('; ') + ` (${def.interpolation})`;
    }
  }
}

function unitText(def: ParamDef): string {
  return def.kind === 'choice' ? `one of ${def.options.map((o) => `\`${o}\``).join(', ')}` : UNITS[def.unit];
}

function rangeText(def: ParamDef): string {
  switch (def.kind) {
    case 'choice':
      return '—';
    case 'number':
      return `allowed ${fmt(def.min)}–${fmt(def.max)}${def.integer ? ', whole' : ''}; plausible ${fmt(def.range[0])}–${fmt(def.range[1])}${def.fixed ? ' (fixed)' : ''}`;
    case 'schedule':
      return `allowed ${fmt(def.min)}–${fmt(def.max)}; plausible ×${fmt(def.range[0])}–×${fmt(def.range[1])} of the path${def.fixed ? ' (fixed)' : ''}`;
  }
}

function at(values: unknown, key: string): unknown {
  return (values as Record<string, unknown>)[key];
}

/** Source text, with the calibration that set the default when one did. */
function sourceText(def: ParamDef, path: string, calibrated: ReadonlyMap<string, string>): string {
  const by = calibrated.get(path);
  return by ? `${def.source} **Default calibrated** (${by}).` : def.source;
}

function section(tree: ParamTree, values: unknown, path: string, out: string[], calibrated: ReadonlyMap<string, string>, top = false): void {
  const params = Object.entries(tree).filter(([, n]) => isParam(n)) as [string, ParamDef][];
  if (params.length) {
    if (!top) out.push(`### \`${path}\``, '');
    out.push('| Parameter | Meaning | Unit | Default | Range | Source |', '|---|---|---|---|---|---|');
    for (const [key, def] of params) {
      const name = `\`${path}.${key}\`<br>${def.label}`;
      const lever = def.kind === 'schedule' && def.lever ? ` **Policy lever** (\`asylum-sim optimise --levers\`): costed by \`${def.lever.cost.parameter}\` per ${def.lever.cost.per}.` : '';
      out.push(`| ${[name, `${def.description}${lever}`, unitText(def), defaultText(def, at(values, key)), rangeText(def), sourceText(def, `${path}.${key}`, calibrated)].map(cell).join(' | ')} |`);
    }
    out.push('');
  }
  for (const [key, node] of Object.entries(tree)) {
    if (!isParam(node)) section(node, at(values, key), `${path}.${key}`, out, calibrated);
  }
}

/** The reference as Markdown, from the declarations and the baseline (official figures resolved). */
export function parameterReference(baseline: Scenario = baselineScenario(), calibration: CalibrationRecord | undefined = baselineCalibration()): string {
  const calibrated = new Map(
    (calibration?.baseline ?? []).map((e) => [e.path, `\`asylum-sim calibrate\` on data ${calibration!.data.version}, ${calibration!.window.from} to ${calibration!.window.to}: ${e.name}; packs/uk/data/calibration.json`]),
  );
  const out = [
    '# Scenario parameters',
    '',
    '<!-- Generated by `npm run docs:parameters` from the parameter declarations in src/model; do not edit by hand. -->',
    '',
    'Every parameter a scenario file can set, by group, with its meaning, unit, default (the',
    'baseline: official figures from `data/` where it says "data", otherwise a stated value),',
    'allowed values, plausible range (drawn under parametric uncertainty unless marked fixed) and',
    'source or assumption. A schedule is a list of `{ date, value }` points (or one number for a',
    'constant path); its plausible range multiplies the whole path. Policy levers default to off',
    '(the status quo).',
    '',
  ];
  for (const [key, node] of Object.entries(PARAMETERS as unknown as ParamTree)) {
    out.push(`## ${key}`, '');
    if (isParam(node)) continue;
    section(node, at(baseline, key), key, out, calibrated, true);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
