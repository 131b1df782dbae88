/**
 * Benchmark: `/api/health` while twenty clients post runs at once. A real `asylum-sim serve`
 * process (temporary store, first run included, as a user starts it) takes 20 simultaneous
 * POST /api/jobs of `status-quo-2023` (5 replications, distinct seeds) while this process asks for
 * /api/health 200 times, one after another. Reported: health latency p50 / p99 / max in
 * milliseconds, and how many posts were accepted (202) or told to come back (429).
 *
 * The registry runs it in a child process; standalone: `node dist/bench/server-load.js`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCli } from '../src/test-support/cli-process.js';

const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function child(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-load-'));
  const server = startCli(['serve', '--port', '0', '--db', join(dir, 'store.sqlite')]);
  try {
    await server.waitFor(/asylum-sim dashboard: http:\/\/\S+\n/);
    const url = /asylum-sim dashboard: (http:\/\/\S+)\n/.exec(server.output())![1];
    const load = loadavg()[0];
    const posts = Array.from({ length: 20 }, (_, i) =>
      fetch(new URL('/api/jobs', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scenario: 'status-quo-2023', replications: 5, seed: 1_000 + i }) }).then((r) => r.status),
    );
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const r = await fetch(new URL('/api/health', url));
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`health answered ${r.status}`);
      latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const statuses = await Promise.all(posts);
    const p99 = quantile(latencies, 0.99);
    return {
      seconds: latencies.reduce((a, b) => a + b, 0) / 1000,
      loadAverageAtStart: Number(load.toFixed(2)),
      healthP50Ms: quantile(latencies, 0.5),
      healthP99Ms: p99,
      healthMaxMs: Math.max(...latencies),
      accepted: statuses.filter((s) => s === 202).length,
      refused429: statuses.filter((s) => s === 429).length,
      healthP99Under100Ms: p99 < 100 ? 'yes' : 'NO',
    };
  } finally {
    server.child.kill('SIGKILL');
    await server.finished;
    rmSync(dir, { recursive: true, force: true });
  }
}

export function serverLoad(): Record<string, number | string> {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`benchmark child failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as Record<string, number | string>;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await child()));
}
