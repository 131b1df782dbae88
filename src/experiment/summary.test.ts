import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KPIS, SERIES } from '../model/result.js';
import { monthlyCsv, monthlyCsvColumns } from './csv.js';
import { replicateWith } from './replicate.js';
import { roundOrNull, SummaryAccumulator, summaryToJson, type SummaryMeta } from './summary.js';
import { syntheticResult } from './test-support/synthetic.js';

const meta = (replications: number): SummaryMeta => ({
  scenario: 'synthetic',
  title: 'Synthetic test scenario',
  seed: 3,
  uncertainty: 'stochastic',
  replications,
  version: '0.0.0-test',
});

function summaryInOrder(order: readonly number[], notReached?: (r: number) => boolean) {
  const acc = new SummaryAccumulator(meta(order.length));
  for (const r of order) acc.add(r, syntheticResult(3, r, { months: 6, notReached }));
  return acc.finish();
}

describe('SummaryAccumulator', () => {
  it('has the documented shape', () => {
    const s = summaryInOrder([0, 1, 2, 3]);
    expect(Object.keys(s)).toEqual([
      'scenario', 'title', 'seed', 'replications', 'uncertainty', 'version', 'startDate', 'kpis', 'months', 'costByFinancialYear',
    ]);
    expect(Object.keys(s.kpis)).toEqual([...KPIS]);
    expect(s.months).toHaveLength(6);
    expect(s.months[0]?.month).toBe('2023-07');
    expect(Object.keys(s.months[0] ?? {})).toEqual(['month', ...SERIES]);
    for (const name of SERIES) expect(Object.keys(s.months[0]?.[name] ?? {})).toEqual(['mean', 'p5', 'p50', 'p95']);
    expect(s.costByFinancialYear[0]?.year).toBe('FY2023-24');
  });

  it('summarises exactly: quantiles of the replications, rounded', () => {
    const results = [0, 1, 2, 3, 4].map((r) => syntheticResult(3, r, { months: 6 }));
    const acc = new SummaryAccumulator(meta(5));
    results.forEach((res, r) => acc.add(r, res));
    const s = acc.finish();
    const values = results.map((res) => res.series.awaitingDecisionPeople[2] as number).sort((a, b) => a - b);
    const stats = s.months[2]?.awaitingDecisionPeople;
    expect(stats?.p50).toBe(roundOrNull(values[2] as number, 1));
    expect(stats?.p5).toBe(roundOrNull((values[0] as number) + 0.2 * ((values[1] as number) - (values[0] as number)), 1));
    const money = results.map((res) => res.kpis.totalCostGbp);
    expect(s.kpis.totalCostGbp.mean).toBe(Math.round(money.reduce((a, b) => a + b, 0) / 5));
    expect(Number.isInteger(s.kpis.totalCostGbp.p95)).toBe(true);
  });

  it('gives byte-identical JSON for any order of replications', () => {
    const reference = summaryToJson(summaryInOrder([0, 1, 2, 3, 4, 5, 6], (r) => r % 3 === 0));
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6], { minLength: 7, maxLength: 7 }), (order) => {
        expect(summaryToJson(summaryInOrder(order, (r) => r % 3 === 0))).toBe(reference);
      }),
      { numRuns: 30 },
    );
  });

  it('turns "not within horizon" into null with a notReached count', () => {
    const s = summaryInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], (r) => r >= 8);
    const k = s.kpis.monthsUntilHotelsEmpty;
    expect(k.notReached).toBe(2);
    expect(k.mean).toBeNull();
    expect(k.p95).toBeNull(); // lands between the 9th and 10th of 10: interpolates towards Infinity
    expect(k.p50).not.toBeNull();
    expect('notReached' in s.kpis.totalCostGbp).toBe(false);
    expect(summaryToJson(s)).toContain('"mean": null');
  });

  it('leaves NaN ("not defined") KPIs out of the statistics and counts them', () => {
    const acc = new SummaryAccumulator(meta(4));
    const results = [0, 1, 2, 3].map((r) => syntheticResult(3, r, { months: 6, notDefined: (i) => i !== 2 }));
    results.forEach((res, r) => acc.add(r, res));
    const k = acc.finish().kpis.backlogPeopleAt24m;
    const only = roundOrNull(results[2]?.kpis.backlogPeopleAt24m ?? 0, 1);
    expect(k).toEqual({ mean: only, p5: only, p50: only, p95: only, notApplicable: 3 });
    const none = new SummaryAccumulator(meta(2));
    for (const r of [0, 1]) none.add(r, syntheticResult(3, r, { months: 6, notDefined: () => true }));
    expect(none.finish().kpis.hotelPeopleAt24m).toEqual({ mean: null, p5: null, p50: null, p95: null, notApplicable: 2 });
  });

  it('refuses duplicates, out-of-range numbers, NaN, mismatched months and early finish', () => {
    const acc = new SummaryAccumulator(meta(2));
    acc.add(1, syntheticResult(3, 1, { months: 6 }));
    expect(() => acc.add(1, syntheticResult(3, 1, { months: 6 }))).toThrow(/twice/);
    expect(() => acc.add(2, syntheticResult(3, 2, { months: 6 }))).toThrow(/0 to 1/);
    expect(() => acc.add(0, syntheticResult(3, 0, { months: 7 }))).toThrow(/different months/);
    const bad = syntheticResult(3, 0, { months: 6 });
    (bad.series.returns as Float64Array)[1] = Number.NaN;
    expect(() => acc.add(0, bad)).toThrow(/returns is NaN in 2023-08/);
    expect(() => acc.finish()).toThrow(/needs 2 replications, has 1/);
    expect(() => new SummaryAccumulator(meta(0))).toThrow(RangeError);
  });

  it('rounds money to pounds and other quantities to 0.1, never -0', () => {
    expect(roundOrNull(1234.5678, 1)).toBe(1234.6);
    expect(roundOrNull(2_345_678_901.49, 0)).toBe(2_345_678_901);
    expect(Object.is(roundOrNull(-0.01, 1), 0)).toBe(true);
    expect(roundOrNull(Infinity, 1)).toBeNull();
  });
});

