/**
 * Stage 6 — returns. Cases whose appeal rights are exhausted, and inadmissible cases, enter the
 * returns pool. Whether a case can be returned at all depends on its nationality group; returnable
 * cases queue for enforced removal, served by returns staff with a capacity in returns per month;
 * the others are in limbo. Both may depart voluntarily or abscond at constant hazards while they
 * wait (a removal already under way is not interrupted). Cases being removed still count as
 * awaiting return until they leave.
 */
import { Station } from '../engine/index.js';
import { keyedUniform, lognormalFromUniform } from '../engine/keyed.js';
import { GROUPS, Stage } from './cases.js';
import { Kind } from './events.js';
import { S } from './observe.js';
import { monthNow, monthlySchedule, ratedServers } from './plan.js';
import { num, schedule, type Resolved } from './params.js';
import type { World } from './world.js';

const PURPOSE_RETURNABLE = 41;
const PURPOSE_DEPARTURE_TIME = 42;
const PURPOSE_DEPARTURE_KIND = 43;
const PURPOSE_REMOVAL = 44;
const DAYS_PER_YEAR = 365.25;

const returnable = (group: string, share: number) =>
  num({
    label: `Returnable share, ${group}`,
    description: `Share of ${group} cases in the returns pool that can be removed (documents, a route and a receiving country).`,
    unit: 'share',
    default: share,
    min: 0,
    max: 1,
    range: [Math.max(0, share - 0.15), Math.min(1, share + 0.15)],
    source: 'Assumption: about 41% of refused applicants of 2010–2020 had left by mid-2022 (data/ refused_applicants_returned_share), far more for some nationalities (e.g. Albania) than others.',
  });

export const returnsParams = {
  enforcedPerMonth: schedule({
    label: 'Enforced returns capacity',
    description: 'Enforced returns of asylum cases the Home Office can carry out per month.',
    unit: 'returns/month',
    interpolation: 'step',
    default: [{ date: '2023-07-01', value: { series: 'returns_enforced_quarter', period: '2023Q2', scale: 0.5 / 3 } }],
    min: 0,
    max: 1_000_000,
    range: [0.7, 1.5],
    source: 'Home Office: enforced returns in 2023 Q2 per month (all immigration returns), of which half assumed asylum-related (assumption).',
  }),
  removalDays: num({
    label: 'Time to carry out a removal',
    description: 'Mean days from a case being taken up by returns staff to its removal.',
    unit: 'days',
    default: 30,
    min: 1,
    max: 1000,
    range: [14, 60],
    source: 'Assumption.',
  }),
  returnable: {
    highGrant: returnable('high-grant nationalities', 0.05),
    returnable: returnable('returnable nationalities', 0.85),
    other: returnable('other nationalities', 0.35),
  },
  voluntaryPerYear: num({
    label: 'Voluntary departure hazard',
    description: 'Rate per year at which a case waiting in the returns pool or in limbo leaves voluntarily.',
    unit: 'per year',
    default: 0.15,
    min: 0,
    max: 50,
    range: [0.05, 0.3],
    source: 'Assumption: voluntary returns of all kinds were about 4,800 in 2023 Q2 (data/ returns_voluntary_quarter).',
  }),
  abscondPerYear: num({
    label: 'Absconding hazard',
    description: 'Rate per year at which a waiting case loses contact (absconds).',
    unit: 'per year',
    default: 0.05,
    min: 0,
    max: 50,
    range: [0.01, 0.15],
    source: 'Assumption.',
  }),
};
export type ReturnsParams = Resolved<typeof returnsParams>;

export class Returns {
  readonly station: Station;
  private readonly returnable: Float64Array;
  /** Mean days of a removal, by month (see ratedServers). */
  private readonly removalDays: Float64Array;

  constructor(private readonly w: World, private readonly base: number) {
    const r = w.p.returns;
    this.returnable = Float64Array.from(GROUPS, (g) => r.returnable[g]);
    // Saturated returns staff carry out exactly their capacity each month.
    const rated = ratedServers(monthlySchedule(r.enforcedPerMonth, 'step', w.plan), r.removalDays);
    this.removalDays = rated.meanDays;
    this.station = new Station(w.sim, {
      name: 'enforced returns',
      servers: { times: Array.from(w.plan.bounds.subarray(0, w.plan.months)), servers: rated.servers },
      completionKind: Kind.returnDone,
      // Called once, when returns staff take the case up: from then on the removal goes ahead.
      serviceTime: (id) => this.takeUp(id),
    });
  }

  /** A case enters the returns pool: queue for removal, or limbo; departure clock starts. */
  enter(id: number): void {
    const { cases, obs, sim, plan, p } = this.w;
    const people = cases.people[id];
    if (keyedUniform(this.base, id, PURPOSE_RETURNABLE) < this.returnable[cases.group[id]]) {
      cases.stage[id] = Stage.awaitingReturn;
      obs.level[S.awaitingReturnCases] += 1;
      obs.level[S.awaitingReturnPeople] += people;
      this.station.arrive(id);
    } else {
      cases.stage[id] = Stage.limbo;
      obs.level[S.limboCases] += 1;
      obs.level[S.limboPeople] += people;
    }
    const hazard = (p.returns.voluntaryPerYear + p.returns.abscondPerYear) / DAYS_PER_YEAR;
    if (hazard > 0) {
      const t = sim.now - Math.log(keyedUniform(this.base, id, PURPOSE_DEPARTURE_TIME)) / hazard;
      if (t <= plan.horizonDays) sim.at(t, Kind.departure, id);
    }
  }

  private takeUp(id: number): number {
    const { cases } = this.w;
    cases.stage[id] = Stage.returning;
    return lognormalFromUniform(keyedUniform(this.base, id, PURPOSE_REMOVAL), this.removalDays[monthNow(this.w)], 0.5);
  }

  /** Removal completed. */
  done(id: number): void {
    const { cases, obs } = this.w;
    this.station.complete();
    cases.stage[id] = Stage.returned;
    obs.level[S.awaitingReturnCases] -= 1;
    obs.level[S.awaitingReturnPeople] -= cases.people[id];
    obs.add(S.exitsPeople, cases.people[id]);
    obs.add(S.returns, 1);
    obs.add(S.returnsEnforced, 1);
  }

  /** The departure clock of a waiting case ran out: voluntary departure or absconding. */
  departure(id: number): void {
    const { cases, obs, p } = this.w;
    const stage = cases.stage[id];
    const people = cases.people[id];
    if (stage === Stage.awaitingReturn) {
      this.station.cancel(id);
      obs.level[S.awaitingReturnCases] -= 1;
      obs.level[S.awaitingReturnPeople] -= people;
    } else if (stage === Stage.limbo) {
      obs.level[S.limboCases] -= 1;
      obs.level[S.limboPeople] -= people;
    } else return; // removal under way or already done
    const voluntaryShare = p.returns.voluntaryPerYear / (p.returns.voluntaryPerYear + p.returns.abscondPerYear);
    if (keyedUniform(this.base, id, PURPOSE_DEPARTURE_KIND) < voluntaryShare) {
      cases.stage[id] = Stage.departed;
      obs.add(S.returns, 1);
      obs.add(S.returnsVoluntary, 1);
    } else {
      cases.stage[id] = Stage.absconded;
      obs.add(S.absconded, 1);
    }
    obs.add(S.exitsPeople, people);
    this.w.support.leave(id);
  }
}
