/**
 * The EU quota figures: "124,614 in 2022 as a population share of the 966,000 who applied to the
 * bloc", and "100,000 EU migrants a year". The 124,614 check searches every population base the
 * data can build — UK population over (partners + UK) or over partners alone, partners being the
 * EU27, the EU+ (EU27, Norway, Switzerland) or the Dublin states (EU+ with Iceland and
 * Liechtenstein) of 2021–2023; and the UK's share of the EU28 before Brexit, computed and as
 * Eurostat published it — and says which, if any, reproduces the figure within 0.5%. Other keys
 * (the EU's 50% population / 50% GDP key) come from the model's eu-key module.
 */
import type { ObservedData } from '../calibration/observed.js';
import { quotaFromKey } from '../model/eu-key.js';
import { claimed, count, inputValue, observed, percent, relativeError } from './inputs.js';
import type { Claim, ClaimDetail, ClaimInput } from './types.js';

export const QUOTA_CLAIMED = 124_614;
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
  /** (quota − 124,614) / 124,614. */
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

function base(label: string, standard: boolean, era: PopulationBase['era'], form: BaseForm, inputs: ClaimInput[], applications: number): PopulationBase {
  const share = baseShare(form, inputs.map((i) => i.value));
  const quota = share * applications;
  return { label, standard, era, form, inputs, share, quota, error: relativeError(quota, QUOTA_CLAIMED) };
}

/** Today's bases: UK mid-2021/2022 over each partner set of 2021–2023, with and without the UK in the whole. */
function currentBases(data: ObservedData, applications: number): PopulationBase[] {
  const out: PopulationBase[] = [];
  for (const uk of ukPopulations(data)) {
    for (const p of partnerPopulations(data)) {
      out.push(base(`${uk.name} / (${p.label} + UK)`, p.standard, 'current', 'uk-over-partners-plus-uk', [uk, ...p.inputs], applications));
      out.push(base(`${uk.name} / (${p.label})`, false, 'current', 'uk-over-partners', [uk, ...p.inputs], applications));
    }
  }
  return out;
}

/**
 * The EU28 of before Brexit, with the UK a member: Eurostat's first estimates of 1 January, as a
 * share computed from the rounded populations and as the share Eurostat published. Latest first,
 * so that of two equal shares the more recent year is named.
 */
function eu28Bases(data: ObservedData, applications: number): PopulationBase[] {
  if (!data.has('population_eu28')) return [];
  const out: PopulationBase[] = [];
  const rows = data.series('population_eu28', { allVintages: true }).slice().reverse();
  for (const row of rows) {
    const day = row.period;
    if (!has(data, 'population_uk', day)) continue;
    const uk = observed(data, `UK population 1 Jan ${day.slice(0, 4)} (Eurostat)`, 'population_uk', day);
    const whole = observed(data, `EU28 population 1 Jan ${day.slice(0, 4)}${row.vintage === 'as-published' ? '' : ` (${row.vintage} release)`}`, 'population_eu28', day, row.vintage);
    out.push(base(`${uk.name} / ${whole.name} (UK a member)`, true, 'eu28', 'uk-over-whole', [uk, whole], applications));
    if (row.vintage === 'as-published' && has(data, 'uk_share_eu28_population', day)) {
      const share = observed(data, `UK share of the EU28 population 1 Jan ${day.slice(0, 4)} (Eurostat, as published)`, 'uk_share_eu28_population', day);
      out.push(base(share.name, true, 'eu28', 'published-share', [share], applications));
    }
  }
  return out;
}

/** Every base the data supports, nearest to 124,614 first (ties keep their order). */
export function searchPopulationBases(data: ObservedData, applications: number): PopulationBase[] {
  const bases = [...eu28Bases(data, applications), ...currentBases(data, applications)];
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
  /** 124,614 / applications: the share the claim implies. */
  readonly impliedShare: number;
}

export function quotaSearch(data: ObservedData): QuotaSearch {
  const applications = observed(data, 'EU+ asylum applications 2022', 'euaa_applications_eu_plus', '2022', 'as-published');
  const bases = searchPopulationBases(data, applications.value);
  const current = bases.filter((b) => b.standard && b.era === 'current');
  if (current.length === 0) throw new Error('no population base can be built from the data');
  return {
    applications,
    bases,
    current,
    reproducing: bases.filter(reproduces),
    arbitraryMatches: bases.filter((b) => Math.abs(b.error) <= REPRODUCTION_TOLERANCE && !b.standard),
    impliedShare: QUOTA_CLAIMED / applications.value,
  };
}

