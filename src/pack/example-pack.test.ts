/**
 * The example pack (packs/example/) end to end through the CLI, as a user runs it: a fictional
 * country with its own currency and financial year, two stages only (arrivals and decisions), a
 * refusal that leaves the model because the pack routes it nowhere. (Through the library: the
 * packed-tarball test, src/index.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { built, runCli } from '../test-support/cli-process.js';
import { loadPack } from './load.js';

describe.skipIf(!built)('asylum-sim --pack example', () => {
  it('lists and runs its own scenarios: claims decided from an empty start, no costs booked, no calibration', async () => {
    const list = await runCli(['scenarios', 'list', '--pack', 'example']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^more-staff\s+Fifty more decision-makers/m);
    expect(list.stdout).toMatch(/^steady\s+Steady state/m);
    const r = await runCli(['run', 'steady', '--pack', 'example', '--replications', '2', '--months', '12', '--workers', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { scenario: string; version: string; startDate: string; kpis: Record<string, { mean: number }>; costByFinancialYear: unknown[] };
    expect(summary).toMatchObject({ scenario: 'steady', startDate: '2031-01-01', costByFinancialYear: [] });
    expect(summary.version).toMatch(/^\d+\.\d+\.\d+\+uk-\d+$/); // the model's version, no calibration record
    expect(summary.kpis.peopleAtStart.mean).toBe(0);
    expect(summary.kpis.casesSimulated.mean).toBeGreaterThan(5_000);
    expect(summary.kpis.backlogPeopleEnd.mean).toBeGreaterThan(0);
    expect(summary.kpis.totalCostGbp.mean).toBe(0);
    expect(summary.kpis.thirdCountryRemovalsTotal.mean).toBe(0);
  });

  it('prints money in its own currency, and compares two of its scenarios', async () => {
    const r = await runCli(['compare', 'steady', 'more-staff', '--pack', 'example', '--replications', '2', '--months', '24', '--workers', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as { kpis: Record<string, { diff: { mean: number } }> };
    expect(c.kpis.backlogPeopleEnd.diff.mean).toBeLessThan(0); // fifty more decision-makers shrink the backlog
    const text = await runCli(['run', 'steady', '--pack', 'example', '--replications', '1', '--months', '6', '--workers', '1']);
    expect(text.stdout).toMatch(/Total cost over the horizon\s+│ E\$\s+│\s+E\$0 /);
    const page = await runCli(['compare', 'steady', 'more-staff', '--pack', 'example', '--replications', '1', '--months', '6', '--workers', '1']);
    expect(page.stdout).toMatch(/Total cost over the horizon\s+│ E\$\s+│/);
    expect(page.stdout).not.toContain('£');
    const tornado = await runCli(['sensitivity', 'steady', '--pack', 'example', '--kpi', 'totalCostGbp', '--months', '6', '--workers', '1']);
    expect(tornado.code, tornado.stderr).toBe(0);
    expect(tornado.stdout).toMatch(/base E\$0;/);
    expect(tornado.stdout).not.toContain('£');
    expect(loadPack('example').manifest.currency).toEqual({ code: 'EXD', symbol: 'E$' });
  });

  it('refuses a bad pack and a UK scenario the example pack does not have, naming what is allowed', async () => {
    const bad = await runCli(['run', 'steady', '--pack', 'exampel']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('asylum-sim: --pack: got "exampel"; one of the packs example, uk — did you mean "example"?\n');
    const uk = await runCli(['run', 'status-quo-2023', '--pack', 'example', '--replications', '1']);
    expect(uk.code).toBe(2);
    expect(uk.stderr).toMatch(/a built-in scenario of the example pack \(more-staff, steady\)/);
    const backtest = await runCli(['backtest', '--pack', 'example']);
    expect(backtest.code).toBe(2);
    expect(backtest.stderr).toMatch(/--pack: got "example"; a pack with a calibration map and official data to read the past from; the example pack lacks packs\/example\/calibration\.yaml and packs\/example\/data\/catalogue\/series\.csv/);
    const calibrate = await runCli(['calibrate', '--pack', 'example', '--dry-run']);
    expect(calibrate.code).toBe(2);
    expect(calibrate.stderr).toMatch(/the example pack lacks packs\/example\/calibration\.yaml/);
    const optimise = await runCli(['optimise', 'steady', '--pack', 'example', '--target', 'meanWaitFirstDecisionDays<=100', '--levers', 'decisions.headcount']);
    expect(optimise.code).toBe(2);
    expect(optimise.stderr).toMatch(/--levers: got "decisions.headcount"; no lever: the pack does not run .* the costs stage that prices it/);
  });
});
