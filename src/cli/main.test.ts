import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KPIS } from '../model/result.js';
import { captureIo } from './io.js';
import { main } from './main.js';
import { cli, expectBadInput } from './test-support/cli.js';

describe('asylum-sim run', () => {
  it('prints the summary JSON and nothing else on stdout with --json', async () => {
    const r = await cli(['run', 'fake-2023', '--replications', '5', '--seed', '7', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ scenario: 'fake-2023', seed: 7, replications: 5, version: '9.9.9-fake' });
    expect(Object.keys(j.kpis)).toEqual([...KPIS]);
    expect(j.months).toHaveLength(14);
    for (const k of ['awaitingDecisionCases', 'inHotelsPeople', 'costGbp']) {
      expect(typeof j.months[0][k].p50).toBe('number');
    }
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const a = await cli(['run', 'fake-2023', '--replications', '4', '--seed', '7', '--json']);
    const b = await cli(['run', 'fake-2023', '--json', '--seed', '7', '--replications', '4']);
    const c = await cli(['run', 'fake-2023', '--replications', '4', '--seed', '8', '--json']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });

  it('uses 20 replications and seed 1 by default, and --months sets the horizon', async () => {
    const j = JSON.parse((await cli(['run', 'fake-2023', '--months', '3', '--json'])).stdout);
    expect(j).toMatchObject({ replications: 20, seed: 1 });
    expect(j.months).toHaveLength(3);
  });

  it('prints a KPI table without --json', async () => {
    const r = await cli(['run', 'fake-2023', '--replications', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Fake status quo (fake-2023)');
    expect(r.stdout).toMatch(/KPI.*Unit.*Mean.*P5.*P50.*P95/);
    expect(r.stdout).toContain('not within horizon');
    expect(r.stdout).toContain('Cost by financial year');
  });

  it('writes summary.json and monthly.csv under --out', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'asylum-sim-')), 'nested', 'out');
    const r = await cli(['run', 'fake-2023', '--replications', '3', '--out', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe(r.stdout);
    const csv = readFileSync(join(dir, 'monthly.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(15);
    expect(csv[0]).toMatch(/^month,awaitingDecisionCases_mean,awaitingDecisionCases_p5,/);
    expect(r.stderr).toContain('Wrote ');
  });

  it('refuses an --out that is a file, before running', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'asylum-sim-')), 'f');
    writeFileSync(file, 'x');
    const r = await cli(['run', 'fake-2023', '--out', file]);
    expectBadInput(r);
    expect(r.stderr).toContain('--out');
  });

  it.each([
    [['--replications', '0'], '--replications', 'an integer from 1 to 5,000'],
    [['--replications', 'abc'], '--replications', 'an integer from 1 to 5,000'],
    [['--replications', '1e3'], '--replications', 'an integer from 1 to 5,000'],
    [['--replications', '2.5'], '--replications', 'an integer from 1 to 5,000'],
    [['--replications', '5001'], '--replications', 'an integer from 1 to 5,000'],
    [['--seed', '-1'], '--seed', 'an integer from 0 up'],
    [['--seed', '9007199254740993'], '--seed', 'an integer from 0 up'],
    [['--months', '0'], '--months', 'an integer from 1 to 240'],
    [['--months', '241'], '--months', 'an integer from 1 to 240'],
  ])('refuses %j naming the flag, value and what is allowed', async (flags, flag, allowed) => {
    const r = await cli(['run', 'fake-2023', ...flags]);
    expectBadInput(r);
    expect(r.stderr).toContain(flag);
    expect(r.stderr).toContain(JSON.stringify(flags[1]));
    expect(r.stderr).toContain(allowed);
  });

  it('refuses an unknown option with a suggestion and the allowed list', async () => {
    const r = await cli(['run', 'fake-2023', '--replicatons', '5']);
    expectBadInput(r);
    expect(r.stderr).toContain("unknown option '--replicatons'");
    expect(r.stderr).toContain('did you mean --replications?');
    expect(r.stderr).toContain('allowed: --replications, --seed, --uncertainty, --months, --out, --json, --workers, --redis, --pack, --help');
  });

  it('refuses a missing value, a missing scenario and extra arguments', async () => {
    expectBadInput(await cli(['run', 'fake-2023', '--seed']));
    const missing = await cli(['run']);
    expectBadInput(missing);
    expect(missing.stderr).toContain('usage: asylum-sim run [options] <scenario|file>');
    expectBadInput(await cli(['run', 'fake-2023', 'extra']));
  });

  it('refuses an unknown scenario with "did you mean"', async () => {
    const r = await cli(['run', 'fake-2024', '--json']);
    expectBadInput(r);
    expect(r.stderr).toContain('did you mean "fake-2023"?');
  });

  it('exits 1 with one line when the run fails, and shows the stack only in debug mode', async () => {
    const r = await cli(['run', 'broken-run', '--replications', '3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('run failed: decisions: case 42 on 2023-07-18 (day 17.50): queue went negative');
    const d = await cli(['run', 'broken-run', '--replications', '3'], { env: { ASYLUM_SIM_DEBUG: '1' } });
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/at .*\.(js|ts):\d+/);
  });
});

