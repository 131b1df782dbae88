/**
 * Stage 6 — returns. Cases whose appeal rights are exhausted, and inadmissible cases, enter the
 * returns pool. Whether a case can be returned at all depends on its nationality; returnable
 * cases queue for enforced removal, served by returns staff with a capacity in returns per month;
 * the others are in limbo. Both may depart voluntarily or abscond at constant hazards while they
 * wait (a removal already under way is not interrupted). Cases being removed still count as
 * awaiting return until they leave.
 */
import { Station } from '../engine/index.js';
import { keyedUniform, LognormalFromUniform } from '../engine/keyed.js';
import { Stage } from './cases.js';
import { byNationality, isFastTrack, NATIONALITIES } from './nationalities.js';
import { Kind } from './events.js';
import { Series } from './observe.js';
import { dailySchedule, monthNow, monthlySchedule, ratedServers, type Horizon } from './horizon.js';
import { choice, num, schedule, type Resolved } from './declarations.js';
import type { World } from './world.js';

const PURPOSE_RETURNABLE = 41;
const PURPOSE_DEPARTURE_TIME = 42;
const PURPOSE_DEPARTURE_KIND = 43;
const PURPOSE_REMOVAL = 44;
/** Removals vary around their mean with a coefficient of variation of 0.5 (assumption). */
const REMOVAL_SHAPE = new LognormalFromUniform(0.5);
const PURPOSE_INADMISSIBLE = 45;
const PURPOSE_THIRD_COUNTRY = 46;
const DAYS_PER_YEAR = 365.25;

