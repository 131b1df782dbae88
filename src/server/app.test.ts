/**
 * The HTTP API as a client sees it: a real server on a free port, a temporary SQLite file, small
 * scenarios. Runs happen in worker threads from the compiled dist/ (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { smallDocument, tempDir, testServer } from './test-support.js';

const tmp = tempDir();
let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  server = await testServer(join(tmp.dir, 'api.sqlite'));
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

describe('read endpoints', () => {
  it('health answers with the version and schema version', async () => {
    const res = await server.api('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; version: string; schemaVersion: number };
    expect(body.ok).toBe(true);
    expect(body.version).toMatch(/\+uk-/);
    expect(body.schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it('lists the built-in scenarios, status-quo-2023 among them', async () => {
    const list = (await (await server.api('/api/scenarios')).json()) as { name: string; title: string }[];
    expect(list.map((s) => s.name)).toContain('status-quo-2023');
    for (const s of list) expect(s.title.length).toBeGreaterThan(0);
  });

  it('describes every parameter with a label, a source and a default inside its bounds', async () => {
    const { parameters } = (await (await server.api('/api/parameters')).json()) as {
      parameters: { path: string; kind: string; label: string; source: string; min?: number; max?: number; default: unknown }[];
    };
    expect(parameters.map((p) => p.path)).toContain('decisions.headcount');
    for (const p of parameters) {
      expect(p.label, p.path).not.toBe('');
      expect(p.source, p.path).not.toBe('');
      if (p.kind === 'number') {
        expect(p.default as number, p.path).toBeGreaterThanOrEqual(p.min!);
        expect(p.default as number, p.path).toBeLessThanOrEqual(p.max!);
      }
    }
  });

  it('sends security headers, a CSP among them', async () => {
    const res = await server.api('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });
});

describe('bad input is a 400 naming the field, never a stack trace', () => {
  const cases: [string, unknown, string][] = [
    ['replications over the limit', { scenario: 'status-quo-2023', replications: 1_000_000 }, 'replications'],
    ['replications not a whole number', { scenario: 'status-quo-2023', replications: 2.5 }, 'replications'],
    ['unknown uncertainty', { scenario: 'status-quo-2023', uncertainty: 'lots' }, 'uncertainty'],
    ['unknown scenario name', { scenario: 'status-quo-2099' }, 'scenario'],
    ['a file path as a scenario', { scenario: '../../etc/passwd.yaml' }, 'scenario'],
    ['a parameter out of bounds', { scenario: smallDocument('x', { decisions: { headcount: -5 } }) }, 'decisions.headcount'],
    ['a horizon over the server limit', { scenario: smallDocument('x', { horizonMonths: 200 }) }, 'horizonMonths'],
    ['arrivals over the population limit', { scenario: smallDocument('x', { horizonMonths: 120, arrivals: { claimsPeoplePerYear: 9_000_000 } }) }, 'arrivals.claimsPeoplePerYear'],
    ['an unknown field', { scenario: 'status-quo-2023', replicatons: 3 }, 'replicatons'],
  ];
  for (const [what, body, field] of cases) {
    it(what, async () => {
      const res = await server.api('/api/run', { json: body });
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: string };
      expect(answer.error).toContain(field);
      expect(JSON.stringify(answer)).not.toMatch(/\n\s+at /);
    });
  }

  it('a body that is not JSON', async () => {
    const res = await server.api('/api/run', { method: 'POST', body: '{nope', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('(body)');
  });

  it('a body with a duplicate key, as a scenario file with one is (the same strict parser)', async () => {
    const body = '{"scenario": {"name": "dup", "extends": "status-quo-2023", "decisions": {"productivity": 7, "productivity": 9}}}';
    const res = await server.api('/api/validate', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string };
    expect(answer.error).toMatch(/^\(body\): line 1, column 93: got duplicate key "productivity" in scenario\.decisions \(first at line 1, column 74\); each key once in an object$/);
  });

  it('a body over the size limit is refused with 413', async () => {
    const res = await server.api('/api/validate', { json: { scenario: { name: 'big', description: 'x'.repeat(300_000) } } });
    expect(res.status).toBe(413);
  });
});

describe('runs', () => {
  const body = { scenario: smallDocument(), replications: 3, seed: 7, uncertainty: 'stochastic' };

  it('answers the CLI summary, then the same request from the cache with the same bytes', async () => {
    const first = await server.api('/api/run', { json: body });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    const text = await first.text();
    const summary = JSON.parse(text) as { scenario: string; replications: number; seed: number; months: unknown[] };
    expect(summary).toMatchObject({ scenario: 'small-test', replications: 3, seed: 7 });
    expect(summary.months).toHaveLength(12);
    expect(text.endsWith('}\n')).toBe(true);

    const again = await server.api('/api/run', { json: body });
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(await again.text()).toBe(text);
    const id = again.headers.get('x-run-id')!;
    const stored = await server.api(`/api/runs/${id}`);
    expect(await stored.text()).toBe(text);
  });

  it('a run spread over a pool of threads gives the same bytes as one thread', async () => {
    const one = await testServer(join(tmp.dir, 'one-thread.sqlite'), { limits: { threadsPerRun: 1 } });
    const two = await testServer(join(tmp.dir, 'two-threads.sqlite'), { limits: { threadsPerRun: 2 } });
    try {
      const request = { ...body, replications: 4, seed: 3 };
      const [a, b] = await Promise.all([one.api('/api/run', { json: request }), two.api('/api/run', { json: request })]);
      expect(a.status).toBe(200);
      expect(await b.text()).toBe(await a.text());
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('a different seed is a different run', async () => {
    const res = await server.api('/api/run', { json: { ...body, seed: 8 } });
    expect(res.headers.get('x-cache')).toBe('miss');
  });

  it('jobs report progress and end with a stored run', async () => {
    const started = await server.api('/api/jobs', { json: { ...body, seed: 99 } });
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: string };
    let view: { status: string; done: number; total: number; runId?: string };
    do {
      await new Promise((r) => setTimeout(r, 20));
      view = (await (await server.api(`/api/jobs/${job}`)).json()) as typeof view;
      expect(view.done).toBeLessThanOrEqual(view.total);
    } while (view.status === 'running');
    expect(view.status).toBe('done');
    expect((await server.api(`/api/runs/${view.runId}`)).status).toBe(200);
    const cached = (await (await server.api('/api/jobs', { json: { ...body, seed: 99 } })).json()) as { status: string; runId: string };
    expect(cached).toMatchObject({ status: 'done', runId: view.runId });
  });

  it('compares two scenarios on common random numbers: A, B and the difference B − A', async () => {
    const a = smallDocument('fewer-staff', { decisions: { headcount: 30 } });
    const b = smallDocument('more-staff', { decisions: { headcount: 120 } });
    const res = await server.api('/api/compare', { json: { a, b, replications: 2, uncertainty: 'stochastic' } });
    expect(res.status).toBe(200);
    const c = (await res.json()) as { a: { scenario: string }; b: { scenario: string }; kpis: { backlogCasesEnd: { a: { mean: number }; b: { mean: number }; diff: { mean: number } } } };
    expect(c.a.scenario).toBe('fewer-staff');
    expect(c.b.scenario).toBe('more-staff');
    const k = c.kpis.backlogCasesEnd;
    expect(k.diff.mean).toBeCloseTo(k.b.mean - k.a.mean, 0);
    expect(k.b.mean).toBeLessThan(k.a.mean);
  });

  it('a comparison needs the same horizon on both sides', async () => {
    const res = await server.api('/api/compare', { json: { a: smallDocument('a'), b: smallDocument('b', { horizonMonths: 13 }) } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('b.horizonMonths');
  });

  it('unknown ids are 404s', async () => {
    expect((await server.api('/api/runs/0123456789')).status).toBe(404);
    expect((await server.api('/api/scenarios/zzz')).status).toBe(404);
    expect((await server.api('/api/jobs/nope')).status).toBe(404);
    expect((await server.api('/api/nothing-here')).status).toBe(404);
  });
});

describe('claims ledger', () => {
  it('builds the ledger from the stored projection comparison; any other run is refused', async () => {
    const projection = (await (await server.api('/api/claims/projection')).json()) as { a: string; b: { name: string } };
    expect(projection.a).toBe('status-quo-2023');
    const run = await server.api('/api/compare', { json: { ...projection, replications: 1 } });
    expect(run.status).toBe(200);
    const ledger = (await (await server.api(`/api/claims/${run.headers.get('x-run-id')}`)).json()) as { claims: { id: string; verdict: string; inputs: unknown[] }[] };
    expect(ledger.claims.length).toBeGreaterThan(3);
    for (const c of ledger.claims) expect(c.inputs.length, c.id).toBeGreaterThan(0);

    const other = await server.api('/api/run', { json: { scenario: smallDocument('not-a-projection'), replications: 1 } });
    const refused = await server.api(`/api/claims/${other.headers.get('x-run-id')}`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('runId');
  });
});

describe('saved scenarios', () => {
  it('save gives a short id; the same content the same id; fetching gives it back resolved', async () => {
    const doc = smallDocument('saved-one', { extends: 'status-quo-2023' });
    const a = (await (await server.api('/api/scenarios', { json: { scenario: doc } })).json()) as { id: string };
    const b = (await (await server.api('/api/scenarios', { json: { scenario: doc } })).json()) as { id: string };
    expect(a.id).toMatch(/^[0-9a-f]{10}$/);
    expect(b.id).toBe(a.id);
    const got = (await (await server.api(`/api/scenarios/${a.id}`)).json()) as { overrides: unknown; scenario: { name: string; horizonMonths: number } };
    expect(got.overrides).toEqual(doc);
    expect(got.scenario).toMatchObject({ name: 'saved-one', horizonMonths: 12 });
    const run = await server.api('/api/run', { json: { scenario: { saved: a.id }, replications: 1 } });
    expect(run.status, await run.clone().text()).toBe(200);
  });

  it('an invalid scenario is not saved', async () => {
    const res = await server.api('/api/scenarios', { json: { scenario: { name: 'Bad Name' } } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('name');
  });
});
