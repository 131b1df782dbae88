/**
 * Stage 2 — an EU returns-for-quota deal (DESIGN §2 item 2). A share of small-boat arrivals is
 * returned to the EU within a set number of days, up to a cap per deal year (12-month periods from
 * the scenario start): these people are counted as arrivals but never enter the UK asylum queue
 * or asylum support; they are held (a stock of their own) until the return and then leave. In
 * exchange the UK admits a quota of people from the EU: a fixed number a year, a ratio per person
 * returned ("one in, one out"), or a share of EU+ asylum applications by an allocation key
 * (eu-key.ts). Quota admissions arrive either as asylum claims (they queue for a decision and may
 * enter support like any claim) or with status (granted on arrival), as a parameter says.
 */
import { poisson, streamRng, type Categorical, type Rng } from '../engine/index.js';
import { monthlyNationalityMix } from './nationalities.js';
import { keyedUniform } from '../engine/keyed.js';
import { ROUTE_EU_QUOTA, Stage } from './cases.js';
import { ALLOCATION_KEYS, keyShare } from './eu-key.js';
import { Kind } from './events.js';
import { Series } from './observe.js';
import { choice, num, schedule, type Resolved } from './declarations.js';
import { dailySchedule } from './horizon.js';
import { LIMITS } from './limits.js';
import type { World } from './world.js';

const PURPOSE_DEAL = 51;
const DAYS_PER_YEAR = 365.25;

const bigCount = (label: string, description: string, unit: 'people' | 'GBP') =>
  num({ label, description, unit, min: 1, max: 1e15, fixed: true });

export const euDealParams = {
  returnShare: schedule({
    label: 'Small-boat arrivals returned to the EU',
    description: 'Share of small-boat arrivals returned to the EU under the deal, from each date (0 before it starts).',
    unit: 'share',
    interpolation: 'step',
    min: 0,
    max: 1,
  }),
  returnDays: num({
    label: 'Days to return under the deal',
    description: 'Days from arrival to the return to the EU; the people are held meanwhile, outside the asylum queue and asylum support.',
    unit: 'days',
    min: 0,
    max: 365,
  }),
  annualCapPeople: num({
    label: 'Cap on deal returns per year',
    description: 'Most people returned under the deal per deal year (12 months from the scenario start); arrivals beyond it claim asylum as usual.',
    unit: 'people/year',
    min: 0,
    max: LIMITS.maxPopulation,
    fixed: true,
  }),
  costPerReturn: num({
    label: 'Cost per person returned under the deal',
    description: 'Holding, escort and transport cost per person returned to the EU.',
    unit: 'GBP/person',
    min: 0,
    max: 1_000_000,
  }),
  quota: {
    rule: choice({
      label: 'Quota rule',
      description: 'none: no quota; fixed: quota.fixedPerYear people a year; ratio: quota.ratio people per person returned ("one in, one out"); key: a share of EU+ asylum applications a year by quota.key. Fixed and key quotas accrue while the deal is in force (returnShare above 0).',
      options: ['none', 'fixed', 'ratio', 'key'] as const,
    }),
    fixedPerYear: num({
      label: 'Fixed quota',
      description: 'People admitted per year under the fixed rule (e.g. the "100,000 a year" of the 2023 debate).',
      unit: 'people/year',
      min: 0,
      max: LIMITS.maxPopulation,
      fixed: true,
    }),
    ratio: num({
      label: 'People admitted per person returned',
      description: 'Under the ratio rule, people admitted for each person returned to the EU.',
      unit: 'people/return',
      min: 0,
      max: 100,
      fixed: true,
    }),
    key: choice({
      label: 'Allocation key',
      description: 'population-share: UK population over EU+ and UK population; population-gdp-50-50: half that, half the GDP share (the EU\'s simplified relocation key); custom: quota.customShare.',
      options: ALLOCATION_KEYS,
    }),
    customShare: num({
      label: 'Custom key share',
      description: 'The UK\'s share of EU+ applications under the custom key.',
      unit: 'share',
      min: 0,
      max: 1,
    }),
    applicationsPerYear: bigCount('EU+ asylum applications per year', 'Applications in the EU+ that the key shares out, per year.', 'people'),
    ukPopulation: bigCount('UK population (key)', 'UK population used by the key.', 'people'),
    partnerPopulation: bigCount('EU+ population (key)', 'Population of the EU+ (EU27, Norway, Switzerland, Iceland, Liechtenstein) used by the key.', 'people'),
    ukGdp: bigCount('UK GDP (key)', 'UK GDP used by the population-GDP key, in pounds.', 'GBP'),
    partnerGdp: bigCount('EU+ GDP (key)', 'GDP of the EU27, Norway and Switzerland used by the population-GDP key, in pounds at the 2022 average rate.', 'GBP'),
    arriveAs: choice({
      label: 'Quota admissions arrive as',
      description: 'claims: they claim asylum in the UK (queue, support, decision as any claim); status: they arrive with refugee status (no claim, not in asylum support) at quota.costPerPersonWithStatus.',
      options: ['claims', 'status'] as const,
    }),
    costPerPersonWithStatus: num({
      label: 'Cost per quota admission with status',
      description: 'Integration support per person admitted with status (only when quota.arriveAs is status).',
      unit: 'GBP/person',
      min: 0,
      max: 1_000_000,
    }),
  },
};
export type EuDealParams = Resolved<typeof euDealParams>;

