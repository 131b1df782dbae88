import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { smallScenario } from '../test-support/small.js';
import { inProcessSimulator, runJobs, type Simulator } from './jobs.js';
import { replicateOn } from './parallel.js';
import { createSimulator, workerUrl } from './pool.js';
import { summaryToJson } from './summary.js';
import { syntheticResult } from './test-support/synthetic.js';

const OPTIONS = { replications: 4, seed: 5, uncertainty: 'both', version: 'test' } as const;

describe('runJobs', () => {
  it('hands every result back under its job index, whatever order the jobs finish in', async () => {
    // Later jobs finish first: the delays shrink with the index.
    const slow: Simulator<number> = {
      workers: 3,
      run: (job) => new Promise((done) => setTimeout(() => done(syntheticResult(1, job.replication)), 30 - 3 * job.replication)),
      close: async () => {},
    };
    const order: number[] = [];
    const seen: number[] = [];
    await runJobs(slow, 8, (i) => ({ scenario: i, seed: 1, replication: i, uncertainty: 'stochastic' }), (i, r) => {
      order.push(i);
      seen[i] = r.kpis.totalCostGbp;
    });
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(order).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => syntheticResult(1, i).kpis.totalCostGbp));
  });

  it('rejects with the first failure', async () => {
    const failing = inProcessSimulator<number>((s) => {
      if (s === 2) throw new Error('replication 2 broke');
      return syntheticResult(1, s);
    });
    await expect(runJobs(failing, 4, (i) => ({ scenario: i, seed: 1, replication: i, uncertainty: 'both' }), () => {})).rejects.toThrow(
      'replication 2 broke',
    );
  });
});

describe('the worker file', () => {
  it('is loaded from the compiled dist/ copy under vitest', () => {
    expect(workerUrl('file:///repo/src/experiment/pool.ts').pathname).toBe('/repo/dist/src/experiment/worker.js');
    expect(workerUrl('file:///repo/dist/src/experiment/pool.js').pathname).toBe('/repo/dist/src/experiment/worker.js');
  });
});

// Worker threads run the compiled model (pool.ts says why): like bin.test.ts, this needs
// `npm run build` first (`npm test` does it), and says so when it is skipped.
const built = existsSync(fileURLToPath(workerUrl()));

describe.skipIf(!built)('replications on worker threads (skipped: run `npm run build` first)', () => {
  // Both sides run in worker threads, so both run the same (dist/) code even when the TypeScript
  // sources have moved on since the last build; in the CLI, --workers 1 runs that same code in-process.
  it('gives a byte-identical summary and the same KPI rows with 1 and 2 workers', async () => {
    const scenario = smallScenario({ months: 6, backlogCases: 800 });
    const results = [];
    for (const workers of [1, 2]) {
      const simulator = createSimulator(workers, { threads: true });
      try {
        results.push(await replicateOn(simulator, scenario, OPTIONS));
      } finally {
        await simulator.close();
      }
    }
    const [one, two] = results as [Awaited<ReturnType<typeof replicateOn>>, Awaited<ReturnType<typeof replicateOn>>];
    expect(summaryToJson(two.summary)).toBe(summaryToJson(one.summary));
    expect(two.kpiRows).toEqual(one.kpiRows);
    expect(one.summary.replications).toBe(4);
    // The replications differ from each other: the identity is not that of a constant.
    expect(new Set(one.kpiRows.map((r) => r.join())).size).toBe(4);
  });
});
