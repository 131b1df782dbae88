import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import { countInfinite, describe, mean, quantile, quantileSorted, sortedCopy } from './quantiles.js';

group('quantile (type 7)', () => {
  it('matches R/NumPy defaults on a known sample', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(x, 0.05)).toBeCloseTo(1.45, 12);
    expect(quantile(x, 0.5)).toBe(5.5);
    expect(quantile(x, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantile([3, 1, 2], 0.25)).toBe(1.5);
  });

  it('gives the extremes at 0 and 1 and the value itself for one sample', () => {
    expect(quantile([4, -2, 9], 0)).toBe(-2);
    expect(quantile([4, -2, 9], 1)).toBe(9);
    expect(quantile([7], 0.95)).toBe(7);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });

  it('sorts Infinity last and returns Infinity when a quantile lands on or towards it', () => {
    const x = [Infinity, 2, 1, Infinity];
    expect(Array.from(sortedCopy(x))).toEqual([1, 2, Infinity, Infinity]);
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1 / 3)).toBe(2);
    expect(quantile(x, 0.5)).toBe(Infinity); // between 2 and Infinity
    expect(quantile(x, 0.95)).toBe(Infinity);
    expect(countInfinite(x)).toBe(2);
    expect(mean(x)).toBe(Infinity);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], Number.NaN)).toThrow(RangeError);
  });

  it('is monotone in p and lies within the sample range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const [a, b] = p <= q ? [p, q] : [q, p];
          const s = sortedCopy(values);
          expect(quantileSorted(s, a)).toBeLessThanOrEqual(quantileSorted(s, b));
          expect(quantileSorted(s, a)).toBeGreaterThanOrEqual(s[0] as number);
          expect(quantileSorted(s, b)).toBeLessThanOrEqual(s[s.length - 1] as number);
        },
      ),
    );
  });

  it('describe gives mean and the three percentiles', () => {
    expect(describe([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({
      mean: 5.5,
      p5: quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.05),
      p50: 5.5,
      p95: quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95),
    });
  });
});
