/**
 * Stage 4 — initial decisions (casework). Productive decision-makers (see workforce.ts) are the
 * servers of a multi-server queue; each case needs a lognormal amount of work that depends on its
 * triage stream; the queue discipline is FIFO, legacy-first, or by stream priority or shares.
 * Outcomes depend on the case's nationality and the month: grant, refuse, withdraw or inadmissible.
 * A case's work and outcome are keyed random numbers of the case itself, so scenarios that differ
 * in capacity see the same cases (common random numbers).
 */
import { Station } from '../engine/index.js';
import { keyedUniform, LognormalFromUniform } from '../engine/keyed.js';
import { daysBetween } from './dates.js';
import { Outcome, ROUTES, Stage } from './cases.js';
import { Kind } from './events.js';
import { MAX_SNAPSHOT_AGE_MONTHS, Series } from './observe.js';
import { choice, num, schedule, type Resolved } from './declarations.js';
import { byNationality, NATIONALITIES, triageStreams } from './nationalities.js';
import { monthlySchedule, monthNow, scheduleValues, type Horizon } from './horizon.js';
import { planWorkforce, type WorkforcePlan } from './workforce.js';
import type { World } from './world.js';

const PURPOSE_WORK = 21;
const PURPOSE_OUTCOME = 22;
const PURPOSE_HOLD = 23;
const PURPOSE_RELEASE = 24;
const SMALL_BOAT = ROUTES.indexOf('smallBoat');
const DAYS_PER_MONTH = 30.4375;
/** Claims lodged before this date form the "legacy backlog" of the December 2022 pledge (a definition, not a figure). */
export const LEGACY_CUTOFF = '2022-06-28';

/** Triage streams. Legacy cases keep their own stream whatever their nationality. */
export const STREAMS = ['legacy', 'streamlined', 'fastTrack', 'standard'] as const;

/** A multiplier over time, 1 (no change) unless a scenario or the calibration says otherwise; not drawn under uncertainty. */
const overTime = (label: string, description: string, max: number) =>
  schedule({ label, description, unit: 'multiplier', interpolation: 'step', min: 0, max });

