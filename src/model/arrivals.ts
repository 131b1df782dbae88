/**
 * Stage 1 — arrivals. New asylum claims by route, at a yearly rate from the record, with summer
 * seasonality for small boats, an explicit scaling assumption over time, Poisson counts per day,
 * a nationality mix over time and dependants per case. Each day's claims are lodged at the
 * start of the day, enter support (or not) and join the initial-decision queue.
 */
import { Categorical, poisson, streamRng, type Rng } from '../engine/index.js';
import { calendarMonth } from './dates.js';
import { ROUTES, Stage } from './cases.js';
import { byNationality, monthlyNationalityMix } from './nationalities.js';
import { Series } from './observe.js';
import { dailySchedule } from './horizon.js';
import { num, schedule, type Resolved } from './declarations.js';
import type { World } from './world.js';
import { LIMITS } from './limits.js';

export const arrivalsParams = {
  claimsPeoplePerYear: num({
    label: 'Asylum claims per year',
    description: 'People (main applicants and dependants) claiming asylum per year, all routes, before seasonality and scaling.',
    unit: 'people/year',
    min: 0,
    max: LIMITS.maxPopulation,
  }),
  smallBoatShare: num({
    label: 'Share of claims made by small-boat arrivals',
    description: 'Part of the yearly claims that arrive by small boat (seasonal); the rest are other claims (flat over the year).',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  peoplePerCase: num({
    label: 'People per new claim',
    description: 'Mean people per case (main applicant plus dependants) of new claims; dependants are Poisson around it.',
    unit: 'people/case',
    min: 1,
    max: 5,
  }),
  seasonalAmplitude: num({
    label: 'Small-boat seasonality',
    description: 'Relative swing of small-boat arrivals over the year: monthly rate × (1 + a·cos(2π(month − peak)/12)).',
    unit: 'share',
    min: 0,
    max: 1,
  }),
  seasonalPeakMonth: num({
    label: 'Small-boat peak month',
    description: 'Calendar month in which small-boat arrivals peak.',
    unit: 'month-of-year',
    min: 1,
    max: 12,
    integer: true,
  }),
  smallBoatScale: schedule({
    label: 'Small-boat arrivals scaling (assumption)',
    description: 'Multiplier on small-boat arrivals over time, e.g. for smuggling disruption. Always an explicit, labelled assumption.',
    unit: 'multiplier',
    interpolation: 'step',
    min: 0,
    max: 10,
  }),
  otherScale: schedule({
    label: 'Other claims scaling (assumption)',
    description: 'Multiplier on claims by other routes over time.',
    unit: 'multiplier',
    interpolation: 'step',
    min: 0,
    max: 10,
  }),
  nationalityMix: byNationality((n, label) =>
    schedule({
      label: `Share of claims: ${label}`,
      description: `Share of new claims (both routes) from ${n === 'other' ? 'nationalities other than the twelve named' : `${label} nationals`}, over time. The shares of all nationalities are weights: each is divided by their sum on the date.`,
      unit: 'share',
      interpolation: 'step',
      min: 0,
      max: 1,
    }),
  ),
};
export type ArrivalsParams = Resolved<typeof arrivalsParams>;

export class Arrivals {
  private readonly rng: Rng;
  /** Expected cases per day, by route, for every day of the horizon. */
  private readonly rate: Float64Array[];
  /** The nationality of a claim, per month of the horizon. */
  private readonly nationalityOf: Categorical[];
  private readonly dependantsMean: number;

  constructor(private readonly w: World) {
    const a = w.scenario.arrivals;
    this.rng = streamRng(w.seed, 'arrivals', w.replication);
    this.dependantsMean = a.peoplePerCase - 1;
    const casesPerDay = a.claimsPeoplePerYear / a.peoplePerCase / 365.25;
    const scale = [dailySchedule(a.smallBoatScale, 'step', w.horizon), dailySchedule(a.otherScale, 'step', w.horizon)];
    const share = [a.smallBoatShare, 1 - a.smallBoatShare];
    // Small-boat seasonality by month of the horizon (worked out per month, not per day: the
    // calendar month comes from date arithmetic on strings).
    const season = new Float64Array(w.horizon.months);
    for (let m = 0; m < season.length; m++) {
      season[m] = 1 + a.seasonalAmplitude * Math.cos((2 * Math.PI * (calendarMonth(w.horizon.start, m) - a.seasonalPeakMonth)) / 12);
    }
    this.rate = ROUTES.map((_, r) => {
      const out = new Float64Array(w.horizon.horizonDays);
      for (let d = 0; d < out.length; d++) out[d] = casesPerDay * share[r] * (r === 0 ? season[w.horizon.monthOfDay[d]] : 1) * scale[r][d];
      return out;
    });
    this.nationalityOf = monthlyNationalityMix(a.nationalityMix, w.horizon);
  }

  /** Lodge the day's claims. */
  day(day: number): void {
    const { cases, obs, euDeal, returns, routes } = this.w;
    const { lodged, heldInadmissible } = routes;
    const month = this.w.horizon.monthOfDay[day];
    for (let r = 0; r < ROUTES.length; r++) {
      const n = poisson(this.rng, this.rate[r][day]);
      for (let i = 0; i < n; i++) {
        const people = Math.min(255, 1 + poisson(this.rng, this.dependantsMean));
        const id = cases.add(day, month, people, this.nationalityOf[month].sample(this.rng), r);
        cases.stage[id] = Stage.awaitingDecision;
        obs.add(Series.arrivalsCases, 1);
        obs.add(Series.arrivalsPeople, people);
        if (r === 0) {
          obs.add(Series.arrivalsSmallBoatPeople, people);
          // Levers on small-boat arrivals: returned to the EU under a deal, or held as inadmissible.
          if (euDeal?.intercept(id, day)) continue;
          if (returns?.inadmissibleOnArrival(id, day)) {
            for (let k = 0; k < heldInadmissible.length; k++) heldInadmissible[k](id);
            continue;
          }
        }
        for (let k = 0; k < lodged.length; k++) lodged[k](id);
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
