import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReferenceCalendar } from './calendar.js';
import { HeapCalendar } from './heap-calendar.js';
import { streamRng } from './rng.js';
import { Ring } from './ring.js';
import { PRIORITY_CAPACITY, Simulation } from './simulation.js';
import { Station } from './station.js';

for (const [name, make] of [
  ['HeapCalendar', () => new HeapCalendar()],
  ['ReferenceCalendar', () => new ReferenceCalendar()],
] as const) {
  describe(`Simulation on ${name}`, () => {
    it('processes events in (time, priority, insertion) order and sets now to each event time', () => {
      const sim = new Simulation({ calendar: make() });
      const trace: string[] = [];
      sim.at(2, 1, 10);
      sim.at(1, 2, 20, 1);
      sim.at(1, 3, 30);
      sim.at(1, 4, 40, -1);
      sim.at(1, 5, 50);
      const n = sim.run(10, (kind, entity) => trace.push(`${sim.now}:${kind}/${entity}`));
      expect(trace).toEqual(['1:4/40', '1:3/30', '1:5/50', '1:2/20', '2:1/10']);
      expect(n).toBe(5);
      expect(sim.events).toBe(5);
      expect(sim.now).toBe(10);
    });

    it('runs events scheduled during the run, up to and including `until`, and leaves the rest', () => {
      const sim = new Simulation({ calendar: make() });
      const times: number[] = [];
      sim.at(0, 0, 0);
      const n = sim.run(5, (_kind, entity) => {
        times.push(sim.now);
        sim.after(1, 0, entity + 1);
      });
      expect(times).toEqual([0, 1, 2, 3, 4, 5]);
      expect(n).toBe(6);
      expect(sim.pending).toBe(1);
      expect(sim.peekTime()).toBe(6);
      expect(sim.now).toBe(5);
      // A second run carries on; events counts both.
      expect(sim.run(7.5, (_k, e) => sim.after(1, 0, e + 1))).toBe(2);
      expect(sim.events).toBe(8);
      expect(sim.now).toBe(7.5);
    });

    it('schedules at now from a handler and runs it in the same call', () => {
      const sim = new Simulation({ calendar: make() });
      const trace: number[] = [];
      sim.at(1, 0, 0);
      sim.run(1, (kind, entity) => {
        trace.push(entity);
        if (entity < 3) sim.after(0, kind, entity + 1);
      });
      expect(trace).toEqual([0, 1, 2, 3]);
    });

    it('with until = Infinity runs until the calendar is empty and keeps now at the last event', () => {
      const sim = new Simulation({ calendar: make() });
      sim.at(3, 0, 0);
      sim.at(8, 0, 0);
      expect(sim.run(Infinity, () => {})).toBe(2);
      expect(sim.now).toBe(8);
    });

    it('dispatches internal (negative) kinds to their own handlers, before user events at the same time', () => {
      const sim = new Simulation({ calendar: make() });
      const trace: string[] = [];
      const a = sim.internalKind((kind, entity) => trace.push(`internal a ${kind}/${entity}`));
      const b = sim.internalKind((kind, entity) => trace.push(`internal b ${kind}/${entity}`));
      expect([a, b]).toEqual([-1, -2]);
      sim.at(1, 0, 1, -1000);
      sim.atInternal(1, b, 7);
      sim.atInternal(1, a, 8);
      sim.run(2, (kind, entity) => trace.push(`user ${kind}/${entity}`));
      expect(trace).toEqual(['internal b -2/7', 'internal a -1/8', 'user 0/1']);
    });
  });
}

