import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designPoint, designSize, saltelliDesign, sobolIndices, type SaltelliDesign } from './sobol.js';

/** Ishigami function (a = 7, b = 0.1) on [−π, π]³, from the unit cube. */
function ishigami(u: Float64Array): number {
  const [x1, x2, x3] = [...u].map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number];
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
}

/** Known indices of Ishigami(7, 0.1) (Sobol' & Levitan 1999; Saltelli et al. 2010). */
const V = 0.5 + 7 ** 2 / 8 + (0.1 * Math.PI ** 4) / 5 + (0.1 ** 2 * Math.PI ** 8) / 18;
const V1 = 0.5 * (1 + (0.1 * Math.PI ** 4) / 5) ** 2;
const V2 = 7 ** 2 / 8;
const V13 = (0.1 ** 2 * Math.PI ** 8) * (1 / 18 - 1 / 50);
const FIRST = [V1 / V, V2 / V, 0];
const TOTAL = [(V1 + V13) / V, V2 / V, V13 / V];

function outputs(design: SaltelliDesign, f: (u: Float64Array) => number): Float64Array {
  return Float64Array.from({ length: designSize(design.k, design.n) }, (_, r) => f(designPoint(design, r)));
}

describe('Saltelli design', () => {
  it('has N·(k+2) rows; AB_i equals A except column i, which is B’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 20 }), fc.nat(), (k, n, seed) => {
        const d = saltelliDesign(k, n, seed);
        expect(d.points.length).toBe(designSize(k, n) * k);
        for (let i = 0; i < k; i++) {
          for (let r = 0; r < n; r++) {
            const a = designPoint(d, r);
            const b = designPoint(d, n + r);
            const ab = designPoint(d, (2 + i) * n + r);
            for (let j = 0; j < k; j++) expect(ab[j]).toBe(j === i ? b[j] : a[j]);
          }
        }
        for (const v of d.points) expect(v >= 0 && v < 1).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('Sobol indices', () => {
  it('recovers the Ishigami first-order and total indices within 0.05', () => {
    expect(FIRST[0]).toBeCloseTo(0.3139, 3);
    expect(TOTAL[2]).toBeCloseTo(0.2437, 3);
    for (const seed of [1, 2, 3]) {
      const d = saltelliDesign(3, 20_000, seed);
      const s = sobolIndices(d, outputs(d, ishigami));
      s.first.forEach((v, i) => expect(Math.abs(v - (FIRST[i] as number))).toBeLessThan(0.05));
      s.total.forEach((v, i) => expect(Math.abs(v - (TOTAL[i] as number))).toBeLessThan(0.05));
      expect(s.variance).toBeGreaterThan(V * 0.9);
      expect(s.variance).toBeLessThan(V * 1.1);
    }
  });

  it('gives an additive model first-order indices equal to its total indices, proportional to the weights²', () => {
    const w = [1, 2, 3];
    const d = saltelliDesign(3, 20_000, 9);
    const s = sobolIndices(d, outputs(d, (u) => w.reduce((a, wi, i) => a + wi * (u[i] as number), 0)));
    const sum = w.reduce((a, x) => a + x * x, 0);
    w.forEach((wi, i) => {
      expect(s.first[i]).toBeCloseTo((wi * wi) / sum, 1);
      expect(s.total[i]).toBeCloseTo((wi * wi) / sum, 1);
    });
  });

  it('is 0 for an input the model ignores and for a constant model', () => {
    const d = saltelliDesign(2, 200, 4);
    const s = sobolIndices(d, outputs(d, (u) => (u[0] as number) ** 2));
    expect(s.first[1]).toBe(0);
    expect(s.total[1]).toBe(0);
    const c = sobolIndices(d, outputs(d, () => 5));
    expect([...c.first, ...c.total]).toEqual([0, 0, 0, 0]);
  });
});
