/**
 * The dashboard's first run (server.ts): a server starts it before it listens, so the page's own
 * request for it joins it instead of starting it again, and the run ends in the store, from
 * where the next start answers it at once.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DASHBOARD_DEFAULTS } from './dashboard-defaults.js';
import { tempDir, testServer } from './test-support.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe("the dashboard's first run", () => {
  it('is going when the server listens; the page joins it, and once stored the next start has none to run', async () => {
    const db = join(tmp.dir, 'first.sqlite');
    const first = await testServer(db, { firstRun: true });
    let runId: string;
    try {
      expect(first.firstRun?.status).toBe('running');
      const asked = (await (await first.api('/api/jobs', { json: DASHBOARD_DEFAULTS })).json()) as { job: string; cached: boolean };
      expect(asked).toMatchObject({ job: first.firstRun!.id, cached: false });
      runId = (await first.firstRun!.result).id;
    } finally {
      await first.close();
    }
    const second = await testServer(db, { firstRun: true });
    try {
      expect(second.firstRun).toBeUndefined();
      const asked = (await (await second.api('/api/jobs', { json: DASHBOARD_DEFAULTS })).json()) as { status: string; runId: string; cached: boolean };
      expect(asked).toMatchObject({ status: 'done', runId, cached: true });
    } finally {
      await second.close();
    }
  }, 120_000);

  it('test servers start none unless asked', async () => {
    const server = await testServer(join(tmp.dir, 'none.sqlite'));
    try {
      expect(server.firstRun).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
