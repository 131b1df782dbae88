import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation.js';
import { CAPACITY_FALL_POLICY, type StationOptions, Station } from './station.js';

const ARRIVE = 0;
const DONE = 1;

/**
 * A small harness: arrivals given as [time, entity, stream], a fixed service time per entity, and a
 * trace of "time start entity" / "time done entity" lines.
 */
function traced(options: Partial<StationOptions>, arrivals: [number, number, number?][], service: (e: number) => number) {
  const sim = new Simulation();
  const trace: string[] = [];
  const station = new Station(sim, {
    name: 'test',
    servers: 1,
    completionKind: DONE,
    serviceTime: (entity, stream) => {
      trace.push(`${sim.now} start ${entity}/${stream}`);
      return service(entity);
    },
    ...options,
  });
  const streamOf = new Map<number, number>();
  for (const [time, entity, stream] of arrivals) {
    streamOf.set(entity, stream ?? 0);
    sim.at(time, ARRIVE, entity);
  }
  const handler = (kind: number, entity: number): void => {
    if (kind === ARRIVE) station.arrive(entity, streamOf.get(entity));
    else {
      trace.push(`${sim.now} done ${entity}`);
      station.complete();
    }
  };
  return { sim, station, trace, handler };
}

describe('Station: exact traces', () => {
  it('FIFO with one server serves in arrival order, waiting counted from arrive() to start', () => {
    const { sim, station, trace, handler } = traced({}, [[0, 1], [0.5, 2], [1, 3]], () => 2);
    sim.run(10, handler);
    expect(trace).toEqual(['0 start 1/0', '2 done 1', '2 start 2/0', '4 done 2', '4 start 3/0', '6 done 3']);
    const s = station.stats;
    expect([s.arrivals, s.starts, s.completions]).toEqual([3, 3, 3]);
    expect(s.waitSum).toBe(0 + 1.5 + 3);
    expect(s.areaWaiting).toBe(4.5); // 1 waiting on [0.5, 1), 2 on [1, 2), 1 on [2, 4)
    expect(s.areaBusy).toBe(6);
    expect(s.areaServers).toBe(10);
  });

  it('completions at the same time run in the order they were scheduled', () => {
    const { sim, trace, handler } = traced({ servers: 3 }, [[0, 7], [0, 8], [0, 9]], () => 1);
    sim.run(5, handler);
    expect(trace.filter((l) => l.includes('done'))).toEqual(['1 done 7', '1 done 8', '1 done 9']);
  });

  it("'fifo' with several streams serves in arrival order across the streams", () => {
    const { sim, trace, handler } = traced({ streams: 2 }, [[0, 0, 1], [1, 1, 1], [1, 2, 0], [2, 3, 1]], () => 10);
    sim.run(100, handler);
    expect(trace.filter((l) => l.includes('start'))).toEqual(['0 start 0/1', '10 start 1/1', '20 start 2/0', '30 start 3/1']);
  });

  it("'priority' serves the lowest-numbered stream first, FIFO within a stream", () => {
    const arrivals: [number, number, number][] = [[0, 0, 2], [1, 1, 2], [1, 2, 1], [1, 3, 0], [1, 4, 1], [1, 5, 0]];
    const { sim, station, trace, handler } = traced({ streams: 3, discipline: 'priority' }, arrivals, () => 10);
    sim.run(5, handler);
    expect([station.waitingIn(0), station.waitingIn(1), station.waitingIn(2), station.waiting]).toEqual([2, 2, 1, 5]);
    sim.run(100, handler);
    expect(trace.filter((l) => l.includes('start'))).toEqual([
      '0 start 0/2',
      '10 start 3/0',
      '20 start 5/0',
      '30 start 2/1',
      '40 start 4/1',
      '50 start 1/2',
    ]);
  });

  it("'share' serves the stream furthest behind its weight, ties to the lower stream", () => {
    // Weights 2:1. Entity 0 (stream 0) starts at once; then 6 wait in each stream.
    const arrivals: [number, number, number][] = [[0, 0, 0]];
    for (let i = 1; i <= 6; i++) arrivals.push([1, i, 0], [1, 10 + i, 1]);
    const { sim, trace, handler } = traced({ streams: 2, discipline: 'share', shares: [2, 1] }, arrivals, () => 1);
    sim.run(100, handler);
    const order = trace.filter((l) => l.includes('start')).map((l) => Number(l.split(' ')[2]!.split('/')[0]));
    // served/share after each pick: s1 0/1 < s0 1/2; then 1/2 < 1/1; 2/2 ties 1/1 -> s0; ...
    expect(order).toEqual([0, 11, 1, 2, 12, 3, 4, 13, 5, 6, 14, 15, 16]);
  });

  it('applies a capacity change at time t before user events at t', () => {
    // No servers until 5; entity 1 waits from 2; entity 2 arrives at exactly 5.
    const { sim, station, trace, handler } = traced({ servers: { times: [0, 5], servers: [0, 2] } }, [[2, 1], [5, 2]], () => 1);
    sim.run(4, handler);
    expect([station.servers, station.waiting]).toEqual([0, 1]);
    sim.run(10, handler);
    expect(trace).toEqual(['5 start 1/0', '5 start 2/0', '6 done 1', '6 done 2']);
    expect(station.stats.waitSum).toBe(3);
  });

  it(`lets work in service finish when capacity falls (policy '${CAPACITY_FALL_POLICY}')`, () => {
    const arrivals: [number, number][] = [[0, 1], [0, 2], [0, 3], [0, 4]];
    const { sim, station, trace, handler } = traced({ servers: { times: [0, 1], servers: [3, 1] } }, arrivals, (e) => e * 2);
    sim.run(1, handler);
    expect([station.servers, station.busy, station.waiting]).toEqual([1, 3, 1]);
    sim.run(100, handler);
    // 1, 2, 3 started at 0 and finish (2, 4, 6); entity 4 starts only when busy < 1, at 6.
    expect(trace).toEqual(['0 start 1/0', '0 start 2/0', '0 start 3/0', '2 done 1', '4 done 2', '6 done 3', '6 start 4/0', '14 done 4']);
    expect(CAPACITY_FALL_POLICY).toBe('finish-service');
  });

  it('setServers() raising capacity starts waiting entities at once', () => {
    const { sim, station, trace, handler } = traced({ servers: 0 }, [[0, 1], [1, 2], [2, 3]], () => 5);
    sim.run(3, handler);
    station.setServers(2);
    expect([station.busy, station.waiting]).toEqual([2, 1]);
    expect(trace).toEqual(['3 start 1/0', '3 start 2/0']);
  });
});

