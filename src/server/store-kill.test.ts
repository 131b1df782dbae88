/**
 * The store keeps every acknowledged save when the server process is killed with SIGKILL in the
 * middle of writes: a real `asylum-sim serve` process takes saves from four clients at once, is
 * killed while more are in flight, and the database, opened again, holds every scenario whose
 * save was answered 201 (WAL journal, synchronous=FULL, one transaction per save).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { built, startCli } from '../test-support/cli-process.js';
import { Store } from './store.js';
import { tempDir } from './test-support.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe.skipIf(!built)('a server killed during writes', () => {
  it('loses no acknowledged save', async () => {
    const db = join(tmp.dir, 'killed.sqlite');
    const server = startCli(['serve', '--port', '0', '--db', db]);
    await server.waitFor(/asylum-sim dashboard: http:\/\/\S+\n/);
    const url = /asylum-sim dashboard: (http:\/\/\S+)\n/.exec(server.output())![1];
    const acknowledged = new Map<string, string>();
    let next = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const name = `saved-${next++}`;
        const res = await fetch(new URL('/api/scenarios', url), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ scenario: { name, extends: 'status-quo-2023', decisions: { productivity: 5 + next / 1000 } } }),
        }).catch(() => undefined);
        if (res?.status === 201) acknowledged.set(((await res.json()) as { id: string }).id, name);
      }
    };
    const clients = Array.from({ length: 4 }, client);
    while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    await server.finished;
    stop = true;
    await Promise.all(clients);

    const store = new Store(db);
    try {
      const missing = [...acknowledged].filter(([id, name]) => store.getScenario(id)?.name !== name);
      expect(acknowledged.size).toBeGreaterThanOrEqual(40);
      expect(missing).toEqual([]);
    } finally {
      store.close();
    }
  });
});
