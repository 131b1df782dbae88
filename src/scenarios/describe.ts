/**
 * A resolved scenario as YAML with every parameter annotated: label, unit, plausible range and
 * source (the pack's), so a reader sees every assumption behind a result. The output is itself a
 * valid scenario file of its pack (comments aside, it is what `scenarios validate` accepts): the
 * groups of stages the pack does not run are left out, as a scenario may not set them.
 */
import { PARAMETERS } from '../model/parameters.js';
import { UNITS, isParam, type ParamDef, type ParamTree } from '../model/declarations.js';
import { STAGES } from '../model/routing.js';
import type { Scenario } from '../model/schema.js';
import { provenanceText, type PackParameters } from '../pack/parameter-facts.js';

const round = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))));

function comment(def: ParamDef, range: readonly [number, number] | undefined, source: string): string {
  const unit = def.kind === 'choice' ? `one of ${def.options.join(', ')}` : UNITS[def.unit];
  const r = !range ? '' : def.kind === 'schedule' ? `; range ×${range[0]}–×${range[1]}` : `; range ${round(range[0])}–${round(range[1])}`;
  return `${def.label} (${unit}${r}). ${source}`;
}

function emit(tree: ParamTree, values: Record<string, unknown>, s: Scenario, facts: PackParameters, prefix: string, indent: string, out: string[]): void {
  for (const [key, node] of Object.entries(tree)) {
    const value = values[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (!prefix && (STAGES as readonly string[]).includes(key) && !(s.country.stages as readonly string[]).includes(key)) continue;
    if (!isParam(node)) {
      out.push(`${indent}${key}:`);
      emit(node, value as Record<string, unknown>, s, facts, path, `${indent}  `, out);
      continue;
    }
    const f = facts.get(path);
    // The pack's loader requires facts for every parameter of a stage it runs: these are another pack's.
    if (!f) throw new Error(`${path}: no facts in the pack's parameters for a stage of pack ${s.country.pack}`);
    out.push(`${indent}# ${comment(node, s.country.ranges[path], provenanceText(f.provenance))}`);
    if (node.kind === 'schedule') {
      out.push(`${indent}${key}:`);
      for (const p of value as { date: string; value: number }[]) out.push(`${indent}  - { date: ${p.date}, value: ${round(p.value)} }`);
    } else {
      out.push(`${indent}${key}: ${typeof value === 'number' ? round(value) : String(value)}`);
    }
  }
}

/** `facts`: the pack's parameters, whose sources the comments quote. */
export function describeScenario(s: Scenario, facts: PackParameters): string {
  const out = [
    `name: ${s.name}`,
    `title: ${JSON.stringify(s.title)}`,
    `description: ${JSON.stringify(s.description)}`,
    `start: ${s.start}`,
    `horizonMonths: ${s.horizonMonths}`,
  ];
  emit(PARAMETERS as unknown as ParamTree, s as unknown as Record<string, unknown>, s, facts, '', '', out);
  return `${out.join('\n')}\n`;
}
