/**
 * Claim inputs, each with its value, unit and where it comes from: official figures from the
 * pack's data (never typed into code: each names its series, period, vintage and source address
 * as the data files give them), the figure a claim states, and a parameter of the resolved base
 * scenario with the source the pack gives for it (parameters.yaml).
 */
import type { ObservedData } from '../calibration/observed.js';
import { leaves, type ParamDef, type ParamTree } from '../model/declarations.js';
import { InputError, showValue } from '../model/errors.js';
import { PARAMETERS } from '../model/parameters.js';
import { provenanceText, type PackParameters } from '../pack/parameter-facts.js';
import type { ClaimInput } from './types.js';

/** An official figure as a claim input; `vintage` picks one release (default: the preferred one). */
export function observed(data: ObservedData, name: string, series: string, period: string, vintage?: string): ClaimInput {
  const o = data.observation(series, period, vintage);
  if (!o) data.value(series, period, vintage); // throws, naming what the data holds
  const row = o as NonNullable<typeof o>;
  return { name, value: row.value, unit: row.unit, series, period, vintage: row.vintage, source: row.source };
}

/** A value given by the claim itself (what is being checked). */
export function claimed(name: string, value: number, unit: string, where: string): ClaimInput {
  return { name, value, unit, source: `Claim: ${where}` };
}

const DECLARATIONS = new Map<string, ParamDef>(leaves(PARAMETERS as unknown as ParamTree).map((l) => [l.path, l.def]));

/**
 * A parameter as a claim input: its value from the resolved scenario `tree` (what the pack and the
 * scenario make it, not the model's declared default), its unit from the declaration, its source
 * from the pack's facts.
 */
export function parameter(tree: unknown, facts: PackParameters, path: string, name: string, unit?: string): ClaimInput {
  const def = DECLARATIONS.get(path);
  const fact = facts.get(path);
  const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], tree);
  if (!def || def.kind !== 'number' || !fact || typeof value !== 'number') {
    throw new InputError({ field: 'parameter', value: showValue(path), allowed: `a numeric parameter of the base scenario (${name})` });
  }
  return { name, value, unit: unit ?? def.unit, scenario: `parameter ${path}`, source: provenanceText(fact.provenance) };
}

/** Value of the input with this name (the formulas read inputs by name). */
export function inputValue(inputs: readonly ClaimInput[], name: string): number {
  const found = inputs.find((i) => i.name === name);
  if (!found) throw new Error(`claim input ${name} is missing`);
  return found.value;
}

/** Relative difference of a figure from a reference, as a fraction. */
export function relativeError(value: number, reference: number): number {
  return (value - reference) / reference;
}
