import { describe, expect, it } from 'vitest';
import { Rng, streamRng } from './rng.js';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.uniform());

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draw(new Rng(42), 100)).toEqual(draw(new Rng(42), 100));
    expect(draw(new Rng(42), 100)).not.toEqual(draw(new Rng(43), 100));
  });

  it('is xoshiro128**: reproduces the reference outputs from state (1, 2, 3, 4)', () => {
    const rng = Rng.fromState(1, 2, 3, 4);
    const out = Array.from({ length: 10 }, () => rng.uint32());
    expect(out).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('draws uniforms strictly inside (0, 1)', () => {
    const rng = new Rng(7);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 200_000; i++) {
      const u = rng.uniform();
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // The extreme 32-bit values map inside the interval too.
    expect((0 + 0.5) * 2 ** -32).toBeGreaterThan(0);
    expect((0xffffffff + 0.5) * 2 ** -32).toBeLessThan(1);
  });

  it('draws uniform 32-bit integers and integers in [0, n)', () => {
    const rng = new Rng(3);
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    let allUint32 = true;
    for (let i = 0; i < n; i++) {
      const u = rng.uint32();
      allUint32 &&= Number.isInteger(u) && u >= 0 && u < 2 ** 32;
      counts[rng.int(10)]!++;
    }
    expect(allUint32).toBe(true);
    // Chi-squared with 9 degrees of freedom: 99.9% quantile 27.9.
    const chi2 = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });

  it('rejects a non-finite seed', () => {
    expect(() => new Rng(NaN)).toThrow(RangeError);
    expect(() => streamRng(Infinity)).toThrow(RangeError);
  });

  it('clones its state', () => {
    const a = new Rng(5);
    a.uniform();
    const b = a.clone();
    expect(draw(b, 10)).toEqual(draw(a, 10));
  });
});

describe('streamRng', () => {
  it('is reproducible from seed and keys', () => {
    expect(draw(streamRng(1, 'decisions', 3), 50)).toEqual(draw(streamRng(1, 'decisions', 3), 50));
  });

  it('gives different sequences for different seeds, keys, key order, key types and key count', () => {
    const variants = [
      streamRng(1, 'decisions', 3),
      streamRng(2, 'decisions', 3),
      streamRng(1, 'appeals', 3),
      streamRng(1, 'decisions', 4),
      streamRng(1, 3, 'decisions'),
      streamRng(1, 'decisions', '3'),
      streamRng(1, 'decisions'),
      streamRng(1, 'decisions', 3, 0),
      streamRng(1, 'decision', 's3'),
      streamRng(1),
    ];
    const firsts = variants.map((r) => r.uint32());
    expect(new Set(firsts).size).toBe(variants.length);
  });

  it('treats 0 and -0 as the same key', () => {
    expect(streamRng(0, -0).uint32()).toBe(streamRng(-0, 0).uint32());
  });

  it('gives streams that look independent: uncorrelated and each uniform', () => {
    // Neighbouring keys are the hard case for a weak hash.
    const n = 50_000;
    const streams = Array.from({ length: 8 }, (_, k) => streamRng(12345, 'replication', k));
    const samples = streams.map((r) => draw(r, n));
    for (const xs of samples) {
      const mean = xs.reduce((s, x) => s + x, 0) / n;
      // Mean of U(0,1): sd 1/sqrt(12 n) ≈ 0.0013; allow 4.5 sd.
      expect(Math.abs(mean - 0.5)).toBeLessThan(4.5 / Math.sqrt(12 * n));
    }
    for (let a = 0; a < samples.length; a++) {
      for (let b = a + 1; b < samples.length; b++) {
        let c = 0;
        for (let i = 0; i < n; i++) c += (samples[a]![i]! - 0.5) * (samples[b]![i]! - 0.5);
        const corr = (c / n) * 12;
        // Sample correlation of independent streams has sd 1/sqrt(n) ≈ 0.0045; allow 4.5 sd.
        expect(Math.abs(corr)).toBeLessThan(4.5 / Math.sqrt(n));
      }
    }
  });

  it('has no serial correlation at lag 1 within a stream', () => {
    const xs = draw(streamRng(9, 'lag'), 100_000);
    let c = 0;
    for (let i = 1; i < xs.length; i++) c += (xs[i]! - 0.5) * (xs[i - 1]! - 0.5);
    expect(Math.abs((c / (xs.length - 1)) * 12)).toBeLessThan(4.5 / Math.sqrt(xs.length));
  });

  it('rejects keys that are not strings or finite numbers', () => {
    expect(() => streamRng(1, NaN)).toThrow(RangeError);
  });
});
