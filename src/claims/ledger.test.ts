/**
 * The UK's claims ledger (packs/uk/claims.yaml) as a specification: every claim's result is
 * recomputed here from the inputs the claim lists (by the formula its `computation` states), the
 * inputs come from data/ with their sources, parameters from the base scenario, and the 124,614
 * search is held to what the sourced figures allow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadOfficialData } from '../calibration/data-files.js';
import { compareWith } from '../experiment/compare.js';
import { syntheticResult } from '../experiment/test-support/synthetic.js';
import { buildLedger, ledgerToJson } from './ledger.js';
import { claimsPath, readClaimsFile } from './load.js';
import { loadPack } from '../pack/load.js';
import { loadScenario } from '../scenarios/catalogue.js';
import { quotaFromKey } from '../model/eu-key.js';
import { baseShare, quotaSearch, REPRODUCTION_TOLERANCE } from './population-bases.js';
import { CLAIM_KINDS, VERDICTS, type Claim } from './types.js';

const data = loadOfficialData();
/** A comparison from synthetic runs: B's numbers differ from A's by design of the test data. */
const projection = compareWith(
  (s, o) => syntheticResult(o.seed + (s.name === 'b' ? 1 : 0), o.replication, { months: 30 }),
  { name: 'a', title: 'A' },
  { name: 'b', title: 'B' },
  { replications: 4, seed: 2, uncertainty: 'both', version: 'test' },
);
const file = readClaimsFile(claimsPath(loadPack('uk')), { series: data.names() });
const base = loadScenario(file.base);
const ledger = buildLedger(file, { data, base, parameters: loadPack('uk').parameters, projection, symbol: '£' });
const QUOTA_CLAIMED = 124_614;
const byId = (id: string): Claim => {
  const c = ledger.claims.find((x) => x.id === id);
  if (!c) throw new Error(`no claim ${id}`);
  return c;
};
const v = (c: Claim, name: string): number => {
  const i = c.inputs.find((x) => x.name === name);
  if (!i) throw new Error(`${c.id}: no input ${name}`);
  return i.value;
};

