/** `--redis` URLs: what is accepted, what each becomes, and that a password is never shown. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import { maskPassword, parseRedisUrl, redisFrom } from './connection.js';

describe('a --redis URL', () => {
  it('gives host, port (default 6379), db and password', () => {
    expect(parseRedisUrl('redis://127.0.0.1').options).toEqual({ host: '127.0.0.1', port: 6379, db: 0 });
    expect(parseRedisUrl('redis://:s3cret@queue.example:6380/2').options).toEqual({ host: 'queue.example', port: 6380, db: 2, password: 's3cret' });
    expect(parseRedisUrl('redis://worker:p%40ss@[::1]:7000').options).toEqual({ host: '::1', port: 7000, db: 0, username: 'worker', password: 'p@ss' });
  });

  it('turns on TLS for rediss://, checking the certificate against the host name', () => {
    expect(parseRedisUrl('rediss://:pw@queue.example:6380').options).toEqual({ host: 'queue.example', port: 6380, db: 0, password: 'pw', tls: { servername: 'queue.example' } });
  });

  it('never shows the password', () => {
    expect(parseRedisUrl('redis://:s3cret@h:1').display).toBe('redis://:***@h:1');
    expect(maskPassword('rediss://user:s3cret@h')).toBe('rediss://user:***@h');
    const e = (() => {
      try {
        parseRedisUrl('redis://:s3cret@h:1/99');
      } catch (err) {
        return err as Error;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e?.message).not.toContain('s3cret');
  });

  it.each([
    ['http://h:6379', 'not http://'],
    ['redis://h:1/x', 'db "x" is not 0 to 15'],
    ['redis://h:1/16', 'db "16" is not 0 to 15'],
    ['redis://h:1?tls=1', 'no query or fragment'],
    ['not a url', 'redis://[:password@]host'],
    ['redis://h:99999', 'redis://[:password@]host'],
  ])('refuses %s, naming the flag and the value', (url, why) => {
    expect(() => parseRedisUrl(url)).toThrow(InputError);
    expect(() => parseRedisUrl(url)).toThrow(`--redis: got ${JSON.stringify(url)}`);
    expect(() => parseRedisUrl(url)).toThrow(why);
  });

  it('comes from the flag, else from ASYLUM_SIM_REDIS, else nowhere (work stays local)', () => {
    expect(redisFrom(undefined, {})).toBeUndefined();
    expect(redisFrom(undefined, { ASYLUM_SIM_REDIS: '' })).toBeUndefined();
    expect(redisFrom(undefined, { ASYLUM_SIM_REDIS: 'redis://e:1' })?.options.host).toBe('e');
    expect(redisFrom('redis://f:1', { ASYLUM_SIM_REDIS: 'redis://e:1' })?.options.host).toBe('f');
    expect(() => redisFrom(undefined, { ASYLUM_SIM_REDIS: 'ftp://e' })).toThrow('ASYLUM_SIM_REDIS: got "ftp://e"');
  });
});
