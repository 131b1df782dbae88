/**
 * GET /api/backtest as a client sees it: the CLI's `backtest --json` with the calibration's
 * summary beside it, computed in a thread of its own (the server keeps answering meanwhile),
 * cached, and refused with a 400 naming the field for bad settings. Two replications keep each
 * backtest to about a second; each test takes its own seed, so none reads another's cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MAX_BACKTEST_REPLICATIONS } from '../calibration/backtest-limits.js';
import { readCalibration } from '../calibration/calibration-file.js';
import { BacktestService, type BacktestReport } from './backtest.js';
import { RunFailed } from './runner.js';
import { tempDir, testServer } from './test-support.js';

const tmp = tempDir();
let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  server = await testServer(join(tmp.dir, 'backtest.sqlite'));
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

async function backtest(query: string): Promise<{ res: Response; text: string }> {
  const res = await server.api(`/api/backtest${query}`);
  return { res, text: await res.text() };
}

describe('GET /api/backtest', () => {
  it('answers with the backtest, plus the summary of the calibration it ran with (the CLI prints the same: cli/commands/backtest.test.ts)', async () => {
    const { res, text } = await backtest('?replications=2&seed=11');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { calibration, ...result } = JSON.parse(text) as BacktestReport;

    expect(result).toMatchObject({ replications: 2, seed: 11 });
    const backlog = result.series.awaiting_initial_decision_people;
    expect(backlog.periods.length).toBeGreaterThan(4);
    for (const p of backlog.periods) {
      expect(p.p5).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p95);
    }
    expect(result.derived.length).toBeGreaterThan(0);

    const record = readCalibration();
    if (!record) {
      expect(calibration).toBeNull();
      return;
    }
    expect(calibration).toMatchObject({ dataVersion: record.data.version, current: record.data.version === result.dataVersion, loss: record.loss, freeParameters: record.freeParameters, window: record.window });
    expect(calibration!.estimates.map((e) => [e.name, e.value])).toEqual(record.estimates.map((e) => [e.name, e.value]));
  }, 60_000);

  it('answers the same request again from its cache, the same bytes', async () => {
    const first = await backtest('?replications=2&seed=12');
    expect(first.res.headers.get('x-cache')).toBe('miss');
    const again = await backtest('?seed=12&replications=2');
    expect(again.res.headers.get('x-cache')).toBe('hit');
    expect(again.text).toBe(first.text);
    // Another seed is another backtest.
    const other = await backtest('?replications=2&seed=13');
    expect(other.res.headers.get('x-cache')).toBe('miss');
    expect(other.text).not.toBe(first.text);
    // So is another uncertainty; the default (both) named is the same backtest.
    const chance = await backtest('?replications=2&seed=12&uncertainty=stochastic');
    expect(chance.res.headers.get('x-cache')).toBe('miss');
    expect(JSON.parse(chance.text)).toMatchObject({ uncertainty: 'stochastic', parameterSpread: 'none' });
    expect(JSON.parse(first.text)).toMatchObject({ uncertainty: 'both' });
    expect((await backtest('?replications=2&seed=12&uncertainty=both')).res.headers.get('x-cache')).toBe('hit');
  }, 60_000);

  it('keeps finished backtests in the store: a restarted server answers from it at once', async () => {
    const t = tempDir();
    const db = join(t.dir, 'kept.sqlite');
    try {
      const before = await testServer(db);
      const first = await before.api('/api/backtest?replications=1&seed=21');
      expect(first.headers.get('x-cache')).toBe('miss');
      const text = await first.text();
      await before.close();
      const after = await testServer(db);
      const again = await after.api('/api/backtest?replications=1&seed=21');
      expect(again.headers.get('x-cache')).toBe('hit');
      expect(await again.text()).toBe(text);
      await after.close();
    } finally {
      t.remove();
    }
  }, 60_000);

  it('keeps the server answering while a backtest runs', async () => {
    let finished = false;
    const running = backtest('?replications=2&seed=14').then((r) => {
      finished = true;
      return r;
    });
    const health = await server.api('/api/health');
    expect(health.status).toBe(200);
    expect(finished).toBe(false);
    expect((await running).res.status).toBe(200);
  }, 60_000);
});

describe('bad settings are a 400 naming the field, before any work', () => {
  const cases: [string, string, string][] = [
    ['no replications', '?replications=0', 'replications'],
    ['more replications than the limit', `?replications=${MAX_BACKTEST_REPLICATIONS + 1}`, 'replications'],
    ['a fraction of a replication', '?replications=2.5', 'replications'],
    ['replications that are not a number', '?replications=lots', 'replications'],
    ['a negative seed', '?seed=-1', 'seed'],
    ['an unknown setting', '?replicatons=2', 'replicatons'],
    ['an unknown uncertainty', '?uncertainty=chance', 'uncertainty'],
    ['an origin that is not a quarter end', '?origin=2021-06-15', 'origin'],
    ['an origin past the window', '?origin=2024-03-31', 'origin'],
  ];
  for (const [what, query, field] of cases) {
    it(what, async () => {
      const { res, text } = await backtest(query);
      expect(res.status).toBe(400);
      const answer = JSON.parse(text) as { error: string };
      expect(answer.error).toMatch(new RegExp(`^${field}: `));
      expect(text).not.toMatch(/\n\s+at /);
    });
  }
});

describe('a backtest past the run time limit', () => {
  it('is stopped and answered with 503, as a run is', async () => {
    const t = tempDir();
    const strict = await testServer(join(t.dir, 'strict.sqlite'), { limits: { runTimeoutMs: 50 } });
    try {
      const res = await strict.api('/api/backtest?replications=2&seed=15');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toMatch(/limit/);
    } finally {
      await strict.close();
      t.remove();
    }
  }, 60_000);
});

describe('closing the service', () => {
  it('stops the backtest under way (its request fails as closing) and takes no new ones', async () => {
    const service = new BacktestService('test', 600_000);
    // Fifty replications take tens of seconds: the request can only end early if it is stopped.
    const pending = service.report({ replications: 50, seed: 16, uncertainty: 'both' }).then(
      () => 'finished',
      (e: Error) => e,
    );
    await new Promise((r) => setTimeout(r, 300)); // the thread is loading the model by now
    await service.close();
    const outcome = await pending;
    expect(outcome).toBeInstanceOf(RunFailed);
    expect((outcome as Error).message).toMatch(/closing/);
    await expect(service.report({ replications: 1, seed: 16, uncertainty: 'both' })).rejects.toThrow(/closing/);
  }, 60_000);
});
