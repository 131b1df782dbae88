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

const gbp = (
  label: string,
  unit: 'GBP/person-night' | 'GBP/person-week' | 'GBP/staff-year' | 'GBP/determination' | 'GBP/return',
  value: number | { series: string; period: string; scale?: number; per?: object; minus?: object[] },
  range: [number, number],
  description: string,
  source: string,
) => num({ label, description, unit, default: value as never, min: 0, max: 10_000_000, range, source });

export const costsParams = {
  hotelPerNight: schedule({
    label: 'Hotel cost per person-night',
    description: 'Cost of a night in contingency (hotel) accommodation, per person, over time (contract prices change as hotels are taken on and given up).',
    unit: 'GBP/person-night',
    interpolation: 'step',
    default: [{ date: '2023-07-01', value: { series: 'hotel_cost_per_day', period: '2023-03', per: { series: 'asylum_hotel_people', period: '2023-03-31' } } }],
    min: 0,
    max: 10_000_000,
    range: [0.8, 1.25],
    source: 'Derived: £6m a day on hotels (ministers, March 2023) over people in hotels at 31 March 2023 (Home Office); held unless a scenario dates a change.',
  }),
  largeSitePerNight: gbp(
    'Large-site cost per person-night',
    'GBP/person-night',
    120,
    [70, 200],
    'Cost of a night on a large site (barge, former military site), per person, set-up costs included.',
    'Assumption: the Home Office expected savings on hotels; the NAO later found large sites no cheaper.',
  ),
  dispersalPerNight: gbp(
    'Dispersal cost per person-night',
    'GBP/person-night',
    {
      series: 'asylum_other_accommodation_spend',
      period: 'FY2022-23',
      scale: 1 / 365,
      per: {
        series: 'asylum_supported_people',
        period: '2023-03-31',
        minus: [{ series: 'asylum_contingency_accommodation_people', period: '2023-03-31' }],
      },
    },
    [12, 25],
    'Cost of a night in dispersal accommodation, per person.',
    'Derived: NAO spend on non-hotel accommodation in 2022-23 (£0.4bn) over supported people outside contingency accommodation at 31 March 2023.',
  ),
  cashSelfCateredPerWeek: gbp(
    'Support payment, self-catered',
    'GBP/person-week',
    { series: 'asylum_support_rate_self_catered', period: '2023-06' },
    [45, 50],
    'Weekly cash allowance per supported person in self-catered (dispersal) accommodation.',
    'GOV.UK, asylum support rates from June 2023.',
  ),
  cashCateredPerWeek: gbp(
    'Support payment, catered',
    'GBP/person-week',
    { series: 'asylum_support_rate_catered', period: '2023-06' },
    [8, 10],
    'Weekly cash allowance per supported person in catered accommodation (hotels, large sites).',
    'GOV.UK, asylum support rates from June 2023.',
  ),
  caseworkerPerYear: gbp(
    'Decision-maker cost per year',
    'GBP/staff-year',
    45_000,
    [35_000, 60_000],
    'Fully loaded yearly cost of a decision-maker (salary, pension, overheads).',
    'Assumption: executive-officer grade salary of about £30,000 plus on-costs and overheads.',
  ),
  tribunalPerDetermination: gbp(
    'Tribunal cost per determination',
    'GBP/determination',
    2_000,
    [1_000, 4_000],
    'Cost to the tribunal and the Home Office of one appeal determination.',
    'Assumption.',
  ),
  enforcedReturnCost: gbp(
    'Cost of an enforced return',
    'GBP/return',
    15_000,
    [5_000, 30_000],
    'Cost of one enforced removal (detention, escorts, travel).',
    'Assumption.',
  ),
  voluntaryReturnCost: gbp(
    'Cost of a voluntary return',
    'GBP/return',
    2_500,
    [1_000, 5_000],
    'Cost of one assisted voluntary return (travel and reintegration package).',
    'Assumption.',
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
    const staff = headcount[m] * c.caseworkerPerYear * years;
    const determinations = obs.get('appealsAllowed', m) + obs.get('appealsDismissed', m);
    const returns =
      obs.get('returnsEnforced', m) * c.enforcedReturnCost + obs.get('returnsVoluntary', m) * c.voluntaryReturnCost;
    const extraCaseworkers = extraHeadcount[m] * l.decisions.extra.costPerYear * years;
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
      extraCaseworkers +
      returnsUnit +
      tribunal +
      thirdCountry +
      euDeal +
      safeRoutes;
    obs.set('costAccommodationGbp', m, accommodation);
    obs.set('costSupportGbp', m, support);
    obs.set('costStaffGbp', m, staff);
    obs.set('costReturnsGbp', m, returns);
    obs.set('costExtraCaseworkersGbp', m, extraCaseworkers);
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
