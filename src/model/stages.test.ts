/**
 * The random parts of each stage hold to their parameters (samples against the formula, within
 * five standard deviations of the sampling distribution, never a pinned seed's output):
 *
 *   arrivals  — monthly claims are Poisson with the seasonal, scaled rate; people per case have
 *               the configured mean; each route's nationality mix is the configured one;
 *   decisions — grants, refusals, withdrawals and inadmissible decisions in the proportions of each
 *               decided case's nationality group;
 *   appeals   — refusals appeal at (1 − certified) × appeal rate; the allowed share;
 *   returns   — the returnable share by group; waiting cases depart at the configured hazard,
 *               voluntarily in proportion voluntary / (voluntary + absconding).
 */
import { describe, expect, it } from 'vitest';
import { calendarMonth, daysBetween, monthBounds } from './dates.js';
import { ROUTES, Stage } from './cases.js';
import { NATIONALITIES } from './nationalities.js';
import { buildWorld, simulate } from './simulate.js';
import { smallScenario } from '../test-support/small.js';
import { runKeepingWorld } from '../test-support/world.js';

const Z = 5;
const total = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);

/** |observed − expected| within Z standard deviations (and a unit for counts near zero). */
function within(observed: number, expected: number, variance: number, what: string): void {
  expect(Math.abs(observed - expected), `${what}: observed ${observed}, expected ${expected.toFixed(1)} ± ${Math.sqrt(variance).toFixed(1)}`).toBeLessThanOrEqual(
    Z * Math.sqrt(variance) + 1,
  );
}

