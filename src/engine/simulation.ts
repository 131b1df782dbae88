/**
 * The clock and the event loop. Events are integer-coded: a kind (what happens) and an entity
 * (to whom, usually a row of the model's case table). The model passes one handler that switches
 * on the kind; nothing is allocated per event and there are no per-event closures.
 *
 * Kinds >= 0 belong to the user. Negative kinds are the engine's own (e.g. a station's capacity
 * schedule): they are registered with `internalKind` and dispatched by the engine itself, never
 * shown to the user's handler. Order of events: see the rule in calendar.ts.
 */
import type { Calendar } from './calendar.js';
import { CalendarQueue } from './calendar-queue.js';

export type Handler = (kind: number, entity: number) => void;

/**
 * The priority of engine-internal capacity changes: lower than any user priority, so a capacity
 * change at time t applies before every user event at t. User priorities must be finite and
 * greater than this.
 */
export const PRIORITY_CAPACITY = -(2 ** 31);

/** A buffer a component can borrow from its simulation (see Simulation.borrow). */
export interface Reusable {
  /** Empties it for a new owner, keeping its memory. */
  clear(): this;
}

/** The event a handler was processing when it threw (see Simulation.failedEvent). */
export interface FailedEvent {
  readonly time: number;
  readonly kind: number;
  readonly entity: number;
}

export interface SimulationOptions {
  /** The event calendar; default a new CalendarQueue (O(1) per event; HeapCalendar is O(log n)). */
  calendar?: Calendar;
}

export class Simulation {
  /** The current simulated time (the model's unit, e.g. days). */
  now = 0;
  /**
   * The event being processed when a handler threw out of the last run(), so the model can say
   * where its run failed; undefined after a run that did not fail. Recorded only on the way out
   * of a failed run: no cost per event.
   */
  failedEvent: FailedEvent | undefined;
  private processed = 0;
  private running = false;
  /**
   * The event calendar. Engine components that have checked their inputs (a Station's service
   * ends) schedule into it directly; models should use `at`/`after`, which check.
   */
  readonly calendar: Calendar;
  private readonly internal: Handler[] = [];
  /** Buffers lent to components of this run, by class, in the order they asked; see borrow(). */
  private readonly spares = new Map<new () => Reusable, { items: Reusable[]; lent: number }>();

  constructor(options: SimulationOptions = {}) {
    this.calendar = options.calendar ?? new CalendarQueue();
  }

  /**
   * Back to time 0 with an empty calendar and no internal kinds, for a new run of a new model,
   * keeping the buffers: the calendar's slots and what components borrowed (see borrow). A model
   * that runs many replications in one thread reuses one Simulation rather than growing fresh
   * arrays every time. Components built on it before the reset must not be used after it.
   */
  reset(): this {
    if (this.running) throw new Error('Simulation.reset: called during run()');
    this.calendar.clear();
    this.now = 0;
    this.processed = 0;
    this.internal.length = 0;
    for (const pool of this.spares.values()) pool.lent = 0;
    return this;
  }

  /**
   * An empty buffer of class `type` for a component of this simulation (a station's queue, its
   * index of waiting entities). After a reset() the buffers of the previous run are lent again,
   * class by class in the order they were asked for, so a model that builds the same components
   * each run gets back buffers already grown to the size they needed, instead of growing fresh
   * ones by doubling every run.
   */
  borrow<T extends Reusable>(type: new () => T): T {
    let pool = this.spares.get(type);
    if (!pool) this.spares.set(type, (pool = { items: [], lent: 0 }));
    if (pool.lent < pool.items.length) return (pool.items[pool.lent++] as T).clear();
    const item = new type();
    pool.items.push(item);
    pool.lent++;
    return item;
  }

  /** Events processed since construction or the last reset() (all run() calls, internal events included). */
  get events(): number {
    return this.processed;
  }

  /** Events waiting in the calendar. */
  get pending(): number {
    return this.calendar.size;
  }

