/**
 * Caseworker workforce (planWorkforce): productive decision-makers each month from a headcount
 * path, training time and attrition with replacement.
 *
 *   - a flat headcount with no attrition is all productive: productive = headcount × decisionShare;
 *   - attrition is replaced by hires who train first: in steady state T months of hires train;
 *   - a step up in headcount becomes productive exactly trainingMonths after it; a step down
 *     takes effect at once;
 *   - the run uses the horizon: decisionMakersProductive is this series.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHorizon } from './horizon.js';
import { simulate } from './simulate.js';
import { planWorkforce, type WorkforceInputs } from './workforce.js';
import { smallScenario } from '../test-support/small.js';

const START = '2023-07-01';
const horizon = makeHorizon(START, 24);

const flat = (headcount: number, over: Partial<WorkforceInputs> = {}): WorkforceInputs => ({
  headcount: [{ date: START, value: headcount }],
  trainingMonths: 3,
  attritionPerYear: 0,
  decisionShare: 0.55,
  ...over,
});

/**
 * A headcount of `before` up to the month before `month`, `after` from that month on (the path is
 * read at mid-month and interpolated linearly, so two points a day apart make a step).
 */
function step(before: number, after: number, month: number) {
  const first = horizon.labels[month] + '-01';
  const second = horizon.labels[month] + '-02';
  return [
    { date: START, value: before },
    { date: first, value: before },
    { date: second, value: after },
  ];
}

describe('planWorkforce', () => {
  it('flat headcount, no attrition: productive = headcount × decisionShare every month, nobody in training', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 24 }),
        (headcount, decisionShare, trainingMonths) => {
          const w = planWorkforce(flat(headcount, { decisionShare, trainingMonths }), horizon);
          for (let m = 0; m < horizon.months; m++) {
            expect(w.headcount[m]).toBe(headcount);
            expect(w.inTraining[m]).toBe(0);
            expect(w.productive[m]).toBe(headcount * decisionShare);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('flat headcount with attrition: leavers are replaced and T months of replacements are in training', () => {
    const attritionPerYear = 0.25;
    const monthly = 1 - Math.pow(1 - attritionPerYear, 1 / 12);
    for (const T of [0, 1, 3, 6]) {
      const w = planWorkforce(flat(1_000, { attritionPerYear, trainingMonths: T }), horizon);
      for (let m = 0; m < horizon.months; m++) {
        expect(w.inTraining[m]).toBeCloseTo(T * 1_000 * monthly, 9);
        expect(w.productive[m]).toBeCloseTo((1_000 - T * 1_000 * monthly) * 0.55, 9);
      }
    }
  });

  for (const T of [0, 1, 3, 6]) {
    it(`a step up in headcount becomes productive only after ${T} training month${T === 1 ? '' : 's'}`, () => {
      const k = 4;
      const w = planWorkforce({ ...flat(0, { trainingMonths: T }), headcount: step(1_000, 1_600, k) }, horizon);
      for (let m = 0; m < horizon.months; m++) {
        expect(w.headcount[m], `headcount, month ${m}`).toBe(m < k ? 1_000 : 1_600);
        expect(w.inTraining[m], `in training, month ${m}`).toBe(m >= k && m < k + T ? 600 : 0);
        expect(w.productive[m], `productive, month ${m}`).toBeCloseTo((m < k + T ? 1_000 : 1_600) * 0.55, 9);
      }
    });
  }

  it('a step down takes effect at once (nobody to train)', () => {
    const w = planWorkforce({ ...flat(0), headcount: step(1_600, 1_000, 5) }, horizon);
    for (let m = 0; m < horizon.months; m++) expect(w.productive[m]).toBeCloseTo((m < 5 ? 1_600 : 1_000) * 0.55, 9);
  });

  it('hires before the start are still in training in its first months (the pipeline starts T months early)', () => {
    // Headcount rose from 1,000 to 1,600 one month before the start.
    const headcount = [
      { date: '2023-05-01', value: 1_000 },
      { date: '2023-06-01', value: 1_000 },
      { date: '2023-06-02', value: 1_600 },
    ];
    const w = planWorkforce({ ...flat(0, { trainingMonths: 3 }), headcount }, horizon);
    expect(Array.from(w.inTraining.subarray(0, 4))).toEqual([600, 600, 0, 0]);
  });

  it('more headcount at every point never gives fewer productive caseworkers (what common random numbers rely on)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 6 }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        (values, extra, trainingMonths, attritionPerYear) => {
          const path = (x: number) => values.map((v, i) => ({ date: horizon.labels[i * 3] + '-01', value: v + x }));
          const inputs = (x: number) => ({ ...flat(0, { trainingMonths, attritionPerYear }), headcount: path(x) });
          const a = planWorkforce(inputs(0), horizon);
          const b = planWorkforce(inputs(extra), horizon);
          for (let m = 0; m < horizon.months; m++) {
            expect(b.productive[m]).toBeGreaterThanOrEqual(a.productive[m] - 1e-9);
            expect(a.productive[m]).toBeGreaterThanOrEqual(0);
            expect(a.productive[m]).toBeLessThanOrEqual(a.headcount[m] * 0.55 + 1e-9);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the run reports the planned productive caseworkers as decisionMakersProductive', () => {
    const scenario = smallScenario({ months: 12 }, { decisions: { headcount: step(40, 90, 3), trainingMonths: 2, attritionPerYear: 0 } });
    const r = simulate(scenario, { seed: 1, replication: 0 });
    const expected = planWorkforce(scenario.decisions, makeHorizon(scenario.start, 12)).productive;
    expect(Array.from(r.series.decisionMakersProductive)).toEqual(Array.from(expected));
    expect(r.series.decisionMakersProductive[4]).toBeCloseTo(40 * scenario.decisions.decisionShare, 9);
    expect(r.series.decisionMakersProductive[5]).toBeCloseTo(90 * scenario.decisions.decisionShare, 9);
  });
});
