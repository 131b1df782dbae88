/**
 * Allocation keys for a UK asylum quota under a returns-for-quota deal with the EU: the UK's share
 * of EU+ asylum applications by a key. Pure functions of figures passed in (the model reads no
 * files): the EU deal stage uses `keyShare` on its resolved parameters, and the claims ledger
 * calls `quotaFromKey` on the official data to reproduce or vary the quota figures argued about
 * in 2023 (e.g. "124,614 in 2022 from 966,000 EU+ applications").
 *
 * Keys:
 *   - population-share: UK population / (partners' population + UK population);
 *   - population-gdp-50-50: the EU's simplified relocation key, half the population share and
 *     half the GDP share (GDP in euro at the year's average rate);
 *   - custom: a share given directly.
 */
import type { OfficialFigures } from './resolve.js';

export const ALLOCATION_KEYS = ['population-share', 'population-gdp-50-50', 'custom'] as const;
export type AllocationKey = (typeof ALLOCATION_KEYS)[number];

/** Which states share the applications with the UK: a named base, or a list of states. */
export const PARTNER_BASES = ['eu27', 'eu-plus'] as const;
export type PartnerBase = (typeof PARTNER_BASES)[number];
/** States with figures in packs/uk/data/eu-allocation-key.csv (series key_population_<state>). */
export const PARTNER_STATES = ['eu27', 'norway', 'switzerland', 'iceland', 'liechtenstein'] as const;
export type PartnerState = (typeof PARTNER_STATES)[number];
const BASE_STATES: Record<PartnerBase, readonly PartnerState[]> = {
  eu27: ['eu27'],
  'eu-plus': PARTNER_STATES,
};

/** What a key needs, in one currency for GDP. */
export interface KeyInputs {
  readonly ukPopulation: number;
  readonly partnerPopulation: number;
  /** GDP in one currency (euro in the data); only the population-gdp-50-50 key reads it. */
  readonly ukGdp: number;
  readonly partnerGdp: number;
  /** Only the custom key reads it. */
  readonly customShare?: number;
}

/** The UK's share (0–1) of the applications under a key. */
export function keyShare(key: AllocationKey, k: KeyInputs): number {
  const population = k.ukPopulation / (k.ukPopulation + k.partnerPopulation);
  switch (key) {
    case 'population-share':
      return population;
    case 'population-gdp-50-50':
      return 0.5 * population + 0.5 * (k.ukGdp / (k.ukGdp + k.partnerGdp));
    case 'custom':
      if (k.customShare === undefined) throw new RangeError('the custom key needs customShare');
      return k.customShare;
  }
}

/** GDP is held for the states that matter at this precision; Iceland and Liechtenstein add < 0.3%. */
const GDP_STATES: readonly PartnerState[] = ['eu27', 'norway', 'switzerland'];

/**
 * The key's inputs from the official figures (packs/uk/data/eu-allocation-key.csv): populations of `year`
 * (or `populationYear`), GDP of `year` in euro (the UK's converted at that year's average rate).
 */
export function keyInputsFor(
  figures: OfficialFigures,
  year: number,
  partners: PartnerBase | readonly PartnerState[] = 'eu-plus',
  populationYear: number = year,
): KeyInputs {
  const y = String(year);
  const py = String(populationYear);
  const states = typeof partners === 'string' ? BASE_STATES[partners] : partners;
  let partnerPopulation = 0;
  for (const c of states) partnerPopulation += figures.value(`key_population_${c}`, py);
  const gdp = (): { uk: number; partner: number } => {
    let partner = 0;
    for (const c of states) if (GDP_STATES.includes(c)) partner += figures.value(`key_gdp_${c}_eur`, y);
    return { uk: figures.value('key_gdp_uk_gbp', y) * figures.value('key_eur_per_gbp', y), partner };
  };
  const g = hasGdp(figures, y) ? gdp() : { uk: Number.NaN, partner: Number.NaN };
  return { ukPopulation: figures.value('key_population_uk', py), partnerPopulation, ukGdp: g.uk, partnerGdp: g.partner };
}

function hasGdp(figures: OfficialFigures, y: string): boolean {
  try {
    figures.value('key_gdp_uk_gbp', y);
    return true;
  } catch {
    return false;
  }
}

export interface KeyQuota {
  readonly key: AllocationKey;
  readonly year: number;
  readonly populationYear: number;
  readonly partners: PartnerBase | readonly PartnerState[];
  /** The UK's share (0–1). */
  readonly share: number;
  /** EU+ applications in the year. */
  readonly applications: number;
  /** share × applications, in people. */
  readonly quota: number;
  readonly inputs: KeyInputs;
}

/**
 * The quota a key gives for a year: the UK's share of that year's EU+ applications.
 * `options.partners` is the partner base — EU27, EU+ (default: the states whose applications are
 * counted) or a list of states; `options.populationYear` takes populations from another year
 * (default: the applications' year); `options.customShare` is the share of the custom key.
 */
export function quotaFromKey(
  key: AllocationKey,
  figures: OfficialFigures,
  year: number,
  options: {
    readonly partners?: PartnerBase | readonly PartnerState[];
    readonly populationYear?: number;
    readonly customShare?: number;
  } = {},
): KeyQuota {
  const partners = options.partners ?? 'eu-plus';
  const populationYear = options.populationYear ?? year;
  const inputs = { ...keyInputsFor(figures, year, partners, populationYear), customShare: options.customShare };
  const share = keyShare(key, inputs);
  if (!Number.isFinite(share)) throw new RangeError(`no ${key} key for ${year}: GDP figures are missing`);
  const applications = figures.value('key_applications_eu_plus', String(year));
  return { key, year, populationYear, partners, share, applications, quota: share * applications, inputs };
}
