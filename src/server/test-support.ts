/**
 * Test helper: a server on a free port with a temporary database, and a small scenario that runs in
 * milliseconds. Lives under src/server (not src/test-support) because only these tests use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallOverrides } from '../test-support/small.js';
import { startServer, type RunningServer, type ServerOptions } from './server.js';

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-server-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small scenario document as a request carries it. */
export function smallDocument(name = 'small-test', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, ...smallOverrides({ months: 12 }), ...extra };
}

export async function testServer(dbPath: string, options: Partial<ServerOptions> = {}): Promise<RunningServer & { api: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response> }> {
  // No first run unless a test asks for one: it would be five replications of the UK model.
  const server = await startServer({ port: 0, host: '127.0.0.1', dbPath, web: false, firstRun: false, ...options });
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('Content-Type', 'application/json');
    return fetch(new URL(path, server.url), { ...rest, headers, ...(json !== undefined ? { method: rest.method ?? 'POST', body: JSON.stringify(json) } : {}) });
  };
  return { ...server, api };
}