/** "The UK would have had to take 124,614 in 2022, a population share of 966,000." */
export function quota124614Claim(data: ObservedData): Claim {
  const s = quotaSearch(data);
  const found = s.reproducing[0];
  const nearestCurrent = s.current[0] as PopulationBase;
  const chosen = found ?? nearestCurrent;
  const gdpKey = quotaFromKey('population-gdp-50-50', data, 2022);
  const inputs: ClaimInput[] = [
    claimed('claimed quota', QUOTA_CLAIMED, 'people', 'senior Conservative ministers, as reported in the seed article'),
    s.applications,
    ...chosen.inputs,
  ];
  const result = quotaResult(inputs, chosen.form);
  const computed = found && found.form === 'published-share' ? s.reproducing.find((b) => b.form === 'uk-over-whole' && b.era === found.era) : undefined;
  const lo = Math.min(...s.current.map((b) => b.quota));
  const hi = Math.max(...s.current.map((b) => b.quota));
  const text = found
    ? `reproduced: ${found.label} × ${count(s.applications.value)} = ${count(found.quota)} (${percent(found.error, 2)})${computed ? `; from the populations, ${computed.label}: ${count(computed.quota)} (${percent(computed.error, 2)})` : ''}; today's populations give ${count(lo)} to ${count(hi)}`
    : `no standard sourced base reproduces it within 0.5%; nearest: ${nearestCurrent.label} gives ${count(nearestCurrent.quota)} (${percent(nearestCurrent.error, 2)})`;
  const currentWithin = s.current.filter((b) => Math.abs(b.error) <= REPRODUCTION_TOLERANCE);
  const shown = s.arbitraryMatches.slice(0, 2).map((b) => `${b.label}: ${count(b.quota)}`).join('; ');
  const more = s.arbitraryMatches.length > 2 ? ` and ${s.arbitraryMatches.length - 2} more` : '';
  return {
    id: 'eu-quota-124614',
    speaker: 'senior Conservative ministers',
    kind: 'arithmetic',
    statement: 'Had a returns deal with the EU been in place, the UK would have had to take 124,614 "illegal migrants" in 2022, as a population share of the 966,000 who applied for asylum in the EU+.',
    claimed: '124,614 people in 2022',
    computation: 'Quota = the UK\'s population share × EU+ applications in 2022 (966,000). Shares tried: UK / (partners + UK) and UK / partners for the EU27, the EU+ and the Dublin states on 1 January 2021–2023 with the UK at mid-2021 or mid-2022; UK / EU28 (before Brexit, UK a member) on 1 January 2017–2019; and Eurostat\'s published UK share of the EU28. A fair reading counts the UK in the whole and uses a partner set the EU uses; it reproduces the figure when within 0.5%. The inputs listed are the reproducing base (or the nearest current one).',
    inputs,
    result: { value: result, unit: 'people', text },
    verdict: 'misleading',
    reasoning: [
      `124,614 is exactly ${percent(s.impliedShare, 3)} of ${count(s.applications.value)}.`,
      found
        ? `That is the UK's share of the EU28 population as Eurostat published it for ${found.label.match(/\d{4}/)?.[0] ?? 'a year before Brexit'} (12.9%), when the UK was still in the EU${computed ? `; the rounded populations give ${percent(computed.share, 2)}, ${count(computed.quota)} (${percent(computed.error, 2)})` : ''}. The figure is reproduced, but from an out-of-date base: a pre-Brexit population share applied to 2022 applications.`
        : 'No fair base reproduces it within 0.5%.',
      `With today's populations (UK and the EU27, EU+ or Dublin states, 2021–2023) the share is ${percent(Math.min(...s.current.map((b) => b.share)), 2)} to ${percent(Math.max(...s.current.map((b) => b.share)), 2)}, i.e. ${count(lo)} to ${count(hi)}; ${currentWithin.length > 0 ? `${currentWithin.length} of them land within 0.5%.` : `none within 0.5% (nearest: ${nearestCurrent.label}, ${count(nearestCurrent.quota)}, ${percent(nearestCurrent.error, 2)}).`}`,
      shown ? `Arbitrary mixes of states also land within 0.5% (${shown}${more}); they are no reading of the claim.` : '',
      `The EU's 50% population / 50% GDP key would give ${count(gdpKey.quota)} (${percent(gdpKey.share, 2)}); the revised EU+ total for 2022 (996,000) would raise every figure by 3%.`,
      'The size is right for a population share of every EU+ applicant, but the premise is not Labour\'s plan: Labour said it would not join the EU quota scheme, a returns deal need not take a share of all applicants, and asylum applicants are not "illegal migrants".',
    ].filter(Boolean).join(' '),
    assumptions: ['the quota is a population share of all EU+ applications in 2022', 'population figures as published by Eurostat, ONS and national offices (Eurostat first estimates rounded to 0.1 million)'],
    details: [...otherKeys(data), ...s.bases.filter((b) => b.standard).map(baseDetail), ...s.bases.filter((b) => !b.standard).map(baseDetail)],
  };
}