describe('asylum-sim commands', () => {
  it('refuses an unknown command with a suggestion', async () => {
    const r = await cli(['rnu', 'fake-2023']);
    expectBadInput(r);
    expect(r.stderr).toContain("unknown command 'rnu'");
    expect(r.stderr).toContain('did you mean run?');
    expect(r.stderr).toContain('allowed: run, compare, claims, scenarios');
  });

  it('prints help and version with exit 0, and help on stderr with exit 2 when no command is given', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: asylum-sim');
    const runHelp = await cli(['run', '--help']);
    expect(runHelp.code).toBe(0);
    expect(runHelp.stdout).toContain('--replications <n>');
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: asylum-sim');
  });

  it('lists and shows scenarios', async () => {
    const list = await cli(['scenarios', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^fake-2023 +Fake status quo\n +Synthetic numbers for tests\.\n/);
    const show = await cli(['scenarios', 'show', 'fake-2023']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('horizonMonths: 14');
    expectBadInput(await cli(['scenarios', 'show', 'nope']));
    expectBadInput(await cli(['scenarios', 'frobnicate']));
  });

  it('validates scenario files', async () => {
    const ok = await cli(['scenarios', 'validate', 'good.yaml']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid scenario "from-file"');
    const bad = await cli(['scenarios', 'validate', 'bad.yaml']);
    expectBadInput(bad);
    expect(bad.stderr).toContain('noSuchField');
    const two = await cli(['scenarios', 'validate', 'two-problems.yaml']);
    expect(two.code).toBe(2);
    expect(two.stderr.trimEnd().split('\n')).toEqual([
      'asylum-sim: two-problems.yaml: 2 problems',
      '  noSuchField: got 1; a known field',
      '  horizonMonths: got -3; an integer from 1 to 240',
    ]);
  });
});

describe('asylum-sim with the UK model (in-process)', () => {
  async function real(args: string[]) {
    const io = captureIo();
    const code = await main(['node', 'asylum-sim', ...args], io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  }
  const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('runs a short built-in scenario', async () => {
    const r = await real(['run', 'status-quo-2023', '--replications', '2', '--months', '2', '--json', '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).months).toHaveLength(2);
  });

  it('suggests the built-in name for a near miss', async () => {
    const r = await real(['run', 'status-quo-2024']);
    expectBadInput(r);
    expect(r.stderr).toContain('did you mean "status-quo-2023"?');
  });

  it.each([
    ['unknown field', 'name: x\nextends: status-quo-2023\nnoSuchField: 1\n'],
    ['horizon beyond the limit', 'name: x\nextends: status-quo-2023\nhorizonMonths: 1000\n'],
    ['empty file', ''],
    ['alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}\n`],
  ])('refuses a scenario file with %s (run and validate exit 2)', async (_what, text) => {
    const path = file(`${_what.replaceAll(' ', '-')}.yaml`, text);
    const run = await real(['run', path, '--replications', '1']);
    expectBadInput(run);
    const validate = await real(['scenarios', 'validate', path]);
    expect(validate.code).toBe(2);
    expect(validate.stdout).toBe('');
    expect(validate.stderr).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('shows a built-in scenario with sources as comments', async () => {
    const r = await real(['scenarios', 'show', 'status-quo-2023']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Calibrated on data [0-9a-f]{12} .*\n(#.*\n)*name: status-quo-2023\n/);
    expect(r.stdout).toContain('# ');
  });
});
