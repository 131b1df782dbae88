/**
 * Stage 1 — arrivals. New asylum claims by route, at a yearly rate from the record, with summer
 * seasonality for small boats, an explicit scaling assumption over time, Poisson counts per day,
 * a nationality-group mix per route and dependants per case. Each day's claims are lodged at the
 * start of the day, enter support (or not) and join the initial-decision queue.
 */
import { Categorical, poisson, streamRng, type Rng } from '../engine/index.js';
import { calendarMonth } from './dates.js';
import { ROUTES, Stage } from './cases.js';
import { S } from './observe.js';
import { dailySchedule } from './plan.js';
import { num, schedule, type Resolved } from './params.js';
import type { World } from './world.js';
import { LIMITS } from './limits.js';

const mix = (route: string, highGrant: number, returnable: number) => ({
  highGrant: num({
    label: `Share of ${route} claims from high-grant nationalities`,
    description: 'Nationalities with very high grant rates (e.g. Afghanistan, Eritrea, Sudan, Syria); the rest of the mix is "returnable" and "other".',
    unit: 'share',
    default: highGrant,
    min: 0,
    max: 1,
    range: [Math.max(0, highGrant - 0.15), Math.min(1, highGrant + 0.15)],
    source: 'Assumption: from the published nationality mix of claims and small-boat arrivals, 2022–23 (to be calibrated).',
  }),
  returnable: num({
    label: `Share of ${route} claims from returnable nationalities`,
    description: 'Nationalities with low grant rates and working return routes (e.g. Albania, India, Georgia).',
    unit: 'share',
    default: returnable,
    min: 0,
    max: 1,
    range: [Math.max(0, returnable - 0.1), Math.min(1, returnable + 0.1)],
    source: 'Assumption: Albanians were about 27% of 2022 small-boat arrivals and fewer in 2023 (data/ small_boat_arrivals_albanian).',
  }),
});

export const arrivalsParams = {
  claimsPeoplePerYear: num({
    label: 'Asylum claims per year',
    description: 'People (main applicants and dependants) claiming asylum per year, all routes, before seasonality and scaling.',
    unit: 'people/year',
    default: { series: 'asylum_applications_people_12m', period: '2023-06' },
    min: 0,
    max: LIMITS.maxPopulation,
    range: [70_000, 130_000],
    source: 'Home Office, claims in the year ending June 2023.',
  }),
  smallBoatShare: num({
    label: 'Share of claims made by small-boat arrivals',
    description: 'Part of the yearly claims that arrive by small boat (seasonal); the rest are other claims (flat over the year).',
    unit: 'share',
    default: { series: 'asylum_applications_small_boat_share', period: '2022-07/2023-06', scale: 0.01 },
    min: 0,
    max: 1,
    range: [0.3, 0.55],
    source: 'Migration Observatory, year ending June 2023 (45% in 2022, Home Office).',
  }),
  peoplePerCase: num({
    label: 'People per new claim',
    description: 'Mean people per case (main applicant plus dependants) of new claims; dependants are Poisson around it.',
    unit: 'people/case',
    default: {
      series: 'asylum_applications_people_12m',
      period: '2023-06',
      per: { series: 'asylum_applications_main_12m', period: '2023-06' },
    },
    min: 1,
    max: 5,
    range: [1.15, 1.35],
    source: 'Home Office, claims in the year ending June 2023: people / main applicants.',
  }),
  seasonalAmplitude: num({
    label: 'Small-boat seasonality',
    description: 'Relative swing of small-boat arrivals over the year: monthly rate × (1 + a·cos(2π(month − peak)/12)).',
    unit: 'share',
    default: 0.45,
    min: 0,
    max: 1,
    range: [0.25, 0.65],
    source: 'Assumption: about half of 2022 small-boat arrivals came in August–October (data/ small_boat_share_aug_oct_2022).',
  }),
  seasonalPeakMonth: num({
    label: 'Small-boat peak month',
    description: 'Calendar month in which small-boat arrivals peak.',
    unit: 'month-of-year',
    default: 9,
    min: 1,
    max: 12,
    integer: true,
    range: [8, 10],
    source: 'Assumption: crossings peak in late summer (data/ small_boat_arrivals_month).',
  }),
  smallBoatScale: schedule({
    label: 'Small-boat arrivals scaling (assumption)',
    description: 'Multiplier on small-boat arrivals over time, e.g. for smuggling disruption. Always an explicit, labelled assumption.',
    unit: 'multiplier',
    interpolation: 'step',
    default: [{ date: '2023-07-01', value: 1 }],
    min: 0,
    max: 10,
    range: [0.7, 1.3],
    source: 'Assumption: no change in small-boat arrivals unless a scenario says so.',
  }),
  otherScale: schedule({
    label: 'Other claims scaling (assumption)',
    description: 'Multiplier on claims by other routes over time.',
    unit: 'multiplier',
    interpolation: 'step',
    default: [{ date: '2023-07-01', value: 1 }],
    min: 0,
    max: 10,
    range: [0.8, 1.2],
    source: 'Assumption: no change in other claims unless a scenario says so.',
  }),
  mix: {
    smallBoat: mix('small-boat', 0.45, 0.2),
    otherClaims: mix('other', 0.35, 0.15),
  },
};
export type ArrivalsParams = Resolved<typeof arrivalsParams>;

