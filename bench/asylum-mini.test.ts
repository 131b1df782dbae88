import { describe, expect, it } from 'vitest';
import { ASYLUM_MINI, runAsylumMini } from './asylum-mini.js';
import { runAsylumMiniHandTuned } from './asylum-mini-handtuned.js';

/**
 * asylum-mini's statistics against what the model implies, not against a pinned seed. Expected
 * values: arrivals 250·3650 = 912,500 (Poisson, sd ≈ 955); at the horizon about 2,250 cases are in
 * decisions (250·9), 190 in appeals, 50 in service at returns, and the returns queue has grown at
 * 26.25 - 16.67 ≈ 9.6 a day (less its start-up) to about 34,500; so about 875,500 have left.
 * Tolerances are about four standard deviations of each figure over replications (seeds 1-8 gave
 * sd ≈ 800 for cases left, 0.8 days for the mean time in system, 430 for the returns queue).
 */
describe('asylum-mini', () => {
  const runs = [runAsylumMini(1), runAsylumMini(2)];

  it('counts arrivals and events as the model implies', () => {
    for (const r of runs) {
      expect(Math.abs(r.arrivals - 912_500)).toBeLessThan(4 * Math.sqrt(912_500));
      // Arrivals, plus a completion at decisions for nearly every arrival, 20%·75% of them at
      // appeals, and returns at its capacity 50/3 a day.
      const completions = r.events - r.arrivals;
      const expected = 912_500 - 2_250 + 912_500 * 0.15 + (ASYLUM_MINI.horizon * 50) / 3;
      expect(Math.abs(completions - expected) / expected).toBeLessThan(0.01);
    }
  });

  it('sends about 875,500 cases out, after about 55 days in the system on average', () => {
    for (const r of runs) {
      expect(Math.abs(r.left - 875_500)).toBeLessThan(4_000);
      expect(Math.abs(r.meanTimeInSystem - 55)).toBeLessThan(3);
    }
  });

  it('leaves about 34,500 cases waiting for returns at the horizon', () => {
    for (const r of runs) expect(Math.abs(r.returnsQueue - 34_500)).toBeLessThan(2_000);
  });

  it('agrees event for event with the hand-written single-loop version', () => {
    const hand = runAsylumMiniHandTuned(1);
    expect({ ...hand, seconds: 0 }).toEqual({ ...runs[0]!, seconds: 0 });
  });

  it('is reproducible from its seed', () => {
    const again = runAsylumMini(1);
    expect({ ...again, seconds: 0 }).toEqual({ ...runs[0]!, seconds: 0 });
  });
});