describe('Station: a time-varying server count serves exactly the capacity it is given', () => {
  /** Saturated queue, deterministic service `d`: completions by the horizon = ∫ servers dt / d. */
  function saturated(times: number[], servers: number[], d: number, horizon: number, entities = 5000) {
    const sim = new Simulation();
    const station = new Station(sim, { name: 'sat', servers: { times, servers }, completionKind: DONE, serviceTime: () => d });
    for (let e = 0; e < entities; e++) station.arrive(e);
    sim.run(horizon, () => station.complete());
    let integral = 0;
    for (let i = 0; i < times.length; i++) {
      const from = Math.max(times[i]!, 0);
      const to = Math.min(times[i + 1] ?? horizon, horizon);
      if (to > from) integral += servers[i]! * (to - from);
    }
    return { station, integral };
  }

  it('up and down: 3, 5, 1, 4, 0 servers', () => {
    const { station, integral } = saturated([0, 10, 20, 35, 50], [3, 5, 1, 4, 0], 0.25, 60);
    expect(integral).toBe(155);
    expect(station.stats.completions).toBe(155 / 0.25);
    expect(station.stats.areaServers).toBe(155);
    expect(station.stats.areaBusy).toBe(155);
    expect(station.busy).toBe(0);
  });

  it('for random schedules', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 8 }),
        (steps) => {
          const times: number[] = [];
          let t = 0;
          for (const [gap] of steps) times.push((t += gap) - steps[0]![0]);
          const servers = steps.map(([, n]) => n);
          const horizon = times[times.length - 1]! + 5;
          const { station, integral } = saturated(times, servers, 1, horizon, 400);
          expect(station.stats.completions).toBe(integral);
          expect(station.stats.arrivals).toBe(400);
          expect(station.stats.starts - station.stats.completions).toBe(station.busy);
          expect(station.waiting + station.stats.starts).toBe(400);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Station: more capacity never leaves more waiting (FIFO, same arrivals and work)', () => {
  /** Number waiting at each of `probes`, for arrivals and per-entity service needs given. */
  function waitingAt(servers: number | { times: number[]; servers: number[] }, arrivals: number[], need: number[], probes: number[]) {
    const sim = new Simulation();
    const station = new Station(sim, { name: 'mono', servers, completionKind: DONE, serviceTime: (e) => need[e]! });
    arrivals.forEach((t, e) => sim.at(t, ARRIVE, e));
    const handler = (kind: number, entity: number): void => (kind === ARRIVE ? station.arrive(entity) : station.complete());
    return probes.map((t) => {
      sim.run(t, handler);
      return station.waiting;
    });
  }

  it('for fixed server counts and for schedules that are pointwise larger', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
        (jobs, base, extra) => {
          const sorted = [...jobs].sort((a, b) => a[0] - b[0]);
          const arrivals = sorted.map(([t]) => t / 4);
          const need = sorted.map(([, d]) => d / 3);
          const probes = Array.from({ length: 30 }, (_, i) => i * 2.5);
          const times = [0, 10, 25, 40];
          const low = waitingAt({ times, servers: base }, arrivals, need, probes);
          const high = waitingAt({ times, servers: base.map((b, i) => b + extra[i]!) }, arrivals, need, probes);
          high.forEach((w, i) => expect(w).toBeLessThanOrEqual(low[i]!));
          const one = waitingAt(1, arrivals, need, probes);
          const two = waitingAt(2, arrivals, need, probes);
          two.forEach((w, i) => expect(w).toBeLessThanOrEqual(one[i]!));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Station: cancelling waiting entities', () => {
  it('removes them from the counts, the scan and service; they may come back', () => {
    const { sim, station, trace, handler } = traced({ streams: 2, discipline: 'priority' }, [[0, 0, 0], [1, 1, 0], [1, 2, 1], [1, 3, 0], [1, 4, 1]], () => 10);
    sim.run(2, handler);
    station.cancel(3);
    station.cancel(2);
    expect([station.waiting, station.waitingIn(0), station.waitingIn(1)]).toEqual([2, 1, 1]);
    const seen: string[] = [];
    station.forEachWaiting((e, s, since) => seen.push(`${e}/${s}@${since}`));
    expect(seen).toEqual(['1/0@1', '4/1@1']);
    expect(() => station.cancel(3)).toThrow(/not waiting/);
    expect(() => station.cancel(0)).toThrow(/not waiting/); // in service
    station.arrive(3, 1); // comes back, now in stream 1 and behind 4
    expect(() => station.arrive(3, 1)).toThrow(/already waiting/);
    sim.run(100, handler);
    expect(trace.filter((l) => l.includes('start'))).toEqual(['0 start 0/0', '10 start 1/0', '20 start 4/1', '30 start 3/1']);
    expect(station.stats.cancelled).toBe(2);
  });

  it('builds its per-entity index at the first cancel, and then notices an entity waiting twice', () => {
    const sim = new Simulation();
    const station = new Station(sim, { name: 'twice', servers: 0, streams: 2, discipline: 'priority', completionKind: DONE, serviceTime: () => 1 });
    station.arrive(5, 1);
    station.arrive(6, 0);
    station.arrive(5, 0); // not detectable yet: nothing has been cancelled here
    expect(() => station.cancel(6)).toThrow(/entity 5 arrived while already waiting here/);
  });

  it('lets the forEachWaiting visitor cancel, and compacts long queues of cancelled entries', () => {
    const sim = new Simulation();
    const station = new Station(sim, { name: 'c', servers: 0, completionKind: DONE, serviceTime: () => 1 });
    for (let e = 0; e < 10_000; e++) station.arrive(e);
    station.forEachWaiting((e) => {
      if (e % 3 !== 0) station.cancel(e);
    });
    expect(station.waiting).toBe(3334);
    for (let e = 0; e < 10_000; e += 3) if (e % 2 === 0) station.cancel(e);
    const left: number[] = [];
    station.forEachWaiting((e) => left.push(e));
    expect(left).toEqual(Array.from({ length: 10_000 }, (_, e) => e).filter((e) => e % 3 === 0 && e % 2 === 1));
    station.setServers(1);
    sim.run(Infinity, () => station.complete());
    expect(station.stats.starts).toBe(left.length);
    expect(station.waiting).toBe(0);
  });
});

describe('Station: statistics', () => {
  it('resetStats() starts the integrals again from now and keeps the queue', () => {
    const { sim, station, handler } = traced({}, [[0, 1], [0, 2], [0, 3]], () => 4);
    sim.run(2, handler);
    station.resetStats();
    sim.run(6, handler);
    const s = station.stats;
    expect([s.startTime, s.endTime, s.arrivals, s.starts, s.completions]).toEqual([2, 6, 0, 1, 1]);
    expect(s.waitSum).toBe(4); // entity 2 started at 4 after arriving at 0
    expect(s.areaWaiting).toBe(2 * 2 + 1 * 2);
    expect(s.areaBusy).toBe(4);
  });
});

describe('Station: options and calls are checked', () => {
  const sim = new Simulation();
  const base: StationOptions = { name: 'decisions', servers: 1, completionKind: 0, serviceTime: () => 1 };
  const bad: [string, Partial<StationOptions>, RegExp][] = [
    ['negative servers', { servers: -1 }, /Station decisions: servers must be an integer >= 0, got -1/],
    ['fractional servers', { servers: 1.5 }, /servers must be an integer/],
    ['schedule of unequal lengths', { servers: { times: [0, 1], servers: [1] } }, /servers must be a number or \{ times, servers \}/],
    ['schedule not ascending', { servers: { times: [0, 5, 5], servers: [1, 2, 3] } }, /servers.times\[2\] must be finite and strictly ascending/],
    ['negative scheduled servers', { servers: { times: [0], servers: [-2] } }, /servers.servers\[0\] must be an integer >= 0/],
    ['no streams', { streams: 0 }, /streams must be an integer >= 1/],
    ['unknown discipline', { discipline: 'lifo' as never }, /discipline must be 'fifo', 'priority' or 'share'/],
    ['shares of the wrong length', { streams: 2, discipline: 'share', shares: [1] }, /shares must be 2 finite weights > 0/],
    ['a zero share', { streams: 2, discipline: 'share', shares: [1, 0] }, /shares must be/],
    ['shares without share discipline', { streams: 2, shares: [1, 2] }, /given only with discipline 'share'/],
    ['negative completion kind', { completionKind: -1 }, /completionKind must be an integer >= 0/],
  ];
  for (const [name, options, message] of bad) {
    it(`rejects ${name}`, () => {
      expect(() => new Station(sim, { ...base, ...options })).toThrow(RangeError);
      expect(() => new Station(sim, { ...base, ...options })).toThrow(message);
    });
  }

  it('rejects bad entities, streams and service times, naming the station', () => {
    const station = new Station(new Simulation(), { ...base, streams: 2, serviceTime: (e) => (e === 9 ? -1 : 1) });
    expect(() => station.arrive(-1)).toThrow(/Station decisions: arrive\(-1, 0\)/);
    expect(() => station.arrive(1, 2)).toThrow(/stream in \[0, 2\)/);
    expect(() => station.arrive(9)).toThrow(/serviceTime\(9, 0\) at 0 returned -1/);
    expect(() => new Station(new Simulation(), base).complete()).toThrow(/complete\(\) with no entity in service/);
    expect(() => station.setServers(-3)).toThrow(/setServers/);
  });

  it('starts a schedule that begins in the future with no servers', () => {
    const station = new Station(new Simulation(), { ...base, servers: { times: [3], servers: [2] } });
    expect(station.servers).toBe(0);
  });
});
