/**
 * The event calendar: a priority queue of integer-coded events (time, priority, kind, entity).
 *
 * THE ORDER RULE (the only place it is written down): events leave the calendar in ascending
 * (time, priority, insertion sequence). At equal times the lower priority number goes first; at
 * equal time and priority the event scheduled first goes first. The order is total, so a run is
 * reproducible to the event; ties are never broken at random. `before()` below is the rule as
 * code; every implementation must agree with it, and `calendar.test.ts` checks that they do.
 *
 * `CalendarQueue` (calendar-queue.ts, O(1) expected per event, the Simulation's default) and
 * `HeapCalendar` (heap-calendar.ts, O(log n) whatever the distribution of times) are the fast
 * ones; `ReferenceCalendar` is naive and obviously correct, the oracle of the conformance suite.
 */

export interface Calendar {
  /** Adds an event. `time` and `priority` must be finite; kind and entity are int32. */
  schedule(time: number, priority: number, kind: number, entity: number): void;
  /** Removes the first event and exposes it in `time`, `kind`, `entity`; false when empty. */
  pop(): boolean;
  /** As pop(), but only if the first event's time is <= `until`; false otherwise. */
  popUntil(until: number): boolean;
  /** Fields of the event most recently popped. */
  readonly time: number;
  readonly kind: number;
  readonly entity: number;
  /** Events waiting in the calendar. */
  readonly size: number;
  /** Time of the first event, Infinity when empty. */
  peekTime(): number;
  /** Removes every event and restarts the insertion sequence. */
  clear(): void;
}

/** True when event a (time, priority, sequence) leaves the calendar before event b. */
export function before(ta: number, pa: number, sa: number, tb: number, pb: number, sb: number): boolean {
  return ta < tb || (ta === tb && (pa < pb || (pa === pb && sa < sb)));
}

interface RefEvent {
  time: number;
  priority: number;
  seq: number;
  kind: number;
  entity: number;
}

/** Linear scan over an unsorted array: O(n) per pop, for tests only. */
export class ReferenceCalendar implements Calendar {
  time = 0;
  kind = 0;
  entity = 0;
  private events: RefEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.events.length;
  }

  schedule(time: number, priority: number, kind: number, entity: number): void {
    this.events.push({ time, priority, seq: this.seq++, kind, entity });
  }

  private firstIndex(): number {
    let best = -1;
    for (let i = 0; i < this.events.length; i++) {
      const e = this.events[i]!;
      const b = best < 0 ? undefined : this.events[best]!;
      if (!b || before(e.time, e.priority, e.seq, b.time, b.priority, b.seq)) best = i;
    }
    return best;
  }

  pop(): boolean {
    const i = this.firstIndex();
    if (i < 0) return false;
    const e = this.events[i]!;
    this.events.splice(i, 1);
    this.time = e.time;
    this.kind = e.kind;
    this.entity = e.entity;
    return true;
  }

  popUntil(until: number): boolean {
    return this.peekTime() <= until && this.pop();
  }

  peekTime(): number {
    const i = this.firstIndex();
    return i < 0 ? Infinity : this.events[i]!.time;
  }

  clear(): void {
    this.events = [];
    this.seq = 0;
  }
}
