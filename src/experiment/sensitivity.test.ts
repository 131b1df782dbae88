import { describe, expect, it } from 'vitest';
import { smallScenario } from '../test-support/small.js';
import { simulate } from '../model/simulate.js';
import { inProcessSimulator } from './jobs.js';
import { uncertainParameters, withParameters } from './uncertain-parameters.js';
import { oneAtATime, sobolAnalysis } from './sensitivity.js';
import { tornadoSvg } from './tornado-svg.js';

const scenario = smallScenario({ months: 9, backlogCases: 1_000, claimsPeoplePerYear: 3_000 });
const simulator = inProcessSimulator(simulate);

describe('uncertain parameters', () => {
  it('lists every non-fixed number and schedule with its range around the scenario value', () => {
    const ps = uncertainParameters(scenario);
    expect(ps.length).toBeGreaterThan(20);
    for (const p of ps) {
      expect(p.low).toBeLessThanOrEqual(p.base);
      expect(p.base).toBeLessThanOrEqual(p.high);
    }
    expect(ps.map((p) => p.path)).toContain('decisions.productivity');
    expect(ps.find((p) => p.path === 'decisions.headcount')?.varies).toBe('multiplier');
    expect(ps.map((p) => p.path)).not.toContain('kpi.backlogThresholdPeople');
  });

  it('sets a value, scales a schedule and leaves the scenario given untouched', () => {
    const ps = uncertainParameters(scenario).filter((p) => ['decisions.productivity', 'decisions.headcount'].includes(p.path));
    const s = withParameters(scenario, ps, ps.map((p) => (p.varies === 'value' ? 7.5 : 1.1)));
    expect(s.decisions.productivity).toBe(7.5);
    expect(s.decisions.headcount.map((pt) => pt.value)).toEqual(scenario.decisions.headcount.map((pt) => pt.value * 1.1));
    expect(scenario.decisions.productivity).not.toBe(7.5);
  });
});

describe('one-at-a-time sensitivity', async () => {
  const oat = await oneAtATime(simulator, scenario, { replications: 1, seed: 3 });

  it('moves a KPI by exactly 0 for parameters that cannot touch it (common random numbers)', () => {
    const backlog = oat.tornado('backlogPeopleEnd');
    const hotelPrice = backlog.bars.find((b) => b.parameter.path === 'costs.hotelPerNight');
    expect(hotelPrice?.swing).toBe(0);
    expect(hotelPrice?.atLow).toBe(backlog.base);
  });

  it('ranks by swing and gets directions right: faster caseworkers, smaller backlog; dearer housing, bigger bill', () => {
    const backlog = oat.tornado('backlogPeopleEnd');
    const swings = backlog.bars.map((b) => b.swing ?? -1);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    const productivity = backlog.bars.find((b) => b.parameter.path === 'decisions.productivity')!;
    expect(productivity.atHigh!).toBeLessThan(productivity.atLow!);
    const cost = oat.tornado('totalCostGbp').bars.find((b) => b.parameter.path === 'costs.dispersalPerNight')!;
    expect(cost.atHigh!).toBeGreaterThan(cost.atLow!);
  });

  it('draws a tornado SVG with one labelled row per bar', () => {
    const svg = tornadoSvg(oat.tornado('backlogPeopleEnd'), { title: 'Backlog <end>', top: 5 });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Backlog &lt;end&gt;');
    expect(svg.match(/fill="#3b6fb6"/g)).toHaveLength(5);
    expect(svg.match(/fill="#e08a2c"/g)).toHaveLength(5);
    expect(tornadoSvg(oat.tornado('backlogPeopleEnd'), { title: 'all' })).not.toMatch(/\d{8}/); // no float noise in ranges
  });
});

describe('Sobol sensitivity on the model', () => {
  it('attributes no variance to parameters a KPI does not depend on, and some to those it does', async () => {
    const r = await sobolAnalysis(simulator, scenario, { replications: 1, seed: 2, samples: 2 });
    const paths = r.parameters.map((p) => p.path);
    const backlog = r.indices.backlogPeopleEnd!;
    expect(backlog.total[paths.indexOf('costs.hotelPerNight')]).toBe(0);
    expect(backlog.first[paths.indexOf('costs.hotelPerNight')]).toBe(0);
    expect(Math.max(...backlog.total)).toBeGreaterThan(0);
  });
});
