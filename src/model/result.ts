/**
 * What one replication of the model returns: monthly series (one value per calendar month of the
 * horizon) and scalar KPIs. Every consumer (experiment summaries, CLI, server, web) reads these
 * names, so they are the model's public vocabulary; series are in cases or people as named.
 */

/** Monthly series. Stocks are measured at the end of the month; flows are totals within it. */
export const SERIES = [
  // stocks
  'awaitingDecisionCases',
  'awaitingDecisionPeople',
  'awaitingDecisionOver6mCases',
  'awaitingDecisionOver6mPeople',
  'awaitingAppealCases',
  'awaitingAppealPeople',
  'awaitingReturnCases',
  'awaitingReturnPeople',
  'limboCases',
  'limboPeople',
  'inSupportPeople',
  'inHotelsPeople',
  'inLargeSitesPeople',
  'inDispersalPeople',
  'decisionMakersProductive',
  // flows
  'arrivalsCases',
  'arrivalsPeople',
  'arrivalsSmallBoatPeople',
  'decisionsGrant',
  'decisionsRefuse',
  'decisionsWithdraw',
  'decisionsInadmissible',
  'decisionsPeople',
  'appealsLodged',
  'appealsAllowed',
  'appealsDismissed',
  'returns',
  'returnsEnforced',
  'returnsVoluntary',
  'absconded',
  /** People leaving the asylum system: granted (initially or on appeal), withdrawn, returned, departed, absconded. */
  'exitsPeople',
  'accommodationNightsHotel',
  'accommodationNightsLargeSite',
  'accommodationNightsDispersal',
  'costAccommodationGbp',
  'costSupportGbp',
  'costStaffGbp',
  'costReturnsGbp',
  'costGbp',
  // Levers (issue 4). Stocks:
  /** Small-boat arrivals held under an EU returns deal until they are returned (not in the asylum queue). */
  'euReturnPendingCases',
  'euReturnPendingPeople',
  /** Small-boat arrivals whose claims are inadmissible: held for third-country removal, not decided. */
  'heldForRemovalCases',
  'heldForRemovalPeople',
  /** People in hotels beyond the hotel capacity path (kept in hotels despite a closure). */
  'hotelOverflowPeople',
  'extraDecisionMakersHeadcount',
  // Flows:
  'euDealReturnsCases',
  'euDealReturnsPeople',
  'quotaAdmissionsPeople',
  'safeRouteArrivalsPeople',
  /** Cases admitted with status on arrival (safe routes, quota admissions with status): they arrive and leave the asylum system at once. */
  'admittedWithStatusCases',
  'returnsThirdCountry',
  'costExtraDecisionMakersGbp',
  'costReturnsUnitGbp',
  'costExtraTribunalGbp',
  'costThirdCountryGbp',
  'costEuDealGbp',
  'costSafeRoutesGbp',
  /** People admitted with status on arrival (their cases are not rows of the case table). */
  'admittedWithStatusPeople',
  // Validity mechanisms (issue 11). Stocks:
  /** Claims counted as awaiting an initial decision but held undecidable by a policy (e.g. the Illegal Migration Act bar). */
  'heldClaimsCases',
  'heldClaimsPeople',
  // Flows:
  /** Appeals withdrawn or otherwise disposed of without a determination (appeal rights then exhausted). */
  'appealsWithdrawn',
  /** Appeals disposed of at the tribunal: allowed, dismissed and withdrawn. */
  'appealsDisposed',
  /** Protection appeals from outside initial decisions (refused further submissions, revocations): one person each, they enter the system at the tribunal. */
  'otherAppealsCases',
  /** Appeals the tribunal receives: those lodged after initial refusals (appealsLodged) and the other protection appeals. */
  'tribunalReceipts',
] as const;
export type SeriesName = (typeof SERIES)[number];

/**
 * Scalar KPIs of one replication. A KPI that did not happen within the horizon (the backlog never
 * fell below the threshold, hotels never emptied) is `Infinity`; summaries and the JSON writer
 * turn that into "not within horizon" / null. A KPI that is not defined for the run is `NaN`:
 * a value at month 12 or 24 of a shorter horizon, a mean wait when no case was decided.
 * Summaries leave NaN replications out and count them.
 */
export const KPIS = [
  'backlogPeopleAt12m',
  'backlogPeopleAt24m',
  'backlogPeopleEnd',
  'backlogCasesEnd',
  'monthsUntilBacklogBelowThreshold',
  'meanWaitFirstDecisionDays',
  'p90WaitFirstDecisionDays',
  'hotelPeopleAt12m',
  'hotelPeopleAt24m',
  'monthsUntilHotelsEmpty',
  'totalCostGbp',
  'totalAccommodationCostGbp',
  'casesSimulated',
  'peopleAtStart',
  /** Highest number of people kept in hotels beyond the hotel capacity path, any month end. */
  'maxHotelOverflowPeople',
  'euDealReturnsPeopleTotal',
  'quotaAdmissionsPeopleTotal',
  'thirdCountryRemovalsTotal',
  'heldForRemovalPeopleEnd',
] as const;
export type KpiName = (typeof KPIS)[number];

export interface RunResult {
  /** First day of the first month, ISO date (YYYY-MM-DD). */
  readonly startDate: string;
  /** One label per month, `YYYY-MM`. */
  readonly months: readonly string[];
  readonly series: Readonly<Record<SeriesName, Float64Array>>;
  readonly kpis: Readonly<Record<KpiName, number>>;
  /** Per financial year (April to March) total cost, label `FY2023-24`. */
  readonly costByFinancialYear: readonly { readonly year: string; readonly gbp: number }[];
}