describe('arrivals', () => {
  // No caseworkers: only arrivals happen, so five years of claims run fast.
  const scenario = smallScenario({ months: 60, claimsPeoplePerYear: 20_000, headcount: 0, backlogCases: 100, appealCases: 0, returnCases: 0 });
  const { world, result } = runKeepingWorld(scenario, { seed: 17, replication: 0 });
  const a = scenario.arrivals;
  const casesPerDay = a.claimsPeoplePerYear / a.peoplePerCase / 365.25;
  const days = (m: number) => world.horizon.bounds[m + 1] - world.horizon.bounds[m];
  const season = (m: number) => 1 + a.seasonalAmplitude * Math.cos((2 * Math.PI * (calendarMonth(scenario.start, m) - a.seasonalPeakMonth)) / 12);
  const mean = a.peoplePerCase;
  // People per case are 1 + Poisson(mean − 1): variance mean − 1, second moment (mean − 1) + mean².
  const secondMoment = mean - 1 + mean * mean;

  it('claims each month are Poisson with the seasonal small-boat rate plus the flat rate of other routes', () => {
    for (let m = 0; m < result.months.length; m++) {
      const mu = casesPerDay * days(m) * (a.smallBoatShare * season(m) + (1 - a.smallBoatShare));
      within(result.series.arrivalsCases[m], mu, mu, `claims in ${result.months[m]}`);
    }
  });

  it('small-boat people each month: compound Poisson around the seasonal rate, peaking in the peak month', () => {
    let peak = 0;
    let trough = 0;
    for (let m = 0; m < result.months.length; m++) {
      const mu = casesPerDay * days(m) * a.smallBoatShare * season(m);
      within(result.series.arrivalsSmallBoatPeople[m], mu * mean, mu * secondMoment, `small-boat people in ${result.months[m]}`);
      const month = calendarMonth(scenario.start, m);
      if (month === a.seasonalPeakMonth) peak += result.series.arrivalsSmallBoatPeople[m];
      if (month === ((a.seasonalPeakMonth + 5) % 12) + 1) trough += result.series.arrivalsSmallBoatPeople[m];
    }
    expect(peak).toBeGreaterThan(trough);
  });

  it('people per case have the configured mean', () => {
    const cases = total(result.series.arrivalsCases);
    within(total(result.series.arrivalsPeople), cases * mean, cases * (mean - 1), 'people in new claims');
  });

  it('claims have the configured nationality mix (shares as weights), on both routes', () => {
    const first = scenario.snapshot.awaitingDecisionCases;
    const weights = NATIONALITIES.map((n) => a.nationalityMix[n][a.nationalityMix[n].length - 1].value);
    const sumOfWeights = weights.reduce((x, y) => x + y, 0);
    for (let r = 0; r < ROUTES.length; r++) {
      const counts = NATIONALITIES.map(() => 0);
      let n = 0;
      for (let id = first; id < world.cases.count; id++) {
        if (world.cases.route[id] !== r) continue;
        counts[world.cases.nationality[id]] += 1;
        n += 1;
      }
      NATIONALITIES.forEach((nat, i) => {
        const p = weights[i] / sumOfWeights;
        within(counts[i], n * p, n * p * (1 - p), `${ROUTES[r]} claims from ${nat}`);
      });
    }
  });

  it('a mix that changes on a date changes who claims from then on', () => {
    const albania = NATIONALITIES.indexOf('albania');
    const only = (n: string) => Object.fromEntries(NATIONALITIES.map((m) => [m, [{ date: '2023-07-01', value: m === n ? 1 : 0 }]]));
    // Everyone is Albanian in the run's first half-year, Iranian from January 2024.
    const mix = { ...only('albania'), iran: [{ date: '2023-07-01', value: 0 }, { date: '2024-01-01', value: 1 }], albania: [{ date: '2023-07-01', value: 1 }, { date: '2024-01-01', value: 0 }] };
    const { world } = runKeepingWorld(smallScenario({ months: 12, backlogCases: 0 }, { arrivals: { nationalityMix: mix } }), { seed: 1, replication: 0 });
    const switchDay = daysBetween('2023-07-01', '2024-01-01');
    let before = 0;
    let after = 0;
    for (let id = 0; id < world.cases.count; id++) {
      // Claims of the run only (the snapshot's appeals and returns pools have the backlog's mix).
      if (world.cases.route[id] > 1 || world.cases.arrival[id] < 0) continue;
      if (world.cases.arrival[id] < switchDay) expect(world.cases.nationality[id]).toBe(albania);
      else expect(NATIONALITIES[world.cases.nationality[id]]).toBe('iran');
      if (world.cases.arrival[id] < switchDay) before++;
      else after++;
    }
    expect(before).toBeGreaterThan(100);
    expect(after).toBeGreaterThan(100);
  });
});

describe('decision outcomes', () => {
  it('grant, refuse, withdraw and inadmissible in the proportions of each decided case’s nationality', () => {
    const scenario = smallScenario({ months: 24, headcount: 400, claimsPeoplePerYear: 6_000, backlogCases: 3_000, discipline: 'fifo' });
    const { world, result } = runKeepingWorld(scenario, { seed: 23, replication: 0 });
    const sn = scenario.snapshot;
    const snapshotEnd = sn.awaitingDecisionCases + sn.awaitingAppealCases + sn.awaitingReturnCases;
    const expected = [0, 0, 0, 0];
    const variance = [0, 0, 0, 0];
    let decided = 0;
    for (let id = 0; id < world.cases.count; id++) {
      // The snapshot's appeals and returns pool never had a decision in the run.
      if (id >= sn.awaitingDecisionCases && id < snapshotEnd) continue;
      if (world.cases.stage[id] === Stage.awaitingDecision) continue;
      decided += 1;
      const d = scenario.decisions;
      const g = d.grantRate[NATIONALITIES[world.cases.nationality[id]]][0].value;
      const decidedShare = 1 - d.withdrawShare - d.otherOutcomeShare;
      const p = [decidedShare * g, decidedShare * (1 - g), d.withdrawShare, d.otherOutcomeShare];
      for (let k = 0; k < 4; k++) {
        expected[k] += p[k];
        variance[k] += p[k] * (1 - p[k]);
      }
    }
    const s = result.series;
    const observed = [total(s.decisionsGrant), total(s.decisionsRefuse), total(s.decisionsWithdraw), total(s.decisionsInadmissible)];
    expect(observed.reduce((x, y) => x + y, 0)).toBe(decided);
    ['grants', 'refusals', 'withdrawals', 'inadmissible'].forEach((what, k) => within(observed[k], expected[k], variance[k], what));
  });
});

