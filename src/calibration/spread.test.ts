import { describe, expect, it } from 'vitest';
import { ukMap } from './test-support/uk-map.js';
import { baselineScenarioWith } from '../scenarios/catalogue.js';
import { runBacktest } from './backtest.js';
import { loadOfficialData } from './data-files.js';
import { spreadText } from './fit.js';
import { cholesky, drawEstimates, estimateSpread, invert, spreadOf } from './spread.js';

const standardErrors = (jacobian: number[][], residuals: number[]) => estimateSpread(jacobian, residuals).sd;
import type { SpreadEstimate } from './fit.js';

describe('standard errors of least-squares estimates', () => {
  it('are those of ordinary regression for a straight line: σ² = SSR / (n − p), Var = σ² (JᵀJ)⁻¹', () => {
    // y = a + b·x at x = 0…3 with residuals 1, −1, −1, 1: SSR 4, σ² = 4 / 2 = 2, x̄ = 1.5, Sxx = 5.
    const x = [0, 1, 2, 3];
    const sd = standardErrors(
      x.map((xi) => [1, xi]),
      [1, -1, -1, 1],
    );
    expect(sd[0]).toBeCloseTo(Math.sqrt(2 * (1 / 4 + 1.5 ** 2 / 5)), 12);
    expect(sd[1]).toBeCloseTo(Math.sqrt(2 / 5), 12);
  });

  it('gives none to a parameter the residuals did not move with, and still gives the others theirs', () => {
    const sd = standardErrors(
      [0, 1, 2, 3].map((xi) => [1, 0, xi]),
      [1, -1, -1, 1],
    );
    expect(sd[1]).toBeUndefined();
    expect(sd[2]).toBeCloseTo(Math.sqrt(2 / 5), 12);
  });

  it('gives none when there are no more residuals than parameters, or two parameters act alike', () => {
    expect(standardErrors([[1, 2], [3, 4]], [1, 1])).toEqual([undefined, undefined]);
    expect(standardErrors([[1, 2], [2, 4], [3, 6]], [1, -1, 1])).toEqual([undefined, undefined]);
  });

  it('give the correlation of the estimates: intercept and slope of a line on x = 0…3 correlate at −x̄ / √(x̄² + Sxx / n)', () => {
    const { sd, correlation } = estimateSpread(
      [0, 1, 2, 3].map((xi) => [1, xi]),
      [1, -1, -1, 1],
    );
    expect(sd[1]).toBeCloseTo(Math.sqrt(2 / 5), 12);
    expect(correlation[0][1]).toBeCloseTo(-1.5 / Math.sqrt(1.5 ** 2 + 5 / 4), 12);
    expect(correlation[1][0]).toBeCloseTo(correlation[0][1]!, 12);
    expect(correlation[0][0]).toBeCloseTo(1, 12);
  });

  it('factor a correlation matrix (Cholesky), and refuse one that is not positive definite', () => {
    const l = cholesky([
      [1, 0.6],
      [0.6, 1],
    ])!;
    expect(l[0]).toEqual([1, 0]);
    expect(l[1][0]).toBeCloseTo(0.6, 12);
    expect(l[1][1]).toBeCloseTo(0.8, 12);
    expect(cholesky([[1, 1.2], [1.2, 1]])).toBeUndefined();
  });

  it('inverts a matrix exactly enough, and refuses a singular one', () => {
    const inv = invert([
      [4, 7],
      [2, 6],
    ])!;
    // 1/10 × [[6, −7], [−2, 4]].
    [[0.6, -0.7], [-0.2, 0.4]].forEach((row, i) => row.forEach((v, j) => expect(inv[i][j]).toBeCloseTo(v, 12)));
    expect(invert([[1, 2], [2, 4]])).toBeUndefined();
  });
});

