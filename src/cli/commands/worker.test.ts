/**
 * `asylum-sim worker` and `--redis` end to end, as separate processes against a real
 * redis-server (started per test on a free port): what a user sees when the work goes to the
 * queue. A run through worker processes prints the bytes a local run prints, also when a worker
 * is killed with SIGKILL mid-job (its job is retried by the other worker after its lock expires,
 * and no replication is lost or counted twice) and when Redis restarts without its data mid-run
 * (the client queues the vanished jobs again). A Redis that does not come back fails the run with
 * exit 1 within $ASYLUM_SIM_REDIS_TIMEOUT; Ctrl-C cancels the run's jobs. TLS with a password
 * works end to end, and an untrusted certificate is refused at the start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME, liveOptions, parseRedisUrl } from '../../experiment/distributed/connection.js';
import { built, runCli, startCli, type Running } from '../../test-support/cli-process.js';
import { freePort, hasRedis, makeCertificate, noteRedisSkip, startRedis, type TestRedis } from '../../test-support/redis.js';

const RUN = ['run', 'status-quo-2023', '--replications', '6', '--months', '3', '--seed', '5', '--json'];
const STACK = /at .*\.(js|ts|mjs):\d+/;

noteRedisSkip('worker process tests');

const started: Running[] = [];
let redis: TestRedis | undefined;

async function worker(url: string): Promise<Running> {
  const w = startCli(['worker', '--redis', url, '--concurrency', '1', '--lock-ms', '2000']);
  started.push(w);
  await w.waitFor(/ready/);
  return w;
}

afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.finished;
  }
  await redis?.stop();
  redis = undefined;
});

describe.skipIf(!built)('--redis and worker: bad input exits 2 naming the value', () => {
  it('refuses a URL that is not a Redis URL, and a Redis that does not answer', async () => {
    const http = await runCli([...RUN, '--redis', 'http://127.0.0.1:6379']);
    expect(http.code).toBe(2);
    expect(http.stderr).toBe('asylum-sim: --redis: got "http://127.0.0.1:6379"; redis://[:password@]host[:port][/db] or rediss://… for TLS (db 0 to 15); not http://\n');
    const port = await freePort();
    const none = await runCli([...RUN, '--redis', `redis://:hidden@127.0.0.1:${port}`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(new RegExp(`^asylum-sim: --redis: got "redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}"; a Redis server that answers \\(.*ECONNREFUSED.*\\)\\n$`));
    const env = await runCli(['worker'], { ASYLUM_SIM_REDIS: 'redis://127.0.0.1:99999' });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/^asylum-sim: ASYLUM_SIM_REDIS: got "redis:\/\/127\.0\.0\.1:99999"; redis:\/\//);
    const missing = await runCli(['worker'], { ASYLUM_SIM_REDIS: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--redis: got nothing; a Redis URL such as redis://127.0.0.1:6379 (or set ASYLUM_SIM_REDIS)');
    const concurrency = await runCli(['worker', '--redis', 'redis://127.0.0.1:6379', '--concurrency', '0']);
    expect(concurrency.code).toBe(2);
    expect(concurrency.stderr).toContain('--concurrency: got "0"');
    for (const r of [http, none, env, missing, concurrency]) expect(r.stderr).not.toMatch(STACK);
  });
});

describe.skipIf(!built || !hasRedis)('runs through worker processes on a real Redis', () => {
  it('print the bytes of a local run, even with a worker SIGKILLed mid-job', async () => {
    redis = await startRedis();
    const local = runCli([...RUN, '--workers', '2']);
    const a = await worker(redis.url);
    const b = await worker(redis.url);
    const run = startCli([...RUN, '--redis', redis.url]);
    started.push(run);
    await a.waitFor(/job \S+: status-quo-2023, replications/, 2);
    const held = /job (\S+): status-quo-2023, replications (\d+)\n(?![\s\S]*job )/.exec(a.output());
    a.child.kill('SIGKILL');
    const [remote, here] = await Promise.all([run.finished, local]);
    expect(remote.stderr).toBe('');
    expect(remote.code).toBe(0);
    expect(remote.stdout).toBe(here.stdout);
    expect(JSON.parse(remote.stdout).replications).toBe(6);
    // The killed worker's job was taken up again by the other one.
    expect(held).not.toBeNull();
    expect(b.output()).toContain(`job ${held![1]}: status-quo-2023, replications ${held![2]}`);
  });

  it('resume when Redis restarts without its data mid-run', async () => {
    redis = await startRedis();
    const local = runCli([...RUN, '--workers', '2']);
    const a = await worker(redis.url);
    await worker(redis.url);
    const run = startCli([...RUN, '--redis', redis.url]);
    started.push(run);
    await a.waitFor(/job \S+: status-quo-2023/, 2);
    await redis.kill();
    await redis.start();
    const [remote, here] = await Promise.all([run.finished, local]);
    expect(remote.code).toBe(0);
    expect(remote.stderr).toMatch(/vanished from Redis \(restarted\?\) and went back on the queue/);
    expect(remote.stdout).toBe(here.stdout);
  });

  it('fail with exit 1 and a clear message when Redis does not come back', async () => {
    redis = await startRedis();
    const a = await worker(redis.url);
    const run = startCli([...RUN, '--redis', redis.url], { ASYLUM_SIM_REDIS_TIMEOUT: '2' });
    started.push(run);
    await a.waitFor(/job \S+: status-quo-2023/);
    await redis.kill();
    const r = await run.finished;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^asylum-sim: run failed: lost Redis at redis://127\\.0\\.0\\.1:${redis.port} for \\d+ s \\(.*\\); the run stopped`));
  });

  it('go over TLS with a password (rediss://), trusting the certificate NODE_EXTRA_CA_CERTS names', async () => {
    const certDir = mkdtempSync(join(tmpdir(), 'asylum-sim-tls-'));
    try {
      const tls = makeCertificate(certDir);
      redis = await startRedis({ password: 'tls-pass-1', tls });
      expect(redis.url).toMatch(/^rediss:\/\/:tls-pass-1@localhost:\d+$/);
      const trust = { NODE_EXTRA_CA_CERTS: tls.cert };
      const local = runCli([...RUN, '--workers', '1']);
      const w = startCli(['worker', '--redis', redis.url, '--concurrency', '1'], trust);
      started.push(w);
      await w.waitFor(/ready/);
      const [remote, here] = await Promise.all([runCli([...RUN, '--redis', redis.url], trust), local]);
      expect(remote.stderr).toBe('');
      expect(remote.stdout).toBe(here.stdout);
      const untrusted = await runCli([...RUN, '--redis', redis.url]);
      expect(untrusted.code).toBe(2);
      expect(untrusted.stderr).toMatch(/^asylum-sim: --redis: got "rediss:\/\/:\*\*\*@localhost:\d+"; a Redis server that answers \(.*certificate.*\)\n$/);
    } finally {
      rmSync(certDir, { recursive: true, force: true });
    }
  });

  it('cancel the run on Ctrl-C: exit 130, its waiting jobs removed', async () => {
    redis = await startRedis();
    const a = await worker(redis.url);
    const run = startCli([...RUN, '--replications', '40', '--redis', redis.url]);
    started.push(run);
    await a.waitFor(/job \S+: status-quo-2023/);
    run.child.kill('SIGINT');
    const r = await run.finished;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/cancelling run [0-9a-f-]+ on redis:\/\/127\.0\.0\.1/);
    const queue = new Queue(QUEUE_NAME, { connection: liveOptions(parseRedisUrl(redis.url), false) });
    try {
      expect(await queue.getWaitingCount()).toBe(0);
    } finally {
      await queue.close();
    }
  });
});
