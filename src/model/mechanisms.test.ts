/**
 * The mechanisms that moved the real backlog after mid-2023 (issue 11), each shown to do what it
 * says: claims held undecidable and released by a dated policy, supported people leaving support
 * while they wait, withdrawals that cost less work than decisions, grant rates that change over
 * time and with who claims, and a tribunal whose queue is conserved with the disposals it makes.
 * Each test fails without its mechanism.
 */
import { describe, expect, it } from 'vitest';
import { NATIONALITIES } from './nationalities.js';
import { simulate } from './simulate.js';
import type { Scenario } from './schema.js';
import { smallScenario } from '../test-support/small.js';

const run = (s: Scenario, seed = 5) => simulate(s, { seed, replication: 0 });
const total = (xs: Float64Array, from = 0, to = xs.length) => xs.subarray(from, to).reduce((a, b) => a + b, 0);

describe('claims held undecidable by a policy', () => {
  // Small-boat claims from the start on are held; a policy releases them from month 6.
  const k = { months: 12, backlogCases: 400, claimsPeoplePerYear: 6_000, headcount: 400 };
  const fromStart = [{ date: '2023-06-30', value: 0 }, { date: '2023-07-01', value: 1 }];
  const held = { hold: { smallBoatClaims: fromStart, released: [{ date: '2023-07-01', value: 0 }, { date: '2024-01-01', value: 1 }] } };
  const a = run(smallScenario(k, { decisions: held }));

  it('are counted in the backlog while held, and none is decided', () => {
    const s = a.series;
    for (let m = 0; m < 6; m++) {
      expect(s.heldClaimsPeople[m]).toBeGreaterThan(0);
      expect(s.heldClaimsPeople[m]).toBeLessThanOrEqual(s.awaitingDecisionPeople[m]);
    }
    // Every small-boat claim of the first six months is still held at the end of month 6.
    expect(s.heldClaimsPeople[5]).toBe(total(s.arrivalsSmallBoatPeople, 0, 6));
  });

  it('join the queue on the release date, and are decided after it', () => {
    const s = a.series;
    for (let m = 6; m < 12; m++) expect(s.heldClaimsCases[m]).toBe(0);
    const never = run(smallScenario(k, { decisions: { hold: { smallBoatClaims: fromStart } } }));
    // Without the release the held stock only grows; with it, the backlog is lower at the end.
    expect(never.series.heldClaimsPeople[11]).toBeGreaterThan(never.series.heldClaimsPeople[5]);
    expect(s.awaitingDecisionPeople[11]).toBeLessThan(never.series.awaitingDecisionPeople[11]);
  });

  it('reach claims in the starting backlog too (small-boat claims lodged after the hold date)', () => {
    const snapshotHeld = run(smallScenario({ ...k, claimsPeoplePerYear: 0 }, { decisions: { hold: { smallBoatClaims: [{ date: '2023-01-01', value: 0 }, { date: '2023-03-07', value: 1 }] } } }));
    expect(snapshotHeld.series.heldClaimsCases[0]).toBeGreaterThan(0);
  });
});

describe('each outcome has its own work', () => {
  // Decision-makers always busy (a large backlog), 12 months.
  const k = { months: 12, backlogCases: 6_000, claimsPeoplePerYear: 2_000, headcount: 60 };
  const push = { withdrawalScale: [{ date: '2023-07-01', value: 3 }] };

  it('a withdrawal push raises throughput when a withdrawal costs less than a decision', () => {
    const before = total(run(smallScenario(k)).series.decisionsPeople);
    const after = total(run(smallScenario(k, { decisions: push })).series.decisionsPeople);
    expect(after).toBeGreaterThan(before * 1.1);
  });

  it('…and does not when every outcome costs the same (the mechanism, not the rates, does it)', () => {
    const same = { outcomeEffort: { grant: 1, refuse: 1, withdraw: 1, inadmissible: 1 } };
    const before = total(run(smallScenario(k, { decisions: same })).series.decisionsPeople);
    const after = total(run(smallScenario(k, { decisions: { ...same, ...push } })).series.decisionsPeople);
    expect(Math.abs(after / before - 1)).toBeLessThan(0.03);
  });
});

describe('outcome rates over time', () => {
  it('a grant-rate schedule moves the outcome mix from its date', () => {
    const k = { months: 12, backlogCases: 4_000, headcount: 200 };
    const s = run(smallScenario(k, { decisions: { grantScale: [{ date: '2023-07-01', value: 1 }, { date: '2024-01-01', value: 0.4 }] } })).series;
    const share = (from: number, to: number) => total(s.decisionsGrant, from, to) / (total(s.decisionsGrant, from, to) + total(s.decisionsRefuse, from, to));
    expect(share(6, 12)).toBeLessThan(share(0, 6) * 0.6);
  });
});