describe('Simulation checks what it is given', () => {
  it('rejects times in the past or not finite', () => {
    const sim = new Simulation();
    sim.run(5, () => {});
    expect(() => sim.at(4, 0, 0)).toThrow(/time must be finite and >= now \(5\), got 4/);
    expect(() => sim.at(NaN, 0, 0)).toThrow(RangeError);
    expect(() => sim.at(Infinity, 0, 0)).toThrow(RangeError);
    expect(() => sim.after(-1, 0, 0)).toThrow(RangeError);
    expect(() => sim.run(4, () => {})).toThrow(/until must be >= now/);
  });

  it('reserves negative kinds and needs int32 entities and priorities above PRIORITY_CAPACITY', () => {
    const sim = new Simulation();
    expect(() => sim.at(1, -1, 0)).toThrow(/kind must be an integer >= 0/);
    expect(() => sim.at(1, 1.5, 0)).toThrow(RangeError);
    expect(() => sim.at(1, 0, 2 ** 31)).toThrow(RangeError);
    expect(() => sim.at(1, 0, 0, PRIORITY_CAPACITY)).toThrow(/priority/);
    expect(() => sim.at(1, 0, 0, NaN)).toThrow(/priority/);
    expect(() => sim.atInternal(1, -1, 0)).toThrow(/not returned by internalKind/);
    expect(() => sim.atInternal(1, 0, 0)).toThrow(RangeError);
  });

  it('PRIORITY_CAPACITY is below any priority a user may give', () => {
    expect(PRIORITY_CAPACITY).toBeLessThan(-1e9);
    expect(Number.isInteger(PRIORITY_CAPACITY)).toBe(true);
  });

  it('refuses to run from inside a handler', () => {
    const sim = new Simulation();
    sim.at(1, 0, 0);
    expect(() => sim.run(2, () => sim.run(3, () => {}))).toThrow(/already running/);
    sim.at(4, 0, 0);
    expect(sim.run(5, () => {})).toBe(1); // and recovers
  });

  it('counts events processed even if a handler throws', () => {
    const sim = new Simulation();
    sim.at(1, 0, 0);
    sim.at(2, 1, 0);
    expect(() =>
      sim.run(3, (kind) => {
        if (kind === 1) throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(sim.events).toBe(2);
  });
});

describe('Simulation.reset: one simulation for many runs', () => {
  /**
   * A small model on two stations (one with a server schedule, one with priority streams, with
   * cancellations): arrivals, services and cancels from a seeded stream, traced event by event.
   */
  function runModel(sim: Simulation, seed: number): string[] {
    const rng = streamRng(seed, 'reset test', 0);
    const trace: string[] = [];
    const a = new Station(sim, {
      name: 'a',
      servers: { times: [0, 5, 12], servers: [1, 3, 0] },
      completionKind: 1,
      serviceTime: () => rng.uniform() * 4,
    });
    const b = new Station(sim, {
      name: 'b',
      servers: 2,
      streams: 3,
      discipline: 'priority',
      completionKind: 2,
      serviceTime: () => rng.uniform() * 2,
    });
    for (let e = 0; e < 300; e++) sim.at(rng.uniform() * 20, 0, e);
    for (let e = 0; e < 300; e += 7) sim.at(rng.uniform() * 20, 3, e);
    sim.run(40, (kind, e) => {
      trace.push(`${sim.now.toFixed(6)} ${kind} ${e} ${a.waiting} ${b.waiting}`);
      if (kind === 0 && e % 2 === 0) a.arrive(e);
      else if (kind === 0) b.arrive(e, e % 3);
      else if (kind === 1) a.complete();
      else if (kind === 2) b.complete();
      else if (kind === 3 && e % 2 === 0) {
        let waiting = false;
        a.forEachWaiting((x) => (waiting ||= x === e));
        if (waiting) a.cancel(e);
      }
    });
    return trace;
  }

  it('runs a model on a reset simulation exactly as on a fresh one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (first, second) => {
        const reused = new Simulation();
        runModel(reused, first);
        reused.reset();
        expect([reused.now, reused.events, reused.pending]).toEqual([0, 0, 0]);
        expect(runModel(reused, second)).toEqual(runModel(new Simulation(), second));
      }),
      { numRuns: 20 },
    );
  });

  it('lends the same buffers again after a reset, class by class in the same order, emptied', () => {
    const sim = new Simulation();
    const first = [sim.borrow(Ring), sim.borrow(Ring)];
    for (let i = 0; i < 100; i++) first[0]!.push(i, 1, i, 0);
    sim.reset();
    const again = [sim.borrow(Ring), sim.borrow(Ring)];
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    expect(again.map((r) => r.length)).toEqual([0, 0]);
    expect(again[0]!.mask + 1).toBeGreaterThanOrEqual(128); // kept the room it grew to
    expect(sim.borrow(Ring)).not.toBe(first[0]); // a third is new
  });

  it('cannot be reset from inside a handler', () => {
    const sim = new Simulation();
    sim.at(1, 0, 0);
    expect(() => sim.run(2, () => sim.reset())).toThrow(/during run/);
  });
});

describe('failedEvent', () => {
  it('records the event a handler threw on, and is cleared by the next run', () => {
    const sim = new Simulation();
    for (let i = 0; i < 5; i++) sim.at(i + 0.5, 7, 100 + i);
    expect(() =>
      sim.run(10, (_kind, entity) => {
        if (entity === 103) throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(sim.failedEvent).toEqual({ time: 3.5, kind: 7, entity: 103 });
    sim.run(10, () => {});
    expect(sim.failedEvent).toBeUndefined();
  });
});
