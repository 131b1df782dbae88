/**
 * Checks of values given as text at the boundary (command-line flags, query parameters): each bad
 * value is an InputError naming the flag or field, the value and what is allowed (CLI exit 2, HTTP
 * 400). Integers are plain decimal digits (surrounding spaces are
 * ignored) — no signs, exponents or fractions — so `--replications 1e3` or `--seed -1` are refused
 * rather than guessed at.
 */
import { InputError, showValue } from '../model/errors.js';
import { formatCount } from './format.js';

/** A decimal integer flag in [min, max]; `undefined` gives the default. */
export function parseIntegerInput(
  flag: string,
  raw: string | undefined,
  range: { readonly min: number; readonly max: number },
  fallback?: number,
): number {
  const allowed =
    range.max === Number.MAX_SAFE_INTEGER
      ? `an integer from ${formatCount(range.min)} up`
      : `an integer from ${formatCount(range.min)} to ${formatCount(range.max)}`;
  if (raw === undefined) {
    if (fallback === undefined) throw new InputError({ field: flag, value: 'nothing', allowed });
    return fallback;
  }
  const text = raw.trim();
  const value = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new InputError({ field: flag, value: showValue(raw), allowed });
  }
  return value;
}

/** One of a fixed set of words; `undefined` gives the default. */
export function parseChoiceInput<T extends string>(flag: string, raw: string | undefined, options: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if ((options as readonly string[]).includes(text)) return text as T;
  throw new InputError({ field: flag, value: showValue(raw), allowed: `one of ${options.join(', ')}` });
}
