import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import { captureIo } from '../io.js';
import { main } from '../main.js';
import { fakeBackend } from '../test-support/fake-backend.js';
import { parseWorkersFlag } from './run.js';

async function cli(args: string[]) {
  const io = captureIo();
  const code = await main(['node', 'asylum-sim', ...args], io, async () => fakeBackend());
  return { code, stdout: io.stdout, stderr: io.stderr };
}

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
