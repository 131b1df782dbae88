/**
 * A server run's replications, with partial summaries on the way, so the dashboard can draw the
 * first replications while the rest are still running (issue 5: the first view within 3 s).
 *
 * - This thread runs replications itself, alongside a pool of the other threads: the run's own
 *   thread has loaded the model anyway, so the first replication needs no further thread. The
 *   pool is started once that first replication is done: starting threads while it runs would
 *   take CPU from it on a busy machine (the kernel shares CPU between sessions, then between a
 *   session's threads), and costs little later. Each inline replication is followed by a turn
 *   of the event loop, so the pool's results are taken in between.
 * - A partial summary covers the replications done so far (in replication-number order, as if
 *   they were a run of that many): the first as soon as one is done, then at most one per
 *   interval (longer when summarising gets slow, so a long run spends little time on them).
 *   None is made once every replication is done: the final summary follows.
 * - The final summary is the one `runReplications` gives (replications are added under their
 *   number), byte for byte, whatever ran where and in which order.
 */
import type { RunResult } from '../model/result.js';
import type { Simulator } from '../experiment/jobs.js';
import type { NamedScenario, ReplicateOptions, SimulateFn } from '../experiment/replicate.js';
import { SummaryAccumulator, type Summary } from '../experiment/summary.js';

export interface PartialOptions {
  /** Least time between two partial summaries after the first, in milliseconds. */
  readonly intervalMs: number;
  /** Called with the summary of the replications done so far (fewer than all of them). */
  readonly onPartial: (summary: Summary) => void;
  /** The clock, in milliseconds (tests give their own). */
  readonly now?: () => number;
}

/** A summary-building pass may take at most this share of the time between two of them. */
const SUMMARY_SHARE = 0.1;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Replications 0..N-1 of `scenario`, here (`inline`) and, from the second on, also on the pool
 * `startPool` gives (called once, after the first replication; the caller closes it).
 */
export async function replicateProgressively<S extends NamedScenario>(
  inline: SimulateFn<S>,
  startPool: (() => Simulator<S>) | undefined,
  scenario: S,
  options: ReplicateOptions,
  partial?: PartialOptions,
): Promise<Summary> {
  const { replications: n, seed, uncertainty, version, onProgress } = options;
  const meta = { scenario: scenario.name, title: scenario.title, seed, uncertainty, version };
  const acc = new SummaryAccumulator({ ...meta, replications: n });
  // Results are kept only to build partial summaries; the accumulator holds the final one's data.
  const kept = partial && n > 1 ? new Map<number, RunResult>() : undefined;
  let next = 0;
  let failure: unknown;
  let posted = 0;
  let lastPost = -Infinity;
  let interval = partial?.intervalMs ?? 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = partial?.now ?? (() => performance.now());

  const postPartial = () => {
    timer = undefined;
    if (!kept || !partial || failure !== undefined || acc.added >= n || acc.added === posted) return;
    const t0 = now();
    const done = [...kept].sort((a, b) => a[0] - b[0]);
    const sofar = new SummaryAccumulator({ ...meta, replications: done.length });
    done.forEach(([, result], i) => sofar.add(i, result));
    const summary = sofar.finish();
    partial.onPartial(summary);
    lastPost = now();
    posted = done.length;
    interval = Math.max(partial.intervalMs, (lastPost - t0) / SUMMARY_SHARE);
  };
  const record = (replication: number, result: RunResult) => {
    acc.add(replication, result);
    kept?.set(replication, result);
    onProgress?.(acc.added, n);
    if (!kept || timer || acc.added >= n) return;
    const wait = lastPost + interval - now();
    if (wait <= 0) postPartial();
    else timer = setTimeout(postPartial, wait);
  };
  const job = (replication: number) => ({ scenario, seed, replication, uncertainty });

  const poolLanes: Promise<void>[] = [];
  const inlineLane = async () => {
    for (let first = true; next < n && failure === undefined; first = false) {
      const r = next++;
      try {
        record(r, inline(scenario, job(r)));
      } catch (e) {
        failure ??= e;
      }
      if (first && startPool && next < n && failure === undefined) {
        const pool = startPool();
        // Two jobs in flight per pool thread: one runs while the next waits, even while this thread is busy.
        for (let i = 0; i < pool.workers * 2; i++) poolLanes.push(poolLane(pool));
      }
      // Let the pool's lanes take their replications and hand back results before the next one here.
      await turn();
    }
  };
  const poolLane = async (sim: Simulator<S>) => {
    while (next < n && failure === undefined) {
      const r = next++;
      try {
        record(r, await sim.run(job(r)));
      } catch (e) {
        failure ??= e;
      }
    }
  };
  try {
    await inlineLane();
    await Promise.all(poolLanes);
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (failure !== undefined) throw failure;
  return acc.finish();
}