describe('replicateWith', () => {
  it('runs replications 0..N-1 with the base seed, reporting progress', () => {
    const calls: string[] = [];
    const progress: string[] = [];
    const s = replicateWith(
      (scenario: { name: string; title: string }, o) => {
        calls.push(`${scenario.name}:${o.seed}:${o.replication}`);
        return syntheticResult(o.seed, o.replication, { months: 3 });
      },
      { name: 'x', title: 'X' },
      { replications: 3, seed: 9, uncertainty: 'stochastic', version: 'v', onProgress: (d, t) => progress.push(`${d}/${t}`) },
    );
    expect(calls).toEqual(['x:9:0', 'x:9:1', 'x:9:2']);
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect(s).toMatchObject({ scenario: 'x', title: 'X', seed: 9, replications: 3, version: 'v' });
  });
});

describe('monthlyCsv', () => {
  it('has one row per month and four columns per series', () => {
    const s = summaryInOrder([0, 1, 2]);
    const lines = monthlyCsv(s).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 6);
    expect(lines[0]).toBe(monthlyCsvColumns().join(','));
    expect(monthlyCsvColumns()).toHaveLength(1 + 4 * SERIES.length);
    expect(monthlyCsvColumns().slice(0, 3)).toEqual(['month', 'awaitingDecisionCases_mean', 'awaitingDecisionCases_p5']);
    const first = lines[1]?.split(',') ?? [];
    expect(first[0]).toBe('2023-07');
    expect(Number(first[3])).toBe(s.months[0]?.awaitingDecisionCases.p50);
  });
});
