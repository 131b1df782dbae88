import { describe, expect, it } from 'vitest';
import { ReferenceCalendar } from './calendar.js';
import { HeapCalendar } from './heap-calendar.js';
import { PRIORITY_CAPACITY, Simulation } from './simulation.js';

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
