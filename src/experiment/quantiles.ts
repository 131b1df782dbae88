/**
 * Exact sample statistics over replications.
 *
 * Quantiles use linear interpolation between order statistics — Hyndman & Fan type 7, the default
 * of R and NumPy: for n sorted values x[0..n-1] and probability p, h = (n - 1)·p and
 * Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋]).
 *
 * `Infinity` means "not reached within the horizon" (a KPI date that never came). It sorts after
 * every finite value, and a quantile that lands on it, or interpolates towards it, is `Infinity`.
 * NaN is not a sample: callers reject it before it gets here.
 */

/** Sort a copy of the values ascending (numeric, Infinity last). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

/** Type-7 quantile of values already sorted ascending. `p` in [0, 1]; empty input gives NaN. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo] as number;
  if (frac === 0) return a;
  const b = sorted[lo + 1] as number;
  if (b === Infinity || a === Infinity) return Infinity;
  // a + frac·(b − a) is exact at the ends and monotone in frac.
  return a + frac * (b - a);
}

/** Type-7 quantile of unsorted values (sorts a copy). */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(sortedCopy(values), p);
}

/**
 * Arithmetic mean, summing in the given order (so a fixed order gives a fixed result to the bit).
 * Any Infinity makes the mean Infinity; empty input gives NaN.
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  return sum / n;
}

/** Mean, P5, P50 and P95 of one quantity across replications (exact, unrounded). */
export interface Stats {
  readonly mean: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** The four summary statistics of a sample, given in replication order. */
export function describe(values: ArrayLike<number>): Stats {
  const sorted = sortedCopy(values);
  return {
    mean: mean(values),
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
}

/** How many values are Infinity (not reached within the horizon). */
export function countInfinite(values: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === Infinity) k++;
  return k;
}
