/**
 * Population bases for the "124,614" quota figure: every way the sourced populations can give the
 * UK a population share — UK over (partners + UK) or over partners alone, partners being the EU27,
 * the EU+ (EU27, Norway, Switzerland) or the Dublin states (EU+ with Iceland and Liechtenstein) of
 * 2021–2023; and the UK's share of the EU28 before Brexit, computed and as Eurostat published it —
 * each with its inputs from data/, its share, the quota it gives of the 2022 EU+ applications and
 * its distance from 124,614.
 */
import type { ObservedData } from '../calibration/observed.js';
import { observed, relativeError } from './inputs.js';
import type { ClaimInput } from './types.js';

/** The tolerance the issue sets for a reproduction. */
export const REPRODUCTION_TOLERANCE = 0.005;

/**
 * How a base turns populations into the UK's share: UK / (partners + UK), UK / partners (the UK
 * left out of the whole: not a share of anything), UK / a whole that already holds the UK (the
 * EU28), or a share as published.
 */
export const BASE_FORMS = ['uk-over-partners-plus-uk', 'uk-over-partners', 'uk-over-whole', 'published-share'] as const;
export type BaseForm = (typeof BASE_FORMS)[number];

/** One population base tried for 124,614. */
export interface PopulationBase {
  readonly label: string;
  /** A fair reading of "a population share": a partner set the EU uses, with the UK counted in the whole. */
  readonly standard: boolean;
  /** Today's EU+ (figures of 2021–2023), or the EU28 of before Brexit (UK a member). */
  readonly era: 'current' | 'eu28';
  readonly form: BaseForm;
  /** uk-over-*: the UK population first, then the partners or the whole; published-share: the share in percent. */
  readonly inputs: readonly ClaimInput[];
  readonly share: number;
  readonly quota: number;
  /** (quota − claimed) / claimed. */
  readonly error: number;
}

/** The UK's share (0–1) a base gives from its input values (see PopulationBase.inputs). */
export function baseShare(form: BaseForm, values: readonly number[]): number {
  const [first = NaN, ...rest] = values;
  const sum = rest.reduce((a, b) => a + b, 0);
  switch (form) {
    case 'uk-over-partners-plus-uk':
      return first / (sum + first);
    case 'uk-over-partners':
    case 'uk-over-whole':
      return first / sum;
    case 'published-share':
      return first / 100;
  }
}

interface PartnerSet {
  readonly label: string;
  readonly standard: boolean;
  readonly members: readonly string[];
}

const PARTNER_SETS: readonly PartnerSet[] = [
  { label: 'EU27', standard: true, members: ['eu27'] },
  { label: 'EU+ (EU27, Norway, Switzerland)', standard: true, members: ['eu27', 'norway', 'switzerland'] },
  { label: 'Dublin states (EU+, Iceland, Liechtenstein)', standard: true, members: ['eu27', 'norway', 'switzerland', 'iceland', 'liechtenstein'] },
  { label: 'EU27 and Norway', standard: false, members: ['eu27', 'norway'] },
  { label: 'EU27 and Switzerland', standard: false, members: ['eu27', 'switzerland'] },
];

function has(data: ObservedData, series: string, period: string, vintage?: string): boolean {
  return data.has(series) && data.get(series, period, vintage) !== undefined;
}

/** The UK population figures of 2021–2022 the data holds (ONS mid-year, and a rounded report). */
function ukPopulations(data: ObservedData): ClaimInput[] {
  const out: ClaimInput[] = [];
  for (const y of ['2021', '2022']) if (has(data, 'key_population_uk', y)) out.push(observed(data, `UK population mid-${y}`, 'key_population_uk', y));
  if (has(data, 'population_uk', '2022-06-30')) out.push(observed(data, 'UK population mid-2022 (67.6m as reported)', 'population_uk', '2022-06-30'));
  return out;
}

/** Partner populations of 2021–2023: each standard or mixed set for each year whose members all have a figure. */
function partnerPopulations(data: ObservedData): { label: string; standard: boolean; inputs: ClaimInput[] }[] {
  const out: { label: string; standard: boolean; inputs: ClaimInput[] }[] = [];
  for (const set of PARTNER_SETS) {
    for (const y of ['2021', '2022', '2023']) {
      const series = set.members.map((m) => `key_population_${m}`);
      if (!series.every((s) => has(data, s, y))) continue;
      out.push({ label: `${set.label}, 1 Jan ${y}`, standard: set.standard, inputs: series.map((s, i) => observed(data, `${set.members[i]} population 1 Jan ${y}`, s, y)) });
    }
  }
  // The older compilation's figures: Eurostat migr_pop1ctz EU27 and a derived EU+ total.
  if (has(data, 'population_eu27', '2022-01-01')) {
    out.push({ label: 'EU27, 1 Jan 2022 (Eurostat migr_pop1ctz)', standard: true, inputs: [observed(data, 'EU27 population 1 Jan 2022 (migr_pop1ctz)', 'population_eu27', '2022-01-01')] });
  }
  if (has(data, 'population_eu_plus', '2022')) {
    out.push({ label: 'EU+, 2022 (derived: migr_pop1ctz EU27 + Norway + Switzerland)', standard: true, inputs: [observed(data, 'EU+ population 2022 (derived)', 'population_eu_plus', '2022')] });
  }
  return out;
}

