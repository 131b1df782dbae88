import { describe, expect, it } from 'vitest';
import { INTERVAL_ALPHA, intervalScore, scores } from './fit.js';

/** A period with the band [p5, p95] and the record y; the median in the band's middle. */
const at = (p5: number, p95: number, y: number, scored = true) => {
  const p50 = (p5 + p95) / 2;
  return { period: 'x', observed: y, p5, p50, p95, error: (p50 - y) / y, scored };
};

describe('the interval score of the P5–P95 band', () => {
  it('is the width when the record is inside, the edges included', () => {
    expect(INTERVAL_ALPHA).toBe(0.1);
    expect(intervalScore(90, 110, 100)).toBe(20);
    expect(intervalScore(90, 110, 90)).toBe(20);
    expect(intervalScore(90, 110, 110)).toBe(20);
  });

  it('adds 2/α = 20 times the distance to the band when the record is outside it', () => {
    // Below: 20 + 20 × (90 − 85) = 120; above: 20 + 20 × (112 − 110) = 60.
    expect(intervalScore(90, 110, 85)).toBe(120);
    expect(intervalScore(90, 110, 112)).toBe(60);
    // Another α: a central 50% interval pays 2/0.5 = 4 per unit outside.
    expect(intervalScore(90, 110, 85, 0.5)).toBe(40);
  });
});

describe('the scores of a series', () => {
  it('gives coverage, the mean interval score and its mean relative to the record, over the scored periods only', () => {
    const s = scores([at(90, 110, 100), at(90, 110, 85), at(90, 110, 112), at(90, 110, 1, false)]);
    expect(s.coverage).toBeCloseTo(1 / 3, 12);
    expect(s.intervalScore).toBeCloseTo((20 + 120 + 60) / 3, 12);
    expect(s.intervalScoreRelative).toBeCloseTo((20 / 100 + 120 / 85 + 60 / 112) / 3, 12);
    // The median sits at 100: errors 0, 100/85 − 1 and 100/112 − 1.
    expect(s.mape).toBeCloseTo((0 + 15 / 85 + 12 / 112) / 3, 12);
  });

  it('divides the relative score by the record\'s size, so a negative record still gives a positive score', () => {
    expect(scores([at(-110, -90, -100)]).intervalScoreRelative).toBeCloseTo(0.2, 12);
  });

  it('is NaN throughout when no period is scored', () => {
    const s = scores([at(90, 110, 100, false)]);
    expect([s.mape, s.coverage, s.intervalScore, s.intervalScoreRelative].every(Number.isNaN)).toBe(true);
  });
});