  /** Time of the next event, Infinity when none. */
  peekTime(): number {
    return this.calendar.peekTime();
  }

  /**
   * Schedules user event `kind` (an integer >= 0) for `entity` (an int32) at absolute `time`
   * (finite, >= now). Lower `priority` goes first among events at the same time.
   */
  at(time: number, kind: number, entity: number, priority = 0): void {
    // One combined test keeps this small enough for V8 to inline into handlers; the message is
    // built out of line.
    if (
      !(time >= this.now && time < Infinity) ||
      !(kind >= 0) ||
      (kind | 0) !== kind ||
      (entity | 0) !== entity ||
      (priority !== 0 && !(priority > PRIORITY_CAPACITY && priority < Infinity))
    ) {
      badEvent(this.now, time, kind, entity, priority);
    }
    this.calendar.schedule(time, priority, kind, entity);
  }

  /** Schedules user event `kind` for `entity` after `delay` (finite, >= 0) from now. */
  after(delay: number, kind: number, entity: number, priority = 0): void {
    this.at(this.now + delay, kind, entity, priority);
  }

  /**
   * Registers an engine-internal handler and returns its kind (negative). Events of that kind,
   * scheduled with `atInternal`, are dispatched to `handler` rather than to the user's handler.
   */
  internalKind(handler: Handler): number {
    this.internal.push(handler);
    return -this.internal.length;
  }

  /** Schedules an engine-internal event (kind from `internalKind`), by default at PRIORITY_CAPACITY. */
  atInternal(time: number, kind: number, entity: number, priority = PRIORITY_CAPACITY): void {
    if (!(time >= this.now && time < Infinity)) {
      throw new RangeError(`Simulation.atInternal: time must be finite and >= now (${this.now}), got ${time}`);
    }
    if (!(kind < 0 && -kind <= this.internal.length) || (kind | 0) !== kind) {
      throw new RangeError(`Simulation.atInternal: kind ${kind} was not returned by internalKind()`);
    }
    this.calendar.schedule(time, priority, kind, entity);
  }

  /**
   * Processes, in calendar order, every event with time <= `until` (including events that
   * handlers schedule during the run), then leaves `now = until`. With `until = Infinity` it runs
   * until the calendar is empty and leaves `now` at the last event's time. Returns the number of
   * events processed in this call.
   */
  run(until: number, handler: Handler): number {
    if (!(until >= this.now)) {
      throw new RangeError(`Simulation.run: until must be >= now (${this.now}), got ${until}`);
    }
    if (this.running) throw new Error('Simulation.run: already running (a handler called run)');
    this.running = true;
    this.failedEvent = undefined;
    const cal = this.calendar;
    const internal = this.internal;
    let count = 0;
    try {
      while (cal.popUntil(until)) {
        this.now = cal.time;
        const kind = cal.kind;
        count++;
        if (kind >= 0) handler(kind, cal.entity);
        else internal[-kind - 1]!(kind, cal.entity);
      }
    } catch (e) {
      this.failedEvent = { time: cal.time, kind: cal.kind, entity: cal.entity };
      throw e;
    } finally {
      this.processed += count;
      this.running = false;
    }
    if (until < Infinity) this.now = until;
    return count;
  }
}

function badEvent(now: number, time: number, kind: number, entity: number, priority: number): never {
  if (!(time >= now && time < Infinity)) {
    throw new RangeError(`Simulation.at: time must be finite and >= now (${now}), got ${time} (kind ${kind}, entity ${entity})`);
  }
  if (!(kind >= 0) || (kind | 0) !== kind || (entity | 0) !== entity) {
    throw new RangeError(`Simulation.at: kind must be an integer >= 0 and entity an int32, got kind ${kind}, entity ${entity}`);
  }
  throw new RangeError(`Simulation.at: priority must be finite and > PRIORITY_CAPACITY (${PRIORITY_CAPACITY}), got ${priority}`);
}
