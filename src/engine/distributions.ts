/**
 * Probability distributions as small objects that know their own moments, so tests can hold
 * samples to `mean()` and `variance()`. Constructors check their parameters once and throw a
 * RangeError naming the distribution, the parameter, the value and what is allowed; `sample` then
 * does no checking. For the hottest loops call the free functions in `sampling.ts` directly.
 */
import type { Rng } from './rng.js';
import { beta, binomial, exponential, gamma, poisson, standardNormal } from './sampling.js';

// The object-free samplers for hot loops, also reachable from here.
export { exponential, poisson, binomial } from './sampling.js';

export interface Distribution {
  sample(rng: Rng): number;
  mean(): number;
  variance(): number;
}

function check(ok: boolean, dist: string, param: string, value: unknown, allowed: string): void {
  if (!ok) throw new RangeError(`${dist}: ${param} must be ${allowed}, got ${String(value)}`);
}

const finite = (x: number): boolean => Number.isFinite(x);

export class Deterministic implements Distribution {
  constructor(readonly value: number) {
    check(finite(value), 'Deterministic', 'value', value, 'a finite number');
  }
  sample(_rng: Rng): number {
    return this.value;
  }
  mean(): number {
    return this.value;
  }
  variance(): number {
    return 0;
  }
}

/** Continuous uniform on (min, max). */
export class Uniform implements Distribution {
  constructor(
    readonly min: number,
    readonly max: number,
  ) {
    check(finite(min), 'Uniform', 'min', min, 'a finite number');
    check(finite(max) && max >= min, 'Uniform', 'max', max, `a finite number >= min (${min})`);
  }
  sample(rng: Rng): number {
    return this.min + (this.max - this.min) * rng.uniform();
  }
  mean(): number {
    return (this.min + this.max) / 2;
  }
  variance(): number {
    const w = this.max - this.min;
    return (w * w) / 12;
  }
}

export class Exponential implements Distribution {
  constructor(readonly meanValue: number) {
    check(finite(meanValue) && meanValue > 0, 'Exponential', 'mean', meanValue, 'a finite number > 0');
  }
  sample(rng: Rng): number {
    return exponential(rng, this.meanValue);
  }
  mean(): number {
    return this.meanValue;
  }
  variance(): number {
    return this.meanValue * this.meanValue;
  }
}

/** Gamma with shape k and scale θ: mean kθ, variance kθ². */
export class Gamma implements Distribution {
  constructor(
    readonly shape: number,
    readonly scale: number,
  ) {
    check(finite(shape) && shape > 0, 'Gamma', 'shape', shape, 'a finite number > 0');
    check(finite(scale) && scale > 0, 'Gamma', 'scale', scale, 'a finite number > 0');
  }
  sample(rng: Rng): number {
    return gamma(rng, this.shape, this.scale);
  }
  mean(): number {
    return this.shape * this.scale;
  }
  variance(): number {
    return this.shape * this.scale * this.scale;
  }
}

/** exp(N(mu, sigma²)). */
export class Lognormal implements Distribution {
  constructor(
    readonly mu: number,
    readonly sigma: number,
  ) {
    check(finite(mu), 'Lognormal', 'mu', mu, 'a finite number');
    check(finite(sigma) && sigma >= 0, 'Lognormal', 'sigma', sigma, 'a finite number >= 0');
  }
  /** The lognormal with the given mean (> 0) and coefficient of variation (sd / mean, >= 0). */
  static fromMeanCv(mean: number, cv: number): Lognormal {
    check(finite(mean) && mean > 0, 'Lognormal.fromMeanCv', 'mean', mean, 'a finite number > 0');
    check(finite(cv) && cv >= 0, 'Lognormal.fromMeanCv', 'cv', cv, 'a finite number >= 0');
    const s2 = Math.log1p(cv * cv);
    return new Lognormal(Math.log(mean) - s2 / 2, Math.sqrt(s2));
  }
  sample(rng: Rng): number {
    return Math.exp(this.mu + this.sigma * standardNormal(rng));
  }
  mean(): number {
    return Math.exp(this.mu + (this.sigma * this.sigma) / 2);
  }
  variance(): number {
    const s2 = this.sigma * this.sigma;
    return Math.expm1(s2) * Math.exp(2 * this.mu + s2);
  }
}

export class Normal implements Distribution {
  constructor(
    readonly meanValue: number,
    readonly sd: number,
  ) {
    check(finite(meanValue), 'Normal', 'mean', meanValue, 'a finite number');
    check(finite(sd) && sd >= 0, 'Normal', 'sd', sd, 'a finite number >= 0');
  }
  sample(rng: Rng): number {
    return this.meanValue + this.sd * standardNormal(rng);
  }
  mean(): number {
    return this.meanValue;
  }
  variance(): number {
    return this.sd * this.sd;
  }
}