export const decisionsParams = {
  headcount: schedule({
    lever: { label: 'Extra decision-makers', cost: { parameter: 'costs.decisionMakerPerYear', per: 'year' } },
    label: 'Asylum decision-makers (headcount)',
    description: 'Decision-maker headcount over time; increases are hires that need training before they are productive.',
    unit: 'staff',
    interpolation: 'linear',
    min: 0,
    max: 100_000,
  }),
  decisionShare: num({
    label: 'Share of trained decision-makers deciding claims',
    description: 'Part of trained decision-makers\' time that goes on initial decisions (the rest: interviews for other work, training others, leave).',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  trainingMonths: num({
    label: 'Training before full productivity',
    description: 'Months a new decision-maker trains before deciding cases.',
    unit: 'months',
    min: 0,
    max: 24,
    integer: true,
  }),
  attritionPerYear: num({
    label: 'Decision-maker attrition',
    description: 'Share of decision-makers leaving per year; leavers are replaced by hires who must train.',
    unit: 'per year',
    min: 0,
    max: 0.95,
  }),
  productivity: num({
    label: 'Decisions per productive decision-maker',
    description: 'Standard-stream cases decided per productive decision-maker per month; other streams scale by their effort.',
    unit: 'decisions/decision-maker-month',
    min: 0.01,
    max: 200,
  }),
  productivityIndex: overTime(
    'Productivity over time (index)',
    'Multiplier on decisions per productive decision-maker over time (1 = the productivity above). The backtest estimates it per year from the record, e.g. the 2020 pandemic fall and the 2023 push.',
    10,
  ),
  withdrawalScale: overTime(
    'Withdrawals over time (multiplier)',
    'Multiplier on the withdrawal rate (decisions.withdrawShare) over time; the other outcomes share the rest in their own proportions. The backtest reads it per quarter from the record.',
    20,
  ),
  grantScale: overTime(
    'Grants over time (multiplier)',
    'Multiplier on every nationality\'s grant rate over time, taken from its refusal rate so that grants plus refusals stay the same (a grant rate cannot pass grants plus refusals). The backtest sets it per quarter from the record\'s grants and refusals.',
    20,
  ),
  outcomeEffort: {
    grant: num({ label: 'Work of a grant', description: 'Work of a decision that grants, relative to a standard case (the work drawn for a case is scaled by the effort of the outcome it will get).', unit: 'multiplier', min: 0.01, max: 10 }),
    refuse: num({ label: 'Work of a refusal', description: 'Work of a decision that refuses, relative to a grant: a refusal needs a reasoned letter that must stand up at appeal.', unit: 'multiplier', min: 0.01, max: 10 }),
    withdraw: num({ label: 'Work of a withdrawal', description: 'Work of a withdrawal (explicit, or implicit for non-engagement such as a missed interview or questionnaire), relative to a grant.', unit: 'multiplier', min: 0.01, max: 10 }),
    inadmissible: num({ label: 'Work of an inadmissibility decision', description: 'Work of an inadmissible or administrative outcome, relative to a grant.', unit: 'multiplier', min: 0.01, max: 10 }),
  },
  /**
   * Claims held undecidable by a policy while still counted in the backlog. Both are schedules: the
   * first over the date of the claim, the second over the calendar (the policy that releases them).
   */
  hold: {
    smallBoatClaims: schedule({
      label: 'Small-boat claims held undecided',
      description: 'Share of small-boat arrivals\' claims that are held (counted in the backlog, not decided), by the date of the claim; applies to claims in the starting backlog too.',
      unit: 'share',
      interpolation: 'step',
      min: 0,
      max: 1,
    }),
    released: schedule({
      label: 'Held claims released for decision',
      description: 'Share of held claims released for decision, over time (1 from a date: a policy that lets them be decided, e.g. the Act\'s ban lifted). Released claims join the decision queue in claim order.',
      unit: 'share',
      interpolation: 'step',
      min: 0,
      max: 1,
    }),
  },
  workCv: num({
    label: 'Variability of casework time',
    description: 'Coefficient of variation of the (lognormal) work a case needs.',
    unit: 'share',
    min: 0,
    max: 5,
  }),
  discipline: choice({
    label: 'Queue discipline',
    description: 'fifo: oldest claim first; legacy-first: legacy backlog before newer claims; streams-priority: legacy, streamlined, fast-track, standard in that order; streams-share: streams served in proportion to their shares.',
    options: ['fifo', 'legacy-first', 'streams-priority', 'streams-share'] as const,
  }),
  streamShares: {
    legacy: num({ label: 'Share of capacity: legacy', description: 'Weight of the legacy stream under streams-share.', unit: 'share', min: 0.001, max: 1 }),
    streamlined: num({ label: 'Share of capacity: streamlined', description: 'Weight of the streamlined stream (nationalities in the streamlined asylum process) under streams-share.', unit: 'share', min: 0.001, max: 1 }),
    fastTrack: num({ label: 'Share of capacity: fast-track', description: 'Weight of the fast-track stream (nationalities whose returnable share is at least a half) under streams-share.', unit: 'share', min: 0.001, max: 1 }),
    standard: num({ label: 'Share of capacity: standard', description: 'Weight of the standard stream under streams-share.', unit: 'share', min: 0.001, max: 1 }),
  },
  streamEffort: {
    streamlined: num({ label: 'Effort of a streamlined case', description: 'Work of a streamlined case relative to a standard one (questionnaire-based process).', unit: 'multiplier', min: 0.05, max: 5 }),
    fastTrack: num({ label: 'Effort of a fast-track case', description: 'Work of a fast-track (returnable nationality) case relative to a standard one.', unit: 'multiplier', min: 0.05, max: 5 }),
  },
  grantRate: byNationality((n, label) =>
    schedule({
      label: `Grant rate: ${label}`,
      description: `Share of initial decisions on ${n === 'other' ? 'cases of other nationalities' : `${label} cases`} that grant protection or other leave, of grants and refusals (withdrawals and inadmissibility excluded, as the Home Office counts it), over time.`,
      unit: 'share',
      interpolation: 'step',
      min: 0,
      max: 1,
    }),
  ),
  withdrawShare: num({
    label: 'Withdrawal rate',
    description: 'Share of cases taken up that end in a withdrawal (explicit, or implicit for non-engagement), before the multiplier over time; the same for every nationality (withdrawals by nationality were not found).',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  otherOutcomeShare: num({
    label: 'Inadmissible or administrative outcomes',
    description: 'Share of cases taken up that end inadmissible or administratively closed, before withdrawals grow or shrink (they share what withdrawals leave in proportion); the same for every nationality.',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  /** Lever: decision-makers hired on top of the headcount path (e.g. "1,000 extra caseworkers"). */
  extra: {
    headcount: schedule({
      label: 'Extra decision-makers (headcount)',
      description: 'Decision-makers hired on top of the headcount path, over time: the points give the start and the hiring ramp (e.g. 0 on the start date rising linearly to 1,000 six months later). Each train, then decide at the same share and pace as the others.',
      unit: 'staff',
      interpolation: 'linear',
      min: 0,
      max: 100_000,
    }),
    trainingMonths: num({
      label: 'Training of extra decision-makers',
      description: 'Months an extra decision-maker trains before deciding cases.',
      unit: 'months',
      min: 0,
      max: 24,
      integer: true,
    }),
    attritionPerYear: num({
      label: 'Attrition of extra decision-makers',
      description: 'Share of extra decision-makers leaving per year; leavers are replaced by hires who must train.',
      unit: 'per year',
      min: 0,
      max: 0.95,
    }),
    costPerYear: num({
      label: 'Cost of an extra decision-maker',
      description: 'Fully loaded yearly cost of an extra decision-maker, in training or not (costed as "extra caseworkers").',
      unit: 'GBP/staff-year',
      min: 0,
      max: 1_000_000,
    }),
  },
};
export type DecisionsParams = Resolved<typeof decisionsParams>;

interface Triage {
  readonly discipline: 'fifo' | 'priority' | 'share';
  readonly streams: number;
  readonly streamOf: (id: number) => number;
}

/**
 * The returns unit's triage: fast-track cases (returnable nationalities, not legacy) are decided
 * before every other stream. Under streams-share the fast-track stream already has its own share
 * of capacity, which is how that discipline expresses priority, so it is left as it is.
 */
function fastTrackFirst(t: Triage, on: boolean, isFastTrack: (id: number) => boolean): Triage {
  if (!on || t.discipline === 'share') return t;
  const inner = t.streamOf;
  return { discipline: 'priority', streams: t.streams + 1, streamOf: (id) => (isFastTrack(id) ? 0 : 1 + inner(id)) };
}

/**
 * Cumulative outcome probabilities for every month and nationality: grant, + refuse, + withdraw
 * (the rest inadmissible). The grant multiplier moves decisions between refusal and grant, since
 * a grant rate cannot pass grants plus refusals. With both multipliers at 1 the rates are
 * exactly the scenario's.
 */
function outcomeTable(d: DecisionsParams, horizon: Horizon): Float64Array {
  const withdrawalScale = monthlySchedule(d.withdrawalScale, 'step', horizon);
  const grantScale = monthlySchedule(d.grantScale, 'step', horizon);
  const grantRate = NATIONALITIES.map((n) => monthlySchedule(d.grantRate[n], 'step', horizon));
  const out = new Float64Array(horizon.months * NATIONALITIES.length * 3);
  for (let m = 0; m < horizon.months; m++) {
    const { withdraw, decided } = outcomeSplit(d.withdrawShare, d.otherOutcomeShare, withdrawalScale[m]);
    NATIONALITIES.forEach((_, i) => {
      const grant = decided * Math.min(1, grantRate[i][m] * grantScale[m]);
      out.set([grant, decided, decided + withdraw], (m * NATIONALITIES.length + i) * 3);
    });
  }
  return out;
}

/**
 * Shares of withdrawals and of substantive decisions (grants and refusals) among cases taken up:
 * a withdrawal multiplier k scales the withdrawal share (at most 1), and the other outcomes share
 * what is left in their own proportions.
 */
export function outcomeSplit(withdrawShare: number, otherShare: number, k: number): { withdraw: number; decided: number } {
  const withdraw = Math.min(1, withdrawShare * k);
  const rest = withdrawShare < 1 ? (1 - withdraw) / (1 - withdrawShare) : 0;
  return { withdraw, decided: Math.max(0, 1 - withdrawShare - otherShare) * rest };
}

export class Decisions {
  readonly station: Station;
  readonly workforce: WorkforcePlan;
  /** The extra decision-makers of the lever (zero when it is off). */
  readonly extraWorkforce: WorkforcePlan;
  private readonly legacyDay: number;
  /** Cumulative outcome probabilities by month and nationality: grant, +refuse, +withdraw (rest inadmissible). */
  private readonly cumulative: Float64Array;
  private readonly effort: Float64Array;
  /** Triage stream (STREAMS index) of a non-legacy claim, by nationality. */
  private readonly streamOfNationality: Uint8Array;
  private readonly meanWork: number;
  private readonly workShape: LognormalFromUniform;
  private readonly streamOf: (id: number) => number;
  /** Work of each outcome (Outcome order), relative to a grant. */
  private readonly outcomeEffort: Float64Array;
  /** Share of small-boat claims held, by claim day; claims before `holdFrom` are never held. */
  private readonly holdShare: (day: number) => number;
  private readonly holdFrom: number;
  /** Share of held claims released, by month. */
  private readonly released: Float64Array;
  /** Held claims, in the order they were held (claim order): ids, compacted when some are released. */
  private held = new Int32Array(1024);
  private heldCount = 0;

  constructor(private readonly w: World, private readonly base: number) {
    const d = w.scenario.decisions;
    this.legacyDay = daysBetween(w.horizon.start, LEGACY_CUTOFF);
    this.workforce = planWorkforce(d, w.horizon);
    this.extraWorkforce = planWorkforce({ ...d.extra, decisionShare: d.decisionShare }, w.horizon);
    const productive = this.workforce.productive.map((x, m) => x + this.extraWorkforce.productive[m]);
    this.meanWork = DAYS_PER_MONTH / d.productivity;
    this.workShape = new LognormalFromUniform(d.workCv);
    this.effort = Float64Array.from([1, d.streamEffort.streamlined, d.streamEffort.fastTrack, 1]);
    this.cumulative = outcomeTable(d, w.horizon);
    const o = d.outcomeEffort;
    this.outcomeEffort = Float64Array.from([o.grant, o.refuse, o.withdraw, o.inadmissible]);
    const hold = d.hold.smallBoatClaims;
    this.holdShare = scheduleValues(hold, 'step', w.horizon.start);
    const firstHeld = hold.findIndex((pt) => pt.value > 0);
    this.holdFrom = firstHeld < 0 ? Infinity : firstHeld === 0 ? -Infinity : daysBetween(w.horizon.start, hold[firstHeld - 1].date) + 1;
    this.released = monthlySchedule(d.hold.released, 'step', w.horizon);
    const index = monthlySchedule(d.productivityIndex, 'step', w.horizon);
    this.streamOfNationality = triageStreams(w.scenario.returns.returnable);
    const triage = (id: number) => (w.cases.arrival[id] < this.legacyDay ? 0 : this.streamOfNationality[w.cases.nationality[id]]);
    const disciplines = {
      fifo: { discipline: 'fifo', streams: 1, streamOf: () => 0 },
      'legacy-first': { discipline: 'priority', streams: 2, streamOf: (id: number) => (triage(id) === 0 ? 0 : 1) },
      'streams-priority': { discipline: 'priority', streams: 4, streamOf: triage },
      'streams-share': { discipline: 'share', streams: 4, streamOf: triage },
    } as const;
    const chosen = fastTrackFirst(disciplines[d.discipline], w.scenario.returns.unit.fastTrack === 'on', (id) => triage(id) === 2);
    this.streamOf = chosen.streamOf;
    const s = d.streamShares;
    this.station = new Station(w.sim, {
      name: 'initial decisions',
      servers: {
        times: Array.from(w.horizon.bounds.subarray(0, w.horizon.months)),
        servers: Array.from(productive, (x, m) => Math.round(x * index[m])),
      },
      streams: chosen.streams,
      discipline: chosen.discipline,
      shares: chosen.discipline === 'share' ? [s.legacy, s.streamlined, s.fastTrack, s.standard] : undefined,
      completionKind: Kind.decisionDone,
      serviceTime: (id) => this.work(id),
    });
    for (let m = 0; m < w.horizon.months; m++) {
      w.obs.set('decisionMakersProductive', m, productive[m]);
      w.obs.set('extraDecisionMakersHeadcount', m, this.extraWorkforce.headcount[m]);
    }
  }

  /**
   * Work of a case taken up now: its outcome is drawn here, at this month's rates, and the work is
   * that of its stream and its outcome (a withdrawal costs a fraction of a refusal).
   */
  private work(id: number): number {
    const { cases } = this.w;
    const nationality = cases.nationality[id];
    const stream = cases.arrival[id] < this.legacyDay ? 0 : this.streamOfNationality[nationality];
    const u = keyedUniform(this.base, id, PURPOSE_OUTCOME);
    const c = (monthNow(this.w) * NATIONALITIES.length + nationality) * 3;
    const outcome = u < this.cumulative[c] ? Outcome.grant : u < this.cumulative[c + 1] ? Outcome.refuse : u < this.cumulative[c + 2] ? Outcome.withdraw : Outcome.inadmissible;
    cases.outcome[id] = outcome;
    const v = keyedUniform(this.base, id, PURPOSE_WORK);
    return this.workShape.sample(v, this.meanWork * this.effort[stream] * this.outcomeEffort[outcome]);
  }

  /** A claim joins the initial-decision queue (already counted as arriving), or is held there undecidable. */
  enqueue(id: number, _fromSnapshot: boolean): void {
    const { cases, obs } = this.w;
    const people = cases.people[id];
    obs.level[Series.awaitingDecisionCases] += 1;
    obs.level[Series.awaitingDecisionPeople] += people;
    const k = MAX_SNAPSHOT_AGE_MONTHS + cases.arrivalMonth[id];
    obs.awaitingCasesByMonth[k] += 1;
    obs.awaitingPeopleByMonth[k] += people;
    if (this.isHeld(id)) this.hold(id);
    else this.station.arrive(id, this.streamOf(id));
  }

  /** Whether a claim is held: a small-boat claim from a held date, not (yet) released. */
  private isHeld(id: number): boolean {
    const { cases } = this.w;
    const day = cases.arrival[id];
    if (day < this.holdFrom || cases.route[id] !== SMALL_BOAT) return false;
    if (keyedUniform(this.base, id, PURPOSE_HOLD) >= this.holdShare(day)) return false;
    return keyedUniform(this.base, id, PURPOSE_RELEASE) >= this.released[monthNow(this.w)];
  }

  private hold(id: number): void {
    if (this.heldCount === this.held.length) {
      const bigger = new Int32Array(this.held.length * 2);
      bigger.set(this.held);
      this.held = bigger;
    }
    this.held[this.heldCount++] = id;
    const { obs, cases } = this.w;
    obs.level[Series.heldClaimsCases] += 1;
    obs.level[Series.heldClaimsPeople] += cases.people[id];
  }

  /**
   * At the start of month `m`: held claims whose release share has come release into the queue, in
   * the order they were held (claim order), keeping the rest held.
   */
  monthStart(m: number): void {
    if (this.heldCount === 0 || this.released[m] <= (m > 0 ? this.released[m - 1] : 0)) return;
    const { obs, cases } = this.w;
    let kept = 0;
    for (let i = 0; i < this.heldCount; i++) {
      const id = this.held[i];
      if (keyedUniform(this.base, id, PURPOSE_RELEASE) < this.released[m]) {
        obs.level[Series.heldClaimsCases] -= 1;
        obs.level[Series.heldClaimsPeople] -= cases.people[id];
        this.station.arrive(id, this.streamOf(id));
      } else {
        this.held[kept++] = id;
      }
    }
    this.heldCount = kept;
  }

  /** A decision is made. */
  done(id: number): void {
    const { cases, obs, sim, routes } = this.w;
    this.station.complete();
    const people = cases.people[id];
    obs.level[Series.awaitingDecisionCases] -= 1;
    obs.level[Series.awaitingDecisionPeople] -= people;
    const k = MAX_SNAPSHOT_AGE_MONTHS + cases.arrivalMonth[id];
    obs.awaitingCasesByMonth[k] -= 1;
    obs.awaitingPeopleByMonth[k] -= people;
    obs.recordDecisionWait(sim.now - cases.arrival[id]);
    obs.add(Series.decisionsPeople, people);
    const outcome = cases.outcome[id];
    if (outcome === Outcome.grant) {
      cases.stage[id] = Stage.granted;
      obs.add(Series.decisionsGrant, 1);
      obs.add(Series.exitsPeople, people);
    } else if (outcome === Outcome.refuse) {
      obs.add(Series.decisionsRefuse, 1);
    } else if (outcome === Outcome.withdraw) {
      cases.stage[id] = Stage.withdrawn;
      obs.add(Series.decisionsWithdraw, 1);
      obs.add(Series.exitsPeople, people);
    } else {
      obs.add(Series.decisionsInadmissible, 1);
    }
    // Where the case goes next is the pack's routing (UK: a refusal to appeals, ...).
    const next = routes.decision[outcome];
    for (let i = 0; i < next.length; i++) next[i](id);
  }
}
