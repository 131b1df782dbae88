import { describe, expect, it } from 'vitest';
import { cli, expectBadInput } from '../test-support/cli.js';

describe('asylum-sim claims', () => {
  it('prints { claims: [...] } and nothing else on stdout with --json', async () => {
    const r = await cli(['claims', '--base', 'fake-2023', '--replications', '2', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['claims']);
    expect(j.claims.length).toBeGreaterThanOrEqual(8);
    for (const c of j.claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'speaker', 'kind', 'statement', 'result', 'verdict', 'reasoning', 'inputs']));
      expect(typeof c.result.value).toBe('number');
      expect(c.inputs.length).toBeGreaterThan(0);
    }
    const projection = j.claims.find((c: { id: string }) => c.id === 'caseworkers-1000');
    expect(projection.inputs.some((i: { scenario?: string }) => i.scenario?.startsWith('fake-2023-plus-1000-caseworkers'))).toBe(true);
  });

  it('prints a readable page by default: each claim with verdict, result, reasoning and sourced inputs', async () => {
    const r = await cli(['claims', '--base', 'fake-2023', '--replications', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Claims ledger/);
    // A summary line per claim first: number, id, verdict, kind, the figure claimed.
    expect(r.stdout).toMatch(/\n 6\. eu-quota-124614 +misleading +arithmetic +claimed: 124,614 people in 2022\n/);
    expect(r.stdout).toMatch(/1\. crossings-2023 — ROUGHLY RIGHT \(record\)/);
    expect(r.stdout).toMatch(/eu-quota-124614 — MISLEADING/);
    expect(r.stdout).toContain('Inputs:');
    expect(r.stdout).toContain('[backlog_initial_people 2023-06-30] — https://');
    expect(r.stdout).toContain('Alternatives:');
  });

  it('refuses bad flags with exit 2 and one line', async () => {
    expectBadInput(await cli(['claims', '--replications', 'ten']), /--replications: got "ten"/);
    expectBadInput(await cli(['claims', '--seed', '-1']), /--seed: got "-1"/);
    expectBadInput(await cli(['claims', '--uncertainty', 'all']), /--uncertainty: got "all"/);
    expectBadInput(await cli(['claims', '--workers', '9999']), /--workers: got "9999"/);
    expectBadInput(await cli(['claims', '--jsn']), /unknown option '--jsn'.*allowed: .*--json/);
    expectBadInput(await cli(['claims', '--base', 'fake-2024']), /did you mean "fake-2023"/);
  });

  it('runs the claims of the pack named, and refuses a pack without a claims ledger', async () => {
    expectBadInput(await cli(['claims', '--pack', 'example'], { backend: 'model' }), /--pack: got "example"; a pack with a claims ledger \(packs\/<name>\/claims\.yaml\): uk; the example pack has none/);
    expectBadInput(await cli(['claims', '--pack', 'ukk'], { backend: 'model' }), /--pack: got "ukk"; one of the packs .* did you mean "uk"\?/);
  });
});
