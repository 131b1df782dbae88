/**
 * The starting state: the observed stocks on the day before the scenario starts (30 June 2023 for
 * the built-in scenarios). The backlog is created case by case with an age profile (under six
 * months, six to twelve months, the legacy backlog older than that) so that waits and
 * legacy-first rules act on realistic ages; dependants are spread so the people total is exact;
 * appeals pending and the returns pool start as queues; a share of cases is in support so that
 * supported people match the record in expectation.
 */
import { Categorical, sortedUniforms, streamRng, type Rng } from '../engine/index.js';
import { daysBetween, monthBounds, monthLabel } from './dates.js';
import { Stage } from './cases.js';
import { LEGACY_CUTOFF } from './decisions.js';
import { byNationality, NATIONALITIES } from './nationalities.js';
import { MAX_SNAPSHOT_AGE_MONTHS } from './observe.js';
import { num, type Resolved } from './declarations.js';
import type { World } from './world.js';
import { LIMITS } from './limits.js';

/** A starting count. Observed counts are facts of the record, not uncertain inputs: `fixed` (an assumed count is not). */
const count = (label: string, unit: 'cases' | 'people', description: string, fixed: boolean) =>
  num({ label, description, unit, min: 0, max: LIMITS.maxPopulation, integer: true, fixed });

export const snapshotParams = {
  awaitingDecisionCases: count('Awaiting an initial decision (cases)', 'cases', 'Cases awaiting an initial decision at the start.', true),
  awaitingDecisionPeople: count('Awaiting an initial decision (people)', 'people', 'People (with dependants) awaiting an initial decision at the start.', true),
  over6mPeople: count('Waiting more than six months (people)', 'people', 'People awaiting an initial decision for more than six months at the start.', true),
  legacyCases: count('Legacy backlog (cases)', 'cases', 'Cases of the legacy backlog (claims lodged before 28 June 2022) still awaiting a decision at the start.', true),
  oldestClaimMonths: num({
    label: 'Age of the oldest claims',
    description: 'Legacy claims are spread evenly between the legacy cut-off and this many months before the start.',
    unit: 'months',
    min: 13,
    max: MAX_SNAPSHOT_AGE_MONTHS,
    integer: true,
  }),
  awaitingAppealCases: count('Appeals pending (cases)', 'cases', 'Asylum appeals outstanding at the First-tier Tribunal at the start.', true),
  awaitingReturnCases: count('Returns pool (cases)', 'cases', 'Cases with appeal rights exhausted still in the UK and not in limbo at the start.', false),
  nationalityMix: byNationality((n, label) =>
    num({
      label: `Share of the backlog: ${label}`,
      description: `Share of the cases awaiting an initial decision at the start (and of the appeals and returns pools, whose mix is not published) that are ${n === 'other' ? 'of nationalities other than the twelve named' : `${label} nationals`}. The shares are weights: each is divided by their sum.`,
      unit: 'share',
      min: 0,
      max: 1,
      fixed: true,
    }),
  ),
  inSupportPeople: count('People in asylum support', 'people', 'People receiving asylum support at the start.', true),
};
export type SnapshotParams = Resolved<typeof snapshotParams>;

const DAYS_PER_MONTH = 30.4375;