export class Poisson implements Distribution {
  constructor(readonly lambda: number) {
    check(finite(lambda) && lambda >= 0, 'Poisson', 'lambda', lambda, 'a finite number >= 0');
  }
  sample(rng: Rng): number {
    return poisson(rng, this.lambda);
  }
  mean(): number {
    return this.lambda;
  }
  variance(): number {
    return this.lambda;
  }
}

export class Binomial implements Distribution {
  constructor(
    readonly n: number,
    readonly p: number,
  ) {
    check(Number.isSafeInteger(n) && n >= 0, 'Binomial', 'n', n, 'an integer >= 0');
    check(p >= 0 && p <= 1, 'Binomial', 'p', p, 'a probability in [0, 1]');
  }
  sample(rng: Rng): number {
    return binomial(rng, this.n, this.p);
  }
  mean(): number {
    return this.n * this.p;
  }
  variance(): number {
    return this.n * this.p * (1 - this.p);
  }
}

/**
 * A draw of an index i with probability weights[i] / sum(weights), in O(1) by Vose's alias
 * method (one 32-bit integer for the column, one uniform for the coin).
 */
export class Categorical implements Distribution {
  readonly probabilities: Float64Array;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    check(n >= 1, 'Categorical', 'weights', '[]', 'a non-empty list');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      check(finite(w) && w >= 0, 'Categorical', `weights[${i}]`, w, 'a finite number >= 0');
      total += w;
    }
    check(total > 0, 'Categorical', 'weights', `sum ${total}`, 'weights with a positive sum');
    this.probabilities = Float64Array.from(weights, (w) => w / total);
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Float64Array.from(this.probabilities, (p) => p * n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = n - 1; i >= 0; i--) (scaled[i]! < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of large) {
      this.prob[i] = 1;
      this.alias[i] = i;
    }
    for (const i of small) {
      this.prob[i] = 1; // only reached through rounding: the column is (almost) full
      this.alias[i] = i;
    }
  }
  sample(rng: Rng): number {
    const i = Math.floor(rng.uniform() * this.prob.length);
    return rng.uniform() < this.prob[i]! ? i : this.alias[i]!;
  }
  mean(): number {
    let m = 0;
    for (let i = 0; i < this.probabilities.length; i++) m += i * this.probabilities[i]!;
    return m;
  }
  variance(): number {
    const m = this.mean();
    let v = 0;
    for (let i = 0; i < this.probabilities.length; i++) v += (i - m) * (i - m) * this.probabilities[i]!;
    return v;
  }
}

function checkThreePoint(dist: string, min: number, mode: number, max: number): void {
  check(finite(min), dist, 'min', min, 'a finite number');
  check(finite(mode) && mode >= min, dist, 'mode', mode, `a finite number >= min (${min})`);
  check(finite(max) && max >= mode && max > min, dist, 'max', max, `a finite number >= mode (${mode}) and > min (${min})`);
}

/** Triangular on [min, max] with peak at mode (inversion). */
export class Triangular implements Distribution {
  private readonly cut: number;
  constructor(
    readonly min: number,
    readonly mode: number,
    readonly max: number,
  ) {
    checkThreePoint('Triangular', min, mode, max);
    this.cut = (mode - min) / (max - min);
  }
  sample(rng: Rng): number {
    const u = rng.uniform();
    const { min, mode, max } = this;
    return u < this.cut
      ? min + Math.sqrt(u * (max - min) * (mode - min))
      : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }
  mean(): number {
    return (this.min + this.mode + this.max) / 3;
  }
  variance(): number {
    const { min: a, mode: c, max: b } = this;
    return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  }
}

/** Beta-PERT on [min, max] with the given mode: min + (max - min)·Beta(1 + 4m, 1 + 4(1 - m)). */
export class Pert implements Distribution {
  private readonly alpha: number;
  private readonly beta: number;
  constructor(
    readonly min: number,
    readonly mode: number,
    readonly max: number,
  ) {
    checkThreePoint('Pert', min, mode, max);
    this.alpha = 1 + (4 * (mode - min)) / (max - min);
    this.beta = 1 + (4 * (max - mode)) / (max - min);
  }
  sample(rng: Rng): number {
    return this.min + (this.max - this.min) * beta(rng, this.alpha, this.beta);
  }
  mean(): number {
    return (this.min + 4 * this.mode + this.max) / 6;
  }
  variance(): number {
    const m = this.mean();
    return ((m - this.min) * (this.max - m)) / 7;
  }
}
