/**
 * Safe routes: people admitted with status on arrival — children with family in the UK, and
 * refugees resettled from abroad — over and above the claims of the arrivals stage. They are
 * counted in arrivals (by route, as `safeRouteArrivalsPeople`) and leave the asylum system at
 * once (they never queue for a decision nor enter asylum support); their cost is a one-off
 * integration cost per person. Each admission is a case of one person, so the numbers are exact.
 * They are counted, not added to the case table: no later claim changes its row number, so the
 * keyed random numbers of every other case — common random numbers — stay the same.
 */
import { Series } from './observe.js';
import { num, schedule, type Resolved } from './declarations.js';
import { dailySchedule } from './horizon.js';
import { LIMITS } from './limits.js';
import type { World } from './world.js';

const DAYS_PER_YEAR = 365.25;

const route = (label: string, description: string) =>
  schedule({
    label,
    description,
    unit: 'people/year',
    interpolation: 'step',
    min: 0,
    max: LIMITS.maxPopulation,
  });

export const safeRoutesParams = {
  familyChildrenPerYear: route(
    'Safe route: children with family in the UK',
    'Children admitted per year, from each date, to join family in the UK (with status, not as asylum claims).',
  ),
  resettlementPerYear: route('Safe route: resettlement', 'Refugees resettled per year from each date, on top of the existing schemes (with status).'),
  costPerPerson: num({
    label: 'Cost per safe-route admission',
    description: 'One-off integration cost per person admitted by a safe route (local-authority support, health, education).',
    unit: 'GBP/person',
    min: 0,
    max: 1_000_000,
  }),
};
export type SafeRoutesParams = Resolved<typeof safeRoutesParams>;

export class SafeRoutes {
  private readonly perDay: Float64Array;
  private due = 0;

  constructor(private readonly w: World) {
    const s = w.scenario.safeRoutes;
    const a = dailySchedule(s.familyChildrenPerYear, 'step', w.horizon);
    const b = dailySchedule(s.resettlementPerYear, 'step', w.horizon);
    this.perDay = a.map((x, d) => (x + b[d]) / DAYS_PER_YEAR);
  }

  /** Start of a day: admit the people due so far, one case per person. */
  day(day: number): void {
    this.due += this.perDay[day];
    if (this.due < 1) return;
    const { obs } = this.w;
    while (this.due >= 1) {
      this.due -= 1;
      obs.add(Series.admittedWithStatusPeople, 1);
      obs.add(Series.arrivalsCases, 1);
      obs.add(Series.arrivalsPeople, 1);
      obs.add(Series.safeRouteArrivalsPeople, 1);
      obs.add(Series.admittedWithStatusCases, 1);
      obs.add(Series.exitsPeople, 1);
    }
  }
}
