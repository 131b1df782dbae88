/**
 * Conservation: the model neither creates nor loses people or cases. Every month,
 *
 *   people at the start + people arrived so far
 *     = awaiting a decision + awaiting an appeal + awaiting return + in limbo + people who left,
 *
 * to the unit, and the same for cases; the case table at the end agrees with the stocks; no stock
 * is ever negative; supported people are exactly those in hotels, large sites and dispersal.
 * Checked as properties over random small scenarios and seeds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Stage } from './cases.js';
import { Series } from './observe.js';
import { SERIES, type RunResult } from './result.js';
import { seedArb, smallKnobs, smallScenario } from '../test-support/small.js';
import { cumulative, inStages, runKeepingWorld, stageTotals, TERMINAL_STAGES } from '../test-support/world.js';

const NUM_RUNS = 12;

const STOCKS = [
  'awaitingDecisionCases',
  'awaitingDecisionPeople',
  'awaitingDecisionOver6mCases',
  'awaitingDecisionOver6mPeople',
  'awaitingAppealCases',
  'awaitingAppealPeople',
  'awaitingReturnCases',
  'awaitingReturnPeople',
  'limboCases',
  'limboPeople',
  'inSupportPeople',
  'inHotelsPeople',
  'inLargeSitesPeople',
  'inDispersalPeople',
  'euReturnPendingCases',
  'euReturnPendingPeople',
  'heldForRemovalCases',
  'heldForRemovalPeople',
  'hotelOverflowPeople',
] as const;

/**
 * The policy levers at random, on or off: EU deal (every quota rule, both ways of arriving),
 * inadmissibility with third-country removals, safe routes, extra caseworkers, a returns unit with
 * fast-track triage, extra tribunal capacity, hotel closure. Conservation must hold under all.
 */
const leversArb = fc.record({
  euDeal: fc.record({
    returnShare: fc.constantFrom(0, 0.3, 1),
    returnDays: fc.integer({ min: 0, max: 60 }),
    annualCapPeople: fc.integer({ min: 0, max: 3_000 }),
    quota: fc.record({
      rule: fc.constantFrom('none', 'fixed', 'ratio', 'key'),
      fixedPerYear: fc.integer({ min: 0, max: 2_000 }),
      ratio: fc.double({ min: 0, max: 3, noNaN: true }),
      key: fc.constantFrom('custom'),
      customShare: fc.double({ min: 0, max: 0.003, noNaN: true }),
      arriveAs: fc.constantFrom('claims', 'status'),
    }),
  }),
  returns: fc.record({
    thirdCountry: fc.record({
      inadmissibleShare: fc.constantFrom(0, 0.5, 1),
      removalsPerYear: fc.integer({ min: 0, max: 600 }),
    }),
    unit: fc.record({ staff: fc.integer({ min: 0, max: 40 }), fastTrack: fc.constantFrom('off', 'on') }),
  }),
  safeRoutes: fc.record({ familyChildrenPerYear: fc.integer({ min: 0, max: 500 }), resettlementPerYear: fc.integer({ min: 0, max: 500 }) }),
  decisions: fc.record({ extra: fc.record({ headcount: fc.integer({ min: 0, max: 60 }) }) }),
  appeals: fc.record({ extra: fc.record({ determinationsPerMonth: fc.integer({ min: 0, max: 60 }) }) }),
  accommodation: fc.record({ hotelPlaces: fc.constantFrom(0, 200, 10_000_000) }),
});
type Levers = typeof leversArb extends fc.Arbitrary<infer T> ? T : never;

const withLevers = (knobs: Parameters<typeof smallScenario>[0], levers: Levers) =>
  smallScenario(knobs, levers as unknown as Parameters<typeof smallScenario>[1]);

/** Cases that left the asylum system in each month, from the flow series. */
function exitCases(r: RunResult): Float64Array {
  const s = r.series;
  return s.decisionsGrant.map(
    (_, m) =>
      s.decisionsGrant[m] +
      s.decisionsWithdraw[m] +
      s.appealsAllowed[m] +
      s.returns[m] +
      s.absconded[m] +
      s.euDealReturnsCases[m] +
      s.admittedWithStatusCases[m],
  );
}