/** The nationality groups (GROUPS order) of a route's claims, as a distribution to draw from. */
export function groupCategorical(mix: { readonly highGrant: number; readonly returnable: number }): Categorical {
  // The schema allows a rounding hair over 1; the remainder must not go negative.
  return new Categorical([mix.highGrant, mix.returnable, Math.max(0, 1 - mix.highGrant - mix.returnable)]);
}

export class Arrivals {
  private readonly rng: Rng;
  /** Expected cases per day, by route, for every day of the horizon. */
  private readonly rate: Float64Array[];
  private readonly groupOf: Categorical[];
  private readonly dependantsMean: number;

  constructor(private readonly w: World) {
    const a = w.p.arrivals;
    this.rng = streamRng(w.seed, 'arrivals', w.replication);
    this.dependantsMean = a.peoplePerCase - 1;
    const casesPerDay = a.claimsPeoplePerYear / a.peoplePerCase / 365.25;
    const scale = [dailySchedule(a.smallBoatScale, 'step', w.plan), dailySchedule(a.otherScale, 'step', w.plan)];
    const share = [a.smallBoatShare, 1 - a.smallBoatShare];
    // Small-boat seasonality by month of the horizon (worked out per month, not per day: the
    // calendar month comes from date arithmetic on strings).
    const season = new Float64Array(w.plan.months);
    for (let m = 0; m < season.length; m++) {
      season[m] = 1 + a.seasonalAmplitude * Math.cos((2 * Math.PI * (calendarMonth(w.plan.start, m) - a.seasonalPeakMonth)) / 12);
    }
    this.rate = ROUTES.map((_, r) => {
      const out = new Float64Array(w.plan.horizonDays);
      for (let d = 0; d < out.length; d++) out[d] = casesPerDay * share[r] * (r === 0 ? season[w.plan.monthOfDay[d]] : 1) * scale[r][d];
      return out;
    });
    this.groupOf = ROUTES.map((route) => groupCategorical(a.mix[route]));
  }

  /** Lodge the day's claims. */
  day(day: number): void {
    const { cases, obs, support, decisions, euDeal, returns } = this.w;
    const month = this.w.plan.monthOfDay[day];
    for (let r = 0; r < ROUTES.length; r++) {
      const n = poisson(this.rng, this.rate[r][day]);
      for (let i = 0; i < n; i++) {
        const people = Math.min(255, 1 + poisson(this.rng, this.dependantsMean));
        const id = cases.add(day, month, people, this.groupOf[r].sample(this.rng), r);
        cases.stage[id] = Stage.awaitingDecision;
        obs.add(S.arrivalsCases, 1);
        obs.add(S.arrivalsPeople, people);
        if (r === 0) {
          obs.add(S.arrivalsSmallBoatPeople, people);
          // Levers on small-boat arrivals: returned to the EU under a deal, or held as inadmissible.
          if (euDeal.intercept(id, day)) continue;
          if (returns.inadmissibleOnArrival(id, day)) {
            support.claimLodged(id);
            returns.hold(id);
            continue;
          }
        }
        support.claimLodged(id);
        decisions.enqueue(id, false);
      }
    }
  }

  /** Expected cases over the horizon (for sizing the case table and checking limits). */
  expectedCases(): number {
    let total = 0;
    for (const r of this.rate) for (let d = 0; d < r.length; d++) total += r[d];
    return total;
  }
}