/** Quota people per year under the fixed or key rule (0 otherwise). */
export function quotaPerYear(d: EuDealParams): number {
  const q = d.quota;
  if (q.rule === 'fixed') return q.fixedPerYear;
  if (q.rule !== 'key') return 0;
  const share = keyShare(q.key, q);
  return share * q.applicationsPerYear;
}

export class EuDeal {
  private readonly shareByDay: Float64Array;
  private readonly perDay: number;
  private readonly rng: Rng;
  /** Nationalities of quota admissions, by month: that of claims. */
  private readonly nationalityOf: Categorical[];
  /** Quota people owed but not yet admitted (fractional). */
  private due = 0;
  private capYear = -1;
  private returnedThisYear = 0;

  constructor(private readonly w: World, private readonly base: number) {
    const d = w.scenario.euDeal;
    this.shareByDay = dailySchedule(d.returnShare, 'step', w.horizon);
    this.perDay = quotaPerYear(d) / DAYS_PER_YEAR;
    this.rng = streamRng(w.seed, 'euQuota', w.replication);
    this.nationalityOf = monthlyNationalityMix(w.scenario.arrivals.nationalityMix, w.horizon);
  }

  /** A small-boat arrival: returned under the deal (true) or not. Called before the claim is lodged. */
  intercept(id: number, day: number): boolean {
    const share = this.shareByDay[day];
    if (share <= 0 || keyedUniform(this.base, id, PURPOSE_DEAL) >= share) return false;
    const { cases, obs, sim, scenario: p, horizon } = this.w;
    const year = Math.floor(horizon.monthOfDay[day] / 12);
    if (year !== this.capYear) {
      this.capYear = year;
      this.returnedThisYear = 0;
    }
    const people = cases.people[id];
    if (this.returnedThisYear + people > p.euDeal.annualCapPeople) return false;
    this.returnedThisYear += people;
    cases.stage[id] = Stage.euReturnPending;
    obs.level[Series.euReturnPendingCases] += 1;
    obs.level[Series.euReturnPendingPeople] += people;
    // Whole days from the start of a day can land exactly on the horizon, after the last month end:
    // such a return is beyond the horizon.
    const t = sim.now + p.euDeal.returnDays;
    if (t < horizon.horizonDays) sim.at(t, Kind.euReturn, id);
    return true;
  }

  /** The return to the EU is carried out. */
  returned(id: number): void {
    const { cases, obs, scenario: p } = this.w;
    const people = cases.people[id];
    cases.stage[id] = Stage.returned;
    obs.level[Series.euReturnPendingCases] -= 1;
    obs.level[Series.euReturnPendingPeople] -= people;
    obs.add(Series.euDealReturnsCases, 1);
    obs.add(Series.euDealReturnsPeople, people);
    obs.add(Series.exitsPeople, people);
    if (p.euDeal.quota.rule === 'ratio') this.due += p.euDeal.quota.ratio * people;
  }

  /** Start of a day: admit the quota owed so far, a case at a time. */
  day(day: number): void {
    // A fixed or key quota accrues while the deal is in force (returns share above 0).
    if (this.shareByDay[day] > 0) this.due += this.perDay;
    if (this.due < 1) return;
    const { cases, obs, routes, scenario: p, horizon } = this.w;
    const lodged = routes.lodged;
    const month = horizon.monthOfDay[day];
    const withStatus = p.euDeal.quota.arriveAs === 'status';
    const dependants = p.arrivals.peoplePerCase - 1;
    while (this.due >= 1) {
      const people = Math.min(255, 1 + poisson(this.rng, dependants));
      this.due -= people;
      obs.add(Series.arrivalsCases, 1);
      obs.add(Series.arrivalsPeople, people);
      obs.add(Series.quotaAdmissionsPeople, people);
      if (withStatus) {
        // Counted, not added to the case table, so other cases keep their keyed random numbers.
        obs.add(Series.admittedWithStatusCases, 1);
        obs.add(Series.admittedWithStatusPeople, people);
        obs.add(Series.exitsPeople, people);
        continue;
      }
      const id = cases.add(day, month, people, this.nationalityOf[month].sample(this.rng), ROUTE_EU_QUOTA);
      cases.stage[id] = Stage.awaitingDecision;
      for (let k = 0; k < lodged.length; k++) lodged[k](id);
    }
  }
}