describe('conservation of people and cases', () => {
  it('people at start + arrivals = people in every stock + people who left, every month, exactly', () => {
    fc.assert(
      fc.property(smallKnobs, leversArb, seedArb, (knobs, levers, seed) => {
        const scenario = withLevers(knobs, levers);
        const { world, result } = runKeepingWorld(scenario, { seed, replication: 0 });
        const s = result.series;
        const start = result.kpis.peopleAtStart;
        const arrived = cumulative(s.arrivalsPeople.map((x, m) => x + s.otherAppealsCases[m]));
        const left = cumulative(s.exitsPeople);
        for (let m = 0; m < result.months.length; m++) {
          const inStocks =
            s.awaitingDecisionPeople[m] +
            s.awaitingAppealPeople[m] +
            s.awaitingReturnPeople[m] +
            s.limboPeople[m] +
            s.euReturnPendingPeople[m] +
            s.heldForRemovalPeople[m];
          expect(start + arrived[m], `month ${result.months[m]}`).toBe(inStocks + left[m]);
        }
        // Every stock and flow is a whole number of people or cases.
        for (const name of SERIES) {
          if (name.startsWith('cost') || name.startsWith('accommodationNights') || name === 'decisionMakersProductive') continue;
          expect(s[name].every(Number.isInteger), name).toBe(true);
        }
        // People at the start are the snapshot's people, counted from the case table's first rows.
        const snapshotCases = scenario.snapshot.awaitingDecisionCases + scenario.snapshot.awaitingAppealCases + scenario.snapshot.awaitingReturnCases;
        let snapshotPeople = 0;
        for (let id = 0; id < snapshotCases; id++) snapshotPeople += world.cases.people[id];
        expect(start).toBe(snapshotPeople);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('cases at start + arrivals = cases in every stock + cases that left, every month, exactly', () => {
    fc.assert(
      fc.property(smallKnobs, leversArb, seedArb, (knobs, levers, seed) => {
        const scenario = withLevers(knobs, levers);
        const { world, result } = runKeepingWorld(scenario, { seed, replication: 0 });
        const s = result.series;
        const sn = scenario.snapshot;
        const start = sn.awaitingDecisionCases + sn.awaitingAppealCases + sn.awaitingReturnCases;
        const arrived = cumulative(s.arrivalsCases.map((x, m) => x + s.otherAppealsCases[m]));
        const left = cumulative(exitCases(result));
        for (let m = 0; m < result.months.length; m++) {
          const inStocks =
            s.awaitingDecisionCases[m] +
            s.awaitingAppealCases[m] +
            s.awaitingReturnCases[m] +
            s.limboCases[m] +
            s.euReturnPendingCases[m] +
            s.heldForRemovalCases[m];
          expect(start + arrived[m], `month ${result.months[m]}`).toBe(inStocks + left[m]);
        }
        // Admissions with status are counted, not rows of the case table.
        expect(world.cases.count).toBe(start + arrived[arrived.length - 1] - cumulative(s.admittedWithStatusCases)[arrived.length - 1]);
        expect(result.kpis.casesSimulated).toBe(world.cases.count);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the case table at the end agrees with the stocks, stage by stage, in cases and in people', () => {
    fc.assert(
      fc.property(smallKnobs, leversArb, seedArb, (knobs, levers, seed) => {
        const { world, result } = runKeepingWorld(withLevers(knobs, levers), { seed, replication: 0 });
        const totals = stageTotals(world);
        const level = world.obs.level;
        const last = result.months.length - 1;
        const s = result.series;
        // Every case is somewhere: no row was left without a stage.
        expect(totals.get(0)).toBeUndefined();
        const checks = [
          ['awaitingDecision', inStages(totals, Stage.awaitingDecision)],
          ['awaitingAppeal', inStages(totals, Stage.awaitingAppeal)],
          // A removal under way still counts as awaiting return until the case has left.
          ['awaitingReturn', inStages(totals, Stage.awaitingReturn, Stage.returning)],
          ['limbo', inStages(totals, Stage.limbo)],
          ['heldForRemoval', inStages(totals, Stage.heldForRemoval, Stage.removingThirdCountry)],
          ['euReturnPending', inStages(totals, Stage.euReturnPending)],
        ] as const;
        for (const [stock, t] of checks) {
          const cases = `${stock}Cases` as const;
          const people = `${stock}People` as const;
          expect(level[Series[cases]], `${cases} (now)`).toBe(t.cases);
          expect(level[Series[people]], `${people} (now)`).toBe(t.people);
          expect(s[cases][last], `${cases} (last month)`).toBe(t.cases);
          expect(s[people][last], `${people} (last month)`).toBe(t.people);
        }
        expect(inStages(totals, ...TERMINAL_STAGES).people + cumulative(s.admittedWithStatusPeople)[last]).toBe(cumulative(s.exitsPeople)[last]);
        // Supported people are the people of the rows flagged as supported.
        let supported = 0;
        for (let id = 0; id < world.cases.count; id++) if (world.cases.supported[id]) supported += world.cases.people[id];
        expect(level[Series.inSupportPeople]).toBe(supported);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('no stock is ever negative, and supported people = hotels + large sites + dispersal, every month', () => {
    fc.assert(
      fc.property(smallKnobs, leversArb, seedArb, (knobs, levers, seed) => {
        const { result } = runKeepingWorld(withLevers(knobs, levers), { seed, replication: 0 });
        const s = result.series;
        for (let m = 0; m < result.months.length; m++) {
          for (const name of STOCKS) expect(s[name][m], `${name} in ${result.months[m]}`).toBeGreaterThanOrEqual(0);
          expect(s.inSupportPeople[m]).toBe(s.inHotelsPeople[m] + s.inLargeSitesPeople[m] + s.inDispersalPeople[m]);
          expect(s.awaitingDecisionOver6mCases[m]).toBeLessThanOrEqual(s.awaitingDecisionCases[m]);
          expect(s.awaitingDecisionOver6mPeople[m]).toBeLessThanOrEqual(s.awaitingDecisionPeople[m]);
          expect(s.awaitingDecisionCases[m]).toBeLessThanOrEqual(s.awaitingDecisionPeople[m]);
        }
        // Returns add up to their kinds; small-boat arrivals are part of all arrivals.
        for (let m = 0; m < result.months.length; m++) {
          expect(s.returns[m]).toBe(s.returnsEnforced[m] + s.returnsVoluntary[m] + s.returnsThirdCountry[m]);
          expect(s.hotelOverflowPeople[m]).toBeLessThanOrEqual(s.inHotelsPeople[m]);
          expect(s.arrivalsSmallBoatPeople[m]).toBeLessThanOrEqual(s.arrivalsPeople[m]);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
