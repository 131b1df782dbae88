/**
 * The parameter reference of a pack: every parameter a scenario of the pack can set — name,
 * meaning, unit, allowed values (the model's declarations), default, plausible range, source or
 * assumption (the pack's parameters.yaml) — with the pack's official figures read, into
 * `docs/parameters.md` for the UK and `docs/parameters-<pack>.md` for another pack (npm run
 * docs:parameters). A test fails when a committed file is out of date, so the reference always
 * says what the code and the data do.
 */
import { PARAMETERS } from '../model/parameters.js';
import { UNITS, isDataRef, isParam, type DataRef, type DefaultValue, type ParamDef, type ParamTree } from '../model/declarations.js';
import { STAGES } from '../model/routing.js';
import type { Scenario } from '../model/schema.js';
import { DEFAULT_PACK, loadPack, type Pack } from '../pack/load.js';
import { provenanceMarkdown, type ParameterFacts } from '../pack/parameter-facts.js';
import { baselineCalibration, baselineScenario } from './catalogue.js';
import type { CalibrationRecord } from '../calibration/calibration-file.js';

/** Where a pack's reference is written, from the package root. */
export function referencePath(pack: string): string {
  return pack === DEFAULT_PACK ? 'docs/parameters.md' : `docs/parameters-${pack}.md`;
}

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

function defaultText(def: ParamDef, given: DefaultValue, value: unknown): string {
  switch (def.kind) {
    case 'choice':
      return `\`${String(value)}\``;
    case 'number': {
      const v = fmt(value as number);
      return isDataRef(given) ? `${v} (data: ${refText(given)})` : v;
    }
    case 'schedule': {
      const points = value as readonly { date: string; value: number }[];
      // A bare default (number or figure) is a constant path: its one point reads it.
      const source = Array.isArray(given) ? (given as readonly { value: number | DataRef }[]) : [{ value: given as number | DataRef }];
      return points
        .map((p, i) => {
          const d = source[i]?.value;
          return `${p.date}: ${fmt(p.value)}${d !== undefined && isDataRef(d) ? ` (data: ${refText(d)})` : ''}`;
        })
        .join('; ') + ` (${def.interpolation})`;
    }
  }
}

function unitText(def: ParamDef): string {
  return def.kind === 'choice' ? `one of ${def.options.map((o) => `\`${o}\``).join(', ')}` : UNITS[def.unit];
}

function rangeText(def: ParamDef, range: readonly [number, number] | undefined): string {
  switch (def.kind) {
    case 'choice':
      return '—';
    case 'number':
      return `allowed ${fmt(def.min)}–${fmt(def.max)}${def.integer ? ', whole' : ''}; plausible ${fmt(range![0])}–${fmt(range![1])}${def.fixed ? ' (fixed)' : ''}`;
    case 'schedule':
      return `allowed ${fmt(def.min)}–${fmt(def.max)}; plausible ×${fmt(range![0])}–×${fmt(range![1])} of the path${def.fixed ? ' (fixed)' : ''}`;
  }
}

function at(values: unknown, key: string): unknown {
  return (values as Record<string, unknown>)[key];
}

/** Source text, with the calibration that set the default when one did. */
function sourceText(facts: ParameterFacts, path: string, calibrated: ReadonlyMap<string, string>): string {
  const by = calibrated.get(path);
  const source = provenanceMarkdown(facts.provenance);
  return by ? `${source} **Default calibrated** (${by}).` : source;
}

/** The pack's facts of a parameter; the loader requires them for every parameter of a stage it runs. */
function factsOf(pack: Pack, path: string): ParameterFacts {
  const facts = pack.parameters.get(path);
  if (!facts) throw new Error(`${path}: the ${pack.name} pack's parameters give no facts for it`);
  return facts;
}

function section(pack: Pack, tree: ParamTree, values: unknown, path: string, out: string[], calibrated: ReadonlyMap<string, string>, top = false): void {
  const params = Object.entries(tree).filter(([, n]) => isParam(n)) as [string, ParamDef][];
  if (params.length) {
    if (!top) out.push(`### \`${path}\``, '');
    out.push('| Parameter | Meaning | Unit | Default | Range | Source |', '|---|---|---|---|---|---|');
    for (const [key, def] of params) {
      const name = `\`${path}.${key}\`<br>${def.label}`;
      const facts = factsOf(pack, `${path}.${key}`);
      const lever = def.kind === 'schedule' && def.lever ? ` **Policy lever** (\`asylum-sim optimise --levers\`): costed by \`${def.lever.cost.parameter}\` per ${def.lever.cost.per}.` : '';
      out.push(`| ${[name, `${def.description}${lever}`, unitText(def), defaultText(def, facts.default, at(values, key)), rangeText(def, facts.range), sourceText(facts, `${path}.${key}`, calibrated)].map(cell).join(' | ')} |`);
    }
    out.push('');
  }
  for (const [key, node] of Object.entries(tree)) {
    if (!isParam(node)) section(pack, node, at(values, key), `${path}.${key}`, out, calibrated);
  }
}

/** The reference of a pack as Markdown, from the declarations, its parameters and its baseline (official figures resolved). */
export function parameterReference(pack: Pack = loadPack(), baseline: Scenario = baselineScenario(pack), calibration: CalibrationRecord | undefined = baselineCalibration(pack)): string {
  const calibrated = new Map(
    (calibration?.baseline ?? []).map((e) => [e.path, `\`asylum-sim calibrate\` on data ${calibration!.data.version}, ${calibration!.window.from} to ${calibration!.window.to}: ${e.name}; packs/${pack.name}/data/calibration.json`]),
  );
  const runs = (key: string) => !(STAGES as readonly string[]).includes(key) || (pack.manifest.stages as readonly string[]).includes(key);
  const out = [
    pack.name === DEFAULT_PACK ? '# Scenario parameters' : `# Scenario parameters: ${pack.manifest.title}`,
    '',
    `<!-- Generated by \`npm run docs:parameters\` from the parameter declarations in src/model and packs/${pack.name}/parameters.yaml; do not edit by hand. -->`,
    '',
    `Every parameter a scenario file of the ${pack.name} pack can set, by group, with its meaning,`,
    'unit and allowed values (the model\'s), and the pack\'s default (the baseline: official figures',
    `from \`packs/${pack.name}/data/\` where it says "data", otherwise a stated value), plausible range`,
    '(drawn under parametric uncertainty unless marked fixed) and source or assumption. A schedule is',
    'a list of `{ date, value }` points (or one number for a constant path); its plausible range',
    'multiplies the whole path. Policy levers default to off (the status quo).',
    ...(pack.manifest.stages.length < STAGES.length
      ? ['', `The pack runs the stages ${pack.manifest.stages.join(', ')}; the parameters of the others are not used and not listed.`]
      : []),
    '',
  ];
  for (const [key, node] of Object.entries(PARAMETERS as unknown as ParamTree)) {
    if (!runs(key)) continue;
    out.push(`## ${key}`, '');
    if (isParam(node)) continue;
    section(pack, node, at(baseline, key), key, out, calibrated, true);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
