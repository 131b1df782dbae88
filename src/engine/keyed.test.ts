import { describe, expect, it } from 'vitest';
import { keyedBase, keyedUniform, lognormalFromUniform, normalQuantile } from './keyed.js';

describe('keyed uniforms', () => {
  const base = keyedBase(2024, 0);

  it('are a pure function of (base, id, purpose), inside (0, 1)', () => {
    expect(keyedUniform(base, 17, 3)).toBe(keyedUniform(base, 17, 3));
    const values = [keyedUniform(base, 17, 3), keyedUniform(base, 18, 3), keyedUniform(base, 17, 4), keyedUniform(keyedBase(2024, 1), 17, 3), keyedUniform(keyedBase(2025, 0), 17, 3)];
    expect(new Set(values).size).toBe(values.length);
    for (const u of values) expect(u > 0 && u < 1).toBe(true);
  });

  it('are uniform over ids and uncorrelated across purposes', () => {
    const n = 100_000;
    const bins = new Array<number>(20).fill(0);
    let cross = 0;
    for (let id = 0; id < n; id++) {
      const u = keyedUniform(base, id, 0);
      const v = keyedUniform(base, id, 1);
      bins[Math.floor(u * 20)]!++;
      cross += (u - 0.5) * (v - 0.5);
    }
    // Chi-squared, 19 degrees of freedom: 99.99% quantile about 47.
    const stat = bins.reduce((a, o) => a + (o - n / 20) ** 2 / (n / 20), 0);
    expect(stat).toBeLessThan(47);
    // Correlation of independent uniforms: sd 1/sqrt(n); allow 4.5 sd.
    expect(Math.abs((cross / n) * 12)).toBeLessThan(4.5 / Math.sqrt(n));
  });
});

describe('normalQuantile', () => {
  it('matches reference quantiles of the standard normal to 1e-8', () => {
    const reference: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.01, -2.326347874040841],
      [0.9, 1.2815515655446004],
      [1e-6, -4.753424308822899],
      [0.999999, 4.753424308822899],
    ];
    for (const [p, z] of reference) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8 * Math.max(1, Math.abs(z)));
  });
});

describe('lognormalFromUniform', () => {
  it('has the mean and coefficient of variation asked for (midpoint rule over u)', () => {
    const n = 200_000;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      const x = lognormalFromUniform((i + 0.5) / n, 40, 0.6);
      sum += x;
      sum2 += x * x;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sum2 / n - mean * mean);
    expect(Math.abs(mean - 40) / 40).toBeLessThan(1e-3);
    expect(Math.abs(sd / mean - 0.6)).toBeLessThan(5e-3);
  });

  it('gives the mean itself when cv is 0', () => {
    expect(lognormalFromUniform(0.123, 7, 0)).toBe(7);
  });
});
