/**
 * Keyed (counter-based) random numbers: a uniform that is a pure function of its keys, e.g.
 * (replication seed, case id, purpose). A case's service need or outcome then does not depend on
 * the order in which events happen to be processed, which gives common random numbers across
 * scenarios that share structure — e.g. more caseworkers change who is served when, not what each
 * case needs. Built on the murmur3 32-bit finaliser; a few integer multiplies per draw.
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A 32-bit key for a (seed, replication) pair, to pass as `base` below. */
export function keyedBase(seed: number, replication: number): number {
  return fmix32(fmix32((seed >>> 0) ^ 0x9e3779b9) ^ Math.imul(replication + 1, 0x27d4eb2f));
}

/** Uniform in the open interval (0, 1), determined by (base, id, purpose). */
export function keyedUniform(base: number, id: number, purpose: number): number {
  const h = fmix32(fmix32(base ^ Math.imul(id + 1, 0x9e3779b1)) ^ Math.imul(purpose + 1, 0x85ebca77));
  return ((h >>> 0) + 0.5) * 2.3283064365386963e-10;
}

/**
 * Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9): turns a
 * keyed uniform into a normal deviate without consuming a stream.
 */
const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

export function normalQuantile(p: number): number {
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - plow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Lognormal needs with a fixed coefficient of variation, from one uniform each: the shape
 * (sigma and the mean correction) is worked out once, so a draw costs one normal quantile and one
 * exponential. cv = 0 gives the mean exactly.
 */
export class LognormalFromUniform {
  private readonly sigma: number;
  private readonly shift: number;

  constructor(readonly cv: number) {
    const s2 = Math.log(1 + cv * cv);
    this.sigma = Math.sqrt(s2);
    this.shift = -s2 / 2;
  }

  sample(u: number, mean: number): number {
    return this.cv <= 0 ? mean : mean * Math.exp(this.sigma * normalQuantile(u) + this.shift);
  }
}

/** One lognormal need with the given mean and coefficient of variation (see LognormalFromUniform). */
export function lognormalFromUniform(u: number, mean: number, cv: number): number {
  return new LognormalFromUniform(cv).sample(u, mean);
}
