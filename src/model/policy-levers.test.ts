/**
 * The policy levers of the seed's plans, each shown on a small scenario with its direction and
 * its size (same seed, one lever changed, so the difference is the lever's, not noise):
 *
 *   - N extra caseworkers add N × decisionShare productive caseworkers once trained, at their cost;
 *   - a returns unit adds staff × returns per staff-month to enforced returns when the pool is full;
 *     its fast-track decides returnable nationalities first;
 *   - doubling tribunal capacity halves the appeal wait when no new appeals arrive;
 *   - an EU deal returns the right share of small-boat arrivals, never more than the cap;
 *   - the quota follows its rule: fixed, ratio per return, allocation key; as claims or with status;
 *   - closing hotels moves nobody onto the street: the people who fit nowhere else show as overflow;
 *   - a third-country scheme removes at most its capacity, and inadmissible arrivals are never decided;
 *   - safe routes admit their numbers with status, at their cost.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import type { RunResult } from './result.js';
import type { Scenario } from './schema.js';
import { keyShare } from './eu-key.js';
import { quotaPerYear } from './eu-deal.js';
import { enforcedCapacity } from './returns.js';
import { makeHorizon } from './horizon.js';
import { smallScenario } from '../test-support/small.js';
import { runKeepingWorld } from '../test-support/world.js';
import { Stage } from './cases.js';
import { isFastTrack, NATIONALITIES } from './nationalities.js';

const run = (s: Scenario, seed = 11) => simulate(s, { seed, replication: 0 });
const total = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
const off = (date = '2023-07-01') => ({ date, value: 0 });

describe('extra caseworkers', () => {
  it('N extra caseworkers add N × decisionShare productive ones after training, and cost N × cost per year', () => {
    const N = 40;
    const base = smallScenario({ months: 12 });
    const more = smallScenario({ months: 12 }, { decisions: { extra: { headcount: N, attritionPerYear: 0, trainingMonths: 2 } } });
    const a = run(base);
    const b = run(more);
    const share = base.decisions.decisionShare;
    // A constant extra path counts as hired before the start, so all are trained from month 0.
    for (let m = 0; m < 12; m++) expect(b.series.decisionMakersProductive[m] - a.series.decisionMakersProductive[m]).toBeCloseTo(N * share, 9);
    expect(b.series.extraDecisionMakersHeadcount[0]).toBe(N);
    expect(total(b.series.costExtraDecisionMakersGbp)).toBeCloseTo((N * more.decisions.extra.costPerYear * 366) / 365.25, 0);
    expect(b.kpis.backlogCasesEnd).toBeLessThan(a.kpis.backlogCasesEnd);
  });

  it('hired from a date, they are productive only after their training', () => {
    const s = smallScenario({ months: 12 }, { decisions: { extra: { headcount: [off('2023-09-01'), { date: '2023-09-02', value: 30 }], trainingMonths: 3, attritionPerYear: 0 } } });
    const r = run(s);
    const a = run(smallScenario({ months: 12 }));
    const gain = r.series.decisionMakersProductive.map((x, m) => x - a.series.decisionMakersProductive[m]);
    expect(gain[2]).toBeCloseTo(0, 9); // September: hired, training
    expect(gain[4]).toBeCloseTo(0, 9); // November: still training
    expect(gain[6]).toBeCloseTo(30 * s.decisions.decisionShare, 9); // January: productive
  });
});

describe('returns unit', () => {
  it('adds staff × returns per staff-month to enforced returns when the returns pool is full', () => {
    const k = { months: 12, returnCases: 3_000, enforcedPerMonth: 20, headcount: 0 };
    const unit = { staff: 100, returnsPerStaffMonth: 0.4 };
    const s = smallScenario(k, { returns: { unit, voluntaryPerYear: 0, abscondPerYear: 0 } });
    expect(enforcedCapacity(s.returns, makeHorizon(s.start, 12))[5]).toBeCloseTo(20 + 40, 9);
    const a = run(smallScenario(k, { returns: { voluntaryPerYear: 0, abscondPerYear: 0 } }));
    const b = run(s);
    // Months 3–12 (after the first removals complete): +40 a month, within a few per month.
    const gain = (total(b.series.returnsEnforced.subarray(2)) - total(a.series.returnsEnforced.subarray(2))) / 10;
    expect(gain).toBeGreaterThan(36);
    expect(gain).toBeLessThan(44);
    expect(total(b.series.costReturnsUnitGbp)).toBeCloseTo((100 * s.returns.unit.costPerStaffYear * 366) / 365.25, 0);
  });

  it('fast-track triage decides returnable nationalities first', () => {
    const k = { months: 6, backlogCases: 0, claimsPeoplePerYear: 6_000, headcount: 20, discipline: 'fifo' as const };
    const left = (on: boolean) => {
      const scenario = smallScenario(k, { returns: { unit: { fastTrack: on ? 'on' : 'off' } } });
      const scenarioReturnable = scenario.returns.returnable;
      const { world } = runKeepingWorld(scenario, { seed: 5, replication: 0 });
      let waiting = 0;
      let returnable = 0;
      for (let id = 0; id < world.cases.count; id++) {
        if (world.cases.stage[id] !== Stage.awaitingDecision) continue;
        waiting += 1;
        if (isFastTrack(scenarioReturnable[NATIONALITIES[world.cases.nationality[id]]])) returnable += 1;
      }
      return { waiting, returnable };
    };
    const before = left(false);
    const after = left(true);
    expect(before.returnable).toBeGreaterThan(50);
    // Those still waiting are the most recent claims: the returnable among them fall to under a third.
    expect(after.returnable).toBeLessThan(before.returnable / 3);
  });
});

describe('tribunal capacity', () => {
  it('doubling it halves the appeal wait when caseworkers add no new appeals', () => {
    // No decisions (no caseworkers) and no claims: a backlog of appeals is worked off.
    const k = { months: 24, headcount: 0, claimsPeoplePerYear: 0, appealCases: 1_200, determinationsPerMonth: 50 };
    const a = run(smallScenario(k));
    const b = run(smallScenario(k, { appeals: { extra: { determinationsPerMonth: 50 } } }));
    // Total waiting (case-months in the queue) is the mean wait × cases: it halves.
    const ratio = total(b.series.awaitingAppealCases) / total(a.series.awaitingAppealCases);
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.56);
    expect(total(b.series.costExtraTribunalGbp)).toBe(24 * 50 * smallScenario(k).appeals.extra.costPerDetermination);
  });
});

describe('EU returns-for-quota deal', () => {
  const k = { months: 12, claimsPeoplePerYear: 8_000 };
  it('returns the given share of small-boat arrivals, outside the asylum queue and support', () => {
    const a = run(smallScenario(k));
    const b = run(smallScenario(k, { euDeal: { returnShare: 0.4, returnDays: 10 } }));
    // The same arrivals (common random numbers), 40% of them returned.
    expect(Array.from(b.series.arrivalsSmallBoatPeople)).toEqual(Array.from(a.series.arrivalsSmallBoatPeople));
    const share = (b.kpis.euDealReturnsPeopleTotal + b.series.euReturnPendingPeople[11]) / total(b.series.arrivalsSmallBoatPeople);
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
    // Fewer claims to decide; the decisions made can still differ a little either way, since each
    // outcome has its own work and the deal changes which cases are in the queue.
    expect(total(b.series.decisionsPeople)).toBeLessThanOrEqual(total(a.series.decisionsPeople) * 1.01);
    expect(b.kpis.backlogPeopleEnd).toBeLessThan(a.kpis.backlogPeopleEnd);
    expect(total(b.series.costEuDealGbp)).toBe(b.kpis.euDealReturnsPeopleTotal * smallScenario(k).euDeal.costPerReturn);
  });

  it('never returns more than the annual cap, and reaches it when the share would exceed it', () => {
    const r = run(smallScenario({ ...k, months: 24 }, { euDeal: { returnShare: 1, returnDays: 0, annualCapPeople: 500 } }));
    const firstYear = total(r.series.euDealReturnsPeople.subarray(0, 12));
    const secondYear = total(r.series.euDealReturnsPeople.subarray(12, 24));
    for (const y of [firstYear, secondYear]) {
      expect(y).toBeLessThanOrEqual(500);
      expect(y).toBeGreaterThan(490);
    }
  });

  it('fixed quota: the number a year; one in, one out: one admitted per person returned', () => {
    const fixed = run(smallScenario(k, { euDeal: { returnShare: 0.01, quota: { rule: 'fixed', fixedPerYear: 1_000 } } }));
    // 366 days of 1,000 a year, to within the size of the last case admitted.
    expect(Math.abs(fixed.kpis.quotaAdmissionsPeopleTotal - 1_000 * (366 / 365.25))).toBeLessThan(6);
    const ratio = run(smallScenario(k, { euDeal: { returnShare: 0.5, returnDays: 5, quota: { rule: 'ratio', ratio: 2 } } }));
    expect(Math.abs(ratio.kpis.quotaAdmissionsPeopleTotal - 2 * ratio.kpis.euDealReturnsPeopleTotal)).toBeLessThan(8);
  });

  it('key quota: the key share of EU+ applications a year, for each key', () => {
    const s = smallScenario(k, { euDeal: { quota: { rule: 'key', key: 'population-share' } } });
    const q = s.euDeal.quota;
    expect(quotaPerYear(s.euDeal)).toBeCloseTo((q.ukPopulation / (q.ukPopulation + q.partnerPopulation)) * q.applicationsPerYear, 6);
    const gdp = smallScenario(k, { euDeal: { quota: { rule: 'key', key: 'population-gdp-50-50' } } });
    expect(quotaPerYear(gdp.euDeal)).toBeCloseTo(keyShare('population-gdp-50-50', gdp.euDeal.quota) * q.applicationsPerYear, 6);
    const custom = smallScenario(k, { euDeal: { quota: { rule: 'key', key: 'custom', customShare: 0.001, applicationsPerYear: 1_000_000 } } });
    expect(quotaPerYear(custom.euDeal)).toBeCloseTo(1_000, 9);
    const r = run(smallScenario(k, { euDeal: { returnShare: [off(), { date: '2024-01-01', value: 0.01 }], quota: custom.euDeal.quota } }));
    // The quota accrues only while the deal is in force: from 1 January, 182 days.
    expect(Math.abs(r.kpis.quotaAdmissionsPeopleTotal - (1_000 * 182) / 365.25)).toBeLessThan(6);
  });

  it('quota admissions arrive as claims (queue, support) or with status (leave at once)', () => {
    const quota = { rule: 'fixed', fixedPerYear: 2_000 } as const;
    const deal = { returnShare: 0.01, returnDays: 10 };
    const none = run(smallScenario(k, { euDeal: deal }));
    const claims = run(smallScenario(k, { euDeal: { ...deal, quota: { ...quota, arriveAs: 'claims' } } }));
    const status = run(smallScenario(k, { euDeal: { ...deal, quota: { ...quota, arriveAs: 'status' } } }));
    expect(claims.kpis.backlogPeopleEnd).toBeGreaterThan(none.kpis.backlogPeopleEnd);
    expect(total(claims.series.admittedWithStatusCases)).toBe(0);
    expect(total(status.series.admittedWithStatusCases)).toBeGreaterThan(0);
    expect(status.kpis.backlogPeopleEnd).toBe(none.kpis.backlogPeopleEnd);
    const c = smallScenario(k).euDeal;
    expect(total(status.series.costEuDealGbp)).toBe(status.kpis.quotaAdmissionsPeopleTotal * c.quota.costPerPersonWithStatus + status.kpis.euDealReturnsPeopleTotal * c.costPerReturn);
  });
});

describe('accommodation', () => {
  it('closing hotels with no room elsewhere keeps people in hotels and shows them as overflow', () => {
    const k = { months: 12, dispersalPlaces: 300, largeSitePlaces: 0 };
    const open = run(smallScenario(k));
    const closed = run(smallScenario(k, { accommodation: { hotelPlaces: [{ date: '2023-07-01', value: 100_000 }, { date: '2024-01-01', value: 0 }] } }));
    expect(Array.from(closed.series.inHotelsPeople)).toEqual(Array.from(open.series.inHotelsPeople));
    expect(total(open.series.hotelOverflowPeople)).toBe(0);
    // From January, every person in a hotel is beyond the (zero) hotel path.
    for (let m = 6; m < 12; m++) expect(closed.series.hotelOverflowPeople[m]).toBe(closed.series.inHotelsPeople[m]);
    expect(closed.kpis.maxHotelOverflowPeople).toBeGreaterThan(0);
  });

  it('with enough dispersal places, the closure empties hotels and leaves no overflow', () => {
    const r = run(smallScenario({ months: 12, dispersalPlaces: 50_000 }, { accommodation: { hotelPlaces: 0 } }));
    expect(total(r.series.inHotelsPeople)).toBe(0);
    expect(r.kpis.maxHotelOverflowPeople).toBe(0);
  });
});

describe('support after a removal', () => {
  it('ends when the case is removed: nobody returned is still supported', () => {
    // Refused families keep support long after their rights are exhausted; a removal ends it.
    const s = smallScenario({ months: 18, returnCases: 600, enforcedPerMonth: 60 });
    const { world } = runKeepingWorld(s, { seed: 4, replication: 0 });
    let returned = 0;
    for (let id = 0; id < world.cases.count; id++) {
      if (world.cases.stage[id] !== Stage.returned) continue;
      returned++;
      expect(world.cases.supported[id], `case ${id}`).toBe(0);
    }
    expect(returned).toBeGreaterThan(500);
  });
});

describe("a claim's first steps are the pack's routing", () => {
  it('a pack that lodges claims without support puts no arrival in support; with it, some', () => {
    const s = smallScenario({ months: 6, claimsPeoplePerYear: 6_000 });
    const without = { ...s, country: { ...s.country, routing: { ...s.country.routing, claim: { ...s.country.routing.claim, lodged: ['decide' as const] } } } };
    const supportedArrivals = (scenario: Scenario): number => {
      const { world } = runKeepingWorld(scenario, { seed: 2, replication: 0 });
      let n = 0;
      for (let id = 0; id < world.cases.count; id++) if (world.cases.arrival[id] >= 0 && world.cases.supported[id]) n++;
      return n;
    };
    expect(supportedArrivals(without)).toBe(0);
    expect(supportedArrivals(s)).toBeGreaterThan(100);
  });
});

describe('third-country removals and inadmissibility', () => {
  const k = { months: 12, claimsPeoplePerYear: 8_000 };
  it('inadmissible small-boat arrivals are held, not decided; removals never exceed capacity', () => {
    const held = smallScenario(k, { returns: { thirdCountry: { inadmissibleShare: 1, removalsPerYear: 240 } } });
    const { world, result: r } = runKeepingWorld(held, { seed: 3, replication: 0 });
    // No small-boat arrival of the run was decided: each is held, removed, departed or absconded.
    for (let id = 0; id < world.cases.count; id++) {
      if (world.cases.route[id] !== 0 || world.cases.arrival[id] < 0) continue;
      expect([Stage.heldForRemoval, Stage.removingThirdCountry, Stage.returned, Stage.departed, Stage.absconded]).toContain(world.cases.stage[id]);
    }
    // Capacity is 20 a month on average (removals vary in length, so a single month can exceed it).
    let removed = 0;
    for (let m = 0; m < 12; m++) {
      removed += r.series.returnsThirdCountry[m];
      expect(removed, `removals by month ${m + 1}`).toBeLessThanOrEqual(20 * (m + 1) * 1.1);
    }
    expect(r.kpis.thirdCountryRemovalsTotal).toBeGreaterThan(180);
    // Over the year, the capacity to within the variability of removal times (±5%).
    expect(r.kpis.thirdCountryRemovalsTotal).toBeLessThanOrEqual(240 * 1.05);
    expect(r.kpis.heldForRemovalPeopleEnd).toBeGreaterThan(1_000);
    expect(total(r.series.costThirdCountryGbp)).toBeGreaterThan(r.kpis.thirdCountryRemovalsTotal * held.returns.thirdCountry.costPerPerson);
  });

  it('with no capacity nobody is removed, and the held stock grows every month', () => {
    const r = run(smallScenario(k, { returns: { thirdCountry: { inadmissibleShare: 1, fixedCostPerYear: 12_000_000 } } }));
    expect(r.kpis.thirdCountryRemovalsTotal).toBe(0);
    for (let m = 1; m < 12; m++) expect(r.series.heldForRemovalPeople[m]).toBeGreaterThan(r.series.heldForRemovalPeople[m - 1]);
    // Fixed payments are paid whether or not anyone is removed: £1m a month.
    expect(total(r.series.costThirdCountryGbp)).toBeCloseTo((12_000_000 * 366) / 365.25, 0);
  });
});

describe('safe routes', () => {
  it('admit their yearly numbers with status, counted in arrivals and costed per person', () => {
    const a: RunResult = run(smallScenario({ months: 12 }));
    const s = smallScenario({ months: 12 }, { safeRoutes: { familyChildrenPerYear: 365.25, resettlementPerYear: [off(), { date: '2024-01-01', value: 730.5 }] } });
    const b = run(s);
    // 366 days of one child a day; two resettled people a day from 1 January (182 days).
    expect(total(b.series.safeRouteArrivalsPeople)).toBe(366 + 364);
    expect(total(b.series.arrivalsPeople) - total(a.series.arrivalsPeople)).toBe(366 + 364);
    expect(b.kpis.backlogPeopleEnd).toBe(a.kpis.backlogPeopleEnd);
    expect(total(b.series.costSafeRoutesGbp)).toBe((366 + 364) * s.safeRoutes.costPerPerson);
  });
});
