/**
 * The server under a burst: twenty clients post runs at once. The HTTP thread stays free (runs
 * are in their own threads), so /api/health answers every time during the burst; runs past the
 * run slots and the bounded waiting line are refused with 429 and a Retry-After, never queued
 * without bound; every accepted run finishes. (How fast health answers is measured by the
 * benchmark, not asserted here.)
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RETRY_AFTER_SECONDS } from './runner.js';
import { smallDocument, tempDir, testServer } from './test-support.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('a burst of twenty runs', () => {
  it('is answered 202 up to the slots and the waiting line, 429 with Retry-After past them, with health answering throughout', async () => {
    const server = await testServer(join(tmp.dir, 'burst.sqlite'), { limits: { concurrentRuns: 1, queuedRuns: 4, threadsPerRun: 1 } });
    try {
      const posts = Array.from({ length: 20 }, (_, i) => server.api('/api/jobs', { json: { scenario: smallDocument(), replications: 5, seed: 100 + i } }));
      const health = Array.from({ length: 20 }, () => server.api('/api/health').then((r) => r.status));
      const answers = await Promise.all(posts);
      expect(await Promise.all(health)).toEqual(Array.from({ length: 20 }, () => 200));
      const accepted = answers.filter((r) => r.status === 202);
      const refused = answers.filter((r) => r.status === 429);
      expect(accepted.length + refused.length).toBe(20);
      // One running and four waiting at least (more only if a run ended during the burst).
      expect(accepted.length).toBeGreaterThanOrEqual(5);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const r of refused) {
        expect(r.headers.get('Retry-After')).toBe(String(RETRY_AFTER_SECONDS));
        expect(((await r.json()) as { error: string }).error).toMatch(/^the server is busy: 1 run going and 4 waiting, the most it queues; try again in \d+ s$/);
      }
      // Every accepted run finishes.
      const ids = await Promise.all(accepted.map(async (r) => ((await r.json()) as { job: string }).job));
      for (const id of ids) {
        for (let status = 'running'; status === 'running'; ) {
          const view = (await (await server.api(`/api/jobs/${id}?after=0`)).json()) as { status: string; revision: number };
          status = view.status;
        }
      }
      const done = await Promise.all(ids.map(async (id) => ((await (await server.api(`/api/jobs/${id}`)).json()) as { status: string }).status));
      expect(done).toEqual(ids.map(() => 'done'));
      // With the line empty again, a new run is accepted.
      expect((await server.api('/api/jobs', { json: { scenario: smallDocument(), replications: 2, seed: 999 } })).status).toBe(202);
    } finally {
      await server.close();
    }
  });
});
