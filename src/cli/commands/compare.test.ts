import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KPIS } from '../../model/result.js';
import { captureIo } from '../io.js';
import { main } from '../main.js';
import type { ScenarioLike } from '../backend.js';
import { thresholdNote } from './compare.js';
import { cli, expectBadInput } from '../test-support/cli.js';

describe('threshold note', () => {
  const base = { name: 'a', title: 'A', horizonMonths: 12 };
  it('names the backlog threshold of A and B, or nothing when the scenarios carry none', () => {
    expect(thresholdNote({ ...base, kpi: { backlogThresholdPeople: 20_000 } } as ScenarioLike, { ...base, kpi: { backlogThresholdPeople: 20_000 } } as ScenarioLike)).toBe('Backlog threshold: 20,000 people awaiting an initial decision.');
    expect(thresholdNote({ ...base, kpi: { backlogThresholdPeople: 20_000 } } as ScenarioLike, { ...base, kpi: { backlogThresholdPeople: 5_000 } } as ScenarioLike)).toBe('Backlog threshold: A 20,000 people, B 5,000 people awaiting an initial decision.');
    expect(thresholdNote(base, base)).toBeUndefined();
  });
});

describe('asylum-sim compare', () => {
  it('prints the comparison JSON, with A, B and B − A for every KPI, and nothing else on stdout', async () => {
    const r = await cli(['compare', 'fake-2023', 'fake-2023', '--replications', '4', '--seed', '5', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ a: { scenario: 'fake-2023' }, b: { scenario: 'fake-2023' }, seed: 5, replications: 4 });
    expect(Object.keys(j.kpis)).toEqual([...KPIS]);
    // Same scenario, same random numbers: every paired difference is exactly zero.
    expect(j.kpis.totalCostGbp.diff).toEqual({ mean: 0, p5: 0, p50: 0, p95: 0 });
    expect(j.months).toHaveLength(14);
    expect(j.months[3].inHotelsPeople.diff.p95).toBe(0);
  });

  it('prints a table with the backlog month, hotels at 12 and 24 months and the total cost, with bands', async () => {
    const r = await cli(['compare', 'fake-2023', 'fake-2023', '--replications', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('A: Fake status quo (fake-2023)');
    expect(r.stdout).toMatch(/B − A \(paired\)/);
    for (const label of ['Time until backlog below threshold', 'In hotels after 12 months', 'In hotels after 24 months', 'Total cost over the horizon']) {
      expect(r.stdout).toContain(label);
    }
    expect(r.stdout).toMatch(/In hotels after 12 months.*\(.* to .*\)/);
    expect(r.stdout).toMatch(/median not within horizon \(\d{4}-\d{2} to not within horizon\); not within horizon in 2\/4/);
    expect(r.stdout).toContain('Cost by financial year');
  });

  it('writes comparison.json and comparison-monthly.csv under --out', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'compare-')), 'out');
    const r = await cli(['compare', 'fake-2023', 'fake-2023', '--replications', '2', '--months', '5', '--out', dir, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Wrote .*comparison\.json and .*comparison-monthly\.csv\n$/);
    expect(JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8'))).toEqual(JSON.parse(r.stdout));
    const csv = readFileSync(join(dir, 'comparison-monthly.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(6);
    expect(csv[0]).toMatch(/^month,awaitingDecisionCases_a_mean,/);
    expect(csv[0]).toContain('inHotelsPeople_diff_p95');
  });

  it('accepts --workers and gives the same JSON for any number of threads', async () => {
    const one = await cli(['compare', 'fake-2023', 'fake-2023', '--replications', '3', '--workers', '1', '--json']);
    const two = await cli(['compare', 'fake-2023', 'fake-2023', '--replications', '3', '--workers', '2', '--json']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('compares over the shorter horizon when the scenarios differ', async () => {
    const r = await cli(['compare', 'fake-2023', 'broken-run', '--replications', '1', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).months).toHaveLength(6);
  });

  it('refuses bad flags and unknown scenarios with exit 2 and one line', async () => {
    expectBadInput(await cli(['compare', 'fake-2023', 'fake-2023', '--replications', '0']), /--replications: got "0"/);
    expectBadInput(await cli(['compare', 'fake-2023', 'fake-2023', '--uncertainty', 'some']), /--uncertainty: got "some"; one of stochastic, parameters, both/);
    expectBadInput(await cli(['compare', 'fake-2023', 'fake-2023', '--bogus']), /unknown option '--bogus'/);
    expectBadInput(await cli(['compare', 'fake-2023']), /missing required argument/);
    expectBadInput(await cli(['compare', 'fake-2023', 'fake-2023', '--workers', '0']), /--workers: got "0"/);
    expectBadInput(await cli(['compare', 'fake-2023', 'fake-2024']), /did you mean "fake-2023"/);
  });

  it('exits 1 when a run fails', async () => {
    const r = await cli(['compare', 'fake-2023', 'broken-run', '--replications', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/run failed/);
  });
});

describe('asylum-sim compare with the UK model (in-process)', () => {
  it('compares the built-in status quo and Labour plan over a short horizon and names the threshold', async () => {
    const { createModelBackend } = await import('../model-backend.js');
    const io = captureIo();
    const code = await main(['node', 'asylum-sim', 'compare', 'status-quo-2023', 'labour-plan-2023', '--months', '3', '--replications', '1', '--workers', '1'], io, async () => createModelBackend());
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(io.stdout).toContain('B: Opposition plan');
    expect(io.stdout).toMatch(/Backlog threshold: [\d,]+ people awaiting an initial decision\./);
  });
});
