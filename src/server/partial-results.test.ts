/**
 * A job's partial results as the API shows them (runs.ts, app.ts), with a runner the test drives:
 * the job view counts partial replications and revisions, /partial answers the summary of the
 * replications done so far, ?after= waits for the next change, and the end of the run replaces
 * the partial summary with the stored run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { SERVER_LIMITS } from './limits.js';
import type { Runner } from './runner.js';
import { RunService } from './runs.js';
import type { RunTask } from './run-task.js';
import { Store } from './store.js';

/** A runner whose one run reports what the test tells it to, and ends when the test says. */
function drivenRunner() {
  let progress: (done: number, total: number) => void = () => {};
  let partial: (done: number, json: string) => void = () => {};
  let finish: (json: string) => void = () => {};
  const runner = {
    // Room for every run: the waiting line's bound is load.test.ts's subject.
    admit: () => {},
    run: (_task: RunTask, onProgress?: (done: number, total: number) => void, onPartial?: (done: number, json: string) => void) => {
      progress = onProgress ?? progress;
      partial = onPartial ?? partial;
      return new Promise<string>((resolve) => (finish = resolve));
    },
  } as unknown as Runner;
  return { runner, progress: (d: number, t: number) => progress(d, t), partial: (d: number, j: string) => partial(d, j), finish: (j: string) => finish(j) };
}

const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setUp() {
  const store = new Store(':memory:');
  stores.push(store);
  const driven = drivenRunner();
  const app = createApp({ store, runs: new RunService(store, driven.runner, 'test'), limits: SERVER_LIMITS });
  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const view = async (path: string) => JSON.parse((await get(path)).text) as { status: string; done: number; total: number; revision: number; partial?: number; runId?: string; error?: string };
  return { app, driven, get, view };
}

async function startJob(app: ReturnType<typeof setUp>['app']): Promise<string> {
  const res = await app.request('/api/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scenario: 'status-quo-2023', replications: 5, seed: 1 }) });
  expect(res.status).toBe(202);
  return ((await res.json()) as { job: string }).job;
}

describe('partial results of a running job', () => {
  it('none before a replication is done: the job view has no partial and /partial says why', async () => {
    const { app, get, view } = setUp();
    const id = await startJob(app);
    const v = await view(`/api/jobs/${id}`);
    expect(v).toMatchObject({ status: 'running', done: 0, total: 5, revision: 0 });
    expect(v.partial).toBeUndefined();
    const none = await get(`/api/jobs/${id}/partial`);
    expect(none.status).toBe(404);
    expect(none.text).toContain('no partial summary yet');
  });

  it('the latest partial summary is served as it came, with the number of replications it covers', async () => {
    const { app, driven, get, view } = setUp();
    const id = await startJob(app);
    driven.progress(1, 5);
    driven.partial(1, '{"replications": 1}\n');
    driven.progress(3, 5);
    driven.partial(3, '{"replications": 3}\n');
    const v = await view(`/api/jobs/${id}`);
    expect(v).toMatchObject({ status: 'running', done: 3, partial: 3, revision: 4 });
    const p = await get(`/api/jobs/${id}/partial`);
    expect(p.status).toBe(200);
    expect(p.text).toBe('{"replications": 3}\n');
    expect(p.headers.get('x-partial')).toBe('3/5');
    expect(p.headers.get('content-type')).toContain('application/json');
  });

  it('?after= waits for the next change, and answers at once when there has been one', async () => {
    const { app, driven, view } = setUp();
    const id = await startJob(app);
    let answered = false;
    const waiting = view(`/api/jobs/${id}?after=0`).then((v) => ((answered = true), v));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    driven.partial(1, '{}\n');
    expect(await waiting).toMatchObject({ revision: 1, partial: 1 });
    expect(await view(`/api/jobs/${id}?after=0`)).toMatchObject({ revision: 1 });
  });

  it('?after= must be a revision number', async () => {
    const { app, get } = setUp();
    const id = await startJob(app);
    const bad = await get(`/api/jobs/${id}?after=soon`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('after');
  });

  it('when the run ends, the partial summary goes and the stored run takes its place (a waiting poller is told)', async () => {
    const { app, driven, get, view } = setUp();
    const id = await startJob(app);
    driven.partial(2, '{"replications": 2}\n');
    const { revision } = await view(`/api/jobs/${id}`);
    const waiting = view(`/api/jobs/${id}?after=${revision}`);
    driven.finish('{"replications": 5}\n');
    const end = await waiting;
    expect(end.status).toBe('done');
    expect(end.partial).toBeUndefined();
    const gone = await get(`/api/jobs/${id}/partial`);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain(`/api/runs/${end.runId}`);
    expect((await get(`/api/runs/${end.runId}`)).text).toBe('{"replications": 5}\n');
  });
});
