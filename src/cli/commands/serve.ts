/**
 * `asylum-sim serve`: the dashboard and its JSON API on one port (src/server/). Prints the URL,
 * then serves until interrupted (Ctrl-C or SIGTERM), closing the store cleanly.
 */
import { probe, redisFrom, type RedisTarget } from '../../experiment/distributed/connection.js';
import { InputError } from '../../model/errors.js';
import { parseIntegerInput } from '../../experiment/input.js';
import type { Io } from '../io.js';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly db?: string;
  readonly token?: string;
  readonly redis?: string;
}

export interface ServeSettings {
  readonly port: number;
  readonly host: string;
  readonly dbPath: string;
  readonly token: string | undefined;
  readonly redis: RedisTarget | undefined;
}

export function serveSettings(flags: ServeFlags, env: Readonly<Record<string, string | undefined>>, defaultDb: string): ServeSettings {
  const host = (flags.host ?? DEFAULT_HOST).trim();
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(host)) throw new InputError({ field: '--host', value: JSON.stringify(flags.host), allowed: 'a host name or IP address, e.g. 127.0.0.1 or 0.0.0.0' });
  const token = flags.token ?? env.ASYLUM_SIM_TOKEN;
  if (token !== undefined && token.length < 8) throw new InputError({ field: '--token', value: `${token.length} characters`, allowed: 'at least 8 characters' });
  return {
    port: parseIntegerInput('--port', flags.port, { min: 0, max: 65_535 }, DEFAULT_PORT),
    host,
    dbPath: flags.db ?? defaultDb,
    token: token || undefined,
    redis: redisFrom(flags.redis, env),
  };
}

/** Serve until a signal; resolves with the exit code. */
export async function serveCommand(io: Io, flags: ServeFlags): Promise<number> {
  const { defaultDbPath } = await import('../../server/store.js');
  const settings = serveSettings(flags, io.env, defaultDbPath(io.env));
  if (settings.redis) await probe(settings.redis);
  const { startServer, isLoopback } = await import('../../server/server.js');
  const server = await startServer(settings);
  const link = settings.token && !isLoopback(settings.host) ? `${server.url}?token=${encodeURIComponent(settings.token)}` : server.url;
  io.out(`asylum-sim dashboard: ${link}\n`);
  if (settings.redis) io.err(`runs go to the Redis queue at ${settings.redis.display}: start workers with \`asylum-sim worker --redis URL\`\n`);
  io.err(`store: ${server.store.path}${server.webBuilt ? '' : '\n(the dashboard is not built: run `npm run build`; the API under /api works)'}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
