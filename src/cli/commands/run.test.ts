import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import { parseWorkersFlag } from './run.js';
import { cli } from '../test-support/cli.js';

describe('run --workers', () => {
  it('takes 1 to 256 threads and names the flag otherwise', () => {
    expect(parseWorkersFlag('1')).toBe(1);
    expect(parseWorkersFlag(' 4 ')).toBe(4);
    expect(parseWorkersFlag(undefined)).toBeGreaterThanOrEqual(1);
    for (const bad of ['0', '-1', '2.5', '257', 'all']) {
      expect(() => parseWorkersFlag(bad)).toThrow(InputError);
      expect(() => parseWorkersFlag(bad)).toThrow(/--workers.*1 to 256/);
    }
  });

  it('prints the same summary whatever the number of workers', async () => {
    const one = await cli(['run', 'fake-2023', '--replications', '5', '--json', '--workers', '1']);
    const three = await cli(['run', 'fake-2023', '--replications', '5', '--json', '--workers', '3']);
    expect(one.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
  });

  it('exits 2 on a bad --workers before any work', async () => {
    const r = await cli(['run', 'fake-2023', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^asylum-sim: .*--workers/);
  });
});

describe('run --out exports', () => {
  it('writes monthly and per-replication files as CSV, JSON and Arrow, and lists them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-exports-'));
    const r = await cli(['run', 'fake-2023', '--replications', '4', '--out', dir, '--json']);
    expect(r.code).toBe(0);
    for (const name of ['summary.json', 'monthly.csv', 'monthly.json', 'monthly.arrow', 'replications.csv', 'replications.json', 'replications.arrow']) {
      expect(r.stderr).toContain(join(dir, name));
    }
    const csv = readFileSync(join(dir, 'replications.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(/^replication,backlogPeopleAt12m,/);
    const arrow = tableFromIPC(readFileSync(join(dir, 'replications.arrow')));
    expect(arrow.numRows).toBe(4);
    expect(JSON.parse(readFileSync(join(dir, 'replications.json'), 'utf8'))).toHaveLength(4);
    expect(tableFromIPC(readFileSync(join(dir, 'monthly.arrow'))).numRows).toBe(14);
  });
});
