/**
 * The distributed Simulator against a real redis-server: a queue worker in this process (its
 * replications on a thread of the pool, as `asylum-sim worker` runs them) and a client that
 * queues replications. What must hold: the same bytes as a local run; a job with a bad payload, or
 * from another version, fails once with a message naming why, and fails the run with it; a
 * password-protected Redis refuses a URL without the password; a Redis that restarts without its
 * data mid-run loses nothing (the client queues the vanished jobs again), and one that does not
 * come back fails the run within the bound instead of hanging. `serve --redis` answers with the
 * bytes its own threads give.
 */
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import type { Scenario } from '../../model/schema.js';
import { simulate } from '../../model/simulate.js';
import { baselineScenario, calibratedModelVersion, loadScenario } from '../../scenarios/catalogue.js';
import { hasRedis, inCi, noteRedisSkip, startRedis, type TestRedis } from '../../test-support/redis.js';
import { compareOn, comparisonToJson } from '../compare.js';
import { inProcessSimulator, type Simulator } from '../jobs.js';
import { replicateOn } from '../parallel.js';
import { createSimulator } from '../pool.js';
import { summaryToJson } from '../summary.js';
import { packageVersion } from '../version.js';
import { parseScenarioText } from '../../scenarios/parse.js';
import { tempDir, testServer } from '../../server/test-support.js';
import { connectDistributed } from './backend.js';
import { QUEUE_NAME, liveOptions, parseRedisUrl } from './connection.js';
import { startQueueWorker, type QueueWorker } from './worker.js';

const VERSION = `test+${calibratedModelVersion()}`;
/** The version the server puts on its jobs. */
const serverVersion = () => `${packageVersion()}+${calibratedModelVersion()}`;
const scenario: Scenario = loadScenario('status-quo-2023', { horizonMonths: 6 });
const settings = { replications: 6, seed: 11, uncertainty: 'both' as const, version: VERSION };

noteRedisSkip('distributed queue tests');

describe('distributed tests need redis-server in CI', () => {
  it.runIf(inCi)('redis-server is installed', () => {
    expect(hasRedis, '/usr/bin/redis-server is missing; .ci/run installs it with apt-get').toBe(true);
  });
});

