import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { before, type Calendar, ReferenceCalendar } from './calendar.js';
import { CalendarQueue } from './calendar-queue.js';
import { HeapCalendar } from './heap-calendar.js';
import { Rng } from './rng.js';

/** Every Calendar implementation runs the same conformance suite. */
const implementations: [string, () => Calendar][] = [
  ['HeapCalendar', () => new HeapCalendar()],
  ['HeapCalendar (capacity 1, grows)', () => new HeapCalendar(1)],
  ['CalendarQueue', () => new CalendarQueue()],
  ['CalendarQueue (capacity 1, grows)', () => new CalendarQueue(1)],
  ['ReferenceCalendar', () => new ReferenceCalendar()],
];

type Popped = [time: number, kind: number, entity: number];

/**
 * A long, deterministic workload that makes self-tuning calendars re-tune: the pending count
 * grows to thousands and shrinks to a handful, the time scale of delays jumps by factors of 1000,
 * bursts of equal times and far-future events appear. Returns the popped events in order.
 */
function longWorkload(cal: Calendar): Popped[] {
  const rng = new Rng(77);
  const out: Popped[] = [];
  let now = 0;
  let entity = 0;
  const phases: { ops: number; target: number; scale: number; ties: boolean }[] = [
    { ops: 6000, target: 3000, scale: 1, ties: false },
    { ops: 6000, target: 3000, scale: 1000, ties: false },
    { ops: 6000, target: 20, scale: 0.001, ties: true },
    { ops: 6000, target: 1500, scale: 5, ties: true },
    { ops: 4000, target: 0, scale: 1, ties: false },
  ];
  for (const { ops, target, scale, ties } of phases) {
    for (let i = 0; i < ops; i++) {
      const grow = cal.size < target ? 0.6 : 0.4;
      if (cal.size === 0 || rng.uniform() < grow) {
        const far = rng.uniform() < 0.01;
        const delay = ties && rng.uniform() < 0.5 ? Math.floor(rng.uniform() * 3) * scale : -Math.log(rng.uniform()) * scale;
        cal.schedule(now + (far ? 1e6 * scale : delay), rng.int(3) - 1, rng.int(4), entity++);
      } else {
        cal.pop();
        now = cal.time;
        out.push([cal.time, cal.kind, cal.entity]);
      }
    }
  }
  while (cal.pop()) out.push([cal.time, cal.kind, cal.entity]);
  return out;
}
let referenceLong: Popped[] | undefined;

function drain(cal: Calendar): Popped[] {
  const out: Popped[] = [];
  while (cal.pop()) out.push([cal.time, cal.kind, cal.entity]);
  return out;
}

describe('CalendarQueue with many simultaneous events', () => {
  it('stays linear: 200,000 events at one time pop in insertion order', () => {
    // A sorted-list bucket that walked past every tie would take ~2e10 steps here.
    const cal = new CalendarQueue();
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) cal.schedule(5, 0, 0, i);
    let ok = true;
    for (let i = 0; i < 200_000; i++) ok &&= cal.pop() && cal.entity === i;
    expect(ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000); // linear takes ~50 ms
  });
});

/**
 * The UK model's mix: a busy near future (servers completing work of a few time units, ties at
 * whole days) over thousands of far-future clocks, some far beyond the far tier's span, with the
 * clocks of new arrivals scheduled as it runs. Returns the popped events in order.
 */
function nearAndFarWorkload(cal: Calendar, seed: number): Popped[] {
  const rng = new Rng(seed);
  const out: Popped[] = [];
  let entity = 0;
  for (let i = 0; i < 3000; i++) cal.schedule(-Math.log(rng.uniform()) * 600, 0, 5, entity++);
  for (let i = 0; i < 5; i++) cal.schedule(1e5 * (1 + i), 0, 6, entity++);
  for (let i = 0; i < 300; i++) cal.schedule(-Math.log(rng.uniform()) * 4, 1, 2, entity++);
  for (let day = 1; day <= 60; day++) cal.schedule(day, -1, 0, entity++);
  while (cal.pop()) {
    out.push([cal.time, cal.kind, cal.entity]);
    if (cal.kind === 2 && out.length < 40_000) {
      const tie = rng.uniform() < 0.1;
      cal.schedule(tie ? Math.ceil(cal.time) : cal.time + -Math.log(rng.uniform()) * 4, 1, 2, entity++);
      if (rng.uniform() < 0.2) cal.schedule(cal.time + -Math.log(rng.uniform()) * 600, 0, 5, entity++);
    }
  }
  return out;
}

