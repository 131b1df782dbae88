import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallOverrides } from '../../test-support/small.js';
import { cli } from '../test-support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-sens-'));
const scenarioFile = join(dir, 'small.json');
writeFileSync(scenarioFile, JSON.stringify({ name: 'small', title: 'Small', ...smallOverrides({ months: 6, backlogCases: 600, claimsPeoplePerYear: 1500 }) }));

describe('asylum-sim sensitivity', () => {
  it('refuses a bad method, KPI or sample size naming the flag', async () => {
    for (const [flag, value] of [
      ['--method', 'morris'],
      ['--kpi', 'backlog'],
      ['--samples', '1'],
    ]) {
      const r = await cli(['sensitivity', 'fake-2023', flag as string, value as string]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^asylum-sim: .*${flag}`));
    }
  });

  it('prints a tornado table and writes the tornado SVG, CSV and JSON', async () => {
    const out = join(dir, 'oat');
    const r = await cli(['sensitivity', scenarioFile, '--workers', '1', '--out', out], { backend: 'model' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Backlog at the end (backlogPeopleEnd)');
    expect(r.stdout).toMatch(/Parameter.*Range.*KPI at low.*KPI at high.*Swing/);
    expect(readFileSync(join(out, 'tornado.svg'), 'utf8')).toMatch(/^<svg /);
    const csv = readFileSync(join(out, 'tornado.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('parameter,varies,low,high,backlogPeopleEnd_at_low,backlogPeopleEnd_at_high,swing');
    const json = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(json.bars).toHaveLength(csv.length - 1);
  });

  it('prints Sobol indices as JSON for the main KPIs', async () => {
    const r = await cli(['sensitivity', scenarioFile, '--method', 'sobol', '--samples', '2', '--kpi', 'totalCostGbp', '--workers', '1', '--json'], { backend: 'model' });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.method).toBe('sobol');
    expect(Object.keys(json.indices)).toContain('totalCostGbp');
    expect(json.indices.totalCostGbp.total).toHaveLength(json.parameters.length);
  });
});
