/**
 * The starting state. Right after buildWorld (time 0, before any event) the world holds the
 * snapshot of the scenario: people and cases awaiting an initial decision exactly as given, the
 * legacy backlog exactly, people waiting over six months close to the figure (dependants are spread
 * at random, so only the cases are exact), appeals pending and the returns pool exactly in cases,
 * and people in support equal to the record in expectation.
 */
import { describe, expect, it } from 'vitest';
import { daysBetween, monthOffsetOfDay } from './dates.js';
import { LEGACY_CUTOFF } from './decisions.js';
import { Stage } from './cases.js';
import { MAX_SNAPSHOT_AGE_MONTHS, Series } from './observe.js';
import { buildWorld, simulate } from './simulate.js';
import type { Scenario } from './schema.js';
import type { World } from './world.js';
import { baseline } from '../test-support/baseline.js';
import { smallScenario } from '../test-support/small.js';
import { inStages, stageTotals } from '../test-support/world.js';

const SIX_MONTHS_DAYS = 182.625;

const official: Scenario = { ...baseline(), horizonMonths: 12 };

/** Rows of the backlog (the first cases created), with what the test needs of each. */
function backlogRows(w: World, n: number) {
  const rows: { arrival: number; people: number; supported: boolean }[] = [];
  for (let id = 0; id < n; id++) rows.push({ arrival: w.cases.arrival[id], people: w.cases.people[id], supported: w.cases.supported[id] === 1 });
  return rows;
}

describe('the snapshot at the start (official figures of 30 June 2023)', () => {
  const sn = official.snapshot;
  const worlds = [1, 2, 3].map((seed) => buildWorld(official, { seed, replication: 0 }));

  it('awaiting an initial decision: cases and people exactly as the record', () => {
    for (const w of worlds) {
      expect(w.obs.level[Series.awaitingDecisionCases]).toBe(sn.awaitingDecisionCases);
      expect(w.obs.level[Series.awaitingDecisionPeople]).toBe(sn.awaitingDecisionPeople);
      const t = inStages(stageTotals(w), Stage.awaitingDecision);
      expect(t).toEqual({ cases: sn.awaitingDecisionCases, people: sn.awaitingDecisionPeople });
      // Claims held by a policy (the Illegal Migration Act cohort) are in the backlog, not the queue.
      expect(w.decisions.station.stats.arrivals + w.obs.level[Series.heldClaimsCases]).toBe(sn.awaitingDecisionCases);
      expect(w.obs.level[Series.heldClaimsCases]).toBeGreaterThan(0);
    }
  });

  it('every backlog claim was lodged before the start and after the oldest claim age', () => {
    const oldest = -sn.oldestClaimMonths * 30.4375;
    for (const w of worlds) {
      const arrivals = w.cases.arrival.subarray(0, sn.awaitingDecisionCases);
      expect(arrivals.reduce((a, b) => Math.max(a, b), -Infinity)).toBeLessThan(0);
      expect(arrivals.reduce((a, b) => Math.min(a, b), Infinity)).toBeGreaterThanOrEqual(oldest);
    }
  });

  it('each snapshot case carries the calendar month of its claim date (the age profile counts by it)', () => {
    for (const w of worlds.slice(0, 1)) {
      let wrong = 0;
      let firstWrong = -1;
      for (let id = 0; id < w.cases.count; id++) {
        const expected = Math.max(-MAX_SNAPSHOT_AGE_MONTHS, monthOffsetOfDay(official.start, w.cases.arrival[id]));
        if (w.cases.arrivalMonth[id] !== expected) {
          wrong += 1;
          if (firstWrong < 0) firstWrong = id;
        }
      }
      expect(wrong, `first wrong row ${firstWrong}`).toBe(0);
    }
  });

  it('the legacy backlog (claims before 28 June 2022) exactly, in cases', () => {
    const legacyDay = daysBetween(official.start, LEGACY_CUTOFF);
    for (const w of worlds) {
      const legacy = backlogRows(w, sn.awaitingDecisionCases).filter((r) => r.arrival < legacyDay).length;
      expect(legacy).toBe(sn.legacyCases);
    }
  });

  it('people waiting over six months close to the record: within rounding and five standard deviations of the dependants spread', () => {
    const perCase = sn.awaitingDecisionPeople / sn.awaitingDecisionCases;
    const over6mCases = Math.round(sn.over6mPeople / perCase);
    const dependants = sn.awaitingDecisionPeople - sn.awaitingDecisionCases;
    const p = over6mCases / sn.awaitingDecisionCases;
    // over6m people = over6m cases + Binomial(dependants, p), and the case count is rounded.
    const tolerance = 5 * Math.sqrt(dependants * p * (1 - p)) + perCase;
    for (const w of worlds) {
      const rows = backlogRows(w, sn.awaitingDecisionCases).filter((r) => r.arrival < -SIX_MONTHS_DAYS);
      expect(rows.length).toBe(over6mCases);
      const people = rows.reduce((a, r) => a + r.people, 0);
      expect(Math.abs(people - sn.over6mPeople)).toBeLessThanOrEqual(tolerance);
    }
  });

  it('appeals pending and the returns pool: exact in cases; their people at the backlog’s people per case', () => {
    const perCase = sn.awaitingDecisionPeople / sn.awaitingDecisionCases;
    for (const w of worlds) {
      const t = stageTotals(w);
      expect(inStages(t, Stage.awaitingAppeal)).toEqual({
        cases: sn.awaitingAppealCases,
        people: sn.awaitingAppealCases + Math.round(sn.awaitingAppealCases * (perCase - 1)),
      });
      const pool = inStages(t, Stage.awaitingReturn, Stage.returning, Stage.limbo);
      expect(pool).toEqual({
        cases: sn.awaitingReturnCases,
        people: sn.awaitingReturnCases + Math.round(sn.awaitingReturnCases * (perCase - 1)),
      });
      expect(w.cases.count).toBe(sn.awaitingDecisionCases + sn.awaitingAppealCases + sn.awaitingReturnCases);
    }
  });

  it('people in support equal the record in expectation (within five standard deviations of the draw)', () => {
    for (const w of worlds) {
      // Each backlog and appeal case is supported with one probability; its people come with it.
      const share = sn.inSupportPeople / (sn.awaitingDecisionPeople + sn.awaitingAppealCases * (sn.awaitingDecisionPeople / sn.awaitingDecisionCases));
      let sumSquares = 0;
      for (let id = 0; id < sn.awaitingDecisionCases + sn.awaitingAppealCases; id++) sumSquares += w.cases.people[id] ** 2;
      const sd = Math.sqrt(sumSquares * share * (1 - share));
      expect(Math.abs(w.obs.level[Series.inSupportPeople] - sn.inSupportPeople)).toBeLessThanOrEqual(5 * sd + 1);
      // The returns pool starts outside support.
      const pool = w.cases.supported.subarray(sn.awaitingDecisionCases + sn.awaitingAppealCases, w.cases.count);
      expect(pool.every((x) => x === 0)).toBe(true);
    }
    const mean = worlds.reduce((a, w) => a + w.obs.level[Series.inSupportPeople], 0) / worlds.length;
    expect(Math.abs(mean - sn.inSupportPeople) / sn.inSupportPeople).toBeLessThan(0.01);
  });

  it('supported people are placed in dispersal, then large sites, then hotels, at the first day’s capacities', () => {
    const dispersal = Math.floor(official.accommodation.dispersalPlaces[0].value);
    const large = Math.floor(official.accommodation.largeSitePlaces[0].value);
    for (const w of worlds) {
      const supported = w.obs.level[Series.inSupportPeople];
      expect(w.obs.level[Series.inDispersalPeople]).toBe(Math.min(supported, dispersal));
      expect(w.obs.level[Series.inLargeSitesPeople]).toBe(Math.min(supported - Math.min(supported, dispersal), large));
      expect(w.obs.level[Series.inHotelsPeople]).toBe(supported - w.obs.level[Series.inDispersalPeople] - w.obs.level[Series.inLargeSitesPeople]);
    }
  });
});

