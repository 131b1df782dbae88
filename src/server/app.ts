/**
 * The HTTP API (Hono) and the dashboard's files. Every answer is JSON except the dashboard's own
 * files and a run's summary, which is the CLI's `--json` text byte for byte. Bad input is a 400
 * naming the field; anything unexpected is a 500 with a plain message, never a stack trace.
 *
 *   GET  /api/health                   { ok, version, schemaVersion }
 *   GET  /api/scenarios                the built-in scenarios (name, title, summary)
 *   GET  /api/parameters               every parameter with unit, bounds, range, default, source
 *   POST /api/validate   {scenario}    the resolved scenario, or 400
 *   POST /api/scenarios  {scenario}    save → { id } (the same content gives the same id)
 *   GET  /api/scenarios/:id            a saved scenario: { id, name, overrides, scenario }
 *   POST /api/run        {scenario, replications?, seed?, uncertainty?}  summary JSON (waits)
 *   POST /api/jobs       (same body)   { job, status, ... }; done at once when cached
 *   GET  /api/jobs/:id                 { status, done, total, revision, partial?, runId?, error? }
 *   GET  /api/jobs/:id?after=R         the same, once the job's revision is past R (or ~10 s pass)
 *   GET  /api/jobs/:id/partial         the summary JSON of the `partial` replications done so far
 *   POST /api/compare    {a, b, replications?, seed?, uncertainty?}  comparison JSON (waits)
 *   POST /api/jobs       {a, b, ...}   a comparison as a job
 *   GET  /api/runs/:id                 a stored run's summary (or comparison) JSON
 *   GET  /api/claims/projection        the comparison the claims ledger needs, as a /api/jobs body
 *   GET  /api/claims/:runId            the claims ledger, with that stored comparison as projection
 *   GET  /api/backtest?replications=N&seed=S  the backtest over the record (backtest.ts; waits, then cached)
 *
 * When a token is set, every POST needs `Authorization: Bearer <token>`.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { InputError } from '../model/errors.js';
import { SCENARIO_LIMITS, parseJsonDocument } from '../scenarios/parse.js';
import type { ServerLimits } from './limits.js';
import { parameterInfo } from './parameter-info.js';
import { bodyObject, builtinScenarios, onlyFields, requestScenario, runSettings } from './requests.js';
import { QueueFull, RunFailed, RunTimeout } from './runner.js';
import type { Job, RunService } from './runs.js';
import { staticHandler } from './static.js';
import { SCHEMA_VERSION, type Store } from './store.js';
import { timingSafeEqual } from 'node:crypto';
import { ledgerFromRun, projectionRequest } from './claims.js';
import { BacktestService, backtestSettings } from './backtest.js';

export interface AppOptions {
  readonly store: Store;
  readonly runs: RunService;
  readonly limits: ServerLimits;
  /** Required on write endpoints when set. */
  readonly token?: string;
  /** web/dist; omitted in API-only tests. */
  readonly webRoot?: string;
  /** Answers /api/backtest; the server passes its own so that closing it stops a backtest under way. */
  readonly backtests?: BacktestService;
}

const RUN_FIELDS = ['scenario', 'replications', 'seed', 'uncertainty'];
const COMPARE_FIELDS = ['a', 'b', 'replications', 'seed', 'uncertainty'];
const ID = /^[0-9a-f]{10,64}$/;

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * A body holds up to two scenarios (compare's a and b) one level below the top, so it may be one
 * level deeper and hold twice the values of one scenario file; its size is bounded before this.
 */
const BODY_LIMITS = { ...SCENARIO_LIMITS, maxBytes: Number.MAX_SAFE_INTEGER, maxDepth: SCENARIO_LIMITS.maxDepth + 1, maxNodes: 2 * SCENARIO_LIMITS.maxNodes };

/** The body read as strictly as a scenario file (a duplicate key is a 400 naming it and where it is). */
async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  return bodyObject(parseJsonDocument(await c.req.text(), '(body)', BODY_LIMITS));
}

/** Longest a poller waits for a job to change before it gets the unchanged view. */
const LONG_POLL_MS = 10_000;