describe('drawing the estimates of a replication', () => {
  const estimates: SpreadEstimate[] = [
    { name: 'support share', path: 'accommodation.supportShare', value: 0.6, sd: 0.05 },
    { name: 'productivity 2020', path: 'decisions.productivityIndex', date: '2020-01-01', value: 0.7 },
  ];

  it('is the same for the same seed and replication, and another for another', () => {
    expect(drawEstimates(estimates, 3, 7)).toEqual(drawEstimates(estimates, 3, 7));
    expect(drawEstimates(estimates, 3, 7)[0].value).not.toBe(drawEstimates(estimates, 3, 8)[0].value);
    expect(drawEstimates(estimates, 3, 7)[0].value).not.toBe(drawEstimates(estimates, 4, 7)[0].value);
  });

  it('leaves an estimate without a standard error as it is', () => {
    for (let r = 0; r < 20; r++) expect(drawEstimates(estimates, 1, r)[1]).toEqual({ name: 'productivity 2020', path: 'decisions.productivityIndex', date: '2020-01-01', value: 0.7 });
  });

  it('draws from a normal distribution with the estimate as mean and its standard error as spread', () => {
    const n = 4000;
    const xs = Array.from({ length: n }, (_, r) => drawEstimates(estimates, 11, r)[0].value);
    const mean = xs.reduce((a, x) => a + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    // Tolerances of four standard errors of the sample mean and of the sample sd (≈ σ / √(2n)).
    expect(Math.abs(mean - 0.6)).toBeLessThan((4 * 0.05) / Math.sqrt(n));
    expect(Math.abs(sd - 0.05)).toBeLessThan((4 * 0.05) / Math.sqrt(2 * n));
  });

  it('draws correlated estimates jointly, with the correlation the fit gave (two that trade off move against each other)', () => {
    const pair = (r: number): SpreadEstimate[] => [
      { name: 'support share', path: 'accommodation.supportShare', value: 0.6, sd: 0.05, correlation: { 'leaving support while waiting': r } },
      { name: 'leaving support while waiting', path: 'accommodation.leaveWhileWaitingPerYear', value: 0.5, sd: 0.05 },
    ];
    const sampleCorrelation = (r: number) => {
      const n = 4000;
      const xs = Array.from({ length: n }, (_, k) => drawEstimates(pair(r), 5, k).map((e) => e.value));
      const mean = [0, 1].map((i) => xs.reduce((a, x) => a + x[i], 0) / n);
      const cov = (i: number, j: number) => xs.reduce((a, x) => a + (x[i] - mean[i]) * (x[j] - mean[j]), 0) / (n - 1);
      return cov(0, 1) / Math.sqrt(cov(0, 0) * cov(1, 1));
    };
    expect(sampleCorrelation(-0.9)).toBeLessThan(-0.85);
    expect(Math.abs(sampleCorrelation(0))).toBeLessThan(0.06);
    // Without correlations the draws are the independent ones, as before correlations were kept.
    const [a, b] = pair(0);
    const plain: SpreadEstimate = { name: a.name, path: a.path, value: a.value, sd: a.sd };
    expect(drawEstimates([plain, b], 5, 3)).toEqual(drawEstimates(pair(0), 5, 3));
  });

  it('keeps a draw inside the parameter\'s allowed bounds (a share stays in [0, 1])', () => {
    const wide: SpreadEstimate[] = [{ name: 'support share', path: 'accommodation.supportShare', value: 0.9, sd: 5 }];
    const xs = Array.from({ length: 200 }, (_, r) => drawEstimates(wide, 1, r)[0].value);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    expect(xs.filter((x) => x === 1).length).toBeGreaterThan(50);
  });
});

describe('parameter uncertainty in the backtest', () => {
  it('says where the spread came from: none, the standard errors, or (without them) the plausible ranges', () => {
    const withSd: SpreadEstimate[] = [{ name: 'a', path: 'accommodation.supportShare', value: 0.6, sd: 0.01 }];
    expect(spreadOf(withSd, 'stochastic')).toBe('none');
    expect(spreadOf(withSd, 'both')).toBe('standard-errors');
    expect(spreadOf([{ ...withSd[0], sd: undefined }], 'parameters')).toBe('plausible-ranges');
    expect(spreadText('both', 'standard-errors')).toMatch(/random events and in the calibrated parameters.*standard error/);
    expect(spreadText('stochastic', 'none')).toBe('replications differ only in their random events (uncertainty stochastic)');
  });

  it('widens the band when the calibrated parameters are drawn, and repeats itself for a seed', () => {
    const data = loadOfficialData();
    const base = baselineScenarioWith(undefined);
    const estimates: SpreadEstimate[] = [
      { name: 'productivity 2022', path: 'decisions.productivityIndex', date: '2022-01-01', value: 0.9, sd: 0.15 },
      { name: 'support share', path: 'accommodation.supportShare', value: 0.6, sd: 0.05 },
    ];
    const run = (uncertainty: 'stochastic' | 'both' | 'parameters') =>
      runBacktest({ base, data, map: ukMap(), dataVersion: 'x', dataFiles: [], estimates, freeParameters: 2, from: '2022-01-01', to: '2022-12-31', replications: 8, seed: 3, uncertainty });
    const width = (r: ReturnType<typeof run>, series: string) => r.series[series].periods.reduce((a, p) => a + p.p95 - p.p5, 0);
    const chance = run('stochastic');
    const both = run('both');
    expect(both.parameterSpread).toBe('standard-errors');
    expect(chance.parameterSpread).toBe('none');
    for (const s of ['initial_decisions_people_quarter', 'asylum_support_people']) expect(width(both, s), s).toBeGreaterThan(1.5 * width(chance, s));
    expect(run('both').series).toEqual(both.series);
    expect(width(run('parameters'), 'initial_decisions_people_quarter')).toBeGreaterThan(width(chance, 'initial_decisions_people_quarter'));
  }, 60_000);
});
