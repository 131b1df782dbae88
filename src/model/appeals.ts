/**
 * Stage 5 — appeals. A refused case appeals with a probability unless it is certified (no
 * in-country right of appeal); the First-tier Tribunal, with capacity in determinations per month
 * over time, serves a FIFO queue; a share of appeals is allowed (→ grant), the rest dismissed
 * (→ appeal rights exhausted). Cases that do not appeal exhaust their rights at once.
 */
import { poisson, Station, streamRng, type Categorical, type Rng } from '../engine/index.js';
import { monthlyNationalityMix } from './nationalities.js';
import { keyedUniform, LognormalFromUniform } from '../engine/keyed.js';
import { Stage } from './cases.js';
import { Kind } from './events.js';
import { Series } from './observe.js';
import { num, schedule, type Resolved } from './declarations.js';
import type { World } from './world.js';
import { monthNow, monthlySchedule, ratedServers, type Horizon } from './horizon.js';

const PURPOSE_CERTIFIED = 31;
const PURPOSE_APPEALS = 32;
const PURPOSE_HEARING = 33;
/** Determinations vary around their mean with a coefficient of variation of 0.5 (assumption). */
const HEARING_SHAPE = new LognormalFromUniform(0.5);
const PURPOSE_ALLOWED = 34;
const PURPOSE_WITHDRAWN = 35;
const PURPOSE_ELAPSED = 36;

