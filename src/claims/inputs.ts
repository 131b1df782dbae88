/**
 * Claim inputs taken from the official data (never typed into code): each names its series,
 * period, vintage and source address as the data files give them.
 */
import type { ObservedData } from '../calibration/observed.js';
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

export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function count(x: number): string {
  return Math.round(x).toLocaleString('en-GB');
}

export function gbp(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `£${(x / 1e9).toFixed(2)}bn`;
  if (a >= 1e6) return `£${(x / 1e6).toFixed(0)}m`;
  return `£${count(x)}`;
}