describe.skipIf(!hasRedis)('replications on a Redis queue', () => {
  let redis: TestRedis;
  let threads: Simulator<Scenario>;
  let worker: QueueWorker;
  const log: string[] = [];

  const startWorker = (version = VERSION) =>
    startQueueWorker({ target: parseRedisUrl(redis.url), version, concurrency: 1, simulator: threads, base: baselineScenario(), parseText: parseScenarioText, lockMs: 2_000, log: (l) => log.push(l) });

  beforeAll(async () => {
    redis = await startRedis();
    threads = createSimulator(1, { threads: true });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close(true);
    await threads?.close();
    await redis?.stop();
  });

  it('gives the bytes of a local run with the same seed', async () => {
    const local = await replicateOn(inProcessSimulator(simulate), scenario, settings);
    const remote = await connectDistributed<Scenario>({ target: parseRedisUrl(redis.url), version: VERSION, batchSize: 2, pollMs: 50 });
    const progress: number[] = [];
    try {
      const result = await replicateOn(remote, scenario, { ...settings, onProgress: (done) => progress.push(done) });
      expect(summaryToJson(result.summary)).toBe(summaryToJson(local.summary));
      expect(result.kpiRows).toEqual(local.kpiRows);
      expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await remote.close();
    }
  });

  it('runs a comparison on common random numbers as the threads do (two scenarios, paired replications)', async () => {
    const b = loadScenario('labour-plan-2023', { horizonMonths: 6 });
    const options = { ...settings, replications: 2 };
    const local = comparisonToJson(await compareOn(inProcessSimulator(simulate), scenario, b, options));
    const remote = await connectDistributed<Scenario>({ target: parseRedisUrl(redis.url), version: VERSION, pollMs: 50 });
    try {
      expect(comparisonToJson(await compareOn(remote, scenario, b, options))).toBe(local);
    } finally {
      await remote.close();
    }
  });

  it('fails a job from another version once, and the run with the reason', async () => {
    const remote = await connectDistributed<Scenario>({ target: parseRedisUrl(redis.url), version: 'another+uk-0', pollMs: 50 });
    try {
      await expect(replicateOn(remote, scenario, { ...settings, replications: 1 })).rejects.toThrow(
        `replication 0 failed on a worker: this worker runs asylum-sim ${VERSION} but the job was queued by another+uk-0`,
      );
    } finally {
      await remote.close();
    }
  });

  it('fails a job whose scenario breaks the scenario rules once, naming the field', async () => {
    const queue = new Queue(QUEUE_NAME, { connection: liveOptions(parseRedisUrl(redis.url), false) });
    try {
      const bad = { ...scenario, decisions: { ...scenario.decisions, productivity: -3 } };
      const data = { runId: 'bad-payload-1', version: VERSION, scenario: JSON.stringify(bad), seed: 1, uncertainty: 'both', tasks: [[0, 0]] };
      const job = await queue.add('replications', data, { attempts: 3 });
      const sparse = await queue.add('replications', { ...data, runId: 'bad-payload-2', scenario: '{"name":"x","decisions":{"productivity":5}}' }, { attempts: 3 });
      const code = await queue.add('replications', { ...data, runId: 'bad-payload-3', scenario: 'process.exit(1)', extra: 'x' }, { attempts: 3 });
      const settled = async (id: string) => {
        for (;;) {
          const j = await queue.getJob(id);
          if (j?.finishedOn) return j;
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const [j1, j2, j3] = await Promise.all([settled(job.id!), settled(sparse.id!), settled(code.id!)]);
      expect(j1.failedReason).toMatch(/^job\.scenario: decisions\.productivity: got -3; a number from/);
      expect(j1.attemptsMade).toBe(1);
      expect(j2.failedReason).toMatch(/^job\.scenario: \w+: got nothing; a resolved scenario gives every/);
      expect(j3.failedReason).toMatch(/^job: /);
      expect(j3.attemptsMade).toBe(1);
    } finally {
      await queue.close();
    }
  });

  it('refuses a password-protected Redis without the password, and works with it', async () => {
    const guarded = await startRedis({ password: 's3cret-pass' });
    try {
      const url = `redis://127.0.0.1:${guarded.port}`;
      const err = await connectDistributed({ target: parseRedisUrl(url), version: VERSION }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/^--redis: got "redis:\/\/127\.0\.0\.1:\d+\/?"; the password in the URL is missing or wrong/);
      const wrong = await connectDistributed({ target: parseRedisUrl(`redis://:nope@127.0.0.1:${guarded.port}`), version: VERSION }).catch((e: unknown) => e);
      expect((wrong as Error).message).toContain('redis://:***@127.0.0.1');
      expect((wrong as Error).message).not.toContain('nope');
      const ok = await connectDistributed({ target: parseRedisUrl(guarded.url), version: VERSION });
      await ok.close();
    } finally {
      await guarded.stop();
    }
  });
});

describe.skipIf(!hasRedis)('serve --redis', () => {
  let redis: TestRedis;
  let threads: Simulator<Scenario>;
  let worker: QueueWorker;
  const tmp = tempDir();

  beforeAll(async () => {
    redis = await startRedis();
    threads = createSimulator(1, { threads: true });
    worker = await startQueueWorker({ target: parseRedisUrl(redis.url), version: serverVersion(), concurrency: 1, simulator: threads, base: baselineScenario(), parseText: parseScenarioText, lockMs: 2_000 });
  });
  afterAll(async () => {
    await worker?.close(true);
    await threads?.close();
    await redis?.stop();
    tmp.remove();
  });

  it("answers a run with the bytes of the server's own threads", async () => {
    const body = { scenario: { name: 'short-run', extends: 'status-quo-2023', horizonMonths: 3 }, replications: 3, seed: 4 };
    const queued = await testServer(join(tmp.dir, 'queued.sqlite'), { redis: parseRedisUrl(redis.url) });
    const local = await testServer(join(tmp.dir, 'local.sqlite'));
    try {
      const [a, b] = await Promise.all([queued.api('/api/run', { json: body }), local.api('/api/run', { json: body })]);
      expect(a.status).toBe(200);
      expect(await a.text()).toBe(await b.text());
    } finally {
      await queued.close();
      await local.close();
    }
  });
});
