/**
 * An event calendar with O(log n) operations whatever the distribution of event times: an
 * implicit binary min-heap on typed arrays. (The default, CalendarQueue, is O(1) expected but
 * relies on the spread of times being estimable; this one has no such assumption.)
 *
 * Shape, chosen by measurement (bench/README.md):
 * - The heap holds only what sifting needs: the time (Float64Array) and a slot number
 *   (Int32Array). Each event's priority, sequence, kind and entity live in a slot pool, touched
 *   once when scheduled, once when popped, and for comparisons only when two times are equal
 *   (rare in continuous time). Freed slots are reused last-in first-out, so they stay in cache.
 * - Pop is bottom-up (Floyd): the hole at the root follows the smaller child down to a leaf
 *   (one comparison per level instead of two), then the last element sifts up from there, which
 *   is usually zero or one level since it came from the bottom.
 * - Nothing is allocated per event; the arrays double when full.
 *
 * The order is the rule in calendar.ts, (time, priority, insertion sequence) ascending; `earlier`
 * below is `before()` specialised to a slot pool.
 */
import type { Calendar } from './calendar.js';

export class HeapCalendar implements Calendar {
  time = 0;
  kind = 0;
  entity = 0;
  private n = 0;
  private seq = 0;
  /** Heap: event times, and the slot of each event. */
  private ht: Float64Array;
  private hs: Int32Array;
  /** Slot pool: priority, sequence, kind, entity; and the stack of free slots. */
  private pp: Float64Array;
  private pq: Float64Array;
  private pk: Int32Array;
  private pe: Int32Array;
  private free: Int32Array;
  private nFree: number;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(4, initialCapacity | 0);
    this.ht = new Float64Array(cap);
    this.hs = new Int32Array(cap);
    this.pp = new Float64Array(cap);
    this.pq = new Float64Array(cap);
    this.pk = new Int32Array(cap);
    this.pe = new Int32Array(cap);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.nFree = cap;
  }

  get size(): number {
    return this.n;
  }

  /** Doubles every array; the new slots go on the free stack. Only called when no slot is free. */
  private grow(): void {
    const old = this.ht.length;
    const cap = old * 2;
    const more = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    const f64 = (k: number) => new Float64Array(k);
    const i32 = (k: number) => new Int32Array(k);
    this.ht = more(this.ht, f64);
    this.hs = more(this.hs, i32);
    this.pp = more(this.pp, f64);
    this.pq = more(this.pq, f64);
    this.pk = more(this.pk, i32);
    this.pe = more(this.pe, i32);
    this.free = new Int32Array(cap);
    for (let i = 0; i < old; i++) this.free[i] = cap - 1 - i;
    this.nFree = old;
  }

  schedule(time: number, priority: number, kind: number, entity: number): void {
    if (this.nFree === 0) this.grow();
    const slot = this.free[--this.nFree]!;
    this.pp[slot] = priority;
    this.pq[slot] = this.seq++;
    this.pk[slot] = kind;
    this.pe[slot] = entity;
    this.siftUp(this.n++, time, slot);
  }

  /** Places (time, slot) at hole `i` or above it. */
  private siftUp(i: number, time: number, slot: number): void {
    const ht = this.ht;
    const hs = this.hs;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = ht[parent]!;
      if (time > pt || (time === pt && !this.earlier(slot, hs[parent]!))) break;
      ht[i] = pt;
      hs[i] = hs[parent]!;
      i = parent;
    }
    ht[i] = time;
    hs[i] = slot;
  }

  /** At equal times: does slot a go before slot b (priority, then sequence)? */
  private earlier(a: number, b: number): boolean {
    const pa = this.pp[a]!;
    const pb = this.pp[b]!;
    return pa < pb || (pa === pb && this.pq[a]! < this.pq[b]!);
  }

  pop(): boolean {
    if (this.n === 0) return false;
    const ht = this.ht;
    const hs = this.hs;
    const top = hs[0]!;
    this.time = ht[0]!;
    this.kind = this.pk[top]!;
    this.entity = this.pe[top]!;
    this.free[this.nFree++] = top;
    const n = --this.n;
    if (n === 0) return true;
    // Move the hole from the root to a leaf along the earlier child.
    let i = 0;
    const lastWithTwo = (n - 2) >> 1; // nodes whose children 2i+1 and 2i+2 both lie below n
    while (i <= lastWithTwo) {
      let c = 2 * i + 1;
      const a = ht[c]!;
      const b = ht[c + 1]!;
      if (b < a || (b === a && this.earlier(hs[c + 1]!, hs[c]!))) c++;
      ht[i] = ht[c]!;
      hs[i] = hs[c]!;
      i = c;
    }
    const only = 2 * i + 1;
    if (only < n) {
      ht[i] = ht[only]!;
      hs[i] = hs[only]!;
      i = only;
    }
    // Refill it with the last element.
    this.siftUp(i, ht[n]!, hs[n]!);
    return true;
  }

  popUntil(until: number): boolean {
    return this.n > 0 && this.ht[0]! <= until && this.pop();
  }

  peekTime(): number {
    return this.n === 0 ? Infinity : this.ht[0]!;
  }

  clear(): void {
    // Every slot is free again.
    const cap = this.ht.length;
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.nFree = cap;
    this.n = 0;
    this.seq = 0;
  }
}
