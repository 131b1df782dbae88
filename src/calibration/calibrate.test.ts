import { describe, expect, it } from 'vitest';
import { ukMap } from './test-support/uk-map.js';
import { baselineScenarioWith } from '../scenarios/catalogue.js';
import { backtestScenario, simulateRecord } from './backtest.js';
import { calibrate, estimatesOf, lossOf, residuals } from './calibrate.js';
import { loadOfficialData } from './data-files.js';
import { freeParameters } from './estimates.js';
import { historicalScenario } from './history.js';
import { ObservedData, type Observation } from './observed.js';

const data = loadOfficialData();
const base = baselineScenarioWith(undefined);
const map = ukMap();
const from = '2019-01-01';
const to = '2020-12-31';

/**
 * A record made by the model itself: the real inputs (claims, headcount, outcomes), and in place of
 * the fitted series what the model produced with known parameters under another seed.
 */
function syntheticRecord(truth: readonly number[]) {
  const free = freeParameters(historicalScenario(base, data, map, from, to));
  const scenario = backtestScenario(base, data, map, from, to, estimatesOf(free, truth)).scenario;
  const made = simulateRecord(scenario, data, { replications: 1, seed: 99, compared: map.compared });
  const replaced = new Map<string, number>();
  for (const s of made) if (s.compared.weight > 0) s.windows.forEach((w, i) => replaced.set(`${s.compared.series}|${w.period}`, Math.round(s.values[i][0])));
  const rows: Observation[] = data.names().flatMap((n) =>
    data.series(n).map((o) => {
      const v = replaced.get(`${o.series}|${o.period}`);
      return v === undefined ? o : { ...o, value: v };
    }),
  );
  return { free, record: new ObservedData(rows), replaced: replaced.size };
}

describe('calibration', () => {
  it('scales each fitted period\'s relative error so the squares add up to the documented loss', () => {
    const h = historicalScenario(base, data, map, from, to);
    const sim = simulateRecord(h.scenario, data, { replications: 1, seed: 1, compared: map.compared });
    const r = residuals(sim, from);
    const fitted = sim.filter((s) => s.compared.weight > 0);
    expect(r).toHaveLength(fitted.reduce((a, s) => a + s.windows.length, 0));
    let loss = 0;
    for (const s of fitted) {
      const terms = s.windows.map((w, i) => ((s.values[i][0] - w.observed) / w.observed) ** 2);
      loss += (s.compared.weight / terms.length) * terms.reduce((a, b) => a + b, 0);
    }
    expect(lossOf(r)).toBeCloseTo(loss, 10);
  });

  it('recovers known parameters from a record the model made (support share within 10%, fit within 3% MAPE)', () => {
    // Productivity is not estimated: the backtest reads it from the record per quarter.
    const truth = [0.55, 300, 0.15, 52_000, 60_000];
    const { free, record, replaced } = syntheticRecord(truth);
    expect(free.map((f) => f.name)).toEqual(['support share', 'support after last decision', 'leaving support while waiting', 'dispersal places 2020-01-01', 'dispersal places 2020-12-31']);
    expect(replaced).toBeGreaterThan(20);
    const result = calibrate({ base, data: record, map, from, to, scoreFrom: from, replications: 1, seed: 1, maxIterations: 6 });
    expect(result.loss).toBeLessThan(result.lossAtStart);
    expect(Math.abs(result.values[0] / truth[0] - 1)).toBeLessThan(0.1);
    for (const series of ['awaiting_initial_decision_people', 'initial_decisions_people_quarter', 'asylum_support_people']) {
      expect(result.mape[series], series).toBeLessThan(0.03);
    }
  }, 120_000);

  it('is reproducible: the same seed gives the same estimates', () => {
    const input = { base, data, map, from, to: '2019-12-31', scoreFrom: from, replications: 1, seed: 5, maxIterations: 1 };
    expect(calibrate(input).values).toEqual(calibrate(input).values);
  }, 120_000);
});
