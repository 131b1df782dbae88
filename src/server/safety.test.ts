/**
 * Limits and safety: runs never block the server, runs past their time limit are stopped, writes
 * need the token when one is set, and the store keeps what it committed across restarts and a
 * SIGKILL in the middle of saving.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { existsSync } from 'node:fs';
import { startServer, webRoot } from './server.js';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, Store } from './store.js';
import { smallDocument, tempDir, testServer } from './test-support.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('runs happen off the request thread', () => {
  it('health answers while a long run is going', async () => {
    const server = await testServer(join(tmp.dir, 'busy.sqlite'));
    try {
      const started = (await (await server.api('/api/jobs', { json: { scenario: 'status-quo-2023', replications: 3 } })).json()) as { job: string };
      for (let i = 0; i < 5; i++) {
        const health = await server.api('/api/health');
        expect(health.status).toBe(200);
        const job = (await (await server.api(`/api/jobs/${started.job}`)).json()) as { status: string };
        expect(job.status).toBe('running');
      }
    } finally {
      await server.close();
    }
  });

  it('a run past the time limit is stopped with a 503 that says why', async () => {
    const server = await testServer(join(tmp.dir, 'timeout.sqlite'), { limits: { runTimeoutMs: 200 } });
    try {
      const res = await server.api('/api/run', { json: { scenario: 'status-quo-2023', replications: 50 } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toMatch(/limit/);
      expect((await server.api('/api/health')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('the dashboard files', () => {
  it.skipIf(!existsSync(join(webRoot(), 'index.html')))('are served with a CSP; nothing outside web/dist is', async () => {
    const server = await testServer(join(tmp.dir, 'static.sqlite'), { web: true });
    try {
      const page = await server.api('/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/nope.js']) {
        const res = await server.api(path);
        expect(res.status, path).toBe(404);
      }
      // Client-side routes without an extension get the page.
      expect((await server.api('/compare')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('tokens', () => {
  it('when set, writes need it and reads do not', async () => {
    const server = await testServer(join(tmp.dir, 'token.sqlite'), { token: 'secret-token-1' });
    try {
      const body = { scenario: smallDocument() };
      expect((await server.api('/api/scenarios', { json: body })).status).toBe(401);
      expect((await server.api('/api/scenarios', { json: body, headers: { Authorization: 'Bearer wrong-token-1' } })).status).toBe(401);
      expect((await server.api('/api/scenarios', { json: body, headers: { Authorization: 'Bearer secret-token-1' } })).status).toBe(201);
      expect((await server.api('/api/health')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('binding beyond loopback without a token is refused before listening', async () => {
    await expect(startServer({ port: 0, host: '0.0.0.0', dbPath: join(tmp.dir, 'open.sqlite'), web: false })).rejects.toThrow(InputError);
  });
});

describe('the store keeps what it committed', () => {
  it('a restarted server still has the saved scenarios', async () => {
    const db = join(tmp.dir, 'restart.sqlite');
    const first = await testServer(db);
    const { id } = (await (await first.api('/api/scenarios', { json: { scenario: smallDocument('keep-me') } })).json()) as { id: string };
    await first.close();
    const second = await testServer(db);
    try {
      const got = (await (await second.api(`/api/scenarios/${id}`)).json()) as { name: string };
      expect(got.name).toBe('keep-me');
    } finally {
      await second.close();
    }
  });

  it('a process killed (SIGKILL) while saving loses no save it reported', async () => {
    const db = join(tmp.dir, 'killed.sqlite');
    const storeJs = fileURLToPath(new URL('../../dist/src/server/store.js', import.meta.url));
    // The child saves scenarios as fast as it can and prints each id once its save has returned.
    const script = `
      const { Store } = await import(${JSON.stringify(storeJs)});
      const store = new Store(${JSON.stringify(db)});
      for (let i = 0; ; i++) {
        const s = store.saveScenario({ name: 'kill-' + i, description: 'x'.repeat(2000) });
        process.stdout.write(s.id + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ids: string[] = [];
    let buffered = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        ids.push(...lines);
        if (ids.length >= 200 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(child.signalCode).toBe('SIGKILL');
    const store = new Store(db);
    try {
      for (const id of ids) expect(store.getScenario(id), id).toBeDefined();
    } finally {
      store.close();
    }
  });

  it('a database of schema version 1 is upgraded in place, keeping its scenarios and runs', () => {
    const db = join(tmp.dir, 'v1.sqlite');
    const raw = new Database(db);
    raw.exec(`CREATE TABLE scenarios (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL, overrides TEXT NOT NULL, created TEXT NOT NULL);
      CREATE TABLE runs (hash TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, scenario TEXT NOT NULL, request TEXT NOT NULL, summary TEXT NOT NULL, created TEXT NOT NULL);
      INSERT INTO runs VALUES ('h1', 'r1', 'status-quo-2023', '{}', '{"ok":true}', '2026-01-01T00:00:00Z');`);
    raw.pragma('user_version = 1');
    raw.close();
    const store = new Store(db);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(store.runById('r1')?.summary).toBe('{"ok":true}');
    store.putBacktest('b1', { replications: 1 }, '{"series":{}}');
    expect(store.backtestByHash('b1')).toBe('{"series":{}}');
    store.close();
  });

  it('a database from a newer version is refused, not damaged', () => {
    const db = join(tmp.dir, 'future.sqlite');
    const store = new Store(db);
    (store as unknown as { db: { pragma(s: string): void } }).db.pragma('user_version = 999');
    store.close();
    expect(() => new Store(db)).toThrow(/newer/);
  });
});
