/**
 * Claims checked against the record: Channel crossings so far in 2023, people awaiting an initial
 * decision, and the yearly cost of hotels, barges and former military sites. Figures come from
 * data/ through ObservedData; the claimed figures are the article's own words.
 */
import type { ObservedData } from '../calibration/observed.js';
import { claimed, count, gbp, inputValue, observed, percent, relativeError } from './inputs.js';
import type { Claim, ClaimInput } from './types.js';

const ARTICLE = 'seed article (September 2023)';
/** Starmer met Europol in The Hague on Thursday 14 September 2023, the week of the article. */
const ARTICLE_DAY = 'Assumption: the article reports the week of Thursday 14 September 2023 (Starmer at Europol, The Hague)';

/** Crossings so far in 2023: "passed 23,000". */
export function crossingsClaim(data: ObservedData): Claim {
  const inputs: ClaimInput[] = [
    claimed('claimed crossings so far in 2023', 23_000, 'people', ARTICLE),
    observed(data, 'crossings to 8 Sep 2023', 'small_boat_arrivals_ytd', '2023-09-08'),
    observed(data, 'crossings to 26 Sep 2023', 'small_boat_arrivals_ytd', '2023-09-26'),
    { name: 'days from 8 Sep to the article', value: 6, unit: 'days', source: ARTICLE_DAY },
    { name: 'days from 8 Sep to 26 Sep', value: 18, unit: 'days', source: 'Arithmetic: the two records\' dates' },
  ];
  const result = crossingsResult(inputs);
  const before = inputValue(inputs, 'crossings to 8 Sep 2023');
  const after = inputValue(inputs, 'crossings to 26 Sep 2023');
  return {
    id: 'crossings-2023',
    speaker: 'the article (reporter)',
    kind: 'record',
    statement: 'Channel crossings in small boats have passed 23,000 so far this year (2023).',
    claimed: 'more than 23,000',
    computation: 'Linear interpolation of the cumulative 2023 count between the records of 8 and 26 September 2023, at the article\'s date: before + (days to article / days between) × (after − before).',
    inputs,
    result: {
      value: result,
      unit: 'people',
      text: `${count(result)} by 14 Sep 2023 (interpolated; records: ${count(before)} on 8 Sep, ${count(after)} on 26 Sep)`,
    },
    verdict: 'roughly right',
    reasoning: `The record has ${count(before)} by 8 September and ${count(after)} by 26 September 2023, so the total passed 23,000 between those dates; an even pace puts it at about ${count(result)} in the week of the article (${percent(relativeError(result, 23_000))} from 23,000). Crossings come in bursts on calm days, so "passed 23,000" that week is plausible but not confirmed by a record of that exact day.`,
    assumptions: ['the article describes the week of 14 September 2023', 'crossings between the two records at an even pace'],
  };
}

/** Interpolated crossings at the article's date. */
export function crossingsResult(inputs: readonly ClaimInput[]): number {
  const a = inputValue(inputs, 'crossings to 8 Sep 2023');
  const b = inputValue(inputs, 'crossings to 26 Sep 2023');
  return a + (inputValue(inputs, 'days from 8 Sep to the article') / inputValue(inputs, 'days from 8 Sep to 26 Sep')) * (b - a);
}

