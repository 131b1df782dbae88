/**
 * The generic check methods a claim in a pack's claims.yaml may use to derive its numbers from its
 * inputs: each takes a list of operands (input names, earlier derived names or numbers) and gives
 * one number. They are written once here so that every claim's arithmetic reads as data, and each
 * folds its operands left to right, in the order written, so a result is reproducible to the bit.
 */

export interface Method {
  /** What it computes, in words (for the loader's refusals and the docs). */
  readonly description: string;
  /** How many operands it takes: exactly `arity`, or at least `min`. */
  readonly arity?: number;
  readonly min?: number;
  readonly apply: (x: readonly number[]) => number;
}

const at = (x: readonly number[], i: number): number => x[i] ?? NaN;

export const METHODS = {
  sum: { description: 'the operands added', min: 1, apply: (x) => x.reduce((s, v) => s + v, 0) },
  product: { description: 'the operands multiplied', min: 1, apply: (x) => x.reduce((p, v) => p * v, 1) },
  difference: { description: 'the first operand less the second', arity: 2, apply: (x) => at(x, 0) - at(x, 1) },
  ratio: { description: 'the first operand divided by the second', arity: 2, apply: (x) => at(x, 0) / at(x, 1) },
  mean: { description: 'the mean of the operands', min: 1, apply: (x) => x.reduce((s, v) => s + v, 0) / x.length },
  min: { description: 'the smallest operand', min: 1, apply: (x) => Math.min(...x) },
  max: { description: 'the largest operand', min: 1, apply: (x) => Math.max(...x) },
  /** (value − reference) / reference: how far a figure is from the one it is checked against. */
  relativeError: { description: '(first − second) / second', arity: 2, apply: (x) => (at(x, 0) - at(x, 1)) / at(x, 1) },
  /** 1 when the first operand is above the second, else 0 (for a verdict or a word that depends on it). */
  above: { description: '1 if the first operand is above the second, else 0', arity: 2, apply: (x) => (at(x, 0) > at(x, 1) ? 1 : 0) },
  /** A cumulative record between two dates: before + (days to the date / days between) × (after − before). */
  interpolate: {
    description: 'before + (days to the date / days between the records) × (after − before), operands [before, after, days to the date, days between]',
    arity: 4,
    apply: (x) => at(x, 0) + (at(x, 2) / at(x, 3)) * (at(x, 1) - at(x, 0)),
  },
} as const satisfies Record<string, Method>;

export type MethodName = keyof typeof METHODS;
export const METHOD_NAMES = Object.keys(METHODS) as [MethodName, ...MethodName[]];

/** How many operands a method takes, in words ("2 operands", "1 or more operands"). */
export function arityText(m: Method): string {
  return m.arity !== undefined ? `${m.arity} operands` : `${m.min ?? 0} or more operands`;
}
