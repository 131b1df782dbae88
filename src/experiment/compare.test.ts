import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { KPIS, SERIES } from '../model/result.js';
import { simulate } from '../model/simulate.js';
import { smallScenario } from '../test-support/small.js';
import { compareOn, compareWith, comparisonCsv, comparisonToJson, pairedDifference } from './compare.js';
import { inProcessSimulator, type Simulator } from './jobs.js';
import { syntheticResult } from './test-support/synthetic.js';

const options = { replications: 8, seed: 3, uncertainty: 'both', version: 'test' } as const;
const width = (s: { p5: number | null; p95: number | null }) => (s.p95 as number) - (s.p5 as number);

describe('compareWith on the UK model (small scenarios)', () => {
  const a = { ...smallScenario({ months: 12 }), name: 'small-a', title: 'Small A' };

  it('gives a difference of exactly 0 for every KPI, month and year when B is A', () => {
    const c = compareWith(simulate, a, { ...a, name: 'small-a-again' }, { ...options, replications: 4 });
    for (const k of KPIS) {
      const { a: sa, diff } = c.kpis[k];
      const reachedEverywhere = !sa.notReached && !sa.notApplicable;
      if (reachedEverywhere) expect(diff, k).toEqual({ mean: 0, p5: 0, p50: 0, p95: 0 });
      else expect(diff.notApplicable, k).toBe((sa.notReached ?? 0) + (sa.notApplicable ?? 0));
    }
    for (const m of c.months) for (const s of SERIES) expect(m[s].diff, `${m.month} ${s}`).toEqual({ mean: 0, p5: 0, p50: 0, p95: 0 });
    for (const y of c.costByFinancialYear) expect(y.gbp.diff.mean).toBe(0);
  });

  it('pairs replications: the band of B − A is narrower than the spread of A or of B', () => {
    const b = { ...a, name: 'small-b', title: 'Small B', decisions: { ...a.decisions, productivity: a.decisions.productivity * 1.15 } };
    const c = compareWith(simulate, a, b, options);
    for (const k of ['backlogPeopleAt12m', 'totalCostGbp'] as const) {
      const { a: sa, b: sb, diff } = c.kpis[k];
      expect(width(diff), k).toBeLessThan(width(sa));
      expect(width(diff), k).toBeLessThan(width(sb));
    }
    // More productive caseworkers leave fewer people waiting: the direction is clear in every replication.
    expect(c.kpis.backlogPeopleAt12m.diff.p95 as number).toBeLessThan(0);
  });

  it('needs the common random numbers: with B on other seeds the band of B − A is wider', () => {
    const b = { ...a, name: 'small-b', title: 'Small B', decisions: { ...a.decisions, productivity: a.decisions.productivity * 1.15 } };
    const paired = compareWith(simulate, a, b, options);
    const independent = compareWith((s, o) => simulate(s, s.name === 'small-b' ? { ...o, seed: o.seed + 1000 } : o), a, b, options);
    for (const k of ['backlogPeopleAt12m', 'totalCostGbp'] as const) {
      expect(width(paired.kpis[k].diff), k).toBeLessThan(width(independent.kpis[k].diff));
    }
  });

  it('has the documented JSON shape and CSV columns', () => {
    const c = compareWith(simulate, a, a, { ...options, replications: 2 });
    const j = JSON.parse(comparisonToJson(c));
    expect(Object.keys(j)).toEqual(['a', 'b', 'seed', 'replications', 'uncertainty', 'version', 'startDate', 'kpis', 'months', 'costByFinancialYear']);
    expect(Object.keys(j.kpis)).toEqual([...KPIS]);
    expect(Object.keys(j.kpis.totalCostGbp)).toEqual(['a', 'b', 'diff']);
    expect(j.months).toHaveLength(12);
    expect(Object.keys(j.months[0].inHotelsPeople.diff)).toEqual(['mean', 'p5', 'p50', 'p95']);
    const lines = comparisonCsv(c).trimEnd().split('\n');
    expect(lines).toHaveLength(13);
    const header = (lines[0] as string).split(',');
    expect(header.length).toBe(1 + SERIES.length * 12);
    expect(header.slice(0, 5)).toEqual(['month', 'awaitingDecisionCases_a_mean', 'awaitingDecisionCases_a_p5', 'awaitingDecisionCases_a_p50', 'awaitingDecisionCases_a_p95']);
    expect((lines[1] as string).split(',')).toHaveLength(header.length);
  });

  it('refuses two scenarios over different months, naming both', () => {
    const short = { ...a, name: 'short', horizonMonths: 6 };
    expect(() => compareWith(simulate, a, short, { ...options, replications: 1 })).toThrow(InputError);
    expect(() => compareWith(simulate, a, short, { ...options, replications: 1 })).toThrow(/small-a covers .*short covers/);
  });
});

describe('compareOn (replications on a Simulator)', () => {
  const synthetic = (s: { name: string }, o: { seed: number; replication: number }) => syntheticResult(o.seed + (s.name === 'b' ? 1 : 0), o.replication, { notReached: (r) => r % 3 === 0 });
  const a = { name: 'a', title: 'A' };
  const b = { name: 'b', title: 'B' };
  const options = { replications: 6, seed: 4, uncertainty: 'both', version: 'test' } as const;

  it('gives the same comparison as compareWith, whatever order the results arrive in', async () => {
    const expected = comparisonToJson(compareWith(synthetic, a, b, options));
    expect(comparisonToJson(await compareOn(inProcessSimulator(synthetic), a, b, options))).toBe(expected);
    // A pool that finishes later jobs first.
    const reversed: Simulator<{ name: string; title: string }> = {
      workers: 4,
      run: (job) => new Promise((resolve) => setTimeout(() => resolve(synthetic(job.scenario, job)), 40 - 3 * job.replication - (job.scenario.name === 'b' ? 1 : 0))),
      close: () => Promise.resolve(),
    };
    const seen: number[] = [];
    expect(comparisonToJson(await compareOn(reversed, a, b, { ...options, onProgress: (d) => seen.push(d) }))).toBe(expected);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('pairedDifference', () => {
  it('gives series with a + (b − a) = b, and no KPI difference where either is not reached', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (s1, s2) => {
        const x = syntheticResult(s1, 0, { notReached: () => s1 % 2 === 0 });
        const y = syntheticResult(s2, 1, { notReached: () => s2 % 3 === 0 });
        const d = pairedDifference(x, y);
        for (const s of SERIES) {
          d.series[s].forEach((v, t) => expect(Math.abs((x.series[s][t] as number) + v - (y.series[s][t] as number))).toBeLessThan(1e-6));
        }
        const reached = Number.isFinite(x.kpis.monthsUntilHotelsEmpty) && Number.isFinite(y.kpis.monthsUntilHotelsEmpty);
        expect(Number.isNaN(d.kpis.monthsUntilHotelsEmpty)).toBe(!reached);
      }),
      { numRuns: 30 },
    );
  });
});
