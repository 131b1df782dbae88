/**
 * Allocation keys: the UK's share of EU+ applications by population, by the EU's 50/50 population
 * and GDP key, or a custom share — checked by hand-worked arithmetic and on the shipped data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadOfficialData } from '../calibration/data-files.js';
import { keyShare, quotaFromKey } from './eu-key.js';

const figures = loadOfficialData();

describe('allocation keys', () => {
  it('population share is UK / (partners + UK); the 50/50 key averages it with the GDP share', () => {
    const k = { ukPopulation: 60, partnerPopulation: 440, ukGdp: 3, partnerGdp: 17 };
    expect(keyShare('population-share', k)).toBeCloseTo(0.12, 12);
    expect(keyShare('population-gdp-50-50', k)).toBeCloseTo(0.5 * 0.12 + 0.5 * 0.15, 12);
    expect(keyShare('custom', { ...k, customShare: 0.2 })).toBe(0.2);
    expect(() => keyShare('custom', k)).toThrow(/customShare/);
  });

  it('every key gives a share in (0, 1) that grows with the UK population', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e9, noNaN: true }), fc.double({ min: 1, max: 1e9, noNaN: true }), fc.double({ min: 1.01, max: 3, noNaN: true }), (uk, partner, f) => {
        const k = { ukPopulation: uk, partnerPopulation: partner, ukGdp: 1, partnerGdp: 5 };
        for (const key of ['population-share', 'population-gdp-50-50'] as const) {
          const s = keyShare(key, k);
          expect(s).toBeGreaterThan(0);
          expect(s).toBeLessThan(1);
          expect(keyShare(key, { ...k, ukPopulation: uk * f })).toBeGreaterThan(s);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('on the 2022 data: about 12.8% of 966,000 by EU+ population, 13.1% by EU27 population', () => {
    const plus = quotaFromKey('population-share', figures, 2022);
    expect(plus.applications).toBe(966_000);
    expect(plus.share).toBeGreaterThan(0.125);
    expect(plus.share).toBeLessThan(0.131);
    expect(plus.quota).toBeCloseTo(plus.share * 966_000, 6);
    const eu27 = quotaFromKey('population-share', figures, 2022, { partners: 'eu27' });
    expect(eu27.share).toBeGreaterThan(plus.share);
    expect(eu27.share).toBeCloseTo(67_596_281 / (67_596_281 + 446_700_000), 12);
    // The UK's GDP share is above its population share, so the 50/50 key gives more.
    expect(quotaFromKey('population-gdp-50-50', figures, 2022).quota).toBeGreaterThan(plus.quota);
    expect(quotaFromKey('custom', figures, 2023, { customShare: 0.1 }).quota).toBeCloseTo(114_300, 6);
  });

  it('partners can be any list of states, and populations can come from another year', () => {
    const some = quotaFromKey('population-share', figures, 2022, { partners: ['eu27', 'switzerland'] });
    expect(some.inputs.partnerPopulation).toBe(446_700_000 + 8_738_791);
    const older = quotaFromKey('population-share', figures, 2022, { partners: 'eu27', populationYear: 2021 });
    expect(older.share).toBeCloseTo(67_026_292 / (67_026_292 + 447_000_000), 12);
    expect(older.applications).toBe(966_000);
  });

  it('a year without GDP figures has no 50/50 key, and says so', () => {
    expect(() => quotaFromKey('population-gdp-50-50', figures, 2023)).toThrow(/GDP figures are missing/);
  });
});