describe('CalendarQueue with near and far-future events', () => {
  it('pops the UK model mix in the order of the heap, also after clear() of a tuned calendar', () => {
    const want = nearAndFarWorkload(new HeapCalendar(), 3);
    const cal = new CalendarQueue();
    expect(nearAndFarWorkload(cal, 3)).toEqual(want);
    for (let i = 0; i < 50; i++) cal.schedule(1e3 + i, 0, 0, i);
    cal.clear();
    expect(nearAndFarWorkload(cal, 3)).toEqual(want);
  });

  it('agrees with a sorted list when times span near ties and far clocks', () => {
    const time = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((t) => t / 8),
      fc.integer({ min: 0, max: 50 }).map((t) => t * 100),
      fc.integer({ min: 1, max: 3 }).map((t) => t * 1e7),
    );
    const op = fc.oneof(
      fc.record({ time, priority: fc.integer({ min: -1, max: 1 }), entity: fc.integer({ min: 0, max: 1e6 }) }),
      fc.constant('pop' as const),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const cal = new CalendarQueue();
        const model: { time: number; priority: number; seq: number; entity: number }[] = [];
        let seq = 0;
        let now = 0;
        for (const o of ops) {
          if (o === 'pop') {
            model.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
            const want = model.shift();
            expect(cal.pop()).toBe(want !== undefined);
            if (want) {
              expect([cal.time, cal.entity]).toEqual([want.time, want.entity]);
              now = want.time;
            }
          } else {
            // As in a simulation, nothing is scheduled before the last event popped.
            cal.schedule(now + o.time, o.priority, 0, o.entity);
            model.push({ time: now + o.time, priority: o.priority, seq: seq++, entity: o.entity });
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the order rule', () => {
  it('is (time, priority, sequence) ascending', () => {
    expect(before(1, 9, 9, 2, 0, 0)).toBe(true);
    expect(before(1, 0, 9, 1, 1, 0)).toBe(true);
    expect(before(1, 1, 0, 1, 1, 1)).toBe(true);
    expect(before(1, 1, 1, 1, 1, 1)).toBe(false);
    expect(before(2, 0, 0, 1, 9, 9)).toBe(false);
  });
});

for (const [name, make] of implementations) {
  describe(`Calendar conformance: ${name}`, () => {
    it('is empty at first: pop() is false, peekTime() Infinity, size 0', () => {
      const cal = make();
      expect(cal.pop()).toBe(false);
      expect(cal.peekTime()).toBe(Infinity);
      expect(cal.size).toBe(0);
    });

    it('pops in time order and exposes time, kind and entity', () => {
      const cal = make();
      cal.schedule(5, 0, 1, 50);
      cal.schedule(2, 0, 2, 20);
      cal.schedule(9, 0, 3, 90);
      cal.schedule(0.5, 0, 4, -7);
      expect(cal.size).toBe(4);
      expect(cal.peekTime()).toBe(0.5);
      expect(drain(cal)).toEqual([
        [0.5, 4, -7],
        [2, 2, 20],
        [5, 1, 50],
        [9, 3, 90],
      ]);
      expect(cal.size).toBe(0);
    });

    it('breaks a time tie by priority, then by insertion order', () => {
      const cal = make();
      cal.schedule(1, 0, 0, 1);
      cal.schedule(1, -1, 0, 2);
      cal.schedule(1, 0, 0, 3);
      cal.schedule(1, 5, 0, 4);
      cal.schedule(1, -1, 0, 5);
      cal.schedule(1, -(2 ** 31), 0, 6);
      cal.schedule(0, 100, 0, 7);
      expect(drain(cal).map((e) => e[2])).toEqual([7, 6, 2, 5, 1, 3, 4]);
    });

    it('keeps insertion order for many equal events, across growth', () => {
      const cal = make();
      for (let i = 0; i < 3000; i++) cal.schedule(7, 0, i % 3, i);
      expect(drain(cal).map((e) => e[2])).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    });

    it('clear() empties it', () => {
      const cal = make();
      for (let i = 0; i < 10; i++) cal.schedule(i, 0, 0, i);
      cal.clear();
      expect(cal.size).toBe(0);
      expect(cal.pop()).toBe(false);
      cal.schedule(3, 0, 1, 2);
      expect(drain(cal)).toEqual([[3, 1, 2]]);
    });

    it('agrees with the reference calendar on a long workload with shifting scales and sizes', () => {
      referenceLong ??= longWorkload(new ReferenceCalendar());
      const got = longWorkload(make());
      expect(got.length).toBe(referenceLong.length);
      expect(got).toEqual(referenceLong);
    });

    it('after clear() of a grown, tuned calendar that still held events, runs the long workload as a fresh one', () => {
      referenceLong ??= longWorkload(new ReferenceCalendar());
      const cal = make();
      const rng = new Rng(5);
      for (let i = 0; i < 5000; i++) cal.schedule(rng.uniform() * 1e4, 0, 0, i);
      for (let i = 0; i < 1000; i++) cal.pop(); // the clock has moved on, far from time 0
      cal.clear();
      expect(longWorkload(cal)).toEqual(referenceLong);
    });

    it('agrees with a sorted list on random interleavings of schedule and pop', () => {
      const op = fc.oneof(
        fc.record({
          // Few distinct times and priorities, so ties are common.
          time: fc.integer({ min: 0, max: 20 }).map((t) => t / 4),
          priority: fc.integer({ min: -2, max: 2 }),
          kind: fc.integer({ min: 0, max: 5 }),
          entity: fc.integer({ min: -1000, max: 1000 }),
        }),
        fc.constant('pop' as const),
      );
      fc.assert(
        fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
          const cal = make();
          const model: { time: number; priority: number; seq: number; kind: number; entity: number }[] = [];
          let seq = 0;
          for (const o of ops) {
            if (o === 'pop') {
              model.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
              const want = model.shift();
              expect(cal.pop()).toBe(want !== undefined);
              if (want) expect([cal.time, cal.kind, cal.entity]).toEqual([want.time, want.kind, want.entity]);
            } else {
              cal.schedule(o.time, o.priority, o.kind, o.entity);
              model.push({ ...o, seq: seq++ });
            }
            expect(cal.size).toBe(model.length);
            const first = model.reduce((m, e) => Math.min(m, e.time), Infinity);
            expect(cal.peekTime()).toBe(first);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
}
