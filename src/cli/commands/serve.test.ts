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
