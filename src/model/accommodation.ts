/**
 * Stage 3 — accommodation and support. A share of claimants enter asylum support; supported people
 * are housed in dispersal places first, then large sites (barges, former military sites), and the
 * rest overflow into hotels. Places follow capacity paths over time, and people move between types
 * as places free up (a pooled allocation: the model tracks how many people are in each type, not
 * which). People leave support a set number of days after a grant, a withdrawal or the end of
 * their appeal rights. Person-nights by type are integrated exactly between changes.
 */
import { keyedUniform } from '../engine/keyed.js';
import { Stage } from './cases.js';
import { Ring } from '../engine/ring.js';
import { Series } from './observe.js';
import { dailySchedule, monthlySchedule, monthNow } from './horizon.js';
import { num, schedule, type Resolved } from './declarations.js';
import type { World } from './world.js';
import { LIMITS } from './limits.js';

/** Keyed-random purposes (see engine/keyed.ts) used by this stage. */
const PURPOSE_SUPPORTED = 11;
const PURPOSE_FAMILY = 12;
const PURPOSE_LEAVE_WAITING = 13;
const DAYS_PER_YEAR = 365.25;

export const accommodationParams = {
  supportShare: num({
    label: 'Share of claimants in asylum support',
    description: 'Probability that a new claim (with its dependants) enters asylum support while it waits.',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  leaveWhileWaitingPerYear: num({
    label: 'Leaving support while waiting',
    description: 'Rate per year at which supported people awaiting an initial decision leave support before it (to live with family or friends, for breaching its conditions, or to disappear): the longer the wait, the smaller the share of the backlog in support.',
    unit: 'per year',
    min: 0,
    max: 5,
  }),
  moveOnDaysAfterGrant: schedule({
    label: 'Move-on period after a grant',
    description: 'Days a refugee stays in asylum support after the grant before having to leave, by the month of the grant.',
    unit: 'days',
    interpolation: 'step',
    min: 0,
    max: 365,
  }),
  supportEndDaysAfterRefusal: num({
    label: 'Support end after appeal rights exhausted',
    description: 'Mean days a refused, withdrawn or inadmissible case without children stays in support after its last decision.',
    unit: 'days',
    min: 0,
    max: 3650,
  }),
  supportEndDaysAfterWithdrawal: num({
    label: 'Support end after a withdrawal',
    description: 'Mean days a case whose claim is withdrawn (explicitly, or implicitly for non-engagement) stays in support afterwards.',
    unit: 'days',
    min: 0,
    max: 3650,
  }),
  familyShare: num({
    label: 'Cases with dependants that are families with children',
    description: 'Share of supported cases with dependants that are families with children under 18: they keep section 95 support after refusal until they leave the UK (or for the period below).',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  familySupportDaysAfterRefusal: num({
    label: 'Support of refused families with children',
    description: 'Mean days a refused family with children stays in support after appeal rights are exhausted, unless it leaves the UK first.',
    unit: 'days',
    min: 0,
    max: 3650,
  }),
  dispersalPlaces: schedule({
    lever: { label: 'Extra dispersal places', cost: { parameter: 'costs.dispersalPerNight', per: 'night' } },
    label: 'Dispersal accommodation places',
    description: 'Places in dispersal housing (and initial accommodation) over time; supported people beyond dispersal and large sites are in hotels.',
    unit: 'places',
    interpolation: 'linear',
    min: 0,
    max: LIMITS.maxPopulation,
  }),
  largeSitePlaces: schedule({
    lever: { label: 'Extra large-site places', cost: { parameter: 'costs.largeSitePerNight', per: 'night' } },
    label: 'Large-site places (barges, former military sites)',
    description: 'Places on large sites over time.',
    unit: 'places',
    interpolation: 'linear',
    min: 0,
    max: LIMITS.maxPopulation,
  }),
  hotelPlaces: schedule({
    label: 'Hotel places (capacity path)',
    description: 'Hotel places over time, e.g. falling to 0 by a date to end hotel use. Supported people who fit nowhere else are still kept in hotels (they cannot be put on the street): they count in hotels and, beyond this path, as hotel overflow (series hotelOverflowPeople), which shows whether a closure is feasible.',
    unit: 'places',
    interpolation: 'linear',
    min: 0,
    max: LIMITS.maxPopulation,
    fixed: true,
  }),
};
export type AccommodationParams = Resolved<typeof accommodationParams>;

/**
 * Exits from support after a fixed delay (move-on after a grant, end of support after refusal)
 * come due in the order they were scheduled, so a FIFO per delay replaces a calendar event per
 * case: hundreds of thousands fewer events in a run, with the same exit times.
 */
class ExitLine {
  /**
   * The engine's FIFO ring: entity = case, since = the time the exit is due. Borrowed from the
   * simulation, which lends it again, grown, in the next replication of this thread.
   */
  constructor(
    readonly delay: number,
    private readonly ring: Ring,
  ) {}

  get size(): number {
    return this.ring.length;
  }

  get headTime(): number {
    return this.ring.since[this.ring.head];
  }

  push(time: number, id: number): void {
    this.ring.push(id, 0, time, 0);
  }

  shift(): number {
    const id = this.ring.entity[this.ring.head];
    this.ring.shift();
    return id;
  }
}

export class Accommodation {
  private people = 0;
  private dispersalCap = 0;
  private largeCap = 0;
  private hotel = 0;
  private large = 0;
  private dispersal = 0;
  private last = 0;
  private nightsHotel = 0;
  private nightsLarge = 0;
  private nightsDispersal = 0;
  private readonly dispersalByDay: Float64Array;
  private readonly largeByDay: Float64Array;
  private readonly hotelByDay: Float64Array;
  private hotelCap = 0;
  private readonly base: number;
  /** Move-on days after a grant, by month (whole days, so grants of a month share an exit line). */
  private readonly moveOnDays: Float64Array;
  /** Pending exits from support, one FIFO line per delay (see leaveAfter). */
  private readonly exits: ExitLine[] = [];
  /**
   * Supported people who leave while awaiting a decision (a constant hazard) leave at the start of
   * the day after their time comes, if they are still waiting: one list of cases per day, linked through
   * `leavingNext`, so a leaver costs a few array writes, neither an event nor a heap operation.
   */
  private readonly leavingHead: Int32Array;
  private leavingNext: Int32Array;
  private readonly leaveWhileWaitingPerDay: number;
  /** No pending exit is due before this time (a lower bound, exact after each accrue). */
  private nextExit = Infinity;

  constructor(private readonly w: World, base: number) {
    this.base = base;
    this.dispersalByDay = dailySchedule(w.scenario.accommodation.dispersalPlaces, 'linear', w.horizon);
    this.largeByDay = dailySchedule(w.scenario.accommodation.largeSitePlaces, 'linear', w.horizon);
    this.dispersalCap = this.dispersalByDay[0];
    this.largeCap = this.largeByDay[0];
    this.hotelByDay = dailySchedule(w.scenario.accommodation.hotelPlaces, 'linear', w.horizon);
    this.hotelCap = this.hotelByDay[0];
    this.moveOnDays = monthlySchedule(w.scenario.accommodation.moveOnDaysAfterGrant, 'step', w.horizon).map(Math.round);
    this.leaveWhileWaitingPerDay = w.scenario.accommodation.leaveWhileWaitingPerYear / DAYS_PER_YEAR;
    this.leavingHead = new Int32Array(w.horizon.horizonDays).fill(-1);
    this.leavingNext = new Int32Array(this.leaveWhileWaitingPerDay > 0 ? Math.max(16, w.cases.capacity) : 0);
  }

  /** A claim was lodged: its people enter support with the configured probability. */
  claimLodged(id: number): void {
    if (keyedUniform(this.base, id, PURPOSE_SUPPORTED) < this.w.scenario.accommodation.supportShare) this.enter(id);
  }

  /** Enter support with probability `share` (the snapshot's own share). */
  maybeEnter(id: number, share: number): void {
    if (keyedUniform(this.base, id, PURPOSE_SUPPORTED) < share) this.enter(id);
  }

  enter(id: number): void {
    const { cases } = this.w;
    if (cases.supported[id]) return;
    this.accrue();
    cases.supported[id] = 1;
    this.people += cases.people[id];
    this.allocate();
    if (this.leaveWhileWaitingPerDay > 0 && cases.stage[id] === Stage.awaitingDecision) this.leaveWhileWaiting(id);
  }

  /** Put a waiting case on the list of the day after its time to leave comes (an exponential time from now), if within the run. */
  private leaveWhileWaiting(id: number): void {
    const day = Math.floor(this.w.sim.now - Math.log(1 - keyedUniform(this.base, id, PURPOSE_LEAVE_WAITING)) / this.leaveWhileWaitingPerDay) + 1;
    if (day >= this.leavingHead.length) return;
    if (id >= this.leavingNext.length) {
      const grown = new Int32Array(Math.max(id + 1, this.leavingNext.length * 2));
      grown.set(this.leavingNext);
      this.leavingNext = grown;
    }
    this.leavingNext[id] = this.leavingHead[day];
    this.leavingHead[day] = id;
  }

  /** A grant: the case leaves support after this month's move-on period. */
  leaveAfterGrant(id: number): void {
    this.leaveAfter(id, this.moveOnDays[monthNow(this.w)]);
  }

  /**
   * Appeal rights exhausted (or a claim inadmissible): a family with children keeps support for
   * long, other households for the period after the last decision.
   */
  leaveAfterRefusal(id: number): void {
    const a = this.w.scenario.accommodation;
    const family = this.w.cases.people[id] > 1 && keyedUniform(this.base, id, PURPOSE_FAMILY) < a.familyShare;
    this.leaveAfter(id, family ? a.familySupportDaysAfterRefusal : a.supportEndDaysAfterRefusal);
  }

  /** A claim withdrawn: the case leaves support after the short period (families too: the claim is over). */
  leaveAfterWithdrawal(id: number): void {
    this.leaveAfter(id, this.w.scenario.accommodation.supportEndDaysAfterWithdrawal);
  }

  /** Schedule the case's exit from support `days` from now (if it is supported). */
  leaveAfter(id: number, days: number): void {
    if (!this.w.cases.supported[id]) return;
    const t = this.w.sim.now + days;
    if (t > this.w.horizon.horizonDays) return;
    this.lineFor(days).push(t, id);
    if (t < this.nextExit) this.nextExit = t;
  }

  /** The exit line of a delay (a loop, not find(): no closure per exit on this hot path). */
  private lineFor(days: number): ExitLine {
    const exits = this.exits;
    for (let i = 0; i < exits.length; i++) if (exits[i].delay === days) return exits[i];
    const line = new ExitLine(days, this.w.sim.borrow(Ring));
    exits.push(line);
    return line;
  }

  leave(id: number): void {
    const { cases } = this.w;
    if (!cases.supported[id]) return;
    // Due exits are applied first; one of them may be this very case, which has then left already.
    this.accrue();
    if (!cases.supported[id]) return;
    cases.supported[id] = 0;
    this.people -= cases.people[id];
    this.allocate();
  }

  /** Start of a day: the day's leavers leave, if still waiting, and the day's capacities apply. */
  day(day: number): void {
    this.accrue();
    const cases = this.w.cases;
    for (let id = this.leavingHead[day]; id >= 0; id = this.leavingNext[id]) {
      if (!cases.supported[id] || cases.stage[id] !== Stage.awaitingDecision) continue;
      cases.supported[id] = 0;
      this.people -= cases.people[id];
    }
    this.dispersalCap = this.dispersalByDay[day];
    this.largeCap = this.largeByDay[day];
    this.hotelCap = this.hotelByDay[day];
    this.allocate();
  }

  /** Month end: book the month's person-nights. */
  closeMonth(): void {
    this.accrue();
    const { obs } = this.w;
    obs.add(Series.accommodationNightsHotel, this.nightsHotel);
    obs.add(Series.accommodationNightsLargeSite, this.nightsLarge);
    obs.add(Series.accommodationNightsDispersal, this.nightsDispersal);
    this.nightsHotel = this.nightsLarge = this.nightsDispersal = 0;
  }

  /**
   * Bring person-nights up to now. Exits that fell due since the last change are applied first, at
   * their own times, so nights are exact although exits are not calendar events.
   */
  private accrue(): void {
    const now = this.w.sim.now;
    // Most calls (every claim, every support change) come before the next exit is due.
    if (this.nextExit > now) {
      this.integrateTo(now);
      return;
    }
    for (;;) {
      let next: ExitLine | undefined;
      for (const line of this.exits) if (line.size > 0 && line.headTime <= now && (!next || line.headTime < next.headTime)) next = line;
      if (!next) break;
      const t = next.headTime;
      const id = next.shift();
      if (!this.w.cases.supported[id]) continue;
      this.integrateTo(t);
      this.w.cases.supported[id] = 0;
      this.people -= this.w.cases.people[id];
      this.allocate();
    }
    let next = Infinity;
    for (const line of this.exits) if (line.size > 0 && line.headTime < next) next = line.headTime;
    this.nextExit = next;
    this.integrateTo(now);
  }

  private integrateTo(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      this.nightsHotel += this.hotel * dt;
      this.nightsLarge += this.large * dt;
      this.nightsDispersal += this.dispersal * dt;
      this.last = now;
    }
  }

  /** Dispersal first, then large sites, then hotels take the overflow. */
  private allocate(): void {
    const p = this.people;
    this.dispersal = Math.min(p, Math.floor(this.dispersalCap));
    this.large = Math.min(p - this.dispersal, Math.floor(this.largeCap));
    this.hotel = p - this.dispersal - this.large;
    const level = this.w.obs.level;
    level[Series.inSupportPeople] = p;
    level[Series.inDispersalPeople] = this.dispersal;
    level[Series.inLargeSitesPeople] = this.large;
    level[Series.inHotelsPeople] = this.hotel;
    level[Series.hotelOverflowPeople] = Math.max(0, this.hotel - Math.floor(this.hotelCap));
  }
}
