/**
 * The built-in scenarios: every one validates and runs, and the plan scenarios switch on the
 * levers they say they do (each against the status quo, same seed, first 18 months for speed).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../model/simulate.js';
import type { RunResult } from '../model/result.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listBuiltinScenarios, loadScenario, resolveOverrides, scenariosDir } from './catalogue.js';
import { loadPack } from '../pack/load.js';
import { parseOverrides } from '../model/schema.js';
import { PARAMETERS } from '../model/parameters.js';

const MONTHS = 18;
const cache = new Map<string, RunResult>();
function run(name: string): RunResult {
  let r = cache.get(name);
  if (!r) cache.set(name, (r = simulate(loadScenario(name, { horizonMonths: MONTHS }), { seed: 7, replication: 0 })));
  return r;
}
const total = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);

/**
 * Each parameter group a plan file sets has a comment inside its block before every lever it
 * sets — the sentence of the plan it implements and the values that are assumptions.
 */
function uncommentedLevers(text: string): string[] {
  const groups = new Set(Object.keys(PARAMETERS));
  const lines = text.split('\n');
  const missing: string[] = [];
  let group: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const top = /^([A-Za-z]+):/.exec(lines[i]);
    if (top) group = groups.has(top[1]) ? top[1] : undefined;
    const key = /^ {2}([A-Za-z]+):/.exec(lines[i]);
    if (!group || !key) continue;
    // Comment lines just above the lever, on its line, or anywhere inside its block.
    let commented = lines[i].includes('#');
    for (let j = i - 1; j >= 0 && /^\s*#/.test(lines[j]); j--) commented = true;
    for (let j = i + 1; j < lines.length && /^ {3,}|^\s*$/.test(lines[j]) && !/^ {2}[A-Za-z]/.test(lines[j]); j++) {
      if (/^\s*#/.test(lines[j])) commented = true;
    }
    if (!commented) missing.push(`${group}.${key[1]}`);
  }
  return missing;
}

describe('built-in scenarios', () => {
  it('the plan files comment every lever they set', () => {
    for (const name of ['labour-plan-2023', 'government-plan-2023', 'eu-deal-population-share', 'eu-deal-one-in-one-out']) {
      const text = readFileSync(join(scenariosDir(), `${name}.yaml`), 'utf8');
      expect(uncommentedLevers(text), name).toEqual([]);
      expect(text).toMatch(/Assumption/);
    }
    // The check itself catches a lever without its comment.
    expect(uncommentedLevers('appeals:\n  extra:\n    determinationsPerMonth: 5\n')).toEqual(['appeals.extra']);
  });

  it('include the status quo, the two plans and the two EU deals', () => {
    const names = listBuiltinScenarios().map((s) => s.name);
    for (const n of ['status-quo-2023', 'labour-plan-2023', 'government-plan-2023', 'eu-deal-population-share', 'eu-deal-one-in-one-out']) {
      expect(names).toContain(n);
    }
  });

  it('the status quo has every lever off', () => {
    const r = run('status-quo-2023');
    for (const s of ['extraDecisionMakersHeadcount', 'euDealReturnsPeople', 'quotaAdmissionsPeople', 'safeRouteArrivalsPeople', 'returnsThirdCountry', 'heldForRemovalPeople', 'hotelOverflowPeople'] as const) {
      expect(total(r.series[s]), s).toBe(0);
    }
    for (const c of ['costExtraDecisionMakersGbp', 'costReturnsUnitGbp', 'costExtraTribunalGbp', 'costThirdCountryGbp', 'costEuDealGbp', 'costSafeRoutesGbp'] as const) {
      expect(total(r.series[c]), c).toBe(0);
    }
  });

  it('the opposition plan adds caseworkers, a returns unit, tribunal capacity, EU returns and safe routes — and no quota', () => {
    const r = run('labour-plan-2023');
    const sq = run('status-quo-2023');
    expect(Math.max(...r.series.extraDecisionMakersHeadcount)).toBeCloseTo(1000, 0);
    expect(total(r.series.costReturnsUnitGbp)).toBeGreaterThan(0);
    expect(total(r.series.costExtraTribunalGbp)).toBeGreaterThan(0);
    expect(total(r.series.euDealReturnsPeople)).toBeGreaterThan(0);
    expect(total(r.series.quotaAdmissionsPeople)).toBe(0);
    expect(total(r.series.safeRouteArrivalsPeople)).toBeGreaterThan(0);
    expect(total(r.series.returnsThirdCountry)).toBe(0);
    expect(r.kpis.backlogPeopleEnd).toBeLessThan(sq.kpis.backlogPeopleEnd);
  });

  it('the government plan holds small-boat arrivals for removal and removes some to a third country', () => {
    const r = run('government-plan-2023');
    expect(r.kpis.heldForRemovalPeopleEnd).toBeGreaterThan(10_000);
    expect(r.kpis.thirdCountryRemovalsTotal).toBeGreaterThan(0);
    expect(total(r.series.costThirdCountryGbp)).toBeGreaterThan(0);
  });

  it('the EU deals return small-boat arrivals and admit a quota, by their rules', () => {
    const share = run('eu-deal-population-share');
    // The population-share quota is about 12–13% of 966,000 a year, from the deal's start in
    // January 2024 (month 7 of the run) only.
    expect(total(share.series.quotaAdmissionsPeople.subarray(0, 6))).toBe(0);
    const perYear = total(share.series.quotaAdmissionsPeople.subarray(6, 18));
    expect(perYear).toBeGreaterThan(115_000);
    expect(perYear).toBeLessThan(130_000);
    expect(share.kpis.euDealReturnsPeopleTotal).toBeGreaterThan(0);
    const ratio = run('eu-deal-one-in-one-out');
    const returned = ratio.kpis.euDealReturnsPeopleTotal;
    expect(returned).toBeGreaterThan(0);
    // One in, one out: admissions follow returns (up to the case being admitted and the last returns).
    expect(Math.abs(ratio.kpis.quotaAdmissionsPeopleTotal - returned)).toBeLessThan(10);
  });
});

describe('a scenario of a pack', () => {
  it('may not set parameters of a stage its pack does not run (nothing would read them)', () => {
    const example = loadPack('example');
    const over = parseOverrides({ name: 'with-appeals', appeals: { appealRate: [{ date: '2031-01-01', value: 0.5 }] } }, 'with-appeals.yaml');
    expect(() => resolveOverrides(over, 'with-appeals.yaml', [], example)).toThrow(
      'with-appeals.yaml: appeals: got set; parameters of the stages the example pack runs (arrivals, decisions); appeals is not one of them, so nothing would read them',
    );
    const fine = parseOverrides({ name: 'more', decisions: { headcount: 90 } }, 'more.yaml');
    expect(resolveOverrides(fine, 'more.yaml', [], example).decisions.headcount[0].value).toBe(90);
  });
});
