/**
 * Test helper: small UK scenarios (a few thousand cases instead of a few hundred thousand) that run
 * in milliseconds, so property tests can try many of them. The shape is the baseline's — same
 * parameters, same stages — with the snapshot, the arrivals and the capacities scaled down
 * together, and a fast-check arbitrary that draws such scenarios at random.
 */
import fc from 'fast-check';
import type { Scenario, ScenarioOverrides } from '../model/schema.js';
import { scenarioWith } from './baseline.js';

type Overrides = Omit<ScenarioOverrides, 'name'>;

/** The knobs of a small scenario; every other parameter keeps its baseline value. */
export interface SmallKnobs {
  readonly months: number;
  /** Cases awaiting an initial decision at the start. */
  readonly backlogCases: number;
  readonly claimsPeoplePerYear: number;
  readonly headcount: number;
  readonly appealCases: number;
  readonly returnCases: number;
  readonly determinationsPerMonth: number;
  readonly enforcedPerMonth: number;
  readonly dispersalPlaces: number;
  readonly largeSitePlaces: number;
  readonly discipline: Scenario['decisions']['discipline'];
}

export const SMALL: SmallKnobs = {
  months: 18,
  backlogCases: 2_000,
  claimsPeoplePerYear: 5_000,
  headcount: 60,
  appealCases: 300,
  returnCases: 400,
  determinationsPerMonth: 60,
  enforcedPerMonth: 15,
  dispersalPlaces: 1_200,
  largeSitePlaces: 100,
  discipline: 'fifo',
};

/** Overrides that turn the baseline into a small scenario; `extra` is merged on top (one level deep). */
export function smallOverrides(knobs: Partial<SmallKnobs> = {}, extra: Overrides = {}): Overrides {
  const k = { ...SMALL, ...knobs };
  const people = Math.round(k.backlogCases * 1.3);
  const base: Record<string, Record<string, unknown>> = {
    snapshot: {
      awaitingDecisionCases: k.backlogCases,
      awaitingDecisionPeople: people,
      over6mPeople: Math.round(people * 0.75),
      legacyCases: Math.round(k.backlogCases * 0.35),
      awaitingAppealCases: k.appealCases,
      awaitingReturnCases: k.returnCases,
      inSupportPeople: Math.round(people * 0.6),
    },
    arrivals: { claimsPeoplePerYear: k.claimsPeoplePerYear },
    // The mechanisms of issue 11 that bring cases from outside (other appeals) or hold them (the
    // Illegal Migration Act cohort) are off unless a test turns them on; the tribunal's time is short.
    decisions: { headcount: k.headcount, discipline: k.discipline, hold: { smallBoatClaims: 0 } },
    appeals: { determinationsPerMonth: k.determinationsPerMonth, otherPerMonth: 0, hearingDays: 60 },
    returns: { enforcedPerMonth: k.enforcedPerMonth },
    accommodation: { dispersalPlaces: k.dispersalPlaces, largeSitePlaces: k.largeSitePlaces },
  };
  const out: Record<string, unknown> = { horizonMonths: k.months, ...base };
  for (const [key, value] of Object.entries(extra)) {
    const group = base[key];
    out[key] = group && value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...group, ...value } : value;
  }
  return out as Overrides;
}

/** A validated small scenario. */
export function smallScenario(knobs: Partial<SmallKnobs> = {}, extra: Overrides = {}): Scenario {
  return scenarioWith(smallOverrides(knobs, extra));
}

/** Every queue discipline the schema offers. */
export const DISCIPLINES = ['fifo', 'legacy-first', 'streams-priority', 'streams-share'] as const;

/** Random small knobs: every discipline, loads from light to overloaded, 12–24 months. */
export const smallKnobs: fc.Arbitrary<SmallKnobs> = fc.record({
  months: fc.integer({ min: 12, max: 24 }),
  backlogCases: fc.integer({ min: 0, max: 3_000 }),
  claimsPeoplePerYear: fc.integer({ min: 0, max: 8_000 }),
  headcount: fc.integer({ min: 0, max: 150 }),
  appealCases: fc.integer({ min: 0, max: 500 }),
  returnCases: fc.integer({ min: 0, max: 600 }),
  determinationsPerMonth: fc.integer({ min: 0, max: 200 }),
  enforcedPerMonth: fc.integer({ min: 0, max: 60 }),
  dispersalPlaces: fc.integer({ min: 0, max: 3_000 }),
  largeSitePlaces: fc.integer({ min: 0, max: 500 }),
  discipline: fc.constantFrom(...DISCIPLINES),
});

/** A replication seed. */
export const seedArb = fc.integer({ min: 0, max: 0x7fffffff });
