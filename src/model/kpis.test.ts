/**
 * KPIs of one replication, read from its own monthly series:
 *
 *   - monthsUntilBacklogBelowThreshold is the first month (index + 1) whose end-of-month backlog
 *     (people awaiting an initial decision) is below kpi.backlogThresholdPeople, and Infinity when
 *     the backlog never falls below it within the horizon;
 *   - backlog and hotel KPIs "at 12 / 24 months" read months 12 and 24 (indices 11 and 23), and
 *     are NaN when the horizon is shorter; monthsUntilHotelsEmpty as the backlog KPI, for hotels;
 *   - totals are sums of the monthly series; cost by financial year adds up to the total.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { LIMITS } from './limits.js';
import type { RunResult } from './result.js';
import { smallScenario, type SmallKnobs } from '../test-support/small.js';
import { runKeepingWorld } from '../test-support/world.js';

const total = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);

/** A backlog that drains: many caseworkers, few claims. */
const draining: Partial<SmallKnobs> = { months: 24, backlogCases: 3_000, claimsPeoplePerYear: 2_000, headcount: 120 };

function withThreshold(threshold: number): RunResult {
  return simulate(smallScenario(draining, { kpi: { backlogThresholdPeople: threshold } }), { seed: 4, replication: 0 });
}

describe('monthsUntilBacklogBelowThreshold', () => {
  it('is Infinity when the backlog never falls below the threshold', () => {
    const r = withThreshold(0);
    expect(r.kpis.monthsUntilBacklogBelowThreshold).toBe(Infinity);
  });

  it('is 1 when the backlog is below the threshold at the end of the first month', () => {
    expect(withThreshold(LIMITS.maxPopulation).kpis.monthsUntilBacklogBelowThreshold).toBe(1);
  });

  it('is the first month index + 1 whose backlog is below the threshold', () => {
    const probe = withThreshold(0).series.awaitingDecisionPeople;
    // A threshold just above the backlog at the end of month 8 (index 7) of a draining backlog.
    const threshold = probe[7] + 1;
    const r = withThreshold(threshold);
    const first = Array.from(r.series.awaitingDecisionPeople).findIndex((x) => x < threshold);
    expect(first).toBeGreaterThan(0);
    expect(r.kpis.monthsUntilBacklogBelowThreshold).toBe(first + 1);
    // Only the threshold changed, so the backlog path is the probe's.
    expect(Array.from(r.series.awaitingDecisionPeople)).toEqual(Array.from(probe));
    for (let m = 0; m < first; m++) expect(probe[m]).toBeGreaterThanOrEqual(threshold);
  });
});

describe('KPIs at fixed months read those months', () => {
  const r = simulate(smallScenario({ months: 24 }), { seed: 6, replication: 0 });
  const s = r.series;

  it('backlog at 12 and 24 months, at the end (people and cases)', () => {
    expect(r.kpis.backlogPeopleAt12m).toBe(s.awaitingDecisionPeople[11]);
    expect(r.kpis.backlogPeopleAt24m).toBe(s.awaitingDecisionPeople[23]);
    expect(r.kpis.backlogPeopleEnd).toBe(s.awaitingDecisionPeople[23]);
    expect(r.kpis.backlogCasesEnd).toBe(s.awaitingDecisionCases[23]);
  });

  it('people in hotels at 12 and 24 months', () => {
    expect(r.kpis.hotelPeopleAt12m).toBe(s.inHotelsPeople[11]);
    expect(r.kpis.hotelPeopleAt24m).toBe(s.inHotelsPeople[23]);
    expect(s.inHotelsPeople[11]).not.toBe(s.inHotelsPeople[12]);
  });

  it('a month beyond the horizon is NaN', () => {
    const short = simulate(smallScenario({ months: 12 }), { seed: 6, replication: 0 });
    expect(short.kpis.hotelPeopleAt12m).toBe(short.series.inHotelsPeople[11]);
    expect(short.kpis.hotelPeopleAt24m).toBeNaN();
    expect(short.kpis.backlogPeopleAt24m).toBeNaN();
  });

  it('totals are the sums of the monthly series; cost by financial year adds up to the total', () => {
    expect(r.kpis.totalCostGbp).toBeCloseTo(total(s.costGbp), 2);
    expect(r.kpis.totalAccommodationCostGbp).toBeCloseTo(total(s.costAccommodationGbp), 2);
    expect(r.costByFinancialYear.map((y) => y.year)).toEqual(['FY2023-24', 'FY2024-25', 'FY2025-26']);
    expect(r.costByFinancialYear.reduce((a, y) => a + y.gbp, 0)).toBeCloseTo(r.kpis.totalCostGbp, 2);
    // July 2023 to March 2024 is the first financial year: nine months.
    expect(r.costByFinancialYear[0].gbp).toBeCloseTo(total(s.costGbp.subarray(0, 9)), 2);
  });

  it('mean and P90 wait for a first decision are positive, the P90 a whole number of days', () => {
    expect(r.kpis.meanWaitFirstDecisionDays).toBeGreaterThan(0);
    expect(Number.isInteger(r.kpis.p90WaitFirstDecisionDays)).toBe(true);
    expect(r.kpis.p90WaitFirstDecisionDays).toBeGreaterThan(0);
  });
});

describe('monthsUntilHotelsEmpty', () => {
  it('is 1 when dispersal and large sites hold everybody from the start', () => {
    const r = simulate(smallScenario({ dispersalPlaces: 100_000 }), { seed: 1, replication: 0 });
    expect(r.series.inHotelsPeople.every((x) => x === 0)).toBe(true);
    expect(r.kpis.monthsUntilHotelsEmpty).toBe(1);
  });

  it('is Infinity when there is no other place and people stay supported', () => {
    const r = simulate(smallScenario({ dispersalPlaces: 0, largeSitePlaces: 0 }), { seed: 1, replication: 0 });
    expect(r.series.inHotelsPeople.every((x) => x > 0)).toBe(true);
    expect(r.kpis.monthsUntilHotelsEmpty).toBe(Infinity);
  });

  it('is the first month index + 1 with nobody in hotels when places open during the run', () => {
    const places = [
      { date: '2023-07-01', value: 0 },
      { date: '2024-01-01', value: 0 },
      { date: '2024-01-02', value: 100_000 },
    ];
    const r = simulate(smallScenario({}, { accommodation: { dispersalPlaces: places } }), { seed: 1, replication: 0 });
    // January 2024 is month index 6.
    expect(r.series.inHotelsPeople[5]).toBeGreaterThan(0);
    expect(r.series.inHotelsPeople[6]).toBe(0);
    expect(r.kpis.monthsUntilHotelsEmpty).toBe(7);
  });
});

describe('counts', () => {
  it('casesSimulated is the rows of the case table; peopleAtStart the people of the snapshot stocks', () => {
    const scenario = smallScenario();
    const { world, result } = runKeepingWorld(scenario, { seed: 3, replication: 0 });
    expect(result.kpis.casesSimulated).toBe(world.cases.count);
    const sn = scenario.snapshot;
    let people = 0;
    for (let id = 0; id < sn.awaitingDecisionCases + sn.awaitingAppealCases + sn.awaitingReturnCases; id++) people += world.cases.people[id];
    expect(result.kpis.peopleAtStart).toBe(people);
  });
});
