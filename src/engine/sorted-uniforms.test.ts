import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { sortedUniforms } from './sorted-uniforms.js';

describe('sortedUniforms', () => {
  it('returns exactly the uniforms n draws give, sorted, and leaves the stream where n draws would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 5000 }), (seed, n) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        const want = Float64Array.from({ length: n }, () => a.uniform()).sort();
        expect(sortedUniforms(b, n)).toEqual(want);
        expect(b.uniform()).toBe(a.uniform());
      }),
      { numRuns: 50 },
    );
  });

  it('sorts a large draw (all three radix passes carry information)', () => {
    const got = sortedUniforms(new Rng(7), 200_000);
    const want = Float64Array.from({ length: 200_000 }, ((r) => () => r.uniform())(new Rng(7))).sort();
    expect(got).toEqual(want);
  });

  it('rejects a count that is not a non-negative integer', () => {
    expect(() => sortedUniforms(new Rng(1), -1)).toThrow(/n must be an integer >= 0, got -1/);
    expect(() => sortedUniforms(new Rng(1), 2.5)).toThrow(/got 2.5/);
  });
});
