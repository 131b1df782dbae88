/**
 * Start the dashboard's server: open the store, start the runner, listen. Bound to 127.0.0.1
 * unless told otherwise; on any other address a token is required, so nobody on the network can
 * start runs or write to the store without it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { findPackageRoot } from '../calibration/data-files.js';
import { InputError } from '../model/errors.js';
import { MODEL_VERSION } from '../model/simulate.js';
import { packageVersion } from '../cli/version.js';
import { createApp } from './app.js';
import { SERVER_LIMITS, type ServerLimits } from './limits.js';
import { Runner } from './runner.js';
import { RunService } from './runs.js';
import { Store } from './store.js';

export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  readonly dbPath: string;
  readonly token?: string;
  readonly limits?: Partial<ServerLimits>;
  /** Serve the dashboard from web/dist (default true). */
  readonly web?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly webBuilt: boolean;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

export function webRoot(): string {
  return join(findPackageRoot(import.meta.url), 'web', 'dist');
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!isLoopback(options.host) && !options.token) {
    throw new InputError({ field: '--token', value: 'nothing', allowed: `a token (--token or ASYLUM_SIM_TOKEN) when --host is ${options.host}, not loopback: anyone who can reach it could otherwise start runs` });
  }
  const limits = { ...SERVER_LIMITS, ...options.limits };
  const store = new Store(options.dbPath);
  const runner = new Runner({ concurrency: limits.concurrentRuns, timeoutMs: limits.runTimeoutMs });
  const runs = new RunService(store, runner, `${packageVersion()}+${MODEL_VERSION}`, limits.threadsPerRun);
  const root = webRoot();
  const webBuilt = options.web !== false && existsSync(join(root, 'index.html'));
  const app = createApp({ store, runs, limits, token: options.token, webRoot: options.web === false ? undefined : root });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    store,
    webBuilt,
    close: async () => {
      await runner.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; a closing server has nothing to say.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      store.close();
    },
  };
}