describe('leaving support while waiting', () => {
  const k = { months: 12, backlogCases: 5_000, claimsPeoplePerYear: 0, headcount: 0, appealCases: 0, returnCases: 0 };
  const supported = (perYear: number) => run(smallScenario(k, { accommodation: { leaveWhileWaitingPerYear: perYear } })).series.inSupportPeople;

  it('empties support at the configured hazard while nobody is decided: e^(−rate × years) stay', () => {
    const stay = supported(0);
    const leave = supported(1);
    expect(stay[11]).toBe(stay[0]);
    // A year at 1 a year: e^−1 ≈ 0.37 of the supported people of the backlog stay (5,000 cases: ±0.02).
    expect(leave[11] / stay[11]).toBeGreaterThan(Math.exp(-1) - 0.02);
    expect(leave[11] / stay[11]).toBeLessThan(Math.exp(-1) + 0.02);
  });

  it('spares cases once decided: support after a decision runs its own course', () => {
    // Decided within weeks; refused and withdrawn cases then keep support for a year.
    const fast = { ...k, headcount: 2_000 };
    const after = { supportEndDaysAfterRefusal: 365, supportEndDaysAfterWithdrawal: 365, familyShare: 0 };
    const r = (perYear: number) => run(smallScenario(fast, { accommodation: { ...after, leaveWhileWaitingPerYear: perYear } })).series.inSupportPeople;
    // At 2 a year, anyone still exposed after the decision would be down to e^−1 by month 6.
    expect(r(2)[6]).toBeGreaterThan(0.85 * r(0)[6]);
  });
});

describe('who claims, and what each nationality is granted', () => {
  const k = { months: 12, backlogCases: 0, claimsPeoplePerYear: 30_000, headcount: 400 };
  const grantShare = (s: Scenario) => {
    const r = run(s).series;
    return total(r.decisionsGrant) / (total(r.decisionsGrant) + total(r.decisionsRefuse));
  };
  const only = (weights: Record<string, number>) =>
    Object.fromEntries(NATIONALITIES.map((n) => [n, [{ date: '2023-07-01', value: weights[n] ?? 0 }]]));

  it('a changing mix moves the overall grant rate, every nationality\'s rate unchanged', () => {
    // Claims from Syria (grant rate near 1) against claims from India (near 0), at the record's rates.
    const syrians = grantShare(smallScenario(k, { arrivals: { nationalityMix: only({ syria: 1 }) } }));
    const indians = grantShare(smallScenario(k, { arrivals: { nationalityMix: only({ india: 1 }) } }));
    const half = grantShare(smallScenario(k, { arrivals: { nationalityMix: only({ syria: 1, india: 1 }) } }));
    expect(syrians).toBeGreaterThan(0.9);
    expect(indians).toBeLessThan(0.15);
    expect(half).toBeGreaterThan(indians + 0.3);
    expect(half).toBeLessThan(syrians - 0.3);
  });

  it('a nationality\'s grant-rate schedule moves the overall rate from its date, in proportion to its share', () => {
    const base = smallScenario(k);
    const albania = base.decisions.grantRate.albania;
    const s = run(smallScenario(k, { arrivals: { nationalityMix: only({ albania: 1, iran: 1 }) }, decisions: { grantRate: { albania: [...albania, { date: '2024-01-01', value: 0.9 }] } } })).series;
    const share = (from: number, to: number) => total(s.decisionsGrant, from, to) / (total(s.decisionsGrant, from, to) + total(s.decisionsRefuse, from, to));
    // Half the claims Albanian: their rate from about 0.15 to 0.9 lifts the whole by about 0.35.
    expect(share(7, 12) - share(0, 6)).toBeGreaterThan(0.2);
  });
});

describe('the tribunal', () => {
  it('conserves its queue with the disposals it makes: start + lodged = outstanding + disposed, every month', () => {
    const k = { months: 18, backlogCases: 2_000, headcount: 100, appealCases: 800, determinationsPerMonth: 120 };
    // Appeals lodged at once (no time to lodge), so every case awaiting appeal is at the tribunal.
    const s = run(smallScenario(k, { appeals: { otherPerMonth: 30, withdrawnShare: 0.2, lagDays: 0 } })).series;
    let lodged = 0;
    let disposed = 0;
    for (let m = 0; m < 18; m++) {
      // The tribunal receives the appeals lodged after refusals and the other protection appeals.
      expect(s.tribunalReceipts[m]).toBe(s.appealsLodged[m] + s.otherAppealsCases[m]);
      lodged += s.tribunalReceipts[m];
      disposed += s.appealsDisposed[m];
      expect(800 + lodged, `month ${m}`).toBe(s.awaitingAppealCases[m] + disposed);
      expect(s.appealsDisposed[m]).toBe(s.appealsAllowed[m] + s.appealsDismissed[m] + s.appealsWithdrawn[m]);
    }
    // Other protection appeals arrive at the tribunal as well as appeals after refusals.
    expect(total(s.otherAppealsCases)).toBeGreaterThan(18 * 30 * 0.8);
    expect(total(s.appealsWithdrawn)).toBeGreaterThan(0);
  });

  it('receives an appeal the time to lodge it after the refusal; the case awaits appeal meanwhile', () => {
    const k = { months: 6, backlogCases: 2_000, headcount: 100, appealCases: 0, determinationsPerMonth: 0 };
    const lag = run(smallScenario(k, { appeals: { lagDays: 45 } })).series;
    const now = run(smallScenario(k, { appeals: { lagDays: 0 } })).series;
    // The same refusals (common random numbers); with 45 days to lodge, none reaches the tribunal in the first month.
    expect(Array.from(lag.decisionsRefuse)).toEqual(Array.from(now.decisionsRefuse));
    expect(now.appealsLodged[0]).toBeGreaterThan(0);
    expect(lag.appealsLodged[0]).toBe(0);
    expect(lag.awaitingAppealCases[0]).toBe(now.awaitingAppealCases[0]);
    // With no tribunal capacity nothing is disposed of: every appeal lodged is still outstanding.
    expect(total(lag.appealsLodged)).toBeLessThan(total(now.appealsLodged));
    expect(lag.awaitingAppealCases[5]).toBe(now.awaitingAppealCases[5]);
  });
});
