/**
 * Where the queue lives: a `--redis` URL checked at the boundary, turned into ioredis options, and
 * the key names every process agrees on. Accepted: `redis://[user][:password@]host[:port][/db]`
 * and `rediss://…` (TLS, certificates checked against the system's authorities or
 * NODE_EXTRA_CA_CERTS). A password never appears in a message: `display` masks it.
 *
 * `probe` opens one connection with a bounded timeout and no retries, so a wrong host, port or
 * password is an InputError at once (exit 2), never a hang.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { InputError, showValue } from '../../model/errors.js';

/** The environment variable that stands for `--redis`. */
export const REDIS_ENV = 'ASYLUM_SIM_REDIS';
/** The BullMQ queue every client and worker of this project uses. */
export const QUEUE_NAME = 'asylum-sim';
/** Prefix of every key the project writes (BullMQ's own keys live under `bull:`). */
export const KEY_PREFIX = 'asylum-sim';

export interface RedisTarget {
  /** The URL with any password replaced by `***`. */
  readonly display: string;
  readonly options: RedisOptions;
}

const ALLOWED = 'redis://[:password@]host[:port][/db] or rediss://… for TLS (db 0 to 15)';

/** Check a `--redis` URL (or $ASYLUM_SIM_REDIS); `field` names where it came from. */
export function parseRedisUrl(raw: string, field = '--redis'): RedisTarget {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InputError({ field, value: showValue(maskPassword(raw)), allowed: ALLOWED });
  }
  const display = maskPassword(raw.trim());
  const bad = (what: string) => new InputError({ field, value: showValue(display), allowed: `${ALLOWED}; ${what}` });
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`not ${url.protocol}//`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw bad('a host is needed');
  if (url.search !== '' || url.hash !== '') throw bad('no query or fragment');
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : /^\d{1,2}$/.test(dbText) ? Number(dbText) : Number.NaN;
  if (!(db >= 0 && db <= 15)) throw bad(`db ${JSON.stringify(dbText)} is not 0 to 15`);
  const options: RedisOptions = {
    host,
    port,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
  };
  return { display, options };
}

/** The URL as it may be shown: any password is `***`. */
export function maskPassword(text: string): string {
  return text.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/** The `--redis` flag, or else $ASYLUM_SIM_REDIS; undefined when neither is set (work stays local). */
export function redisFrom(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): RedisTarget | undefined {
  if (flag !== undefined) return parseRedisUrl(flag, '--redis');
  const fromEnv = env[REDIS_ENV];
  return fromEnv ? parseRedisUrl(fromEnv, REDIS_ENV) : undefined;
}

/** Connect once, without retrying, and PING; an unreachable server or a refused password is an InputError. */
export async function probe(target: RedisTarget, field = '--redis', timeoutMs = 5_000): Promise<void> {
  const client = new Redis({ ...target.options, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, enableReadyCheck: false });
  let cause = '';
  client.on('error', (e: Error) => (cause ||= e.message)); // the socket's own error says more than "Connection is closed"
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const why = cause || (e instanceof Error ? e.message : String(e));
    const hint = /NOAUTH|WRONGPASS|AUTH/i.test(why) ? 'the password in the URL is missing or wrong' : 'a Redis server that answers';
    throw new InputError({ field, value: showValue(target.display), allowed: `${hint} (${why.split('\n')[0]})` });
  } finally {
    client.disconnect();
  }
}

/** Options for the long-lived connections: reconnect for ever, with commands bounded in time. */
export function liveOptions(target: RedisTarget, blocking: boolean): RedisOptions {
  return {
    ...target.options,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(100 * times, 1_000),
    // BullMQ's blocking connections must wait out a restart; the client's own commands time out.
    maxRetriesPerRequest: blocking ? null : 2,
    ...(blocking ? {} : { commandTimeout: 5_000 }),
  };
}

/** Keys of one run: its results (a hash from task number to encoded result) and its cancel flag. */
export function runKeys(runId: string): { readonly results: string; readonly cancelled: string } {
  return { results: `${KEY_PREFIX}:results:${runId}`, cancelled: `${KEY_PREFIX}:cancelled:${runId}` };
}
