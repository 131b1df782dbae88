/**
 * Variance-based sensitivity (Sobol indices) with Saltelli sampling, for any model f: [0,1]^k → R.
 *
 * Design: two independent N × k matrices A and B of uniforms, and for each input i the matrix
 * AB_i = A with column i taken from B; the model is evaluated at N·(k + 2) points. Estimators,
 * from Saltelli et al. (2010), "Variance based sensitivity analysis of model output", Computer
 * Physics Communications 181, Table 2:
 *   first order  S_i  = mean(f(B) · (f(AB_i) − f(A))) / V        (Saltelli 2010, eq. (b))
 *   total        ST_i = mean((f(A) − f(AB_i))²) / (2V)           (Jansen 1999, eq. (f))
 * with V the variance of f over the 2N points of A and B. Plain pseudo-random points from a
 * seeded stream (not a quasi-random sequence): the error falls as 1/√N; the Ishigami test states
 * how large N must be for 0.05.
 *
 * Pure: no Node imports.
 */
import { streamRng } from '../engine/rng.js';

export interface SaltelliDesign {
  /** Inputs. */
  readonly k: number;
  /** Base sample size N. */
  readonly n: number;
  /** All N·(k + 2) points, row-major: A's N rows, B's N rows, then AB_0 … AB_(k−1), N rows each. */
  readonly points: Float64Array;
}

export interface SobolIndices {
  /** First-order index per input. */
  readonly first: readonly number[];
  /** Total-effect index per input. */
  readonly total: readonly number[];
  /** Variance of the output over A and B. */
  readonly variance: number;
}

/** Rows the design has: N·(k + 2). */
export function designSize(k: number, n: number): number {
  return n * (k + 2);
}

/** Saltelli design of N base points in k dimensions, reproducible from `seed`. */
export function saltelliDesign(k: number, n: number, seed: number): SaltelliDesign {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n must be an integer of at least 2, got ${n}`);
  const rng = streamRng(seed, 'saltelli', k, n);
  const a = new Float64Array(n * k);
  const b = new Float64Array(n * k);
  for (let j = 0; j < n * k; j++) a[j] = rng.uniform();
  for (let j = 0; j < n * k; j++) b[j] = rng.uniform();
  const points = new Float64Array(designSize(k, n) * k);
  points.set(a, 0);
  points.set(b, n * k);
  for (let i = 0; i < k; i++) {
    const block = (2 + i) * n * k;
    points.set(a, block);
    for (let r = 0; r < n; r++) points[block + r * k + i] = b[r * k + i] as number;
  }
  return { k, n, points };
}

/** Row `row` of the design. */
export function designPoint(design: SaltelliDesign, row: number): Float64Array {
  return design.points.subarray(row * design.k, (row + 1) * design.k);
}

/** Sobol indices from the model's outputs at every design row (in design order). */
export function sobolIndices(design: SaltelliDesign, y: ArrayLike<number>): SobolIndices {
  const { k, n } = design;
  if (y.length !== designSize(k, n)) throw new RangeError(`need ${designSize(k, n)} outputs, got ${y.length}`);
  let mean = 0;
  for (let j = 0; j < 2 * n; j++) mean += y[j] as number;
  mean /= 2 * n;
  let variance = 0;
  for (let j = 0; j < 2 * n; j++) variance += ((y[j] as number) - mean) ** 2;
  variance /= 2 * n - 1;
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < k; i++) {
    let s = 0;
    let t = 0;
    for (let r = 0; r < n; r++) {
      const fa = y[r] as number;
      const fb = y[n + r] as number;
      const fab = y[(2 + i) * n + r] as number;
      s += fb * (fab - fa);
      t += (fa - fab) ** 2;
    }
    // A constant output has no variance to apportion: every index is 0.
    first.push(variance > 0 ? s / n / variance : 0);
    total.push(variance > 0 ? t / (2 * n) / variance : 0);
  }
  return { first, total, variance };
}
