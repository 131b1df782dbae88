/**
 * Benchmark: replications of `status-quo-2023` over its 5-year horizon through the Redis job
 * queue, against the same run on this machine's threads. On a machine of C cores:
 * - local: `asylum-sim run --workers C`;
 * - queued: a redis-server of its own (free port, temp dir), C worker processes of one thread
 *   each (`asylum-sim worker --concurrency 1`), and `asylum-sim run --redis`;
 * - queued, with one worker SIGKILLed once half the jobs have been taken: the others finish
 *   (its job returns to the queue after the lock, 5 s here).
 * Reported: wall seconds, the CLI's CPU seconds, Redis's CPU seconds, queue overhead as a share
 * of the queued run's wall time ((queued − local) / queued) and, less disturbed by other load,
 * the client's and Redis's CPU as a share of the replications' CPU, per-replication cost, and whether
 * the summaries are byte-identical (SHA-256; the summary also proves no replication was lost or
 * counted twice: the accumulator refuses a replication added twice, and counts them).
 *
 * The registry runs it in a child process (`--child N`); standalone:
 * `node dist/bench/distributed.js --replications 40`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { startCli, type Running } from '../src/test-support/cli-process.js';
import { startRedis, type TestRedis } from '../src/test-support/redis.js';

const SEED = 20230630;
const TIME = '/usr/bin/time';
const LOCK_MS = 5_000;

interface Timed {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly sha256: string;
  readonly replications: number;
}

/** `asylum-sim run` to its end, with wall and CPU seconds (from /usr/bin/time when present, else wall only). */
async function timedRun(args: readonly string[], during?: (run: Running) => Promise<void>): Promise<Timed> {
  const t0 = performance.now();
  const time = existsSync(TIME) ? [TIME, '-f', 'cpu %U %S'] : [];
  const run = startCli(['run', 'status-quo-2023', '--seed', String(SEED), '--json', ...args], {}, time);
  await during?.(run);
  const r = await run.finished;
  const seconds = (performance.now() - t0) / 1000;
  if (r.code !== 0) throw new Error(`asylum-sim run ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN, sha256: createHash('sha256').update(r.stdout).digest('hex'), replications: (JSON.parse(r.stdout) as { replications: number }).replications };
}

async function redisCpu(redis: TestRedis): Promise<number> {
  const client = new Redis({ host: '127.0.0.1', port: redis.port, lazyConnect: true });
  await client.connect();
  const info = await client.info('cpu');
  client.disconnect();
  const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
  return get('used_cpu_user') + get('used_cpu_sys');
}

async function queued(replications: number, workers: number, killHalfway: boolean): Promise<Timed & { redisCpuSeconds: number; jobsRetried: number }> {
  const redis = await startRedis();
  const procs: Running[] = [];
  try {
    for (let i = 0; i < workers; i++) procs.push(startCli(['worker', '--redis', redis.url, '--concurrency', '1', '--lock-ms', String(LOCK_MS)]));
    await Promise.all(procs.map((p) => p.waitFor(/ready/)));
    const jobLine = /job (\S+): status-quo-2023/g;
    const taken = () => procs.reduce((n, p) => n + (p.output().match(jobLine)?.length ?? 0), 0);
    let held: string | undefined;
    const timed = await timedRun(['--replications', String(replications), '--redis', redis.url], async () => {
      if (!killHalfway) return;
      const jobs = Math.ceil(replications / Math.min(10, Math.max(1, Math.ceil(replications / 100))));
      while (taken() < jobs / 2) await new Promise((r) => setTimeout(r, 100));
      held = [...procs[0].output().matchAll(jobLine)].pop()?.[1];
      procs[0].child.kill('SIGKILL');
    });
    const retried = held !== undefined && procs.slice(1).some((p) => p.output().includes(`job ${held}:`)) ? 1 : 0;
    return { ...timed, redisCpuSeconds: await redisCpu(redis), jobsRetried: retried };
  } finally {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.finished));
    await redis.stop();
  }
}

async function child(replications: number): Promise<Record<string, number | string>> {
  const cores = availableParallelism();
  const load = loadavg()[0];
  const local = await timedRun(['--replications', String(replications), '--workers', String(cores)]);
  const remote = await queued(replications, cores, false);
  const killed = await queued(replications, cores, true);
  const overhead = (remote.seconds - local.seconds) / remote.seconds;
  return {
    replications,
    seconds: remote.seconds,
    loadAverageAtStart: Number(load.toFixed(2)),
    workers: cores,
    secondsLocal: local.seconds,
    secondsQueued: remote.seconds,
    secondsQueuedOneKilled: killed.seconds,
    queueOverheadShare: overhead,
    cpuSecondsLocal: local.cpuSeconds,
    cliCpuSecondsQueued: remote.cpuSeconds,
    redisCpuSeconds: remote.redisCpuSeconds,
    // CPU is less disturbed than wall time by a busy machine: the local run's CPU (its threads
    // included) over N is the cost of a replication; the queued client's and Redis's CPU are what
    // the queue adds at the centre.
    cpuSecondsPerReplication: local.cpuSeconds / replications,
    queueCpuShare: (remote.cpuSeconds + remote.redisCpuSeconds) / local.cpuSeconds,
    identicalQueued: remote.sha256 === local.sha256 ? 'yes' : 'NO',
    identicalOneKilled: killed.sha256 === local.sha256 ? 'yes' : 'NO',
    replicationsOneKilled: killed.replications,
    killedJobRetriedElsewhere: killed.jobsRetried === 1 ? 'yes' : 'NO',
  };
}

/** The registry's entry: the whole comparison in a child process. */
export function distributed(replications: number): Record<string, number | string> {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(replications)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`benchmark child failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as Record<string, number | string>;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const n = args[0] === '--child' ? Number(args[1]) : Number(args[args.indexOf('--replications') + 1] || 200);
  console.log(JSON.stringify(await child(n)));
}
