/**
 * A server run's replications with partial summaries on the way (progressive.ts), on a synthetic
 * model: the final summary is the one replicateWith gives whatever runs where, and every partial
 * summary is that of the replications done when it was made.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Simulator } from '../experiment/jobs.js';
import { replicateWith, type SimulateOptions } from '../experiment/replicate.js';
import { summaryToJson, type Summary } from '../experiment/summary.js';
import { syntheticResult } from '../experiment/test-support/synthetic.js';
import { replicateProgressively } from './progressive.js';

type Named = { name: string; title: string };
const scenario: Named = { name: 'synthetic', title: 'Synthetic' };
const simulate = (_s: Named, o: SimulateOptions) => syntheticResult(o.seed, o.replication);
const options = (replications: number, seed = 5) => ({ replications, seed, uncertainty: 'both' as const, version: 'test' });

/** A pool of `workers` "threads" that answer after the given delays (ms) per replication. */
function fakePool(workers: number, delay: (replication: number) => number, ran: number[] = []): Simulator<Named> {
  return {
    workers,
    run: (job) =>
      new Promise((resolve) =>
        setTimeout(() => {
          ran.push(job.replication);
          resolve(simulate(job.scenario, job));
        }, delay(job.replication)),
      ),
    close: () => Promise.resolve(),
  };
}

describe('the final summary', () => {
  it('is the one replicateWith gives, byte for byte, whatever the pool and the order results come back in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 12, maxLength: 12 }), async (n, workers, delays) => {
        const pool = workers > 0 ? () => fakePool(workers, (r) => delays[r]!) : undefined;
        const summary = await replicateProgressively(simulate, pool, scenario, options(n), { intervalMs: 0, onPartial: () => {} });
        expect(summaryToJson(summary)).toBe(summaryToJson(replicateWith(simulate, scenario, options(n))));
      }),
      { numRuns: 40 },
    );
  });

  it('starts the pool once the first replication is done here, and not at all for a run of one', async () => {
    const events: string[] = [];
    const inline = (s: Named, o: SimulateOptions) => (events.push(`inline ${o.replication}`), simulate(s, o));
    const start = () => (events.push('pool'), fakePool(1, () => 1));
    await replicateProgressively(inline, start, scenario, options(4));
    expect(events.slice(0, 2)).toEqual(['inline 0', 'pool']);
    events.length = 0;
    await replicateProgressively(inline, start, scenario, options(1));
    expect(events).toEqual(['inline 0']);
  });

  it('runs replications both in this thread and on the pool, each once', async () => {
    const onPool: number[] = [];
    const done: number[] = [];
    await replicateProgressively(simulate, () => fakePool(1, () => 5, onPool), scenario, { ...options(8), onProgress: (d) => done.push(d) });
    expect(onPool.length).toBeGreaterThan(0);
    expect(onPool.length).toBeLessThan(8);
    expect(new Set(onPool).size).toBe(onPool.length);
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('a replication that fails fails the run', async () => {
    const failing = (s: Named, o: SimulateOptions) => {
      if (o.replication === 2) throw new Error('replication 2 broke');
      return simulate(s, o);
    };
    await expect(replicateProgressively(failing, undefined, scenario, options(5))).rejects.toThrow('replication 2 broke');
  });
});

describe('partial summaries', () => {
  it('in this thread alone: one after each replication but the last, each the summary of a run of that many', async () => {
    // Each replication takes a second by this clock; summarising takes no time.
    let clock = 0;
    const slow = (s: Named, o: SimulateOptions) => ((clock += 1000), simulate(s, o));
    const partials: Summary[] = [];
    await replicateProgressively(slow, undefined, scenario, options(5), { intervalMs: 500, now: () => clock, onPartial: (s) => partials.push(s) });
    expect(partials.map((s) => s.replications)).toEqual([1, 2, 3, 4]);
    for (const p of partials) expect(summaryToJson(p)).toBe(summaryToJson(replicateWith(simulate, scenario, options(p.replications))));
  });

  it('the first comes as soon as one replication is done; then no more than the interval allows', async () => {
    const partials: Summary[] = [];
    let done = 0;
    const summary = await replicateProgressively(simulate, () => fakePool(2, () => 5), scenario, { ...options(12), onProgress: (d) => (done = d) }, {
      intervalMs: 3_600_000,
      onPartial: (s) => partials.push(s),
    });
    expect(summary.replications).toBe(12);
    expect(done).toBe(12);
    expect(partials.map((s) => s.replications)).toEqual([1]);
  });

  it('covers the replications done so far, in replication order, whichever finished first', async () => {
    // Replication 0 (this thread) is done first; the pool's 1 and 2 come back in reverse order.
    const partials: Summary[] = [];
    await replicateProgressively(simulate, () => fakePool(1, (r) => (r === 1 ? 60 : 10)), scenario, options(3), { intervalMs: 0, onPartial: (s) => partials.push(s) });
    const first = partials[0]!;
    expect(first.replications).toBe(1);
    const byNumber = (picks: number[]) => {
      const s = replicateWith((sc, o) => simulate(sc, { ...o, replication: picks[o.replication]! }), scenario, options(picks.length));
      return summaryToJson(s);
    };
    for (const p of partials.slice(1)) expect([byNumber([0, 2]), byNumber([0, 1])]).toContain(summaryToJson(p));
  });

  it('none for a run of one replication', async () => {
    const partials: Summary[] = [];
    await replicateProgressively(simulate, undefined, scenario, options(1), { intervalMs: 0, onPartial: (s) => partials.push(s) });
    expect(partials).toEqual([]);
  });
});
