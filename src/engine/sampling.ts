/**
 * Sampling functions without objects, for hot loops: each takes the stream and the parameters and
 * returns one draw. They check only what is cheap and would otherwise loop forever or return
 * nonsense silently; the distribution classes in `distributions.ts` validate fully once, at
 * construction, and call these.
 *
 * Algorithms: exponential by the ziggurat; normal by Box–Muller (one uniform pair per draw, no cached
 * spare, so a stream's position never depends on earlier calls' parity); gamma by Marsaglia–Tsang;
 * Poisson by inversion below mean 10 and Hörmann's PTRS transformed rejection above; binomial by
 * inversion when min(p, 1-p)·n < 10 and Hörmann's BTRS transformed rejection otherwise. Both
 * rejection methods take O(1) expected time however large the parameters.
 */
import type { Rng } from './rng.js';

const TWO_PI = 2 * Math.PI;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Ziggurat tables for the standard exponential (Marsaglia & Tsang 2000, 256 layers). One 32-bit
 * draw gives the layer (low 8 bits) and the position in it (high 24 bits, at the midpoint of its
 * grid cell, so never 0); about 99% of draws return from the rectangle test without a logarithm.
 */
const ZIG_M = 2 ** 24;
const ZIG_KE = new Uint32Array(256);
const ZIG_WE = new Float64Array(256);
const ZIG_FE = new Float64Array(256);
const ZIG_R = 7.697117470131487;
(() => {
  const ve = 3.949659822581572e-3;
  let de = ZIG_R;
  let te = de;
  const q = ve / Math.exp(-de);
  ZIG_KE[0] = Math.floor((de / q) * ZIG_M);
  ZIG_KE[1] = 0;
  ZIG_WE[0] = q / ZIG_M;
  ZIG_WE[255] = de / ZIG_M;
  ZIG_FE[0] = 1;
  ZIG_FE[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ve / de + Math.exp(-de));
    ZIG_KE[i + 1] = Math.floor((de / te) * ZIG_M);
    te = de;
    ZIG_FE[i] = Math.exp(-de);
    ZIG_WE[i] = de / ZIG_M;
  }
})();

/** Standard exponential (mean 1) by the ziggurat. */
export function standardExponential(rng: Rng): number {
  const j = rng.uint32();
  const i = j & 255;
  const v = j >>> 8;
  if (v < ZIG_KE[i]!) return (v + 0.5) * ZIG_WE[i]!;
  return exponentialSlow(rng, i, v);
}

/** The ziggurat's rare paths: the tail beyond the base layer, and the wedges. */
function exponentialSlow(rng: Rng, i: number, v: number): number {
  for (;;) {
    if (i === 0) return ZIG_R - Math.log(rng.uniform());
    const x = (v + 0.5) * ZIG_WE[i]!;
    if (ZIG_FE[i]! + rng.uniform() * (ZIG_FE[i - 1]! - ZIG_FE[i]!) < Math.exp(-x)) return x;
    const j = rng.uint32();
    i = j & 255;
    v = j >>> 8;
    if (v < ZIG_KE[i]!) return (v + 0.5) * ZIG_WE[i]!;
  }
}

/** Exponential with the given mean (> 0; not checked). */
export function exponential(rng: Rng, mean: number): number {
  const j = rng.uint32();
  const i = j & 255;
  const v = j >>> 8;
  if (v < ZIG_KE[i]!) return mean * (v + 0.5) * ZIG_WE[i]!;
  return mean * exponentialSlow(rng, i, v);
}

/** Standard normal N(0, 1). */
export function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(rng.uniform())) * Math.cos(TWO_PI * rng.uniform());
}

/** Gamma with shape > 0 and scale > 0 (mean shape·scale), Marsaglia–Tsang. */
export function gamma(rng: Rng, shape: number, scale: number): number {
  if (shape < 1) {
    // Boost: G(a) = G(a + 1) · U^(1/a).
    return gamma(rng, shape + 1, scale) * Math.pow(rng.uniform(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Beta(a, b) from two gammas. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a, 1);
  const y = gamma(rng, b, 1);
  return x / (x + y);
}

/**
 * Stirling remainder: ln(k!) - [(k + ½)·ln(k + 1) - (k + 1) + ln√(2π)], tabulated for k < 10 and
 * by its asymptotic series beyond.
 */
const TAIL_TABLE: number[] = (() => {
  const out: number[] = [];
  let lnFact = 0;
  for (let k = 0; k < 10; k++) {
    if (k > 0) lnFact += Math.log(k);
    out.push(lnFact - ((k + 0.5) * Math.log(k + 1) - (k + 1) + LN_SQRT_2PI));
  }
  return out;
})();

function stirlingTail(k: number): number {
  if (k < 10) return TAIL_TABLE[k]!;
  const kp1 = k + 1;
  const kp1sq = kp1 * kp1;
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / kp1;
}

/** ln(k!) for integer k >= 0. */
export function logFactorial(k: number): number {
  return (k + 0.5) * Math.log(k + 1) - (k + 1) + LN_SQRT_2PI + stirlingTail(k);
}

/**
 * exp(-lambda) of the last small-mean Poisson draw: callers often draw many times with one mean
 * (dependants per claim), and the exponential is the costliest step of a small draw.
 */
const lastSmall = new Float64Array([NaN, NaN]);

/** Poisson with mean lambda >= 0. */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda < 10) {
    if (!(lambda >= 0)) throw new RangeError(`poisson: lambda must be >= 0, got ${lambda}`);
    // Inversion by sequential search from 0.
    if (lambda !== lastSmall[0]) {
      lastSmall[0] = lambda;
      lastSmall[1] = Math.exp(-lambda);
    }
    let p = lastSmall[1]!;
    let s = p;
    let x = 0;
    const u = rng.uniform();
    while (u > s && x < 1000) {
      x++;
      p *= lambda / x;
      s += p;
    }
    return x;
  }
  if (!(lambda < Infinity)) throw new RangeError(`poisson: lambda must be finite, got ${lambda}`);
  // PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson random
  // variables").
  const slam = Math.sqrt(lambda);
  const logLam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -lambda + k * logLam - logFactorial(k)) {
      return k;
    }
  }
}

/** Binomial with n trials (integer >= 0) and success probability p in [0, 1]. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (!(p >= 0 && p <= 1) || !(n >= 0) || Math.floor(n) !== n) {
    throw new RangeError(`binomial: need integer n >= 0 and p in [0, 1], got n=${n}, p=${p}`);
  }
  if (p > 0.5) return n - binomialLow(rng, n, 1 - p);
  return binomialLow(rng, n, p);
}

/** Binomial for p <= 0.5. */
function binomialLow(rng: Rng, n: number, p: number): number {
  if (p === 0 || n === 0) return 0;
  const q = 1 - p;
  if (n * p < 10) {
    // Inversion (BINV): walk the probability mass function from 0.
    const s = p / q;
    const a = (n + 1) * s;
    const r0 = Math.exp(n * Math.log1p(-p));
    for (;;) {
      let r = r0;
      let u = rng.uniform();
      let x = 0;
      while (u > r) {
        u -= r;
        x++;
        if (x > n) break;
        r *= a / x - s;
      }
      if (x <= n) return x;
    }
  }
  // BTRS (Hörmann 1993, "The generation of binomial random variates").
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / q;
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  const mTerm =
    (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + stirlingTail(m) + stirlingTail(n - m);
  for (;;) {
    const u = rng.uniform() - 0.5;
    let v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound =
      mTerm +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (v <= bound) return k;
  }
}
