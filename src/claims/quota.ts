/**
 * The bespoke check of "124,614 in 2022 as a population share of the 966,000 who applied to the
 * bloc": no generic method says it honestly, because the claim names no base. It runs the search
 * of population-bases.ts, says which base, if any, reproduces the figure within 0.5%, and lists
 * the others and the model's other keys (the EU's 50% population / 50% GDP key, eu-key.ts).
 */
import type { ObservedData } from '../calibration/observed.js';
import { quotaFromKey } from '../model/eu-key.js';
import { relativeError } from './inputs.js';
import { REPRODUCTION_TOLERANCE, quotaSearch, type PopulationBase } from './population-bases.js';
import { count, percent } from './template.js';
import type { BespokeCheck, ClaimDetail, ClaimInput } from './types.js';

/**
 * "The UK would have had to take 124,614 in 2022, a population share of 966,000": the claim's
 * inputs (the figure claimed) then the EU+ applications and the inputs of the reproducing base, or
 * of the nearest current one.
 */
export const quotaPopulationBases: BespokeCheck = ({ data, claimed, inputs: stated }) => {
  const s = quotaSearch(data, claimed);
  const found = s.reproducing[0];
  const nearestCurrent = s.current[0] as PopulationBase;
  const chosen = found ?? nearestCurrent;
  const gdpKey = quotaFromKey('population-gdp-50-50', data, 2022);
  const inputs: ClaimInput[] = [...stated, s.applications, ...chosen.inputs];
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
    inputs,
    result: { value: chosen.quota, unit: 'people', text },
    reasoning: [
      `${count(claimed)} is exactly ${percent(s.impliedShare, 3)} of ${count(s.applications.value)}.`,
      found
        ? `That is the UK's share of the EU28 population as Eurostat published it for ${found.label.match(/\d{4}/)?.[0] ?? 'a year before Brexit'} (12.9%), when the UK was still in the EU${computed ? `; the rounded populations give ${percent(computed.share, 2)}, ${count(computed.quota)} (${percent(computed.error, 2)})` : ''}. The figure is reproduced, but from an out-of-date base: a pre-Brexit population share applied to 2022 applications.`
        : 'No fair base reproduces it within 0.5%.',
      `With today's populations (UK and the EU27, EU+ or Dublin states, 2021–2023) the share is ${percent(Math.min(...s.current.map((b) => b.share)), 2)} to ${percent(Math.max(...s.current.map((b) => b.share)), 2)}, i.e. ${count(lo)} to ${count(hi)}; ${currentWithin.length > 0 ? `${currentWithin.length} of them land within 0.5%.` : `none within 0.5% (nearest: ${nearestCurrent.label}, ${count(nearestCurrent.quota)}, ${percent(nearestCurrent.error, 2)}).`}`,
      shown ? `Arbitrary mixes of states also land within 0.5% (${shown}${more}); they are no reading of the claim.` : '',
      `The EU's 50% population / 50% GDP key would give ${count(gdpKey.quota)} (${percent(gdpKey.share, 2)}); the revised EU+ total for 2022 (996,000) would raise every figure by 3%.`,
      'The size is right for a population share of every EU+ applicant, but the premise is not Labour\'s plan: Labour said it would not join the EU quota scheme, a returns deal need not take a share of all applicants, and asylum applicants are not "illegal migrants".',
    ].filter(Boolean).join(' '),
    details: [...otherKeys(data, claimed), ...s.bases.filter((b) => b.standard).map((b) => baseDetail(b, claimed)), ...s.bases.filter((b) => !b.standard).map((b) => baseDetail(b, claimed))],
  };
};

function baseDetail(b: PopulationBase, claimed: number): ClaimDetail {
  const kind = b.standard ? (b.era === 'eu28' ? 'fair reading, EU28 before Brexit' : 'fair reading, today\'s populations') : b.form === 'uk-over-partners' ? 'UK left out of the whole' : 'arbitrary partner set';
  return { label: `population share: ${b.label}`, value: b.quota, unit: 'people', note: `${kind}; share ${percent(b.share, 3)}; ${percent(b.error, 2)} from ${count(claimed)}` };
}

/** The quota under each of the model's keys (packs/uk/data/eu-allocation-key.csv), 2022. */
function otherKeys(data: ObservedData, claimed: number): ClaimDetail[] {
  const out: ClaimDetail[] = [];
  for (const key of ['population-share', 'population-gdp-50-50'] as const) {
    for (const partners of ['eu-plus', 'eu27'] as const) {
      const q = quotaFromKey(key, data, 2022, { partners });
      const label = key === 'population-share' ? 'population key' : "EU's 50% population / 50% GDP key";
      out.push({ label: `${label}, UK with ${partners === 'eu-plus' ? 'EU+ and Iceland, Liechtenstein' : 'EU27'} (2022)`, value: q.quota, unit: 'people', note: `share ${percent(q.share, 2)} of ${count(q.applications)}; ${percent(relativeError(q.quota, claimed), 2)} from ${count(claimed)}` });
    }
  }
  return out;
}
