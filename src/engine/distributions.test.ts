import { describe, expect, it } from 'vitest';
import {
  Binomial,
  Categorical,
  Deterministic,
  type Distribution,
  Exponential,
  Gamma,
  Lognormal,
  Normal,
  Pert,
  Poisson,
  Triangular,
  Uniform,
} from './distributions.js';
import { streamRng } from './rng.js';
import { logFactorial } from './sampling.js';

const N = 100_000;
/** Standard errors allowed: with ~60 checks this keeps false alarms below 1 in 10,000 runs. */
const Z = 5;

/** Sample mean and variance with their standard errors estimated from the sample itself. */
function moments(d: Distribution, seedKey: string): { mean: number; variance: number; seMean: number; seVar: number } {
  const rng = streamRng(2024, 'distributions', seedKey);
  const xs = new Float64Array(N);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += xs[i] = d.sample(rng);
  const mean = sum / N;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < N; i++) {
    const c = xs[i]! - mean;
    m2 += c * c;
    m4 += c * c * c * c;
  }
  const variance = m2 / (N - 1);
  m4 /= N;
  return {
    mean,
    variance,
    seMean: Math.sqrt(d.variance() / N),
    seVar: Math.sqrt(Math.max(m4 - variance * variance, 0) / N),
  };
}

const cases: [string, Distribution][] = [
  ['Uniform(2, 5)', new Uniform(2, 5)],
  ['Exponential(4)', new Exponential(4)],
  ['Gamma(0.5, 2)', new Gamma(0.5, 2)],
  ['Gamma(3, 1.5)', new Gamma(3, 1.5)],
  ['Gamma(50, 0.1)', new Gamma(50, 0.1)],
  ['Lognormal(0.5, 0.4)', new Lognormal(0.5, 0.4)],
  ['Lognormal.fromMeanCv(10, 0.5)', Lognormal.fromMeanCv(10, 0.5)],
  ['Normal(1, 2)', new Normal(1, 2)],
  ['Poisson(0.5)', new Poisson(0.5)],
  ['Poisson(4)', new Poisson(4)],
  ['Poisson(9.99)', new Poisson(9.99)],
  ['Poisson(10)', new Poisson(10)],
  ['Poisson(37.5)', new Poisson(37.5)],
  ['Poisson(10_000)', new Poisson(10_000)],
  ['Poisson(1e8)', new Poisson(1e8)],
  ['Binomial(10, 0.3)', new Binomial(10, 0.3)],
  ['Binomial(50, 0.9)', new Binomial(50, 0.9)],
  ['Binomial(1000, 0.005)', new Binomial(1000, 0.005)],
  ['Binomial(200, 0.4)', new Binomial(200, 0.4)],
  ['Binomial(1e6, 0.3)', new Binomial(1e6, 0.3)],
  ['Binomial(1e9, 0.75)', new Binomial(1e9, 0.75)],
  ['Triangular(1, 2, 6)', new Triangular(1, 2, 6)],
  ['Triangular(0, 0, 1)', new Triangular(0, 0, 1)],
  ['Pert(1, 2, 6)', new Pert(1, 2, 6)],
  ['Categorical([1, 0, 3, 6])', new Categorical([1, 0, 3, 6])],
];

describe('distributions: samples agree with mean() and variance()', () => {
  for (const [name, d] of cases) {
    it(name, () => {
      const m = moments(d, name);
      expect(Math.abs(m.mean - d.mean())).toBeLessThan(Z * m.seMean);
      expect(Math.abs(m.variance - d.variance())).toBeLessThan(Z * m.seVar);
    });
  }

  it('Deterministic(3) always gives 3', () => {
    const d = new Deterministic(3);
    expect(d.sample(streamRng(1))).toBe(3);
    expect([d.mean(), d.variance()]).toEqual([3, 0]);
  });

  it('Lognormal.fromMeanCv has the mean and coefficient of variation asked for', () => {
    const d = Lognormal.fromMeanCv(10, 0.5);
    expect(d.mean()).toBeCloseTo(10, 10);
    expect(Math.sqrt(d.variance()) / d.mean()).toBeCloseTo(0.5, 10);
  });

  it('Pert has the beta-PERT mean (min + 4 mode + max) / 6', () => {
    expect(new Pert(1, 2, 6).mean()).toBeCloseTo(15 / 6, 12);
  });
});

/** 99.99% quantile of chi-squared with k degrees of freedom (Wilson–Hilferty). */
function chi2Critical(k: number): number {
  const z = 3.719;
  return k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
}

/** Chi-squared statistic of counts of integer draws against a probability function. */
function chi2(d: Distribution, pmf: (k: number) => number, key: string): { stat: number; df: number } {
  const rng = streamRng(99, 'pmf', key);
  const counts = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const k = d.sample(rng);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  // Bins: every k with expected count >= 5; everything else pooled into one bin.
  let stat = 0;
  let bins = 0;
  let restObs = N;
  let restExp = N;
  const lo = Math.max(0, Math.floor(d.mean() - 10 * Math.sqrt(d.variance()) - 10));
  const hi = Math.ceil(d.mean() + 10 * Math.sqrt(d.variance()) + 10);
  for (let k = lo; k <= hi; k++) {
    const e = N * pmf(k);
    if (e < 5) continue;
    const o = counts.get(k) ?? 0;
    stat += (o - e) ** 2 / e;
    bins++;
    restObs -= o;
    restExp -= e;
  }
  if (restExp >= 5) {
    stat += (restObs - restExp) ** 2 / restExp;
    bins++;
  }
  return { stat, df: bins - 1 };
}

const poissonPmf = (l: number) => (k: number) => Math.exp(-l + k * Math.log(l) - logFactorial(k));
const binomialPmf = (n: number, p: number) => (k: number) =>
  k < 0 || k > n
    ? 0
    : Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));

