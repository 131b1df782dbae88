/**
 * Stage 5 — appeals. A refused case appeals with a probability unless it is certified (no
 * in-country right of appeal); the First-tier Tribunal, with capacity in determinations per month
 * over time, serves a FIFO queue; a share of appeals is allowed (→ grant), the rest dismissed
 * (→ appeal rights exhausted). Cases that do not appeal exhaust their rights at once.
 */
import { Station } from '../engine/index.js';
import { keyedUniform, LognormalFromUniform } from '../engine/keyed.js';
import { Stage } from './cases.js';
import { Kind } from './events.js';
import { S } from './observe.js';
import { num, schedule, type Resolved } from './params.js';
import type { World } from './world.js';
import { monthNow, monthlySchedule, ratedServers, type Plan } from './plan.js';

const PURPOSE_CERTIFIED = 31;
const PURPOSE_APPEALS = 32;
const PURPOSE_HEARING = 33;
/** Determinations vary around their mean with a coefficient of variation of 0.5 (assumption). */
const HEARING_SHAPE = new LognormalFromUniform(0.5);
const PURPOSE_ALLOWED = 34;

export const appealsParams = {
  certifiedShare: num({
    label: 'Refusals certified (no in-country appeal)',
    description: 'Share of refusals certified as clearly unfounded, with no in-country right of appeal.',
    unit: 'share',
    default: 0.1,
    min: 0,
    max: 1,
    range: [0.05, 0.2],
    source: 'Assumption: certification applies mainly to nationals of designated safe states.',
  }),
  appealRate: num({
    label: 'Refused cases that appeal',
    description: 'Probability that a refused (uncertified) case appeals to the First-tier Tribunal.',
    unit: 'share',
    default: 0.75,
    min: 0,
    max: 1,
    range: [0.6, 0.9],
    source: 'Assumption: most refused claimants appeal; tribunal lodgements (data/ ftt_asylum_appeals_lodged) are of the order of refusals.',
  }),
  determinationsPerMonth: schedule({
    label: 'Tribunal capacity',
    description: 'Asylum appeals the First-tier Tribunal can determine per month.',
    unit: 'determinations/month',
    interpolation: 'step',
    default: [{ date: '2023-07-01', value: { series: 'appeals_determined_quarter', period: '2023Q1', scale: 1 / 3 } }],
    min: 0,
    max: 1_000_000,
    range: [0.8, 1.5],
    source: 'Home Office appeals data: appeals determined in 2023 Q1 (latest quarter), per month.',
  }),
  hearingDays: num({
    label: 'Time a determination takes',
    description: 'Mean days of tribunal work per appeal once it is taken up (listing, hearing, promulgation); capacity is what limits the queue.',
    unit: 'days',
    default: 60,
    min: 1,
    max: 1000,
    range: [30, 120],
    source: 'Assumption.',
  }),
  allowedShare: num({
    label: 'Appeals allowed',
    description: 'Share of determined appeals that are allowed (the claimant is granted).',
    unit: 'share',
    default: { series: 'appeals_allowed_share_12m', period: '2023-06', scale: 0.01 },
    min: 0,
    max: 1,
    range: [0.4, 0.6],
    source: 'Law Society, 2023 (Home Office appeals data to March 2023).',
  }),
  /** Lever: tribunal capacity on top of the path above (more judges, sitting days, hearing rooms). */
  extra: {
    determinationsPerMonth: schedule({
      label: 'Extra tribunal capacity',
      description: 'Appeal determinations per month added to the tribunal capacity from each date (e.g. judges × determinations per judge-month).',
      unit: 'determinations/month',
      interpolation: 'step',
      default: [{ date: '2023-07-01', value: 0 }],
      min: 0,
      max: 1_000_000,
      range: [0.8, 1.2],
      source: 'Policy lever: none in the status quo.',
    }),
    costPerDetermination: num({
      label: 'Cost of extra tribunal capacity',
      description: 'Standing cost per determination of extra monthly capacity (judges, sitting days, rooms), paid whether or not it is used; determinations made are also costed at costs.tribunalPerDetermination.',
      unit: 'GBP/determination',
      default: 1_000,
      min: 0,
      max: 1_000_000,
      range: [500, 2_000],
      source: 'Assumption: a fee-paid judge sitting day (about £600) determines one or two asylum appeals, plus listing and room costs.',
    }),
  },
};

/** Tribunal capacity each month: the path plus the lever's extra capacity. */
export function tribunalCapacity(a: AppealsParams, plan: Plan): Float64Array {
  const extra = monthlySchedule(a.extra.determinationsPerMonth, 'step', plan);
  return monthlySchedule(a.determinationsPerMonth, 'step', plan).map((x, m) => x + extra[m]);
}
export type AppealsParams = Resolved<typeof appealsParams>;

export class Appeals {
  readonly station: Station;
  /** Mean days of a determination, by month (see ratedServers). */
  private readonly hearingDays: Float64Array;

  constructor(private readonly w: World, private readonly base: number) {
    const a = w.p.appeals;
    // A saturated tribunal determines exactly its capacity each month.
    const rated = ratedServers(tribunalCapacity(a, w.plan), a.hearingDays);
    this.hearingDays = rated.meanDays;
    this.station = new Station(w.sim, {
      name: 'tribunal',
      servers: { times: Array.from(w.plan.bounds.subarray(0, w.plan.months)), servers: rated.servers },
      completionKind: Kind.appealDone,
      serviceTime: (id) => {
        const mean = this.hearingDays[monthNow(w)];
        return HEARING_SHAPE.sample(keyedUniform(this.base, id, PURPOSE_HEARING), mean);
      },
    });
  }

  /** An initial refusal: appeal, or appeal rights exhausted now. */
  refused(id: number): void {
    const { p } = this.w;
    const certified = keyedUniform(this.base, id, PURPOSE_CERTIFIED) < p.appeals.certifiedShare;
    if (!certified && keyedUniform(this.base, id, PURPOSE_APPEALS) < p.appeals.appealRate) this.lodge(id);
    else this.exhausted(id);
  }

  /** Join the tribunal queue; appeals already pending at the snapshot are not new lodgements. */
  lodge(id: number, pendingAtStart = false): void {
    const { cases, obs } = this.w;
    cases.stage[id] = Stage.awaitingAppeal;
    obs.level[S.awaitingAppealCases] += 1;
    obs.level[S.awaitingAppealPeople] += cases.people[id];
    if (!pendingAtStart) obs.add(S.appealsLodged, 1);
    this.station.arrive(id);
  }

  done(id: number): void {
    const { cases, obs, support, p } = this.w;
    this.station.complete();
    obs.level[S.awaitingAppealCases] -= 1;
    obs.level[S.awaitingAppealPeople] -= cases.people[id];
    if (keyedUniform(this.base, id, PURPOSE_ALLOWED) < p.appeals.allowedShare) {
      cases.stage[id] = Stage.granted;
      obs.add(S.appealsAllowed, 1);
      obs.add(S.exitsPeople, cases.people[id]);
      support.leaveAfter(id, p.accommodation.moveOnDaysAfterGrant);
    } else {
      obs.add(S.appealsDismissed, 1);
      this.exhausted(id);
    }
  }

  private exhausted(id: number): void {
    const { support, returns, p } = this.w;
    support.leaveAfter(id, p.accommodation.supportEndDaysAfterRefusal);
    returns.enter(id);
  }
}