describe('the snapshot seen in the monthly series', () => {
  it('month-0 backlog minus month-0 claims plus month-0 decisions is the snapshot, exactly', () => {
    const scenario = smallScenario();
    const r = simulate(scenario, { seed: 11, replication: 0 });
    const s = r.series;
    expect(s.awaitingDecisionPeople[0] - s.arrivalsPeople[0] + s.decisionsPeople[0]).toBe(scenario.snapshot.awaitingDecisionPeople);
    const decidedCases = s.decisionsGrant[0] + s.decisionsRefuse[0] + s.decisionsWithdraw[0] + s.decisionsInadmissible[0];
    expect(s.awaitingDecisionCases[0] - s.arrivalsCases[0] + decidedCases).toBe(scenario.snapshot.awaitingDecisionCases);
    const sn = scenario.snapshot;
    const peopleAtStart = r.kpis.peopleAtStart;
    const perCase = sn.awaitingDecisionPeople / sn.awaitingDecisionCases;
    expect(peopleAtStart).toBe(
      sn.awaitingDecisionPeople +
        sn.awaitingAppealCases + Math.round(sn.awaitingAppealCases * (perCase - 1)) +
        sn.awaitingReturnCases + Math.round(sn.awaitingReturnCases * (perCase - 1)),
    );
  });

  // Once failed: the snapshot's pending appeals were booked as appeals lodged in the first month.
  it('appeals lodged in the first month do not include the appeals already pending at the start', () => {
    const scenario = smallScenario({ appealCases: 500, claimsPeoplePerYear: 0, headcount: 0 });
    const r = simulate(scenario, { seed: 1, replication: 0 });
    // No caseworkers, no claims: no refusals, so no appeal can be lodged during the run.
    expect(r.series.decisionsRefuse[0]).toBe(0);
    expect(r.series.appealsLodged[0]).toBe(0);
  });

  // Once failed: with no backlog, people per case and the support share were 0/0 = NaN, so nobody
  // from the pending appeals was in support and the appeals got no dependants.
  it('with an empty initial-decision backlog, pending appeals still carry the supported people of the record', () => {
    const scenario = smallScenario({ backlogCases: 0, appealCases: 1_000 }, { snapshot: { inSupportPeople: 600 } });
    const w = buildWorld(scenario, { seed: 1, replication: 0 });
    expect(w.obs.level[Series.inSupportPeople]).toBeGreaterThan(400);
  });
});
