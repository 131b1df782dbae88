import { describe, expect, it } from 'vitest';
import type { Rng } from './rng.js';
import { streamRng } from './rng.js';
import { Simulation } from './simulation.js';
import { Station } from './station.js';

/**
 * Queueing theory against the Station: the formulas, not pinned outputs. Tolerances come from the
 * spread over replications; the runs are long enough that those tolerances are inside 2%.
 */

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ (< c). */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = ((term * a) / c) * (c / (c - a));
  return last / (sum + last);
}

const ARRIVAL = 0;
const DONE = 1;

interface MmcRun {
  meanWait: number;
  /** Mean wait of the same customers in the control queue: one server c times as fast. */
  controlWait: number;
  waitingArea: number;
  waitSum: number;
  arrivals: number;
  busyArea: number;
  span: number;
  /** Little's law boundary terms (see the exact test). */
  startedFromBefore: number;
  stillWaiting: number;
}

/**
 * One M/M/c replication: Poisson arrivals at rate λ, exponential service at rate μ = 1, `c`
 * servers, statistics reset after `warmUp`, then run for `span`.
 *
 * Alongside, the same arrivals and service requirements drive a control queue whose mean wait is
 * known exactly: an M/M/1 whose single server is c times as fast (Wq = ρ / (cμ - λ)), computed
 * by Lindley's recursion. The two are driven by the same work and their run means are almost
 * perfectly correlated, so the control variate removes most of the run-to-run spread and a few
 * seconds of simulation pin the M/M/c's mean wait down to a fraction of a percent. Service times
 * are drawn at arrival, so the control sees them; FIFO service starts in arrival order anyway.
 */
function mmc(c: number, lambda: number, replication: number, warmUp: number, span: number): MmcRun {
  const sim = new Simulation();
  const arrivals = streamRng(2024, 'mmc arrivals', replication);
  const services = streamRng(2024, 'mmc services', replication);
  const exp = (rng: Rng): number => -Math.log(rng.uniform());
  const ids = 1 << 20; // ids recycle: nobody waits through a million arrivals
  const service = new Float64Array(ids);
  const station = new Station(sim, { name: 'mmc', servers: c, completionKind: DONE, serviceTime: (e) => service[e]! });
  const control = { wait: 0, lastArrival: 0, lastService: 0, sum: 0, count: 0, on: false };
  let next = 0;
  const handler = (kind: number, entity: number): void => {
    if (kind === ARRIVAL) {
      const s = exp(services);
      service[entity] = s;
      // Lindley: this customer's wait in the fast single-server queue.
      control.wait = Math.max(0, control.wait + control.lastService / c - (sim.now - control.lastArrival));
      control.lastArrival = sim.now;
      control.lastService = s;
      if (control.on) {
        control.sum += control.wait;
        control.count++;
      }
      station.arrive(entity);
      next = (next + 1) % ids;
      sim.at(sim.now + exp(arrivals) / lambda, ARRIVAL, next);
    } else station.complete();
  };
  sim.at(exp(arrivals) / lambda, ARRIVAL, 0);
  sim.run(warmUp, handler);
  station.resetStats();
  control.on = true;
  const waitingAtReset = new Map<number, number>();
  station.forEachWaiting((e, _s, since) => waitingAtReset.set(e, since));
  sim.run(warmUp + span, handler);
  const s = station.stats;
  // Boundary terms: waits before the reset of those who started after it, and waits inside the
  // window of those still waiting at its end.
  let startedFromBefore = 0;
  let stillWaiting = 0;
  const waitingAtEnd = new Set<number>();
  station.forEachWaiting((e, _s, since) => {
    waitingAtEnd.add(e);
    stillWaiting += sim.now - Math.max(since, warmUp);
  });
  for (const [e, since] of waitingAtReset) if (!waitingAtEnd.has(e)) startedFromBefore += warmUp - since;
  return {
    meanWait: s.waitSum / s.starts,
    controlWait: control.sum / control.count,
    waitingArea: s.areaWaiting,
    waitSum: s.waitSum,
    arrivals: s.arrivals,
    busyArea: s.areaBusy,
    span: s.endTime - s.startTime,
    startedFromBefore,
    stillWaiting,
  };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const standardError = (xs: number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
};

describe('Station against queueing theory', () => {
  it('M/M/10 at utilisation 0.9: mean wait in queue within 2% of Erlang C', () => {
    const c = 10;
    const lambda = 9;
    const expected = erlangC(c, lambda) / (c - lambda); // Wq = C(c, a) / (cμ - λ), μ = 1
    const controlExpected = lambda / c / (c - lambda); // fast M/M/1: ρ / (cμ - λ)
    // 12 replications of 10,000 time units (about 90,000 customers each) after a warm-up of
    // 200; the relaxation time at this load is about 40.
    const runs = Array.from({ length: 12 }, (_, r) => mmc(c, lambda, r, 200, 10_000));
    const raw = runs.map((r) => r.meanWait);
    const controls = runs.map((r) => r.controlWait);
    // Control-variate estimate: subtract β × (control's error), β fitted across replications.
    const mr = mean(raw);
    const mc = mean(controls);
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < runs.length; i++) {
      sxy += (raw[i]! - mr) * (controls[i]! - mc);
      sxx += (controls[i]! - mc) ** 2;
    }
    const beta = sxy / sxx;
    const adjusted = raw.map((y, i) => y - beta * (controls[i]! - controlExpected));
    const estimate = mean(adjusted);
    const se = standardError(adjusted);
    // The spread makes the 2% claim testable: 2% is at least 4 standard errors ...
    expect(4 * se).toBeLessThan(0.02 * expected);
    // ... and the estimate is within 2% of the formula, and within 4 standard errors of it.
    expect(Math.abs(estimate - expected)).toBeLessThan(0.02 * expected);
    expect(Math.abs(estimate - expected)).toBeLessThan(4 * se);
    // The raw mean agrees too, within its own (much wider) spread.
    expect(Math.abs(mr - expected)).toBeLessThan(4 * standardError(raw));
  });

  it("Little's law: L = λW on a long run, and exactly once the window's boundary terms are counted", () => {
    const lambda = 4.5;
    const runs = [0, 1, 2].map((r) => mmc(5, lambda, 100 + r, 100, 20_000));
    for (const run of runs) {
      // Exact bookkeeping: ∫ waiting dt = Σ waits of those who started in the window, minus their
      // waiting before it, plus the in-window waiting of those still waiting at its end.
      const identity = run.waitSum - run.startedFromBefore + run.stillWaiting;
      expect(Math.abs(run.waitingArea - identity)).toBeLessThan(1e-9 * run.waitingArea);
      // Little's law: time-average number waiting = arrival rate × mean wait.
      const L = run.waitingArea / run.span;
      const lambdaW = (run.arrivals / run.span) * run.meanWait;
      expect(Math.abs(L - lambdaW) / L).toBeLessThan(0.01);
      // And for the servers: mean number busy = λ / μ, the offered load.
      expect(Math.abs(run.busyArea / run.span - lambda) / lambda).toBeLessThan(0.02);
    }
  });
});
