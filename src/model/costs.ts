/**
 * Stage 7 — costs. Worked out from the monthly series after the run: accommodation nights by type,
 * support payments, decision-maker staff, tribunal determinations and returns, each at a unit
 * cost with its source; and the levers' costs (declared with each lever) in a series each. Keeping costs out of the event loop means a cost assumption can change
 * without touching the simulation.
 */
import { financialYear } from './dates.js';
import type { Observer } from './observe.js';
import { monthlySchedule, type Horizon } from './horizon.js';
import { num, schedule, type Resolved } from './declarations.js';
import type { RunResult } from './result.js';
import type { Scenario } from './schema.js';

const gbp = (label: string, unit: 'GBP/person-night' | 'GBP/person-week' | 'GBP/staff-year' | 'GBP/determination' | 'GBP/return', description: string) => num({ label, description, unit, min: 0, max: 10_000_000 });

export const costsParams = {
  hotelPerNight: schedule({
    label: 'Hotel cost per person-night',
    description: 'Cost of a night in contingency (hotel) accommodation, per person, over time (contract prices change as hotels are taken on and given up).',
    unit: 'GBP/person-night',
    interpolation: 'step',
    min: 0,
    max: 10_000_000,
  }),
  largeSitePerNight: gbp(
    'Large-site cost per person-night',
    'GBP/person-night',
    'Cost of a night on a large site (barge, former military site), per person, set-up costs included.',
  ),
  dispersalPerNight: gbp(
    'Dispersal cost per person-night',
    'GBP/person-night',
    'Cost of a night in dispersal accommodation, per person.',
  ),
  cashSelfCateredPerWeek: gbp(
    'Support payment, self-catered',
    'GBP/person-week',
    'Weekly cash allowance per supported person in self-catered (dispersal) accommodation.',
  ),
  cashCateredPerWeek: gbp(
    'Support payment, catered',
    'GBP/person-week',
    'Weekly cash allowance per supported person in catered accommodation (hotels, large sites).',
  ),
  decisionMakerPerYear: gbp(
    'Decision-maker cost per year',
    'GBP/staff-year',
    'Fully loaded yearly cost of a decision-maker (salary, pension, overheads).',
  ),
  tribunalPerDetermination: gbp(
    'Tribunal cost per determination',
    'GBP/determination',
    'Cost to the tribunal and the Home Office of one appeal determination.',
  ),
  enforcedReturnCost: gbp(
    'Cost of an enforced return',
    'GBP/return',
    'Cost of one enforced removal (detention, escorts, travel).',
  ),
  voluntaryReturnCost: gbp(
    'Cost of a voluntary return',
    'GBP/return',
    'Cost of one assisted voluntary return (travel and reintegration package).',
  ),
};
export type CostsParams = Resolved<typeof costsParams>;

/** What the lever costs need besides the monthly series. */
export interface CostInputs {
  /** Decision-maker headcount of the path, each month. */
  readonly headcount: Float64Array;
  /** Extra decision-makers of the lever, each month. */
  readonly extraHeadcount: Float64Array;
  readonly levers: Pick<Scenario, 'decisions' | 'appeals' | 'returns' | 'euDeal' | 'safeRoutes' | 'country'>;
}

/**
 * Fill the cost series of every month and return the totals by financial year. Each lever has its
 * own cost series, and costGbp is the sum of every category. Third-country removals are costed
 * per person as they happen (returns.ts), so only the scheme's fixed payments are added here.
 */
export function bookCosts(obs: Observer, c: CostsParams, inputs: CostInputs, horizon: Horizon): RunResult['costByFinancialYear'] {
  const { headcount, extraHeadcount, levers: l } = inputs;
  const returnsUnitStaff = monthlySchedule(l.returns.unit.staff, 'step', horizon);
  const extraTribunal = monthlySchedule(l.appeals.extra.determinationsPerMonth, 'step', horizon);
  const thirdFixed = monthlySchedule(l.returns.thirdCountry.fixedCostPerYear, 'step', horizon);
  const hotelPerNight = monthlySchedule(c.hotelPerNight, 'step', horizon);
  const quotaWithStatus = l.euDeal.quota.arriveAs === 'status';
  const byYear = new Map<string, number>();
  for (let m = 0; m < horizon.months; m++) {
    const hotel = obs.get('accommodationNightsHotel', m);
    const large = obs.get('accommodationNightsLargeSite', m);
    const dispersal = obs.get('accommodationNightsDispersal', m);
    const accommodation = hotel * hotelPerNight[m] + large * c.largeSitePerNight + dispersal * c.dispersalPerNight;
    const support = (dispersal * c.cashSelfCateredPerWeek + (hotel + large) * c.cashCateredPerWeek) / 7;
    const years = (horizon.bounds[m + 1] - horizon.bounds[m]) / 365.25;
    const staff = headcount[m] * c.decisionMakerPerYear * years;
    const determinations = obs.get('appealsAllowed', m) + obs.get('appealsDismissed', m);
    const returns =
      obs.get('returnsEnforced', m) * c.enforcedReturnCost + obs.get('returnsVoluntary', m) * c.voluntaryReturnCost;
    const extraDecisionMakers = extraHeadcount[m] * l.decisions.extra.costPerYear * years;
    const returnsUnit = returnsUnitStaff[m] * l.returns.unit.costPerStaffYear * years;
    const tribunal = extraTribunal[m] * l.appeals.extra.costPerDetermination;
    const thirdCountry = obs.get('costThirdCountryGbp', m) + thirdFixed[m] * years;
    const euDeal =
      obs.get('euDealReturnsPeople', m) * l.euDeal.costPerReturn +
      (quotaWithStatus ? obs.get('quotaAdmissionsPeople', m) * l.euDeal.quota.costPerPersonWithStatus : 0);
    const safeRoutes = obs.get('safeRouteArrivalsPeople', m) * l.safeRoutes.costPerPerson;
    const total =
      accommodation +
      support +
      staff +
      determinations * c.tribunalPerDetermination +
      returns +
      extraDecisionMakers +
      returnsUnit +
      tribunal +
      thirdCountry +
      euDeal +
      safeRoutes;
    obs.set('costAccommodationGbp', m, accommodation);
    obs.set('costSupportGbp', m, support);
    obs.set('costStaffGbp', m, staff);
    obs.set('costReturnsGbp', m, returns);
    obs.set('costExtraDecisionMakersGbp', m, extraDecisionMakers);
    obs.set('costReturnsUnitGbp', m, returnsUnit);
    obs.set('costExtraTribunalGbp', m, tribunal);
    obs.set('costThirdCountryGbp', m, thirdCountry);
    obs.set('costEuDealGbp', m, euDeal);
    obs.set('costSafeRoutesGbp', m, safeRoutes);
    obs.set('costGbp', m, total);
    const fy = financialYear(horizon.start, m, l.country.financialYearStartMonth);
    byYear.set(fy, (byYear.get(fy) ?? 0) + total);
  }
  return [...byYear].map(([year, gbp]) => ({ year, gbp }));
}