function base(label: string, standard: boolean, era: PopulationBase['era'], form: BaseForm, inputs: ClaimInput[], applications: number, claimed: number): PopulationBase {
  const share = baseShare(form, inputs.map((i) => i.value));
  const quota = share * applications;
  return { label, standard, era, form, inputs, share, quota, error: relativeError(quota, claimed) };
}

/** Today's bases: UK mid-2021/2022 over each partner set of 2021–2023, with and without the UK in the whole. */
function currentBases(data: ObservedData, applications: number, claimed: number): PopulationBase[] {
  const out: PopulationBase[] = [];
  for (const uk of ukPopulations(data)) {
    for (const p of partnerPopulations(data)) {
      out.push(base(`${uk.name} / (${p.label} + UK)`, p.standard, 'current', 'uk-over-partners-plus-uk', [uk, ...p.inputs], applications, claimed));
      out.push(base(`${uk.name} / (${p.label})`, false, 'current', 'uk-over-partners', [uk, ...p.inputs], applications, claimed));
    }
  }
  return out;
}

/**
 * The EU28 of before Brexit, with the UK a member: Eurostat's first estimates of 1 January, as a
 * share computed from the rounded populations and as the share Eurostat published. Latest first,
 * so that of two equal shares the more recent year is named.
 */
function eu28Bases(data: ObservedData, applications: number, claimed: number): PopulationBase[] {
  if (!data.has('population_eu28')) return [];
  const out: PopulationBase[] = [];
  const rows = data.series('population_eu28', { allVintages: true }).slice().reverse();
  for (const row of rows) {
    const day = row.period;
    if (!has(data, 'population_uk', day)) continue;
    const uk = observed(data, `UK population 1 Jan ${day.slice(0, 4)} (Eurostat)`, 'population_uk', day);
    const whole = observed(data, `EU28 population 1 Jan ${day.slice(0, 4)}${row.vintage === 'as-published' ? '' : ` (${row.vintage} release)`}`, 'population_eu28', day, row.vintage);
    out.push(base(`${uk.name} / ${whole.name} (UK a member)`, true, 'eu28', 'uk-over-whole', [uk, whole], applications, claimed));
    if (row.vintage === 'as-published' && has(data, 'uk_share_eu28_population', day)) {
      const share = observed(data, `UK share of the EU28 population 1 Jan ${day.slice(0, 4)} (Eurostat, as published)`, 'uk_share_eu28_population', day);
      out.push(base(share.name, true, 'eu28', 'published-share', [share], applications, claimed));
    }
  }
  return out;
}

/** Every base the data supports, nearest to the claimed figure first (ties keep their order). */
export function searchPopulationBases(data: ObservedData, applications: number, claimed: number): PopulationBase[] {
  const bases = [...eu28Bases(data, applications, claimed), ...currentBases(data, applications, claimed)];
  return bases.sort((a, b) => Math.abs(a.error) - Math.abs(b.error));
}

/** A base that reproduces the figure: a fair reading, within the tolerance. */
export function reproduces(b: PopulationBase): boolean {
  return b.standard && Math.abs(b.error) <= REPRODUCTION_TOLERANCE;
}

export interface QuotaSearch {
  readonly applications: ClaimInput;
  readonly bases: readonly PopulationBase[];
  /** Fair readings with today's populations (2021–2023), nearest first. */
  readonly current: readonly PopulationBase[];
  readonly reproducing: readonly PopulationBase[];
  /** Bases within tolerance that are no fair reading (odd partner sets, or the UK left out of the whole). */
  readonly arbitraryMatches: readonly PopulationBase[];
  /** claimed / applications: the share the claim implies. */
  readonly impliedShare: number;
}

/** The search for the claimed quota (124,614 in the UK's claims.yaml). */
export function quotaSearch(data: ObservedData, claimed: number): QuotaSearch {
  const applications = observed(data, 'EU+ asylum applications 2022', 'euaa_applications_eu_plus', '2022', 'as-published');
  const bases = searchPopulationBases(data, applications.value, claimed);
  const current = bases.filter((b) => b.standard && b.era === 'current');
  if (current.length === 0) throw new Error('no population base can be built from the data');
  return {
    applications,
    bases,
    current,
    reproducing: bases.filter(reproduces),
    arbitraryMatches: bases.filter((b) => Math.abs(b.error) <= REPRODUCTION_TOLERANCE && !b.standard),
    impliedShare: claimed / applications.value,
  };
}
