/**
 * Benchmark: replications of `status-quo-2023` over its 5-year horizon on 1 and on 2 worker
 * threads — wall seconds, speed-up, peak memory (maxRSS, which includes the worker threads) and
 * whether the two summaries are byte-identical (their SHA-256).
 *
 * Each configuration runs in a fresh child process (this file with `--child N W`), so its peak
 * RSS is its own. Standalone: `node dist/bench/parallel-replications.js --replications 40`
 * prints the comparison for a smaller N (the registry entry runs the 1,000 of the issue).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { replicateOn } from '../src/experiment/parallel.js';
import { createSimulator } from '../src/experiment/pool.js';
import { summaryToJson } from '../src/experiment/summary.js';
import { MODEL_VERSION } from '../src/model/simulate.js';
import { loadScenario } from '../src/scenarios/catalogue.js';

const SEED = 20230630;

interface ChildFigures {
  replications: number;
  workers: number;
  seconds: number;
  /** CPU seconds of the process, worker threads included: less disturbed by a busy machine. */
  cpuSeconds: number;
  maxRssMb: number;
  summarySha256: string;
}

async function child(replications: number, workers: number): Promise<ChildFigures> {
  const scenario = loadScenario('status-quo-2023');
  // Threads even for 1 worker: both configurations then pay the same start-up and hand-over.
  const simulator = createSimulator(workers, { threads: true });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const { summary } = await replicateOn(simulator, scenario, { replications, seed: SEED, uncertainty: 'both', version: MODEL_VERSION });
    const seconds = (performance.now() - t0) / 1000;
    const summarySha256 = createHash('sha256').update(summaryToJson(summary)).digest('hex');
    const cpu = process.cpuUsage(cpu0);
    return { replications, workers, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024, summarySha256 };
  } finally {
    await simulator.close();
  }
}

function inChild(replications: number, workers: number): ChildFigures {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(replications), String(workers)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`benchmark child failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as ChildFigures;
}

/** 1 worker, then 2: seconds, speed-up, peak RSS and byte-identity of the summaries. */
export function parallelReplications(replications: number): Record<string, number | string> {
  const one = inChild(replications, 1);
  const two = inChild(replications, 2);
  return {
    replications,
    seconds: two.seconds,
    seconds1Worker: one.seconds,
    seconds2Workers: two.seconds,
    speedUp: one.seconds / two.seconds,
    cpuSeconds1Worker: one.cpuSeconds,
    cpuSeconds2Workers: two.cpuSeconds,
    maxRssMb1Worker: Math.round(one.maxRssMb),
    maxRssMb2Workers: Math.round(two.maxRssMb),
    identicalSummaries: one.summarySha256 === two.summarySha256 ? 'yes' : 'NO',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    console.log(JSON.stringify(await child(Number(args[1]), Number(args[2]))));
  } else {
    const i = args.indexOf('--replications');
    console.log(JSON.stringify(parallelReplications(i >= 0 ? Number(args[i + 1]) : 1000)));
  }
}
