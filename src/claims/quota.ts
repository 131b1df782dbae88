/**
 * The EU quota figures: "124,614 in 2022 as a population share of the 966,000 who applied to the
 * bloc", and "100,000 EU migrants a year". The 124,614 check searches every population base the
 * data can build — UK population of a year over (partners + UK) or over partners alone, partners
 * being the EU27, the EU+ (EU27, Norway, Switzerland) or the Dublin states (EU+ with Iceland and
 * Liechtenstein) of a year — and says which, if any, reproduces the figure within 0.5%. Other
 * keys (the EU's 50% population / 50% GDP key) come from the model's eu-key module.
 */
import type { ObservedData } from '../calibration/observed.js';
import { quotaFromKey } from '../model/eu-key.js';
import { claimed, count, inputValue, observed, percent, relativeError } from './inputs.js';
import type { Claim, ClaimDetail, ClaimInput } from './types.js';

export const QUOTA_CLAIMED = 124_614;
/** The tolerance the issue sets for a reproduction. */
export const REPRODUCTION_TOLERANCE = 0.005;

/** One population base tried for 124,614. */
export interface PopulationBase {
  readonly label: string;
  /** A partner set the EU uses (EU27, EU+, Dublin states) rather than an arbitrary mix. */
  readonly standard: boolean;
  readonly ukPopulation: ClaimInput;
  readonly partners: readonly ClaimInput[];
  /** Whether the UK's own population is in the denominator (a share of "EU+ plus UK"). */
  readonly ukInDenominator: boolean;
  readonly share: number;
  readonly quota: number;
  /** (quota − 124,614) / 124,614. */
  readonly error: number;
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

function has(data: ObservedData, series: string, period: string): boolean {
  return data.has(series) && data.get(series, period) !== undefined;
}

/** The UK population figures the data holds (ONS mid-year, two releases and a rounded report). */
function ukPopulations(data: ObservedData): ClaimInput[] {
  const out: ClaimInput[] = [];
  for (const y of ['2021', '2022']) if (has(data, 'key_population_uk', y)) out.push(observed(data, `UK population mid-${y}`, 'key_population_uk', y));
  if (has(data, 'population_uk', '2022-06-30')) out.push(observed(data, 'UK population mid-2022 (67.6m as reported)', 'population_uk', '2022-06-30'));
  return out;
}

/** Partner populations: each standard or mixed set for each year whose members all have a figure. */
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

/** Share and quota of one base, from its inputs. */
export function baseQuota(uk: number, partners: readonly number[], ukInDenominator: boolean, applications: number): { share: number; quota: number } {
  const partnerTotal = partners.reduce((a, b) => a + b, 0);
  const share = uk / (partnerTotal + (ukInDenominator ? uk : 0));
  return { share, quota: share * applications };
}

/** Every base the data supports, nearest to 124,614 first. */
export function searchPopulationBases(data: ObservedData, applications: number): PopulationBase[] {
  const bases: PopulationBase[] = [];
  for (const uk of ukPopulations(data)) {
    for (const p of partnerPopulations(data)) {
      for (const ukInDenominator of [true, false]) {
        const { share, quota } = baseQuota(uk.value, p.inputs.map((i) => i.value), ukInDenominator, applications);
        bases.push({
          label: `${uk.name} / (${p.label}${ukInDenominator ? ' + UK' : ''})`,
          standard: p.standard,
          ukPopulation: uk,
          partners: p.inputs,
          ukInDenominator,
          share,
          quota,
          error: relativeError(quota, QUOTA_CLAIMED),
        });
      }
    }
  }
  return bases.sort((a, b) => Math.abs(a.error) - Math.abs(b.error));
}

/** A base that reproduces the figure: within tolerance, a standard partner set, with the UK counted in the whole. */
export function reproduces(b: PopulationBase): boolean {
  return Math.abs(b.error) <= REPRODUCTION_TOLERANCE && b.standard && b.ukInDenominator;
}

export interface QuotaSearch {
  readonly applications: ClaimInput;
  readonly bases: readonly PopulationBase[];
  /** The nearest base that is a fair reading of "population share of EU+ plus UK". */
  readonly nearestStandard: PopulationBase;
  readonly reproducing: readonly PopulationBase[];
  /** Bases within tolerance that are arbitrary (non-standard partners, or the UK left out of the whole). */
  readonly arbitraryMatches: readonly PopulationBase[];
  /** 124,614 / applications: the share the claim implies. */
  readonly impliedShare: number;
}

export function quotaSearch(data: ObservedData): QuotaSearch {
  const applications = observed(data, 'EU+ asylum applications 2022', 'euaa_applications_eu_plus', '2022', 'as-published');
  const bases = searchPopulationBases(data, applications.value);
  const fair = bases.filter((b) => b.standard && b.ukInDenominator);
  const nearestStandard = fair[0];
  if (!nearestStandard) throw new Error('no population base can be built from the data');
  return {
    applications,
    bases,
    nearestStandard,
    reproducing: bases.filter(reproduces),
    arbitraryMatches: bases.filter((b) => Math.abs(b.error) <= REPRODUCTION_TOLERANCE && !reproduces(b)),
    impliedShare: QUOTA_CLAIMED / applications.value,
  };
}

/** "The UK would have had to take 124,614 in 2022, a population share of 966,000." */
export function quota124614Claim(data: ObservedData): Claim {
  const s = quotaSearch(data);
  const n = s.nearestStandard;
  const gdpKey = quotaFromKey('population-gdp-50-50', data, 2022);
  const inputs: ClaimInput[] = [
    claimed('claimed quota', QUOTA_CLAIMED, 'people', 'senior Conservative ministers, as reported in the seed article'),
    s.applications,
    n.ukPopulation,
    ...n.partners,
  ];
  const result = quotaResult(inputs, n.ukInDenominator);
  const found = s.reproducing[0];
  const fair = s.bases.filter((b) => b.standard && b.ukInDenominator);
  const lo = Math.min(...fair.map((b) => b.quota));
  const hi = Math.max(...fair.map((b) => b.quota));
  const text = found
    ? `reproduced by ${found.label}: ${count(found.quota)} (${percent(found.error, 2)})`
    : `no standard sourced base reproduces it within 0.5%; nearest: ${n.label} gives ${count(n.quota)} (${percent(n.error, 2)})`;
  const shown = s.arbitraryMatches.slice(0, 2).map((b) => `${b.label}: ${count(b.quota)}`).join('; ');
  const more = s.arbitraryMatches.length > 2 ? ` and ${s.arbitraryMatches.length - 2} more` : '';
  const arbitrary = shown ? `${shown}${more}` : '';
  return {
    id: 'eu-quota-124614',
    speaker: 'senior Conservative ministers',
    kind: 'arithmetic',
    statement: 'Had a returns deal with the EU been in place, the UK would have had to take 124,614 "illegal migrants" in 2022, as a population share of the 966,000 who applied for asylum in the EU+.',
    claimed: '124,614 people in 2022',
    computation: 'Quota = UK population / (partners\' population + UK population) × EU+ applications in 2022; tried over every sourced UK and partner population (EU27, EU+, Dublin states; 2021–2023 figures; UK in or out of the whole). The inputs listed are the nearest standard base.',
    inputs,
    result: { value: result, unit: 'people', text },
    verdict: 'misleading',
    reasoning: [
      `124,614 is exactly ${percent(s.impliedShare, 3)} of ${count(s.applications.value)}: a population share rounded to 12.9%.`,
      `Sourced standard bases give ${percent(Math.min(...fair.map((b) => b.share)), 2)} to ${percent(Math.max(...fair.map((b) => b.share)), 2)}, i.e. ${count(lo)} to ${count(hi)}; ${found ? `${found.label} reproduces it within 0.5%.` : 'none reproduces 124,614 within 0.5%.'}`,
      arbitrary ? `Only arbitrary mixes of states with no reason behind them land within 0.5% (${arbitrary}).` : '',
      `The EU's 50% population / 50% GDP key would give ${count(gdpKey.quota)} (${percent(gdpKey.share, 2)}); the revised EU+ total for 2022 (996,000) would raise every figure by 3%.`,
      'The arithmetic is of the right size, but the premise is not Labour\'s plan: Labour said it would not join the EU quota scheme, a returns deal need not take a population share of all applicants, and asylum applicants are not "illegal migrants".',
    ].filter(Boolean).join(' '),
    assumptions: ['the quota is a population share of all EU+ applications in 2022', 'population figures of 2021–2023 as published by ONS, Eurostat and national offices'],
    details: [...otherKeys(data), ...fair.map(baseDetail), ...s.bases.filter((b) => !fair.includes(b)).map(baseDetail)],
  };
}

function baseDetail(b: PopulationBase): ClaimDetail {
  const kind = b.standard && b.ukInDenominator ? 'standard base' : !b.ukInDenominator ? 'UK left out of the whole' : 'arbitrary partner set';
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

/** Quota from a claim's inputs: UK population over partners (+ UK) times applications. */
export function quotaResult(inputs: readonly ClaimInput[], ukInDenominator: boolean): number {
  const uk = inputs.find((i) => i.name.startsWith('UK population'));
  const partners = inputs.filter((i) => / population /.test(i.name) && !i.name.startsWith('UK'));
  if (!uk) throw new Error('quota inputs need a UK population');
  return baseQuota(uk.value, partners.map((p) => p.value), ukInDenominator, inputValue(inputs, 'EU+ asylum applications 2022')).quota;
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
