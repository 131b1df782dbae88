import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import { defaultDbPath } from '../../server/store.js';
import { DEFAULT_HOST, DEFAULT_PORT, serveSettings } from './serve.js';

describe('serve flags', () => {
  it('defaults: loopback, the default port, the default store, no token', () => {
    expect(serveSettings({}, {}, '/x/db.sqlite')).toEqual({ port: DEFAULT_PORT, host: DEFAULT_HOST, dbPath: '/x/db.sqlite', token: undefined });
  });

  it('the token comes from --token or ASYLUM_SIM_TOKEN', () => {
    expect(serveSettings({}, { ASYLUM_SIM_TOKEN: 'abcdefgh' }, 'd').token).toBe('abcdefgh');
    expect(serveSettings({ token: '12345678' }, { ASYLUM_SIM_TOKEN: 'abcdefgh' }, 'd').token).toBe('12345678');
  });

  it('bad values name the flag', () => {
    expect(() => serveSettings({ port: '70000' }, {}, 'd')).toThrow(/--port/);
    expect(() => serveSettings({ host: 'a b' }, {}, 'd')).toThrow(/--host/);
    expect(() => serveSettings({ token: 'short' }, {}, 'd')).toThrow(InputError);
  });

  it('the store defaults to the XDG data directory, else ~/.local/share', () => {
    expect(defaultDbPath({ XDG_DATA_HOME: '/data', HOME: '/home/u' })).toBe('/data/asylum-sim/asylum-sim.sqlite');
    expect(defaultDbPath({ HOME: '/home/u' })).toBe('/home/u/.local/share/asylum-sim/asylum-sim.sqlite');
    expect(defaultDbPath({ XDG_DATA_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.local/share/asylum-sim/asylum-sim.sqlite');
  });
});

describe('asylum-sim serve (the built CLI, as npm start runs it)', () => {
  it('prints the URL, answers /api/health, and stops cleanly on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-serve-'));
    const bin = fileURLToPath(new URL('../../../bin/asylum-sim.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', join(dir, 'db.sqlite')], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code} before printing its URL`)));
      });
      const health = (await (await fetch(new URL('api/health', url))).json()) as { ok: boolean };
      expect(health.ok).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