export const appealsParams = {
  certifiedShare: num({
    label: 'Refusals certified (no in-country appeal)',
    description: 'Share of refusals certified as clearly unfounded, with no in-country right of appeal.',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  appealRate: schedule({
    label: 'Refused cases that appeal',
    description: 'Probability that a refused (uncertified) case appeals to the First-tier Tribunal, by the month of the refusal.',
    unit: 'share',
    interpolation: 'step',
    min: 0,
    max: 1,
  }),
  determinationsPerMonth: schedule({
    lever: { label: 'Extra tribunal determinations', cost: { parameter: 'costs.tribunalPerDetermination', per: 'month' } },
    label: 'Tribunal capacity',
    description: 'Asylum appeals the First-tier Tribunal can determine per month.',
    unit: 'determinations/month',
    interpolation: 'step',
    min: 0,
    max: 1_000_000,
  }),
  hearingDays: num({
    label: 'Time an appeal spends at the tribunal',
    description: 'Mean days from an appeal being taken up to its disposal (listing, hearing, promulgation): with capacity, what sets how many appeals are outstanding (by Little\'s law, outstanding ≈ disposals per day × these days).',
    unit: 'days',
    min: 1,
    max: 2000,
  }),
  hearingDaysScale: schedule({
    label: 'Time at the tribunal over time (multiplier)',
    description: 'Multiplier on the time an appeal spends at the tribunal, by month (1 = the time above). The backtest reads it per quarter from the record by Little\'s law (outstanding over disposals per day).',
    unit: 'multiplier',
    interpolation: 'step',
    min: 0.01,
    max: 20,
  }),
  lagDays: schedule({
    label: 'Time to lodge an appeal',
    description: 'Days from a refusal to the appeal reaching the tribunal, by the month of the refusal; the case counts as awaiting appeal from the refusal.',
    unit: 'days',
    interpolation: 'step',
    min: 0,
    max: 365,
  }),
  allowedShare: schedule({
    label: 'Appeals allowed',
    description: 'Share of appeals determined (not withdrawn) that are allowed (the claimant is granted), by the month of the determination.',
    unit: 'share',
    interpolation: 'step',
    min: 0,
    max: 1,
  }),
  withdrawnShare: schedule({
    label: 'Appeals withdrawn',
    description: 'Share of appeals disposed of without a determination (withdrawn by the appellant or the Home Office, struck out), by month; their appeal rights are then exhausted.',
    unit: 'share',
    interpolation: 'step',
    min: 0,
    max: 1,
  }),
  otherPerMonth: schedule({
    label: 'Other protection appeals',
    description: 'Protection appeals reaching the tribunal from outside the initial decisions modelled here (refused further submissions, revocations of protection), per month; one person each, they join the same queue.',
    unit: 'appeals/month',
    interpolation: 'step',
    min: 0,
    max: 1_000_000,
  }),
  /** Lever: tribunal capacity on top of the path above (more judges, sitting days, hearing rooms). */
  extra: {
    determinationsPerMonth: schedule({
      label: 'Extra tribunal capacity',
      description: 'Appeal determinations per month added to the tribunal capacity from each date (e.g. judges × determinations per judge-month).',
      unit: 'determinations/month',
      interpolation: 'step',
      min: 0,
      max: 1_000_000,
    }),
    costPerDetermination: num({
      label: 'Cost of extra tribunal capacity',
      description: 'Standing cost per determination of extra monthly capacity (judges, sitting days, rooms), paid whether or not it is used; determinations made are also costed at costs.tribunalPerDetermination.',
      unit: 'GBP/determination',
      min: 0,
      max: 1_000_000,
    }),
  },
};

/** Tribunal capacity each month: the path plus the lever's extra capacity. */
export function tribunalCapacity(a: AppealsParams, horizon: Horizon): Float64Array {
  const extra = monthlySchedule(a.extra.determinationsPerMonth, 'step', horizon);
  return monthlySchedule(a.determinationsPerMonth, 'step', horizon).map((x, m) => x + extra[m]);
}
export type AppealsParams = Resolved<typeof appealsParams>;

export class Appeals {
  readonly station: Station;
  /** Mean days of a determination, by month (see ratedServers). */
  private readonly hearingDays: Float64Array;
  /** Appeal rate, withdrawn and allowed shares, by month. */
  private readonly appealRate: Float64Array;
  private readonly withdrawnShare: Float64Array;
  private readonly allowedShare: Float64Array;
  /** Days to lodge an appeal after a refusal, by month. */
  private readonly lagDays: Float64Array;
  /** Ids of the appeals pending at the start (the snapshot adds them in one block). */
  private pendingFrom = 0;
  private pendingTo = 0;

  /** Other protection appeals expected per day, by month; their draws and nationality groups. */
  private readonly otherPerDay: Float64Array;
  private readonly rng: Rng;
  /** Nationalities of other appeals, by month: that of claims. */
  private readonly otherNationality: Categorical[];

  constructor(private readonly w: World, private readonly base: number) {
    const a = w.scenario.appeals;
    const other = monthlySchedule(a.otherPerMonth, 'step', w.horizon);
    this.otherPerDay = other.map((x, m) => x / (w.horizon.bounds[m + 1] - w.horizon.bounds[m]));
    this.rng = streamRng(w.seed, 'appeals', w.replication);
    this.otherNationality = monthlyNationalityMix(w.scenario.arrivals.nationalityMix, w.horizon);
    this.appealRate = monthlySchedule(a.appealRate, 'step', w.horizon);
    this.withdrawnShare = monthlySchedule(a.withdrawnShare, 'step', w.horizon);
    this.allowedShare = monthlySchedule(a.allowedShare, 'step', w.horizon);
    this.lagDays = monthlySchedule(a.lagDays, 'step', w.horizon);
    // A saturated tribunal determines exactly its capacity each month.
    const days = monthlySchedule(a.hearingDaysScale, 'step', w.horizon).map((k) => k * a.hearingDays);
    const rated = ratedServers(tribunalCapacity(a, w.horizon), days);
    this.hearingDays = rated.meanDays;
    this.station = new Station(w.sim, {
      name: 'tribunal',
      servers: { times: Array.from(w.horizon.bounds.subarray(0, w.horizon.months)), servers: rated.servers },
      completionKind: Kind.appealDone,
      serviceTime: (id) => {
        const mean = this.hearingDays[monthNow(w)];
        const days = HEARING_SHAPE.sample(keyedUniform(this.base, id, PURPOSE_HEARING), mean);
        // An appeal pending at the start has been at the tribunal for a while: it has the rest of
        // its time to go (a uniform share of it), or the tribunal would dispose of nothing for months.
        return w.sim.now === 0 && id >= this.pendingFrom && id < this.pendingTo ? days * keyedUniform(this.base, id, PURPOSE_ELAPSED) : days;
      },
    });
  }

  /** Start of a day: the day's other protection appeals arrive at the tribunal (not in support). */
  day(day: number): void {
    const month = this.w.horizon.monthOfDay[day];
    const rate = this.otherPerDay[month];
    if (rate <= 0) return;
    const { cases, obs } = this.w;
    const n = poisson(this.rng, rate);
    for (let i = 0; i < n; i++) {
      const id = cases.add(day, month, 1, this.otherNationality[month].sample(this.rng), 1);
      obs.add(Series.otherAppealsCases, 1);
      this.lodge(id, false);
    }
  }

  /** An initial refusal: appeal, or appeal rights exhausted now. */
  refused(id: number): void {
    const { scenario: p } = this.w;
    const certified = keyedUniform(this.base, id, PURPOSE_CERTIFIED) < p.appeals.certifiedShare;
    const m = monthNow(this.w);
    if (certified || keyedUniform(this.base, id, PURPOSE_APPEALS) >= this.appealRate[m]) {
      this.exhausted(id);
      return;
    }
    // Awaiting appeal from now; at the tribunal once the appeal is lodged.
    this.await(id);
    this.w.sim.at(this.w.sim.now + this.lagDays[m], Kind.appealLodged, id);
  }

  /** The appeal of a refused case reaches the tribunal. */
  lodged(id: number): void {
    const { obs } = this.w;
    obs.add(Series.tribunalReceipts, 1);
    obs.add(Series.appealsLodged, 1);
    this.station.arrive(id);
  }

  private await(id: number): void {
    const { cases, obs } = this.w;
    cases.stage[id] = Stage.awaitingAppeal;
    obs.level[Series.awaitingAppealCases] += 1;
    obs.level[Series.awaitingAppealPeople] += cases.people[id];
  }

  /**
   * Join the tribunal queue at once: an appeal pending at the start (not a new receipt), or another
   * protection appeal (a receipt, but not an appeal lodged after an initial refusal).
   */
  lodge(id: number, pendingAtStart: boolean): void {
    if (pendingAtStart) {
      if (this.pendingTo === this.pendingFrom) this.pendingFrom = id;
      this.pendingTo = id + 1;
    }
    this.await(id);
    if (!pendingAtStart) this.w.obs.add(Series.tribunalReceipts, 1);
    this.station.arrive(id);
  }

  done(id: number): void {
    const { cases, obs, routes } = this.w;
    this.station.complete();
    obs.level[Series.awaitingAppealCases] -= 1;
    obs.level[Series.awaitingAppealPeople] -= cases.people[id];
    obs.add(Series.appealsDisposed, 1);
    const m = monthNow(this.w);
    if (keyedUniform(this.base, id, PURPOSE_WITHDRAWN) < this.withdrawnShare[m]) {
      obs.add(Series.appealsWithdrawn, 1);
      this.exhausted(id);
    } else if (keyedUniform(this.base, id, PURPOSE_ALLOWED) < this.allowedShare[m]) {
      cases.stage[id] = Stage.granted;
      obs.add(Series.appealsAllowed, 1);
      obs.add(Series.exitsPeople, cases.people[id]);
      for (let i = 0; i < routes.allowed.length; i++) routes.allowed[i](id);
    } else {
      obs.add(Series.appealsDismissed, 1);
      this.exhausted(id);
    }
  }

  /** Appeal rights exhausted: where the case goes is the pack's routing (UK: support ends, returns). */
  private exhausted(id: number): void {
    const next = this.w.routes.exhausted;
    for (let i = 0; i < next.length; i++) next[i](id);
  }
}
