/**
 * A real redis-server for tests: started on a free loopback port in a temporary folder, with no
 * snapshots unless asked (`persist` turns on the append-only file, so a restart keeps the data),
 * and optionally a password and TLS only (a self-signed certificate for localhost). Tests that need it run when /usr/bin/redis-server exists; elsewhere
 * they are skipped with a note, except under CI=true, where a missing server fails (.ci/run
 * installs it from Debian's packages), as the browser tests treat Chromium.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const hasRedis = existsSync(REDIS_SERVER);
export const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Print why Redis tests are skipped (outside CI only: in CI a missing server is a failure). */
export function noteRedisSkip(what: string): void {
  if (!hasRedis && !inCi) console.warn(`${what} skipped: ${REDIS_SERVER} is missing (apt-get install -y redis-server)`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface TestRedis {
  readonly port: number;
  /** redis://[:password@]127.0.0.1:port */
  readonly url: string;
  /** Stop the server at once (SIGKILL); `start` brings it back on the same port and folder. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stop it and remove its folder. */
  stop(): Promise<void>;
}

/** A self-signed certificate for `localhost` (made with openssl), for a TLS-only server. */
export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
}

export function makeCertificate(dir: string): TestCertificate {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  return { cert, key };
}

export async function startRedis(options: { password?: string; persist?: boolean; tls?: TestCertificate } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-redis-'));
  const { tls } = options;
  const listen = tls ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-auth-clients', 'no'] : ['--port', String(port)];
  const args = [...listen, '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', options.persist ? 'yes' : 'no'];
  if (options.password) args.push('--requirepass', options.password);
  let child: ChildProcess | undefined;
  const host = tls ? 'localhost' : '127.0.0.1';
  const url = `${tls ? 'rediss' : 'redis'}://${options.password ? `:${options.password}@` : ''}${host}:${port}`;

  const ready = async () => {
    for (let i = 0; i < 100; i++) {
      const secure = tls ? { tls: { ca: readFileSync(tls.cert), servername: 'localhost' } } : {};
      const client = new Redis({ port, host, password: options.password, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, ...secure });
      client.on('error', () => {});
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        // not up yet
      } finally {
        client.disconnect();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const start = async () => {
    const proc = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    child = proc;
    await ready();
  };
  const kill = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };
  await start();
  return {
    port,
    url,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
