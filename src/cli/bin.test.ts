/**
 * End-to-end: the installed command (`node bin/asylum-sim.js`, which loads the built dist/), as a
 * user runs it. Needs `npm run build` first (`npm test` does it); skipped, saying so, without dist.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'asylum-sim.js');
const built = existsSync(join(root, 'dist', 'src', 'cli', 'main.js'));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, timeout: 60_000, env: { ...process.env, ASYLUM_SIM_DEBUG: '' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const STACK = /at .*\.(js|ts|mjs):\d+/;

describe.skipIf(!built)('asylum-sim binary (skipped: run `npm run build` first)', () => {
  it('runs the built-in scenario and prints the summary JSON', async () => {
    const r = await run(['run', 'status-quo-2023', '--replications', '2', '--seed', '7', '--months', '6', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ scenario: 'status-quo-2023', seed: 7, replications: 2 });
    expect(j.version).toMatch(/^\d+\.\d+\.\d+\+/);
    expect(j.months).toHaveLength(6);
    const keys = ['awaitingDecisionCases', 'awaitingDecisionPeople', 'awaitingAppealCases', 'inHotelsPeople', 'inSupportPeople',
      'decisionsGrant', 'decisionsRefuse', 'decisionsWithdraw', 'returns', 'costGbp'];
    for (const k of keys) expect(typeof j.months[0][k].p50, k).toBe('number');
  });

  it('exits 2 without a stack trace on bad input', async () => {
    const unknown = await run(['run', 'no-such-scenario', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).not.toMatch(STACK);
    const flag = await run(['run', 'status-quo-2023', '--replications', '0']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--replications');
    const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-'));
    writeFileSync(join(dir, 'bad.yaml'), 'name: x\nnoSuchField: 1\n');
    const bad = await run(['scenarios', 'validate', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('noSuchField');
    expect(bad.stderr).not.toMatch(STACK);
  });
});
