/**
 * The nationalities the model follows one by one: the twelve most common in UK asylum claims
 * 2019–2023 (Home Office tables Asy_D01–D03, in packs/uk/data/uk-asylum-by-nationality-to-2023Q2.csv) and
 * "other" for the rest. A case's nationality sets its grant rate, whether it can be returned and
 * its triage stream, so a changing mix of claims and a changing policy both move the overall
 * grant rate, the returns and the queues.
 */
import { Categorical } from '../engine/index.js';
import { monthlySchedule, type Horizon } from './horizon.js';
import type { SchedulePoint } from './declarations.js';

export const NATIONALITIES = [
  'afghanistan',
  'albania',
  'bangladesh',
  'eritrea',
  'india',
  'iran',
  'iraq',
  'pakistan',
  'sudan',
  'syria',
  'turkey',
  'vietnam',
  'other',
] as const;
export type Nationality = (typeof NATIONALITIES)[number];
/** The named nationalities: those the record gives figures for one by one. */
export const NAMED_NATIONALITIES = NATIONALITIES.filter((n): n is Exclude<Nationality, 'other'> => n !== 'other');

export const NATIONALITY_LABELS: Readonly<Record<Nationality, string>> = {
  afghanistan: 'Afghanistan',
  albania: 'Albania',
  bangladesh: 'Bangladesh',
  eritrea: 'Eritrea',
  india: 'India',
  iran: 'Iran',
  iraq: 'Iraq',
  pakistan: 'Pakistan',
  sudan: 'Sudan',
  syria: 'Syria',
  turkey: 'Turkey',
  vietnam: 'Vietnam',
  other: 'other nationalities',
};

/**
 * Nationalities in the streamlined asylum process (a questionnaire instead of most interviews):
 * Afghanistan, Eritrea and Syria from February 2023, Iran and Iraq from June 2023 (Home Office,
 * "Streamlined asylum processing", 2023; Libya and Yemen, also in it, are among "other").
 */
export const STREAMLINED: ReadonlySet<Nationality> = new Set(['afghanistan', 'eritrea', 'iran', 'iraq', 'syria']);

/** One entry per nationality, made by `make` (for parameter declarations). */
export function byNationality<T>(make: (n: Nationality, label: string) => T): { readonly [K in Nationality]: T } {
  return Object.fromEntries(NATIONALITIES.map((n) => [n, make(n, NATIONALITY_LABELS[n])])) as { [K in Nationality]: T };
}

/**
 * The nationality of a claim, as a distribution per month of the horizon: each nationality's
 * weight (its share of claims on the month's date) divided by the sum of the weights, so the
 * shares need not add up to exactly 1.
 */
export function monthlyNationalityMix(mix: { readonly [K in Nationality]: readonly SchedulePoint[] }, horizon: Horizon): Categorical[] {
  const paths = NATIONALITIES.map((n) => monthlySchedule(mix[n], 'step', horizon));
  return Array.from({ length: horizon.months }, (_, m) => new Categorical(paths.map((p) => p[m])));
}

/**
 * The triage stream (decisions.ts STREAMS) of a claim that is not legacy, by nationality:
 * streamlined, fast-track for nationalities that can mostly be returned (returnable share at least
 * a half: the returns unit's "safe countries"), standard for the rest.
 */
export function triageStreams(returnable: { readonly [K in Nationality]: number }): Uint8Array {
  return Uint8Array.from(NATIONALITIES, (n) => (STREAMLINED.has(n) ? 1 : isFastTrack(returnable[n]) ? 2 : 3));
}

/** Whether claims of a nationality with this returnable share are fast-tracked by the returns unit. */
export const isFastTrack = (returnableShare: number): boolean => returnableShare >= 0.5;