function baseDetail(b: PopulationBase): ClaimDetail {
  const kind = b.standard ? (b.era === 'eu28' ? 'fair reading, EU28 before Brexit' : 'fair reading, today\'s populations') : b.form === 'uk-over-partners' ? 'UK left out of the whole' : 'arbitrary partner set';
  return { label: `population share: ${b.label}`, value: b.quota, unit: 'people', note: `${kind}; share ${percent(b.share, 3)}; ${percent(b.error, 2)} from 124,614` };
}

/** The quota under each of the model's keys (data/eu-allocation-key.csv), 2022. */
function otherKeys(data: ObservedData): ClaimDetail[] {
  const out: ClaimDetail[] = [];
  for (const key of ['population-share', 'population-gdp-50-50'] as const) {
    for (const partners of ['eu-plus', 'eu27'] as const) {
      const q = quotaFromKey(key, data, 2022, { partners });
      const label = key === 'population-share' ? 'population key' : "EU's 50% population / 50% GDP key";
      out.push({ label: `${label}, UK with ${partners === 'eu-plus' ? 'EU+ and Iceland, Liechtenstein' : 'EU27'} (2022)`, value: q.quota, unit: 'people', note: `share ${percent(q.share, 2)} of ${count(q.applications)}; ${percent(relativeError(q.quota, QUOTA_CLAIMED), 2)} from 124,614` });
    }
  }
  return out;
}

/** Quota from a claim's inputs: the base's share (inputs after the claimed figure and the applications) times the applications. */
export function quotaResult(inputs: readonly ClaimInput[], form: BaseForm): number {
  const baseInputs = inputs.filter((i) => i.name !== 'claimed quota' && i.name !== 'EU+ asylum applications 2022');
  return baseShare(form, baseInputs.map((i) => i.value)) * inputValue(inputs, 'EU+ asylum applications 2022');
}

/** "100,000 EU migrants a year" (Sunak; Philp: "100,000 of Europe's illegal immigrants"). */
export function quota100000Claim(data: ObservedData): Claim {
  const applications = observed(data, 'EU+ asylum applications 2022', 'euaa_applications_eu_plus', '2022', 'as-published');
  const population = quotaFromKey('population-share', data, 2022);
  const gdp = quotaFromKey('population-gdp-50-50', data, 2022);
  const inputs: ClaimInput[] = [
    claimed('claimed yearly intake', 100_000, 'people per year', 'Rishi Sunak and Chris Philp, as reported in the seed article'),
    applications,
    { name: 'UK share by EU+ population key (2022)', value: population.share, unit: 'share', scenario: 'model eu-key population-share', source: 'data/eu-allocation-key.csv via quotaFromKey' },
    { name: 'UK share by 50% population / 50% GDP key (2022)', value: gdp.share, unit: 'share', scenario: 'model eu-key population-gdp-50-50', source: 'data/eu-allocation-key.csv via quotaFromKey' },
    observed(data, 'small-boat arrivals 2022', 'small_boat_arrivals', '2022'),
  ];
  const r = quota100000Result(inputs);
  return {
    id: 'eu-quota-100000',
    speaker: 'Rishi Sunak; Chris Philp',
    kind: 'arithmetic',
    statement: 'Labour\'s EU returns deal could mean 100,000 EU migrants coming to the UK each year.',
    claimed: '100,000 a year',
    computation: 'What each quota rule would have given in 2022: key share × EU+ applications (population key; 50/50 population-GDP key), and for "one in, one out" the number returned, at most every small-boat arrival.',
    inputs,
    result: { value: r.oneInOneOutMax, unit: 'people per year', text: `population key ${count(r.populationKey)}; 50/50 key ${count(r.gdpKey)}; one in, one out at most ${count(r.oneInOneOutMax)}` },
    verdict: 'unsupported',
    reasoning: `No rule in the article gives 100,000. A key share of every EU+ applicant gives more (${count(r.populationKey)} by population, ${count(r.gdpKey)} by the 50/50 key), but that is the EU quota scheme Labour said it would not join; a deal that admits one person per person returned gives at most ${count(r.oneInOneOutMax)} even if every 2022 small-boat arrival had been returned. Full Fact's review of the related figure found it assumed full EU-wide relocation and did not subtract the applications the UK already receives. The size of any quota depends on a deal that had not been negotiated.`,
    assumptions: ['2022 applications and populations', 'a quota is either a key share of all EU+ applications or one admission per return'],
  };
}

export function quota100000Result(inputs: readonly ClaimInput[]): { populationKey: number; gdpKey: number; oneInOneOutMax: number } {
  const apps = inputValue(inputs, 'EU+ asylum applications 2022');
  return {
    populationKey: apps * inputValue(inputs, 'UK share by EU+ population key (2022)'),
    gdpKey: apps * inputValue(inputs, 'UK share by 50% population / 50% GDP key (2022)'),
    oneInOneOutMax: inputValue(inputs, 'small-boat arrivals 2022'),
  };
}