/** Create the starting stocks in the world (at time 0, before any event). */
export function seedSnapshot(w: World): void {
  const { accommodation, appeals, returns } = w;
  // The pack's stages list allows the snapshot only with these (routing.ts, stagesSchema).
  if (!accommodation || !appeals || !returns) throw new Error('the snapshot seeds accommodation, appeals and returns: a pack runs them with it');
  const s = w.scenario.snapshot;
  const rng = streamRng(w.seed, 'snapshot', w.replication);
  const start = w.horizon.start;
  const legacyDay = daysBetween(start, LEGACY_CUTOFF);
  // People per case of the backlog; of new claims when there is no backlog to measure it on.
  const peoplePerCase = s.awaitingDecisionCases > 0 ? s.awaitingDecisionPeople / s.awaitingDecisionCases : w.scenario.arrivals.peoplePerCase;
  const over6mCases = Math.min(s.awaitingDecisionCases, Math.round(s.over6mPeople / peoplePerCase));
  const sixMonths = -182.625;
  // Starting before the legacy cut-off (a backtest), every claim older than six months is legacy.
  const legacyEnd = Math.min(legacyDay, sixMonths);
  const legacy = legacyDay >= sixMonths ? over6mCases : Math.min(s.legacyCases, over6mCases);
  // Age bands: [oldest, legacy cut-off), [cut-off, six months ago), [six months ago, start).
  const bands: [number, number, number][] = [
    [-s.oldestClaimMonths * DAYS_PER_MONTH, legacyEnd, legacy],
    [legacyEnd, sixMonths, over6mCases - legacy],
    [sixMonths, 0, s.awaitingDecisionCases - over6mCases],
  ];
  const mix = backlogMix(w);
  const monthOf = monthOffsetFinder(start);
  const backlogDependants = s.awaitingDecisionPeople - s.awaitingDecisionCases;
  const eligible = s.awaitingDecisionPeople + s.awaitingAppealCases * peoplePerCase;
  const supportShare = eligible > 0 ? Math.min(1, s.inSupportPeople / eligible) : 0;
  const first = w.cases.count;
  for (const [from, to, n] of bands) addCases(w, rng, monthOf, mix, sortedUniform(rng, n, from, to));
  spreadDependants(w, rng, first, w.cases.count, backlogDependants);
  for (let id = first; id < w.cases.count; id++) {
    w.cases.stage[id] = Stage.awaitingDecision;
    accommodation.maybeEnter(id, supportShare);
    w.decisions.enqueue(id, true);
  }
  // Appeals pending: claims lodged one to two years earlier (assumption; only the count matters).
  const appealsFrom = w.cases.count;
  addCases(w, rng, monthOf, mix, sortedUniform(rng, s.awaitingAppealCases, -730, -365));
  spreadDependants(w, rng, appealsFrom, w.cases.count, Math.round(s.awaitingAppealCases * (peoplePerCase - 1)));
  for (let id = appealsFrom; id < w.cases.count; id++) {
    accommodation.maybeEnter(id, supportShare);
    appeals.lodge(id, true);
  }
  // Returns pool: cases whose rights were exhausted in the previous two years; not in support.
  const returnsFrom = w.cases.count;
  addCases(w, rng, monthOf, mix, sortedUniform(rng, s.awaitingReturnCases, -1095, -365));
  spreadDependants(w, rng, returnsFrom, w.cases.count, Math.round(s.awaitingReturnCases * (peoplePerCase - 1)));
  for (let id = returnsFrom; id < w.cases.count; id++) returns.enter(id);
}

/**
 * Month offsets of days before the start. The snapshot's days come sorted, so the answer is found
 * by stepping from the previous one (a step or two) rather than searching all months each time.
 */
function monthOffsetFinder(start: string): (day: number) => number {
  const firsts = monthBounds(monthLabel(start, -MAX_SNAPSHOT_AGE_MONTHS) + '-01', MAX_SNAPSHOT_AGE_MONTHS);
  const shift = firsts[MAX_SNAPSHOT_AGE_MONTHS];
  let k = 0;
  return (day: number) => {
    // Largest k with firsts[k] - shift <= day (0 if none).
    while (k < MAX_SNAPSHOT_AGE_MONTHS && firsts[k + 1] - shift <= day) k++;
    while (k > 0 && firsts[k] - shift > day) k--;
    return k - MAX_SNAPSHOT_AGE_MONTHS;
  };
}

/**
 * Adds a case on each of `days` (claim days, sorted), each with a route drawn by the small-boat
 * share of claims (so a policy that holds one route's claims reaches the starting backlog too)
 * and a nationality from the backlog's mix.
 */
function addCases(w: World, rng: Rng, monthOf: (day: number) => number, mix: BacklogMix, days: Float64Array): void {
  const cases = w.cases;
  for (let i = 0; i < days.length; i++) {
    const day = days[i];
    const route = rng.uniform() < mix.smallBoatShare ? 0 : 1;
    cases.add(day, monthOf(day), 1, mix.nationality.sample(rng), route);
  }
}

interface BacklogMix {
  readonly smallBoatShare: number;
  readonly nationality: Categorical;
}

/** The starting backlog's mix of routes (that of claims) and of nationalities. */
function backlogMix(w: World): BacklogMix {
  const s = w.scenario.snapshot;
  return { smallBoatShare: w.scenario.arrivals.smallBoatShare, nationality: new Categorical(NATIONALITIES.map((n) => s.nationalityMix[n])) };
}

/** n sorted uniform times in [from, to): oldest first, so FIFO queues start in claim order. */
function sortedUniform(rng: Rng, n: number, from: number, to: number): Float64Array {
  const u = sortedUniforms(rng, Math.max(0, n));
  // from + (to - from)·u is monotone in u (decreasing if to < from), so this is the sorted set of
  // the times the draws give, without a comparison sort. Computed in place: u is ours alone.
  const width = to - from;
  if (to < from) u.reverse();
  for (let i = 0; i < u.length; i++) u[i] = from + width * u[i];
  return u;
}

/** Give `dependants` people to the cases [from, to) at random, so the total is exact. */
function spreadDependants(w: World, rng: Rng, from: number, to: number, dependants: number): void {
  const n = to - from;
  if (n <= 0) return;
  for (let k = 0; k < dependants; k++) {
    const id = from + rng.int(n);
    if (w.cases.people[id] < 255) w.cases.people[id] += 1;
  }
}
