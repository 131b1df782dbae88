import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallOverrides } from '../../test-support/small.js';
import { parseProbability } from './optimise.js';
import { cli } from '../test-support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-opt-'));
const scenarioFile = join(dir, 'small.json');
writeFileSync(scenarioFile, JSON.stringify({ name: 'small', title: 'Small', ...smallOverrides({ months: 9, backlogCases: 1_200, claimsPeoplePerYear: 3_000, headcount: 40 }) }));

describe('asylum-sim optimise', () => {
  it('takes probabilities in (0, 1] only', () => {
    expect(parseProbability('0.9')).toBe(0.9);
    expect(parseProbability('1')).toBe(1);
    for (const bad of ['0', '1.5', '90%', '-0.1', 'high']) expect(() => parseProbability(bad)).toThrow(/--probability/);
  });

  it('exits 2 naming the flag for a bad or missing target, lever, budget or probability', async () => {
    const good = ['--target', 'awaitingDecisionPeople<=1000 by 2024-03', '--levers', 'decisions.headcount'];
    for (const [args, flag] of [
      [['--levers', 'decisions.headcount'], '--target'],
      [['--target', 'awaitingDecisionPeople<=1000 by 2024-03'], '--levers'],
      [['--target', 'backlog<=1000', '--levers', 'decisions.headcount'], '--target'],
      [[...good.slice(0, 2), '--levers', 'judges'], '--levers'],
      [[...good, '--budget', '-5'], '--budget'],
      [[...good, '--probability', '2'], '--probability'],
    ] as const) {
      const r = await cli(['optimise', 'fake-2023', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^asylum-sim: .*${flag}`));
    }
  });

  it('refuses a target month outside the horizon', async () => {
    const r = await cli(['optimise', scenarioFile, '--target', 'awaitingDecisionPeople<=1000 by 2030-01', '--levers', 'decisions.headcount', '--workers', '1'], { backend: 'model' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('within the scenario');
  });

  it('prints the plan, its cost and its probability', async () => {
    const args = ['optimise', scenarioFile, '--target', 'awaitingDecisionPeople<=1700 by 2024-03', '--levers', 'decisions.headcount,appeals.determinationsPerMonth'];
    const r = await cli([...args, '--replications', '4', '--probability', '0.75', '--steps', '4', '--workers', '1'], { backend: 'model' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Target: awaitingDecisionPeople <= 1700 by 2024-03, with probability ≥ 75%');
    expect(r.stdout).toMatch(/Extra decision-makers \(decisions.headcount\): \+\d+ staff/);
    expect(r.stdout).toMatch(/Cost: £[\d.,]+m? over 9 months/);
    expect(r.stdout).toMatch(/Probability of meeting the target: (75|100)%/);
    const j = JSON.parse((await cli([...args, '--replications', '4', '--probability', '0.75', '--steps', '4', '--workers', '1', '--json'], { backend: 'model' })).stdout);
    expect(j.plan.increments['appeals.determinationsPerMonth']).toBe(0);
    expect(j.plan.probability).toBeGreaterThanOrEqual(0.75);
  });
});