export const returnsParams = {
  enforcedPerMonth: schedule({
    lever: { label: 'Extra enforced returns', cost: { parameter: 'costs.enforcedReturnCost', per: 'month' } },
    label: 'Enforced returns capacity',
    description: 'Enforced returns of asylum cases the Home Office can carry out per month.',
    unit: 'returns/month',
    interpolation: 'step',
    min: 0,
    max: 1_000_000,
  }),
  asylumShareOfEnforced: num({
    label: 'Asylum share of enforced returns',
    description: 'Share of all enforced returns (the record counts every immigration return, foreign national offenders included) that are of asylum cases; the backtest reads the asylum capacity from the record with it.',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  removalDays: num({
    label: 'Time to carry out a removal',
    description: 'Mean days from a case being taken up by returns staff to its removal.',
    unit: 'days',
    min: 1,
    max: 1000,
  }),
  returnable: byNationality((n, label) =>
    num({
      label: `Returnable share: ${label}`,
      description: `Share of ${n === 'other' ? 'cases of other nationalities' : `${label} cases`} in the returns pool that can be removed (documents, a route and a receiving country). At least a half makes the nationality "returnable": fast-tracked by the returns unit.`,
      unit: 'share',
      min: 0,
      max: 1,
      // Decisions triage claims by these shares; without a returns stage no nationality is returnable.
      neutral: 0,
    }),
  ),
  voluntaryPerYear: num({
    label: 'Voluntary departure hazard',
    description: 'Rate per year at which a case waiting in the returns pool or in limbo leaves voluntarily.',
    unit: 'per year',
    min: 0,
    max: 50,
  }),
  abscondPerYear: num({
    label: 'Absconding hazard',
    description: 'Rate per year at which a waiting case loses contact (absconds).',
    unit: 'per year',
    min: 0,
    max: 50,
  }),
  /** Lever: a returns unit — staff adding enforced-returns capacity, and fast-track triage. */
  unit: {
    staff: schedule({
      label: 'Returns unit staff',
      description: 'Staff of a dedicated returns unit over time (0 before it starts); they add to the enforced-returns capacity.',
      unit: 'staff',
      interpolation: 'step',
      min: 0,
      max: 100_000,
    }),
    returnsPerStaffMonth: num({
      label: 'Enforced returns per returns-unit staff member',
      description: 'Enforced returns a returns-unit staff member adds per month (caseworkers, escorts and detention staff together).',
      unit: 'returns/staff-month',
      min: 0,
      max: 50,
    }),
    costPerStaffYear: num({
      label: 'Cost of a returns-unit staff member',
      description: 'Fully loaded yearly cost of a returns-unit staff member (removal costs themselves are costs.enforcedReturnCost).',
      unit: 'GBP/staff-year',
      min: 0,
      max: 1_000_000,
    }),
    fastTrack: choice({
      label: 'Fast-track returnable nationalities',
      description: 'on: claims from returnable nationalities (not legacy) are decided before other claims (streams-share: by their share, as before), with the effort decisions.streamEffort.fastTrack, and go first in the enforced-returns queue.',
      options: ['off', 'on'] as const,
      // Read by decisions' queue; without a returns stage there is no returns unit to fast-track for.
      neutral: 'off',
    }),
  },
  /** Lever: a third-country removal scheme (the 2022–23 Rwanda scheme) and the inadmissibility rule. */
  thirdCountry: {
    inadmissibleShare: schedule({
      label: 'Small-boat arrivals held as inadmissible',
      description: 'Share of small-boat arrivals whose claims are inadmissible from each date: their claims are not decided; they are held for removal (in support) until removed to a third country, they depart or abscond.',
      unit: 'share',
      interpolation: 'step',
      min: 0,
      max: 1,
    }),
    removalsPerYear: schedule({
      label: 'Third-country removal capacity',
      description: 'Held cases the third country accepts per year, from each date (0 before the scheme operates).',
      unit: 'cases/year',
      interpolation: 'step',
      min: 0,
      max: 1_000_000,
    }),
    removalDays: num({
      label: 'Time to carry out a third-country removal',
      description: 'Mean days from a held case being taken up for removal to the flight.',
      unit: 'days',
      min: 1,
      max: 1000,
    }),
    costPerPerson: num({
      label: 'Cost per person removed to a third country',
      description: 'Cost per person relocated: payment to the third country, flights and escorts, processing.',
      unit: 'GBP/person',
      min: 0,
      max: 10_000_000,
    }),
    fixedCostPerYear: schedule({
      label: 'Fixed cost of the third-country scheme',
      description: 'Payments to the third country not tied to removals (economic development fund, set-up), per year from each date.',
      unit: 'GBP/year',
      interpolation: 'step',
      min: 0,
      max: 100_000_000_000,
    }),
  },
};
export type ReturnsParams = Resolved<typeof returnsParams>;

/** Enforced-returns capacity each month: the path plus the returns unit's staff × output. */
export function enforcedCapacity(r: ReturnsParams, horizon: Horizon): Float64Array {
  const staff = monthlySchedule(r.unit.staff, 'step', horizon);
  return monthlySchedule(r.enforcedPerMonth, 'step', horizon).map((x, m) => x + staff[m] * r.unit.returnsPerStaffMonth);
}

export class Returns {
  readonly station: Station;
  /** The third-country scheme's removals of held (inadmissible) cases. */
  readonly thirdCountry: Station;
  private readonly returnable: Float64Array;
  /** Mean days of a removal, by month (see ratedServers). */
  private readonly removalDays: Float64Array;
  private readonly thirdDays: Float64Array;
  private readonly inadmissibleByDay: Float64Array;

  constructor(private readonly w: World, private readonly base: number) {
    const r = w.scenario.returns;
    this.returnable = Float64Array.from(NATIONALITIES, (n) => r.returnable[n]);
    const times = Array.from(w.horizon.bounds.subarray(0, w.horizon.months));
    // Saturated returns staff carry out exactly their capacity each month.
    const rated = ratedServers(enforcedCapacity(r, w.horizon), r.removalDays);
    this.removalDays = rated.meanDays;
    const fastTrack = r.unit.fastTrack === 'on';
    const fastTracked = Uint8Array.from(NATIONALITIES, (n) => (isFastTrack(r.returnable[n]) ? 1 : 0));
    this.station = new Station(w.sim, {
      name: 'enforced returns',
      servers: { times, servers: rated.servers },
      streams: fastTrack ? 2 : 1,
      discipline: fastTrack ? 'priority' : 'fifo',
      completionKind: Kind.returnDone,
      // Called once, when returns staff take the case up: from then on the removal goes ahead.
      serviceTime: (id) => this.takeUp(id),
    });
    this.streamOf = fastTrack ? (id) => (fastTracked[w.cases.nationality[id]] === 1 ? 0 : 1) : () => 0;
    const third = ratedServers(
      monthlySchedule(r.thirdCountry.removalsPerYear, 'step', w.horizon).map((x) => x / 12),
      r.thirdCountry.removalDays,
    );
    this.thirdDays = third.meanDays;
    this.thirdCountry = new Station(w.sim, {
      name: 'third-country removals',
      servers: { times, servers: third.servers },
      completionKind: Kind.thirdCountryDone,
      serviceTime: (id) => {
        w.cases.stage[id] = Stage.removingThirdCountry;
        return REMOVAL_SHAPE.sample(keyedUniform(this.base, id, PURPOSE_THIRD_COUNTRY), this.thirdDays[monthNow(w)]);
      },
    });
    this.inadmissibleByDay = dailySchedule(r.thirdCountry.inadmissibleShare, 'step', w.horizon);
  }

  private readonly streamOf: (id: number) => number;

  /** Is a small-boat claim lodged today inadmissible under the rule in force? */
  inadmissibleOnArrival(id: number, day: number): boolean {
    const share = this.inadmissibleByDay[day];
    return share > 0 && keyedUniform(this.base, id, PURPOSE_INADMISSIBLE) < share;
  }

  /** An inadmissible small-boat arrival is held for third-country removal; its claim is not decided. */
  hold(id: number): void {
    const { cases, obs } = this.w;
    cases.stage[id] = Stage.heldForRemoval;
    obs.level[Series.heldForRemovalCases] += 1;
    obs.level[Series.heldForRemovalPeople] += cases.people[id];
    this.thirdCountry.arrive(id);
    this.startDepartureClock(id);
  }

  /** A third-country removal completed: the case leaves the system and support. */
  thirdCountryDone(id: number): void {
    const { cases, obs } = this.w;
    this.thirdCountry.complete();
    cases.stage[id] = Stage.returned;
    obs.level[Series.heldForRemovalCases] -= 1;
    obs.level[Series.heldForRemovalPeople] -= cases.people[id];
    obs.add(Series.exitsPeople, cases.people[id]);
    obs.add(Series.returns, 1);
    obs.add(Series.returnsThirdCountry, 1);
    // Costed per person as it happens (bookCosts adds the scheme's fixed payments).
    obs.add(Series.costThirdCountryGbp, cases.people[id] * this.w.scenario.returns.thirdCountry.costPerPerson);
    // What follows is the pack's routing (UK: support ends at once).
    const next = this.w.routes.removedToThirdCountry;
    for (let i = 0; i < next.length; i++) next[i](id);
  }

  /** A case enters the returns pool: queue for removal, or limbo; departure clock starts. */
  enter(id: number): void {
    const { cases, obs } = this.w;
    const people = cases.people[id];
    if (keyedUniform(this.base, id, PURPOSE_RETURNABLE) < this.returnable[cases.nationality[id]]) {
      cases.stage[id] = Stage.awaitingReturn;
      obs.level[Series.awaitingReturnCases] += 1;
      obs.level[Series.awaitingReturnPeople] += people;
      this.station.arrive(id, this.streamOf(id));
    } else {
      cases.stage[id] = Stage.limbo;
      obs.level[Series.limboCases] += 1;
      obs.level[Series.limboPeople] += people;
    }
    this.startDepartureClock(id);
  }

  private startDepartureClock(id: number): void {
    const { sim, horizon, scenario: p } = this.w;
    const hazard = (p.returns.voluntaryPerYear + p.returns.abscondPerYear) / DAYS_PER_YEAR;
    if (hazard > 0) {
      const t = sim.now - Math.log(keyedUniform(this.base, id, PURPOSE_DEPARTURE_TIME)) / hazard;
      if (t <= horizon.horizonDays) sim.at(t, Kind.departure, id);
    }
  }

  private takeUp(id: number): number {
    const { cases } = this.w;
    cases.stage[id] = Stage.returning;
    return REMOVAL_SHAPE.sample(keyedUniform(this.base, id, PURPOSE_REMOVAL), this.removalDays[monthNow(this.w)]);
  }

  /** Removal completed. */
  done(id: number): void {
    const { cases, obs } = this.w;
    this.station.complete();
    cases.stage[id] = Stage.returned;
    obs.level[Series.awaitingReturnCases] -= 1;
    obs.level[Series.awaitingReturnPeople] -= cases.people[id];
    obs.add(Series.exitsPeople, cases.people[id]);
    obs.add(Series.returns, 1);
    obs.add(Series.returnsEnforced, 1);
    // What follows is the pack's routing (UK: nothing — see packs/uk/pack.yaml).
    const next = this.w.routes.removed;
    for (let i = 0; i < next.length; i++) next[i](id);
  }

  /** The departure clock of a waiting case ran out: voluntary departure or absconding. */
  departure(id: number): void {
    const { cases, obs, scenario: p } = this.w;
    const stage = cases.stage[id];
    const people = cases.people[id];
    if (stage === Stage.awaitingReturn) {
      this.station.cancel(id);
      obs.level[Series.awaitingReturnCases] -= 1;
      obs.level[Series.awaitingReturnPeople] -= people;
    } else if (stage === Stage.limbo) {
      obs.level[Series.limboCases] -= 1;
      obs.level[Series.limboPeople] -= people;
    } else if (stage === Stage.heldForRemoval) {
      this.thirdCountry.cancel(id);
      obs.level[Series.heldForRemovalCases] -= 1;
      obs.level[Series.heldForRemovalPeople] -= people;
    } else return; // removal under way or already done
    const voluntaryShare = p.returns.voluntaryPerYear / (p.returns.voluntaryPerYear + p.returns.abscondPerYear);
    if (keyedUniform(this.base, id, PURPOSE_DEPARTURE_KIND) < voluntaryShare) {
      cases.stage[id] = Stage.departed;
      obs.add(Series.returns, 1);
      obs.add(Series.returnsVoluntary, 1);
    } else {
      cases.stage[id] = Stage.absconded;
      obs.add(Series.absconded, 1);
    }
    obs.add(Series.exitsPeople, people);
    // What follows is the pack's routing (UK: support ends at once).
    const next = this.w.routes.departed;
    for (let i = 0; i < next.length; i++) next[i](id);
  }
}