describe('appeals', () => {
  const scenario = smallScenario({ months: 24, headcount: 300, backlogCases: 3_000, claimsPeoplePerYear: 8_000, appealCases: 1_000, determinationsPerMonth: 150 });
  const r = simulate(scenario, { seed: 29, replication: 0 });
  const s = r.series;

  it('refusals appeal at (1 − certified share) × appeal rate', () => {
    const refusals = total(s.decisionsRefuse);
    const p = (1 - scenario.appeals.certifiedShare) * scenario.appeals.appealRate[0].value;
    // Appeals pending at the start are not lodged during the run.
    const lodged = total(s.appealsLodged);
    expect(refusals).toBeGreaterThan(300);
    within(lodged, refusals * p, refusals * p * (1 - p), 'appeals lodged after refusals');
  });

  it('a share allowedShare of determined appeals is allowed', () => {
    const allowed = total(s.appealsAllowed);
    const n = allowed + total(s.appealsDismissed);
    const p = scenario.appeals.allowedShare[0].value;
    expect(n).toBeGreaterThan(1_000);
    within(allowed, n * p, n * p * (1 - p), 'appeals allowed');
  });
});

describe('returns', () => {
  it('the returns pool splits into returnable and limbo by each case’s nationality', () => {
    const scenario = smallScenario({ returnCases: 5_000 });
    // Right after the build (time 0): the pool has entered, nobody has departed yet.
    const w = buildWorld(scenario, { seed: 31, replication: 0 });
    const from = scenario.snapshot.awaitingDecisionCases + scenario.snapshot.awaitingAppealCases;
    let expected = 0;
    let variance = 0;
    let returnable = 0;
    let limbo = 0;
    for (let id = from; id < from + scenario.snapshot.awaitingReturnCases; id++) {
      const p = scenario.returns.returnable[NATIONALITIES[w.cases.nationality[id]]];
      expected += p;
      variance += p * (1 - p);
      const stage = w.cases.stage[id];
      if (stage === Stage.awaitingReturn || stage === Stage.returning) returnable += 1;
      else if (stage === Stage.limbo) limbo += 1;
    }
    expect(returnable + limbo).toBe(scenario.snapshot.awaitingReturnCases);
    within(returnable, expected, variance, 'returnable cases in the pool');
  });

  it('waiting cases depart at the configured hazard, voluntarily in proportion to the voluntary rate', () => {
    // Nothing else moves: no caseworkers, no tribunal, no removals.
    const scenario = smallScenario(
      { months: 24, returnCases: 5_000, headcount: 0, claimsPeoplePerYear: 0, determinationsPerMonth: 0, enforcedPerMonth: 0 },
      { returns: { voluntaryPerYear: 0.6, abscondPerYear: 0.2 } },
    );
    const r = simulate(scenario, { seed: 37, replication: 0 });
    const N = scenario.snapshot.awaitingReturnCases;
    const h = 0.8 / 365.25;
    const endOfMonth = monthBounds(scenario.start, r.months.length);
    for (let m = 0; m < r.months.length; m++) {
      const p = Math.exp(-h * endOfMonth[m + 1]);
      const left = r.series.awaitingReturnCases[m] + r.series.limboCases[m];
      within(left, N * p, N * p * (1 - p), `returns pool at the end of ${r.months[m]}`);
    }
    const voluntary = total(r.series.returnsVoluntary);
    const n = voluntary + total(r.series.absconded);
    within(voluntary, n * 0.75, n * 0.75 * 0.25, 'voluntary departures');
    expect(total(r.series.returnsEnforced)).toBe(0);
  });
});