describe('discrete distributions: frequencies agree with the probability function', () => {
  const discrete: [string, Distribution, (k: number) => number][] = [
    ['Poisson(3) by inversion', new Poisson(3), poissonPmf(3)],
    ['Poisson(30) by PTRS', new Poisson(30), poissonPmf(30)],
    ['Poisson(2500) by PTRS', new Poisson(2500), poissonPmf(2500)],
    ['Binomial(20, 0.2) by inversion', new Binomial(20, 0.2), binomialPmf(20, 0.2)],
    ['Binomial(100, 0.4) by BTRS', new Binomial(100, 0.4), binomialPmf(100, 0.4)],
    ['Binomial(100, 0.85) by symmetry and BTRS', new Binomial(100, 0.85), binomialPmf(100, 0.85)],
    ['Binomial(100000, 0.02) by BTRS', new Binomial(100000, 0.02), binomialPmf(100000, 0.02)],
  ];
  for (const [name, d, pmf] of discrete) {
    it(name, () => {
      const { stat, df } = chi2(d, pmf, name);
      expect(df).toBeGreaterThan(3);
      expect(stat).toBeLessThan(chi2Critical(df));
    });
  }

  it('Exponential (ziggurat) follows the CDF 1 - exp(-x) across the body and the tail', () => {
    const rng = streamRng(8, 'ziggurat');
    const n = 400_000;
    const bins = new Array<number>(50).fill(0);
    let tail = 0;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      const x = new Exponential(1).sample(rng);
      bins[Math.min(49, Math.floor(-Math.expm1(-x) * 50))]!++;
      if (x > 7.7) tail++; // beyond the ziggurat's base layer
      min = Math.min(min, x);
    }
    const stat = bins.reduce((acc, o) => acc + (o - n / 50) ** 2 / (n / 50), 0);
    expect(stat).toBeLessThan(chi2Critical(49));
    const pTail = Math.exp(-7.7);
    expect(Math.abs(tail - n * pTail)).toBeLessThan(Z * Math.sqrt(n * pTail));
    expect(min).toBeGreaterThan(0);
  });

  it('Categorical draws each index in proportion to its weight, never a zero-weight one', () => {
    const weights = [5, 0, 1, 2.5, 0.5, 1];
    const d = new Categorical(weights);
    const total = weights.reduce((a, b) => a + b, 0);
    const rng = streamRng(5, 'categorical');
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < N; i++) counts[d.sample(rng)]!++;
    expect(counts[1]).toBe(0);
    let stat = 0;
    weights.forEach((w, i) => {
      if (w > 0) stat += (counts[i]! - (N * w) / total) ** 2 / ((N * w) / total);
    });
    expect(stat).toBeLessThan(chi2Critical(4));
  });

  it('Poisson(0) and Binomial with p 0 or 1 are degenerate', () => {
    const rng = streamRng(1);
    expect(new Poisson(0).sample(rng)).toBe(0);
    expect(new Binomial(7, 0).sample(rng)).toBe(0);
    expect(new Binomial(7, 1).sample(rng)).toBe(7);
    expect(new Binomial(0, 0.5).sample(rng)).toBe(0);
  });
});

describe('distributions: parameters are checked at construction', () => {
  const bad: [string, () => unknown, RegExp][] = [
    ['Deterministic(NaN)', () => new Deterministic(NaN), /Deterministic: value/],
    ['Uniform(3, 1)', () => new Uniform(3, 1), /Uniform: max must be .*>= min/],
    ['Exponential(0)', () => new Exponential(0), /Exponential: mean must be a finite number > 0, got 0/],
    ['Exponential(-1)', () => new Exponential(-1), /Exponential: mean/],
    ['Gamma(0, 1)', () => new Gamma(0, 1), /Gamma: shape/],
    ['Gamma(1, -2)', () => new Gamma(1, -2), /Gamma: scale/],
    ['Lognormal(0, -1)', () => new Lognormal(0, -1), /Lognormal: sigma/],
    ['Lognormal.fromMeanCv(0, 1)', () => Lognormal.fromMeanCv(0, 1), /fromMeanCv: mean/],
    ['Lognormal.fromMeanCv(1, -1)', () => Lognormal.fromMeanCv(1, -1), /fromMeanCv: cv/],
    ['Normal(0, Infinity)', () => new Normal(0, Infinity), /Normal: sd/],
    ['Poisson(-1)', () => new Poisson(-1), /Poisson: lambda/],
    ['Poisson(Infinity)', () => new Poisson(Infinity), /Poisson: lambda/],
    ['Binomial(2.5, 0.1)', () => new Binomial(2.5, 0.1), /Binomial: n must be an integer/],
    ['Binomial(10, 1.1)', () => new Binomial(10, 1.1), /Binomial: p must be a probability/],
    ['Categorical([])', () => new Categorical([]), /Categorical: weights must be a non-empty list/],
    ['Categorical([1, -1])', () => new Categorical([1, -1]), /Categorical: weights\[1\]/],
    ['Categorical([0, 0])', () => new Categorical([0, 0]), /positive sum/],
    ['Triangular(1, 0, 2)', () => new Triangular(1, 0, 2), /Triangular: mode/],
    ['Triangular(1, 3, 2)', () => new Triangular(1, 3, 2), /Triangular: max/],
    ['Pert(2, 2, 2)', () => new Pert(2, 2, 2), /Pert: max/],
  ];
  for (const [name, make, message] of bad) {
    it(`${name} throws a RangeError naming the parameter`, () => {
      expect(make).toThrow(RangeError);
      expect(make).toThrow(message);
    });
  }
});