/** "More than 175,000 people are waiting for an initial decision." */
export function backlogClaim(data: ObservedData): Claim {
  const inputs: ClaimInput[] = [
    claimed('claimed people awaiting an initial decision', 175_000, 'people', ARTICLE),
    observed(data, 'people awaiting an initial decision at 30 Jun 2023', 'backlog_initial_people', '2023-06-30'),
    observed(data, 'cases awaiting an initial decision at 30 Jun 2023', 'backlog_initial_cases', '2023-06-30'),
  ];
  const people = backlogResult(inputs);
  const cases = inputValue(inputs, 'cases awaiting an initial decision at 30 Jun 2023');
  return {
    id: 'backlog-175000',
    speaker: 'the article (reporter)',
    kind: 'record',
    statement: 'More than 175,000 people who have applied for asylum are waiting for an initial decision.',
    claimed: 'more than 175,000 people',
    computation: 'The latest official count at the time of the article: people (main applicants and dependants) awaiting an initial decision at 30 June 2023 (published August 2023).',
    inputs,
    result: { value: people, unit: 'people', text: `${count(people)} people (${count(cases)} cases) at 30 June 2023` },
    verdict: people > 175_000 ? 'accurate' : 'misleading',
    reasoning: `The Home Office count at 30 June 2023, the latest published when the article appeared, was ${count(people)} people in ${count(cases)} cases: ${people > 175_000 ? 'just over' : 'under'} 175,000. The figure counts people, not cases; counted as cases (one per main applicant) the backlog was ${count(cases)}.`,
    assumptions: ['"people" includes dependants, as the Home Office\'s people series does'],
  };
}

export function backlogResult(inputs: readonly ClaimInput[]): number {
  return inputValue(inputs, 'people awaiting an initial decision at 30 Jun 2023');
}

/** "Hotels, barges and former military sites … cost around £2 billion a year." */
export function accommodationCostClaim(data: ObservedData): Claim {
  const inputs: ClaimInput[] = [
    claimed('claimed yearly cost', 2e9, 'GBP per year', ARTICLE),
    observed(data, 'hotel spending 2022-23', 'asylum_hotel_spend', 'FY2022-23'),
    observed(data, 'other accommodation spending 2022-23', 'asylum_other_accommodation_spend', 'FY2022-23'),
    observed(data, 'hotel cost per day (Home Secretary, 18 Sep 2023)', 'hotel_cost_per_day', '2023-09-18'),
    observed(data, 'hotel cost per day (Home Office annual report, 19 Sep 2023)', 'hotel_cost_per_day', '2023-09-19'),
    { name: 'days per year', value: 365, unit: 'days', source: 'Arithmetic' },
  ];
  const r = accommodationResult(inputs);
  return {
    id: 'accommodation-2bn',
    speaker: 'Labour (as reported)',
    kind: 'arithmetic',
    statement: 'Hotels, barges and former military sites used to house asylum seekers cost around £2 billion a year.',
    claimed: 'around £2bn a year',
    computation: 'Hotel spending in 2022-23 (NAO), and the daily hotel cost quoted in September 2023 × 365 days.',
    inputs,
    result: {
      value: r.hotels,
      unit: 'GBP per year',
      text: `hotels ${gbp(r.hotels)} in 2022-23; ${gbp(r.low)} to ${gbp(r.high)} a year at the September 2023 daily rates`,
    },
    verdict: 'roughly right',
    reasoning: `Hotels alone cost ${gbp(r.hotels)} in 2022-23 (other accommodation ${gbp(inputValue(inputs, 'other accommodation spending 2022-23'))}); the daily costs quoted in September 2023 come to ${gbp(r.low)} (£6m a day) to ${gbp(r.high)} (£8m a day) a year. "Around £2bn" is the right order and, if anything, an understatement; barges and military sites were new in 2023 and held few people.`,
    assumptions: ['the daily rates held for a whole year', 'NAO hotel spending covers the contingency accommodation the claim means'],
  };
}

export function accommodationResult(inputs: readonly ClaimInput[]): { hotels: number; low: number; high: number } {
  const days = inputValue(inputs, 'days per year');
  const a = inputValue(inputs, 'hotel cost per day (Home Secretary, 18 Sep 2023)') * days;
  const b = inputValue(inputs, 'hotel cost per day (Home Office annual report, 19 Sep 2023)') * days;
  return { hotels: inputValue(inputs, 'hotel spending 2022-23'), low: Math.min(a, b), high: Math.max(a, b) };
}
