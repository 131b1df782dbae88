/**
 * A resolved scenario as YAML with every parameter annotated: label, unit, plausible range and
 * source, so a reader sees every assumption behind a result. The output is itself a valid
 * scenario file (comments aside, it is what `scenarios validate` accepts).
 */
import { PARAMETERS } from '../model/parameters.js';
import { UNITS, isParam, type ParamDef, type ParamTree } from '../model/declarations.js';
import type { Scenario } from '../model/schema.js';

const round = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))));

function comment(def: ParamDef): string {
  const unit = def.kind === 'choice' ? `one of ${def.options.join(', ')}` : UNITS[def.unit];
  const range = def.kind === 'choice' ? '' : def.kind === 'schedule' ? `; range ×${def.range[0]}–×${def.range[1]}` : `; range ${round(def.range[0])}–${round(def.range[1])}`;
  return `${def.label} (${unit}${range}). ${def.source}`;
}

function emit(tree: ParamTree, values: Record<string, unknown>, indent: string, out: string[]): void {
  for (const [key, node] of Object.entries(tree)) {
    const value = values[key];
    if (!isParam(node)) {
      out.push(`${indent}${key}:`);
      emit(node, value as Record<string, unknown>, `${indent}  `, out);
      continue;
    }
    out.push(`${indent}# ${comment(node)}`);
    if (node.kind === 'schedule') {
      out.push(`${indent}${key}:`);
      for (const p of value as { date: string; value: number }[]) out.push(`${indent}  - { date: ${p.date}, value: ${round(p.value)} }`);
    } else {
      out.push(`${indent}${key}: ${typeof value === 'number' ? round(value) : String(value)}`);
    }
  }
}

export function describeScenario(s: Scenario): string {
  const out = [
    `name: ${s.name}`,
    `title: ${JSON.stringify(s.title)}`,
    `description: ${JSON.stringify(s.description)}`,
    `start: ${s.start}`,
    `horizonMonths: ${s.horizonMonths}`,
  ];
  emit(PARAMETERS as unknown as ParamTree, s as unknown as Record<string, unknown>, '', out);
  return `${out.join('\n')}\n`;
}
