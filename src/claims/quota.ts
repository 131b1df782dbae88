/**
 * The EU quota claims: "124,614 in 2022 as a population share of the 966,000 who applied to the
 * bloc", and "100,000 EU migrants a year". The 124,614 check runs the search of
 * population-bases.ts and says which base, if any, reproduces the figure within 0.5%; other keys
 * (the EU's 50% population / 50% GDP key) come from the model's eu-key module.
 */
import type { ObservedData } from '../calibration/observed.js';
import { quotaFromKey } from '../model/eu-key.js';
import { claimed, count, inputValue, observed, percent, relativeError } from './inputs.js';
import { QUOTA_CLAIMED, REPRODUCTION_TOLERANCE, baseShare, quotaSearch, type BaseForm, type PopulationBase } from './population-bases.js';
import type { Claim, ClaimDetail, ClaimInput } from './types.js';

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

/** The quota under each of the model's keys (packs/uk/data/eu-allocation-key.csv), 2022. */
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

const PARTNERS_POPULATION = ['eu27', 'norway', 'switzerland', 'iceland', 'liechtenstein'] as const;
/** GDP is held for the states that matter at this precision (as in the model's eu-key module). */
const PARTNERS_GDP = ['eu27', 'norway', 'switzerland'] as const;

/** "100,000 EU migrants a year" (Sunak; Philp: "100,000 of Europe's illegal immigrants"). */
export function quota100000Claim(data: ObservedData): Claim {
  const inputs: ClaimInput[] = [
    claimed('claimed yearly intake', 100_000, 'people per year', 'Rishi Sunak and Chris Philp, as reported in the seed article'),
    observed(data, 'EU+ asylum applications 2022', 'euaa_applications_eu_plus', '2022', 'as-published'),
    observed(data, 'UK population 2022', 'key_population_uk', '2022'),
    ...PARTNERS_POPULATION.map((p) => observed(data, `${p} population 2022`, `key_population_${p}`, '2022')),
    observed(data, 'UK GDP 2022', 'key_gdp_uk_gbp', '2022'),
    observed(data, 'euro per pound 2022', 'key_eur_per_gbp', '2022'),
    ...PARTNERS_GDP.map((p) => observed(data, `${p} GDP 2022`, `key_gdp_${p}_eur`, '2022')),
    observed(data, 'small-boat arrivals 2022', 'small_boat_arrivals', '2022'),
  ];
  const r = quota100000Result(inputs);
  return {
    id: 'eu-quota-100000',
    speaker: 'Rishi Sunak; Chris Philp',
    kind: 'arithmetic',
    statement: 'Labour\'s EU returns deal could mean 100,000 EU migrants coming to the UK each year.',
    claimed: '100,000 a year',
    computation: 'What each quota rule would have given in 2022: population key = UK / (UK + EU+ states, with Iceland and Liechtenstein) × EU+ applications; the EU\'s 50/50 key = half that share plus half the UK\'s share of GDP (UK GDP in euro / (UK + EU27, Norway, Switzerland)), × applications; "one in, one out" admits one per person returned, at most every small-boat arrival of the year.',
    inputs,
    result: { value: r.oneInOneOutMax, unit: 'people per year', text: `population key ${count(r.populationKey)}; 50/50 key ${count(r.gdpKey)}; one in, one out at most ${count(r.oneInOneOutMax)}` },
    verdict: 'unsupported',
    reasoning: `No rule in the article gives 100,000. A key share of every EU+ applicant gives more (${count(r.populationKey)} by population, ${percent(r.populationShare, 2)}; ${count(r.gdpKey)} by the 50/50 key), but that is the EU quota scheme Labour said it would not join; a deal that admits one person per person returned gives at most ${count(r.oneInOneOutMax)} even if every 2022 small-boat arrival had been returned. Full Fact's review of the related figure found it assumed full EU-wide relocation and did not subtract the applications the UK already receives. The size of any quota depends on a deal that had not been negotiated.`,
    assumptions: ['2022 applications, populations and GDP', 'a quota is either a key share of all EU+ applications or one admission per return'],
  };
}

export function quota100000Result(inputs: readonly ClaimInput[]): { populationShare: number; populationKey: number; gdpKey: number; oneInOneOutMax: number } {
  const apps = inputValue(inputs, 'EU+ asylum applications 2022');
  const uk = inputValue(inputs, 'UK population 2022');
  const partners = PARTNERS_POPULATION.reduce((sum, p) => sum + inputValue(inputs, `${p} population 2022`), 0);
  const ukGdp = inputValue(inputs, 'UK GDP 2022') * inputValue(inputs, 'euro per pound 2022');
  const partnersGdp = PARTNERS_GDP.reduce((sum, p) => sum + inputValue(inputs, `${p} GDP 2022`), 0);
  const populationShare = uk / (uk + partners);
  const gdpShare = ukGdp / (ukGdp + partnersGdp);
  return {
    populationShare,
    populationKey: apps * populationShare,
    gdpKey: apps * (0.5 * populationShare + 0.5 * gdpShare),
    oneInOneOutMax: inputValue(inputs, 'small-boat arrivals 2022'),
  };
}