describe('claims ledger', () => {
  it('covers every quantitative claim of the article, each complete', () => {
    expect(ledger.claims.map((c) => c.id)).toEqual([
      'crossings-2023',
      'caseworkers-1000',
      'backlog-175000',
      'accommodation-2bn',
      'eu-quota-100000',
      'eu-quota-124614',
      'returns-unit-1000',
      'rwanda-money',
    ]);
    for (const c of ledger.claims) {
      expect(CLAIM_KINDS).toContain(c.kind);
      expect(VERDICTS).toContain(c.verdict);
      expect(c.statement.length, c.id).toBeGreaterThan(20);
      expect(c.reasoning.length, c.id).toBeGreaterThan(50);
      expect(c.assumptions.length, c.id).toBeGreaterThan(0);
      expect(c.inputs.length, c.id).toBeGreaterThan(1);
      for (const i of c.inputs) {
        // An official figure names its series and period and an address; anything else says what it is.
        if (i.series) {
          expect(i.source, `${c.id} ${i.name}`).toMatch(/^https?:\/\//);
          expect(data.get(i.series, i.period as string, i.vintage)).toBe(i.value);
        } else expect(i.source, `${c.id} ${i.name}`).toMatch(/^(Claim: |Assumption|Arithmetic|Model projection)/);
      }
    }
  });

  it('crossings: interpolates the 2023 count between the 8 and 26 September records', () => {
    const c = byId('crossings-2023');
    const a = v(c, 'crossings to 8 Sep 2023');
    const b = v(c, 'crossings to 26 Sep 2023');
    expect(a).toBeLessThan(23_000);
    expect(b).toBeGreaterThan(23_000);
    expect(c.result.value).toBeCloseTo(a + (6 / 18) * (b - a), 9);
  });

  it('backlog: the official 30 June 2023 count of people, over 175,000', () => {
    const c = byId('backlog-175000');
    expect(c.result.value).toBe(v(c, 'people awaiting an initial decision at 30 Jun 2023'));
    expect(c.result.value).toBeGreaterThan(175_000);
    expect(c.verdict).toBe('accurate');
  });

  it('accommodation: NAO hotel spending, and £6m–£8m a day over a year', () => {
    const c = byId('accommodation-2bn');
    expect(c.result.value).toBe(v(c, 'hotel spending 2022-23'));
    expect(c.result.text).toContain(`£${((v(c, 'hotel cost per day (Home Secretary, 18 Sep 2023)') * 365) / 1e9).toFixed(2)}bn`);
  });

  it('100,000: key shares of EU+ applications, and one in, one out capped by small-boat arrivals', () => {
    const c = byId('eu-quota-100000');
    const apps = v(c, 'EU+ asylum applications 2022');
    expect(apps).toBe(966_000);
    const uk = v(c, 'UK population 2022');
    const partners = ['eu27', 'norway', 'switzerland', 'iceland', 'liechtenstein'].reduce((s, p) => s + v(c, `${p} population 2022`), 0);
    const ukGdp = v(c, 'UK GDP 2022') * v(c, 'euro per pound 2022');
    const gdpShare = ukGdp / (ukGdp + ['eu27', 'norway', 'switzerland'].reduce((s, p) => s + v(c, `${p} GDP 2022`), 0));
    const byPopulation = (apps * uk) / (uk + partners);
    const byHalfAndHalf = apps * (0.5 * (uk / (uk + partners)) + 0.5 * gdpShare);
    expect(c.result.value).toBe(v(c, 'small-boat arrivals 2022'));
    expect(c.result.text).toBe(`population key ${Math.round(byPopulation).toLocaleString('en-GB')}; 50/50 key ${Math.round(byHalfAndHalf).toLocaleString('en-GB')}; one in, one out at most ${c.result.value.toLocaleString('en-GB')}`);
    // The same numbers as the model's own allocation keys.
    expect(byPopulation).toBeCloseTo(quotaFromKey('population-share', data, 2022).quota, 6);
    expect(byHalfAndHalf).toBeCloseTo(quotaFromKey('population-gdp-50-50', data, 2022).quota, 6);
    // Neither rule gives 100,000: a key share is above it, one in, one out far below.
    expect(byPopulation).toBeGreaterThan(100_000);
    expect(c.result.value).toBeLessThan(100_000);
  });

  it('124,614: reproduced from Eurostat\'s published UK share of the EU28, and recomputed from its inputs', () => {
    const c = byId('eu-quota-124614');
    const apps = v(c, 'EU+ asylum applications 2022');
    const share = c.inputs.find((i) => i.series === 'uk_share_eu28_population');
    expect(share?.period).toBe('2018-01-01');
    expect(share?.source).toMatch(/^https?:\/\//);
    expect(c.result.value).toBeCloseTo(((share?.value as number) / 100) * apps, 6);
    expect(Math.abs(c.result.value - QUOTA_CLAIMED) / QUOTA_CLAIMED).toBeLessThanOrEqual(REPRODUCTION_TOLERANCE);
    expect(c.result.text).toMatch(/^reproduced: UK share of the EU28 population 1 Jan 2018 \(Eurostat, as published\) × 966,000 = 124,614 \(0\.00%\)/);
  });

  it('124,614: the search over every sourced base — EU28 shares reproduce it, today\'s populations do not', () => {
    const s = quotaSearch(data, QUOTA_CLAIMED);
    expect(s.impliedShare).toBeCloseTo(0.129, 6); // 124,614 is 12.9% of 966,000 to the person
    // Each base's share, recomputed by hand from its inputs.
    for (const b of s.bases) {
      const x = b.inputs.map((i) => i.value);
      const partners = x.slice(1).reduce((a, y) => a + y, 0);
      const share = { 'uk-over-partners-plus-uk': (x[0] as number) / (partners + (x[0] as number)), 'uk-over-partners': (x[0] as number) / partners, 'uk-over-whole': (x[0] as number) / partners, 'published-share': (x[0] as number) / 100 }[b.form];
      expect(b.share, b.label).toBeCloseTo(share, 12);
      expect(b.quota, b.label).toBeCloseTo(share * 966_000, 6);
      expect(b.error).toBeCloseTo((b.quota - QUOTA_CLAIMED) / QUOTA_CLAIMED, 12);
      expect(b.inputs.every((i) => /^https?:\/\//.test(i.source)), b.label).toBe(true);
    }
    // The UK's share of the EU28 (before Brexit) reproduces it: as published (12.9%, 2017 and 2018) and from the populations of 2018.
    const labels = s.reproducing.map((b) => b.label);
    expect(labels).toContain('UK share of the EU28 population 1 Jan 2018 (Eurostat, as published)');
    expect(labels).toContain('UK population 1 Jan 2018 (Eurostat) / EU28 population 1 Jan 2018 (UK a member)');
    expect(s.reproducing.every((b) => b.era === 'eu28')).toBe(true);
    // Today's populations (UK with the EU27, EU+ or Dublin states, 2021–2023): all within 3%, none within 0.5%.
    expect(s.current.length).toBeGreaterThanOrEqual(20);
    for (const label of ['EU27, 1 Jan 2022 + UK', 'EU+ (EU27, Norway, Switzerland), 1 Jan 2022 + UK', 'Dublin states (EU+, Iceland, Liechtenstein), 1 Jan 2023 + UK', 'EU27, 1 Jan 2021 + UK']) {
      expect(s.current.some((b) => b.label.includes(label)), label).toBe(true);
    }
    for (const b of s.current) {
      expect(Math.abs(b.error), b.label).toBeGreaterThan(REPRODUCTION_TOLERANCE);
      expect(Math.abs(b.error), b.label).toBeLessThan(0.03);
    }
  });

  it('returns unit and Rwanda: staff costs and returns recomputed from the inputs', () => {
    const r = byId('returns-unit-1000');
    const year = ['2022Q3', '2022Q4', '2023Q1', '2023Q2'].reduce((s, q) => s + v(r, `enforced returns ${q}`), 0);
    expect(r.result.value).toBeCloseTo(year / v(r, 'returns unit staff'), 9);
    const extra = v(r, 'returns unit staff') * v(r, 'returns per unit staff member per month (model assumption)') * 12;
    expect(r.result.text).toContain(`the model's assumption gives ${Math.round(extra).toLocaleString('en-GB')} more a year`);
    const m = byId('rwanda-money');
    const staffCost = (v(m, 'extra caseworkers') + v(m, 'returns unit staff')) * v(m, 'cost of a caseworker per year');
    expect(m.result.value).toBe(staffCost);
    expect(m.reasoning).toContain('is spent');
    // Parameters are the base scenario's, not the model's declared defaults.
    expect(v(m, 'cost of a caseworker per year')).toBe(base.costs.decisionMakerPerYear);
    expect(v(r, 'cost of a returns unit staff member per year')).toBe(base.returns.unit.costPerStaffYear);
  });

  it('caseworkers: the projection is B − A of the comparison the caller ran', () => {
    const c = byId('caseworkers-1000');
    expect(c.kind).toBe('projection');
    const d = v(c, 'backlog after 24 months, B (mean)') - v(c, 'backlog after 24 months, A (mean)');
    expect(c.result.value).toBeCloseTo(d, 9);
    expect(Math.abs(c.result.value - (projection.kpis.backlogPeopleAt24m.diff.mean as number))).toBeLessThan(0.2);
    expect(v(c, 'backlog after 24 months, B − A (P5)')).toBe(projection.kpis.backlogPeopleAt24m.diff.p5);
  });

  it('prints { claims: [...] } with the documented keys', () => {
    const j = JSON.parse(ledgerToJson(ledger));
    expect(Object.keys(j)).toEqual(['claims']);
    for (const c of j.claims) {
      for (const k of ['id', 'speaker', 'kind', 'statement', 'result', 'verdict', 'reasoning', 'inputs']) expect(c, k).toHaveProperty(k);
      for (const i of c.inputs) expect(Object.keys(i)).toEqual(expect.arrayContaining(['name', 'value', 'unit', 'source']));
    }
  });
});

describe('population shares', () => {
  it('grow with the UK population and shrink with the partners\', and stay below 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e6, max: 1e8, noNaN: true }), fc.double({ min: 1e8, max: 1e9, noNaN: true }), fc.double({ min: 1.01, max: 2, noNaN: true }), (uk, partners, f) => {
        const s = baseShare('uk-over-partners-plus-uk', [uk, partners]);
        expect(s).toBeLessThan(1);
        expect(baseShare('uk-over-partners-plus-uk', [uk * f, partners])).toBeGreaterThan(s);
        expect(baseShare('uk-over-partners-plus-uk', [uk, partners * f])).toBeLessThan(s);
        expect(baseShare('uk-over-partners', [uk, partners])).toBeGreaterThan(s);
        // A whole that holds the UK gives the same share as the partners plus the UK.
        expect(baseShare('uk-over-whole', [uk, partners + uk])).toBeCloseTo(s, 12);
      }),
      { numRuns: 50 },
    );
  });
});
