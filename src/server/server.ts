/**
 * Start the dashboard's server: open the store, start the runner, start the dashboard's first
 * run, listen. Bound to 127.0.0.1 unless told otherwise; on any other address a token is
 * required, so nobody on the network can start runs or write to the store without it.
 *
 * The first run (DASHBOARD_DEFAULTS, unless the store holds it) starts before the server listens,
 * and what the page asks for first (scenarios, parameters) is worked out while its thread loads
 * the model: the page, opened at the printed URL, joins a run that is already going.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { findPackageRoot } from '../calibration/data-files.js';
import type { RedisTarget } from '../experiment/distributed/connection.js';
import { InputError } from '../model/errors.js';
import { packageVersion } from '../experiment/version.js';
import { createApp } from './app.js';
import { BacktestService } from './backtest.js';
import { DASHBOARD_DEFAULTS } from './dashboard-defaults.js';
import { parameterInfo } from './parameter-info.js';
import { builtinScenarios, checkScenarioLimits, runSettings } from './requests.js';
import { calibratedModelVersion, loadScenario } from '../scenarios/catalogue.js';
import { SERVER_LIMITS, type ServerLimits } from './limits.js';
import { Runner } from './runner.js';
import { RunService, type Job } from './runs.js';
import { Store } from './store.js';

export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  readonly dbPath: string;
  readonly token?: string;
  readonly limits?: Partial<ServerLimits>;
  /** Serve the dashboard from web/dist (default true). */
  readonly web?: boolean;
  /** Start the dashboard's first run (DASHBOARD_DEFAULTS) before listening (default true). */
  readonly firstRun?: boolean;
  /** Run replications on this Redis job queue (serve --redis) instead of this machine's threads. */
  readonly redis?: RedisTarget;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly webBuilt: boolean;
  /** The dashboard's first run, when it was started (not asked for, or already in the store: none). */
  readonly firstRun?: Job;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

export function webRoot(): string {
  return join(findPackageRoot(import.meta.url), 'web', 'dist');
}

/** The run the dashboard opens on, as POST /api/jobs would start it; none when the store holds it. */
function startFirstRun(runs: RunService, limits: ServerLimits): Job | undefined {
  const settings = runSettings({ ...DASHBOARD_DEFAULTS }, limits);
  // What requestScenario gives for a built-in's name (so the same hash), without first resolving
  // every built-in to check the name: this run's thread should start as early as it can.
  const scenario = loadScenario(DASHBOARD_DEFAULTS.scenario);
  checkScenarioLimits(scenario, limits, 'scenario');
  return runs.cached(runs.hashOf(scenario, settings)) ? undefined : runs.start(scenario, settings);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!isLoopback(options.host) && !options.token) {
    throw new InputError({ field: '--token', value: 'nothing', allowed: `a token (--token or ASYLUM_SIM_TOKEN) when --host is ${options.host}, not loopback: anyone who can reach it could otherwise start runs` });
  }
  const limits = { ...SERVER_LIMITS, ...options.limits };
  const store = new Store(options.dbPath);
  const runner = new Runner({ concurrency: limits.concurrentRuns, timeoutMs: limits.runTimeoutMs, maxWaiting: limits.queuedRuns });
  const runs = new RunService(store, runner, `${packageVersion()}+${calibratedModelVersion()}`, limits.threadsPerRun, options.redis);
  const firstRun = options.firstRun === false ? undefined : startFirstRun(runs, limits);
  // Computed once and cached: worked out now, while the first run's thread loads, not when the page asks.
  parameterInfo();
  builtinScenarios();
  const root = webRoot();
  const webBuilt = options.web !== false && existsSync(join(root, 'index.html'));
  const backtests = new BacktestService(runs.version, limits.runTimeoutMs, store);
  const app = createApp({ store, runs, limits, token: options.token, webRoot: options.web === false ? undefined : root, backtests });

  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (e) {
    // Not listening (the port is taken, say): the first run has nobody to show it to.
    await runner.close();
    store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    store,
    webBuilt,
    ...(firstRun ? { firstRun } : {}),
    close: async () => {
      await Promise.all([runner.close(), backtests.close()]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; a closing server has nothing to say.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      store.close();
    },
  };
}
