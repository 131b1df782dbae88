/**
 * The levers move the model the way their names say, on small scenarios with common random
 * numbers (same seed, one lever changed):
 *
 *   - more decisions per caseworker → never more cases awaiting a decision (FIFO, every month);
 *   - more tribunal capacity → never more cases awaiting an appeal (every month);
 *   - more dispersal places → never more people in hotels, and a lower accommodation bill;
 *   - costs are booked after the run: doubling the hotel cost per night doubles exactly the hotel
 *     part of the accommodation cost and changes nothing else that was simulated;
 *   - fewer small-boat crossings → fewer small-boat claims, in proportion.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { SERIES, type RunResult } from './result.js';
import type { Scenario } from './schema.js';
import { seedArb, smallKnobs, smallScenario, type SmallKnobs } from '../test-support/small.js';

const run = (s: Scenario, seed: number) => simulate(s, { seed, replication: 0 });
const total = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);

function neverMore(lower: RunResult, higher: RunResult, series: keyof RunResult['series']): void {
  for (let m = 0; m < lower.months.length; m++) {
    expect(lower.series[series][m], `${series} in ${lower.months[m]}`).toBeLessThanOrEqual(higher.series[series][m]);
  }
}

describe('levers, with common random numbers', () => {
  it('more decisions per caseworker never leaves more cases awaiting a decision (FIFO, every month)', () => {
    fc.assert(
      fc.property(smallKnobs, seedArb, fc.double({ min: 2, max: 10, noNaN: true }), fc.double({ min: 1.05, max: 3, noNaN: true }), (knobs, seed, productivity, factor) => {
        const k: SmallKnobs = { ...knobs, discipline: 'fifo' };
        const slow = run(smallScenario(k, { decisions: { productivity } }), seed);
        const fast = run(smallScenario(k, { decisions: { productivity: productivity * factor } }), seed);
        neverMore(fast, slow, 'awaitingDecisionCases');
      }),
      { numRuns: 10 },
    );
  });

  it('and with the default discipline, a clearly smaller backlog at the end', () => {
    const k = { months: 18, headcount: 80, discipline: 'legacy-first' } as const;
    const slow = run(smallScenario(k, { decisions: { productivity: 4 } }), 3);
    const fast = run(smallScenario(k, { decisions: { productivity: 8 } }), 3);
    expect(fast.kpis.backlogCasesEnd).toBeLessThan(0.9 * slow.kpis.backlogCasesEnd);
  });

  it('more tribunal capacity never leaves more cases awaiting an appeal (every month)', () => {
    // With a determination taking one month, a capacity of c a month is exactly c servers with an
    // unchanged service time. (Otherwise whole servers are kept exact by stretching service time,
    // see ratedServers, and a case in service can then take a little longer at higher capacity.)
    const oneMonth = { appeals: { hearingDays: 30.4375 } };
    fc.assert(
      fc.property(smallKnobs, seedArb, fc.integer({ min: 1, max: 150 }), (knobs, seed, extra) => {
        const low = run(smallScenario(knobs, oneMonth), seed);
        const high = run(smallScenario({ ...knobs, determinationsPerMonth: knobs.determinationsPerMonth + extra }, oneMonth), seed);
        neverMore(high, low, 'awaitingAppealCases');
        // The decision stage upstream is untouched by the tribunal.
        expect(Array.from(high.series.decisionsRefuse)).toEqual(Array.from(low.series.decisionsRefuse));
      }),
      { numRuns: 10 },
    );
  });

  it('more dispersal places never leave more people in hotels, and never cost more', () => {
    const b = smallScenario().costs;
    // The lever saves money because dispersal is the cheapest place to stay.
    expect(b.dispersalPerNight + b.cashSelfCateredPerWeek / 7).toBeLessThan(b.largeSitePerNight + b.cashCateredPerWeek / 7);
    expect(b.largeSitePerNight).toBeLessThan(b.hotelPerNight[0].value);
    fc.assert(
      fc.property(smallKnobs, seedArb, fc.integer({ min: 1, max: 2_000 }), (knobs, seed, extra) => {
        const few = run(smallScenario(knobs), seed);
        const many = run(smallScenario({ ...knobs, dispersalPlaces: knobs.dispersalPlaces + extra }), seed);
        neverMore(many, few, 'inHotelsPeople');
        // Who is supported does not depend on where they sleep.
        expect(Array.from(many.series.inSupportPeople)).toEqual(Array.from(few.series.inSupportPeople));
        for (let m = 0; m < few.months.length; m++) {
          expect(many.series.accommodationNightsHotel[m]).toBeLessThanOrEqual(few.series.accommodationNightsHotel[m] + 1e-6);
          expect(many.series.costAccommodationGbp[m]).toBeLessThanOrEqual(few.series.costAccommodationGbp[m] * (1 + 1e-12));
        }
        expect(many.kpis.totalAccommodationCostGbp).toBeLessThanOrEqual(few.kpis.totalAccommodationCostGbp);
      }),
      { numRuns: 10 },
    );
  });

  it('fewer small-boat crossings: halving them halves small-boat claims (within five standard deviations)', () => {
    const k = { months: 24, claimsPeoplePerYear: 8_000 };
    const base = run(smallScenario(k), 8);
    const half = run(smallScenario(k, { arrivals: { smallBoatScale: 0.5 } }), 8);
    const a = total(base.series.arrivalsSmallBoatPeople);
    const b = total(half.series.arrivalsSmallBoatPeople);
    // Compound Poisson: Var(people) = cases × E[people²] ≈ 2 × people for about 1.3 people per case.
    const sd = Math.sqrt(2 * (b + a / 4));
    expect(Math.abs(b - a / 2)).toBeLessThan(5 * sd);
    expect(b).toBeLessThan(a);
  });
});

describe('costs are booked after the run', () => {
  const knobs = { months: 15 };
  const scenario = smallScenario(knobs);
  const h = scenario.costs.hotelPerNight[0].value;
  const perNight = (value: number) => [{ date: scenario.start, value }];
  const base = run(scenario, 21);
  const double = run(smallScenario(knobs, { costs: { hotelPerNight: perNight(2 * h) } }), 21);
  const free = run(smallScenario(knobs, { costs: { hotelPerNight: perNight(0) } }), 21);

  it('doubling the hotel cost per night doubles the hotel part of the accommodation cost, exactly', () => {
    for (let m = 0; m < base.months.length; m++) {
      const hotelPart = base.series.costAccommodationGbp[m] - free.series.costAccommodationGbp[m];
      expect(hotelPart).toBeCloseTo(base.series.accommodationNightsHotel[m] * h, 4);
      expect(double.series.costAccommodationGbp[m] - free.series.costAccommodationGbp[m]).toBeCloseTo(2 * hotelPart, 4);
    }
    expect(total(base.series.accommodationNightsHotel)).toBeGreaterThan(0);
  });

  it('a dated change of the hotel price applies from its month', () => {
    const dearer = run(smallScenario(knobs, { costs: { hotelPerNight: [{ date: scenario.start, value: h }, { date: '2024-01-01', value: 2 * h }] } }), 21);
    const hotelPart = (r: typeof base, m: number) => r.series.costAccommodationGbp[m] - free.series.costAccommodationGbp[m];
    expect(hotelPart(dearer, 5)).toBeCloseTo(hotelPart(base, 5), 4);
    expect(hotelPart(dearer, 6)).toBeCloseTo(2 * hotelPart(base, 6), 4);
  });

  it('the accommodation cost is nights × cost per night, by type', () => {
    const c = scenario.costs;
    const s = base.series;
    for (let m = 0; m < base.months.length; m++) {
      const expected = s.accommodationNightsHotel[m] * c.hotelPerNight[0].value + s.accommodationNightsLargeSite[m] * c.largeSitePerNight + s.accommodationNightsDispersal[m] * c.dispersalPerNight;
      expect(s.costAccommodationGbp[m]).toBeCloseTo(expected, 4);
      expect(s.costGbp[m]).toBeGreaterThanOrEqual(s.costAccommodationGbp[m] + s.costSupportGbp[m] + s.costStaffGbp[m] + s.costReturnsGbp[m] - 1e-6);
    }
  });

  it('a cost assumption changes no simulated series', () => {
    for (const name of SERIES) {
      if (name.startsWith('cost')) continue;
      expect(Array.from(double.series[name]), name).toEqual(Array.from(base.series[name]));
    }
  });

  it('person-nights of a month are the people in each type times its days when nobody moves', () => {
    // No claims, no caseworkers, no tribunal: nobody enters or leaves support.
    const still = smallScenario({ months: 6, claimsPeoplePerYear: 0, headcount: 0, determinationsPerMonth: 0 });
    const r = run(still, 2);
    const s = r.series;
    const daysIn = [31, 31, 30, 31, 30, 31]; // July to December 2023
    for (let m = 0; m < 6; m++) {
      expect(s.inSupportPeople[m]).toBe(s.inSupportPeople[0]);
      expect(s.accommodationNightsHotel[m]).toBe(s.inHotelsPeople[m] * daysIn[m]);
      expect(s.accommodationNightsLargeSite[m]).toBe(s.inLargeSitesPeople[m] * daysIn[m]);
      expect(s.accommodationNightsDispersal[m]).toBe(s.inDispersalPeople[m] * daysIn[m]);
    }
    expect(s.inHotelsPeople[0]).toBeGreaterThan(0);
  });
});
