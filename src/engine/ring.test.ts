import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ring } from './ring.js';

describe('Ring', () => {
  it('is a FIFO of (entity, stamp, since, stream) across wrap-around and growth', () => {
    const op = fc.oneof(fc.constant('shift' as const), fc.integer({ min: 0, max: 1_000_000 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 1, max: 40 }), (ops, initial) => {
        const ring = new Ring(initial);
        const model: number[] = [];
        for (const o of ops) {
          if (o === 'shift') {
            if (model.length === 0) continue;
            const want = model.shift()!;
            const at = ring.head;
            expect([ring.entity[at], ring.stamp[at], ring.since[at], ring.stream[at]]).toEqual([want, want + 1, want / 4, want % 7]);
            ring.shift();
          } else {
            ring.push(o, o + 1, o / 4, o % 7);
            model.push(o);
          }
          expect(ring.length).toBe(model.length);
        }
        // What is left, in order, from the head.
        const rest = Array.from({ length: ring.length }, (_, i) => ring.entity[(ring.head + i) & ring.mask]);
        expect(rest).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });
});