function jobView(job: Job) {
  return {
    job: job.id,
    status: job.status,
    done: job.done,
    total: job.total,
    revision: job.revision,
    ...(job.partial ? { partial: job.partial.done } : {}),
    ...(job.runId ? { runId: job.runId } : {}),
    ...(job.error ? { error: job.error.message } : {}),
  };
}

function summaryResponse(c: Context, summary: string, runId: string, cache: 'hit' | 'miss'): Response {
  return c.body(summary, 200, { 'Content-Type': 'application/json; charset=utf-8', 'X-Run-Id': runId, 'X-Cache': cache });
}

export function createApp(options: AppOptions): Hono {
  const { store, runs, limits, token } = options;
  const app = new Hono();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Observable Plot sets style attributes on the SVG it draws.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('/api/*', bodyLimit({ maxSize: limits.maxBodyBytes, onError: (c) => c.json({ error: `(body): larger than ${limits.maxBodyBytes.toLocaleString('en-GB')} bytes; send a smaller request`, field: '(body)' }, 413) }));
  app.use('/api/*', async (c, next) => {
    if (token !== undefined && c.req.method !== 'GET' && c.req.method !== 'HEAD' && !tokenMatches(c.req.header('Authorization'), token)) {
      return c.json({ error: 'this server needs a token for writes: send Authorization: Bearer <token>' }, 401);
    }
    await next();
  });

  app.get('/api/health', (c) => c.json({ ok: true, version: runs.version, schemaVersion: SCHEMA_VERSION }));
  app.get('/api/scenarios', (c) => c.json(builtinScenarios()));
  app.get('/api/parameters', (c) => c.json({ parameters: parameterInfo(), limits }));

  app.post('/api/validate', async (c) => {
    const body = await jsonBody(c);
    onlyFields(body, ['scenario']);
    return c.json({ ok: true, scenario: requestScenario(body.scenario, store, limits).scenario });
  });

  app.post('/api/scenarios', async (c) => {
    const body = await jsonBody(c);
    onlyFields(body, ['scenario']);
    if (typeof body.scenario !== 'object' || body.scenario === null || 'saved' in body.scenario) {
      throw new InputError({ field: 'scenario', value: JSON.stringify(body.scenario)?.slice(0, 60) ?? 'nothing', allowed: 'a scenario object (name, optional extends, parameter overrides)' });
    }
    const { overrides } = requestScenario(body.scenario, store, limits);
    const saved = store.saveScenario(overrides as Record<string, unknown> & { name: string });
    return c.json({ id: saved.id, name: saved.name }, 201);
  });

  app.get('/api/scenarios/:id', (c) => {
    const id = c.req.param('id');
    const saved = ID.test(id) ? store.getScenario(id) : undefined;
    if (!saved) return c.json({ error: `no saved scenario with id ${JSON.stringify(id.slice(0, 64))}` }, 404);
    return c.json({ ...saved, scenario: requestScenario({ saved: id }, store, limits).scenario });
  });

  /** A run or comparison request: its scenarios resolved, its settings checked. */
  const parseRun = (body: Record<string, unknown>) => {
    const compare = 'a' in body || 'b' in body;
    onlyFields(body, compare ? COMPARE_FIELDS : RUN_FIELDS);
    const settings = runSettings(body, limits);
    const a = requestScenario(compare ? body.a : body.scenario, store, limits, compare ? 'a' : 'scenario').scenario;
    const b = compare ? requestScenario(body.b, store, limits, 'b').scenario : undefined;
    if (b && (a.start !== b.start || a.horizonMonths !== b.horizonMonths)) {
      throw new InputError({ field: 'b.horizonMonths', value: `${b.start}, ${b.horizonMonths} months`, allowed: `the same start and horizon as a (${a.start}, ${a.horizonMonths} months)` });
    }
    return { settings, a, b, hash: runs.hashOf(a, settings, b) };
  };

  const waitFor = async (c: Context, body: Record<string, unknown>) => {
    const { settings, a, b, hash } = parseRun(body);
    const cached = runs.cached(hash);
    if (cached) return summaryResponse(c, cached.summary, cached.id, 'hit');
    const run = await runs.start(a, settings, b).result;
    return summaryResponse(c, run.summary, run.id, 'miss');
  };
  app.post('/api/run', async (c) => {
    const body = await jsonBody(c);
    if ('a' in body || 'b' in body) onlyFields(body, RUN_FIELDS);
    return waitFor(c, body);
  });
  app.post('/api/compare', async (c) => {
    const body = await jsonBody(c);
    onlyFields(body, COMPARE_FIELDS);
    for (const side of ['a', 'b']) if (!(side in body)) throw new InputError({ field: side, value: 'nothing', allowed: 'a scenario (built-in name, { "saved": id } or a scenario object)' });
    return waitFor(c, body);
  });

  app.post('/api/jobs', async (c) => {
    const { settings, a, b, hash } = parseRun(await jsonBody(c));
    const cached = runs.cached(hash);
    if (cached) return c.json({ job: null, status: 'done', done: settings.replications, total: settings.replications, runId: cached.id, cached: true });
    return c.json({ ...jobView(runs.start(a, settings, b)), cached: false }, 202);
  });

  const NO_JOB = 'no such job (finished jobs are forgotten after a while; their runs stay under /api/runs)';
  app.get('/api/jobs/:id', async (c) => {
    const job = runs.job(c.req.param('id'));
    if (!job) return c.json({ error: NO_JOB }, 404);
    const after = c.req.query('after');
    if (after !== undefined) {
      if (!/^\d{1,15}$/.test(after)) throw new InputError({ field: 'after', value: JSON.stringify(after.slice(0, 20)), allowed: 'a revision number from an earlier answer' });
      if (job.status === 'running' && job.revision <= Number(after)) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        // unref: a waiting poller must not keep a closing server's process alive.
        await Promise.race([job.changed(), new Promise<void>((resolve) => (timer = setTimeout(resolve, LONG_POLL_MS).unref()))]);
        clearTimeout(timer);
      }
    }
    return c.json(jobView(job));
  });

  app.get('/api/jobs/:id/partial', (c) => {
    const job = runs.job(c.req.param('id'));
    if (!job) return c.json({ error: NO_JOB }, 404);
    const partial = job.partial;
    if (!partial) {
      const why = job.status === 'running' ? 'no partial summary yet: fewer than one replication is done, or the run has only one' : job.status === 'done' ? `the job is done: its result is /api/runs/${job.runId}` : 'the job failed';
      return c.json({ error: why }, 404);
    }
    return c.body(partial.json, 200, { 'Content-Type': 'application/json; charset=utf-8', 'X-Partial': `${partial.done}/${job.total}`, 'Cache-Control': 'no-store' });
  });

  app.get('/api/runs/:id', (c) => {
    const id = c.req.param('id');
    const run = ID.test(id) ? store.runById(id) : undefined;
    if (!run) return c.json({ error: `no run with id ${JSON.stringify(id.slice(0, 64))}` }, 404);
    return summaryResponse(c, run.summary, run.id, 'hit');
  });

  app.get('/api/claims/projection', (c) => c.json(projectionRequest()));
  app.get('/api/claims/:runId', (c) => {
    const id = c.req.param('runId');
    const run = ID.test(id) ? store.runById(id) : undefined;
    if (!run) return c.json({ error: `no run with id ${JSON.stringify(id.slice(0, 64))}; run the comparison from /api/claims/projection first` }, 404);
    return c.body(ledgerFromRun(run), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  const backtests = options.backtests ?? new BacktestService(runs.version, limits.runTimeoutMs, store);
  app.get('/api/backtest', async (c) => {
    const { json, cache } = await backtests.report(backtestSettings(c.req.query(), limits.maxReplications));
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=utf-8', 'X-Cache': cache });
  });

  app.all('/api/*', (c) => c.json({ error: `no endpoint ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  if (options.webRoot) app.get('*', staticHandler(options.webRoot));

  app.onError((e, c) => {
    if (e instanceof InputError) return c.json({ error: e.message, problems: e.problems }, 400);
    if (e instanceof RunTimeout) return c.json({ error: e.message }, 503);
    if (e instanceof QueueFull) return c.json({ error: e.message }, 429, { 'Retry-After': String(e.retryAfterSeconds) });
    if (e instanceof RunFailed) return c.json({ error: `the run failed: ${e.message}` }, 500);
    // Hono's own HTTP errors (a malformed request) keep their status; nothing else leaks.
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return c.json({ error: 'bad request' }, status as 400);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
