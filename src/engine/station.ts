/**
 * A multi-server queueing station with one or more arrival streams, a queue discipline and a
 * server count that may follow a schedule. The model drives it: `arrive()` when an entity joins,
 * `complete()` from the handler when the station's completion event fires; the station schedules
 * service ends itself as `sim.at(now + serviceTime(entity, stream), completionKind, entity)`.
 *
 * Waiting entities sit in ring buffers of typed arrays (one for FIFO, one per stream for the
 * other disciplines). Cancellation is lazy: each waiting entry carries a stamp, `stampOf[entity]`
 * holds the stamp of the entity's live entry (0 when not waiting), and an entry whose stamp no
 * longer matches is skipped when it reaches the head. Entities are therefore non-negative int32
 * ids, best dense (rows of a case table): per-entity arrays grow to the largest id seen. That
 * index is built by the first cancel() (one pass over the queues) and kept from then on, so a
 * station that never cancels pays nothing for it; until then arrive() cannot tell that an entity
 * is already waiting here (afterwards it throws). The rings and the index are borrowed from the
 * simulation (Simulation.borrow), so after a reset the next run's stations reuse them.
 *
 * Invariant: whenever busy < servers nobody is waiting, so an arrival either starts at once or
 * queues, and freeing a server or adding one starts waiting entities immediately.
 */
import type { Calendar } from './calendar.js';
import { Ring } from './ring.js';
import type { Simulation } from './simulation.js';
import {
  type CapacitySchedule,
  checkStationOptions,
  type Discipline,
  FIFO,
  isCount,
  PRIORITY,
  type StationOptions,
  type StationStats,
} from './station-options.js';

export {
  type Discipline,
  type CapacitySchedule,
  type StationOptions,
  type StationStats,
  CAPACITY_FALL_POLICY,
} from './station-options.js';

export class Station {
  readonly name: string;
  readonly streams: number;
  readonly discipline: Discipline;
  private readonly sim: Simulation;
  private readonly calendar: Calendar;
  private readonly mode: number;
  private readonly completionKind: number;
  private readonly serviceTime: (entity: number, stream: number) => number;
  private readonly rings: Ring[];
  private readonly live: Int32Array;
  private readonly served: Float64Array;
  private readonly shares: Float64Array;
  /** Per-entity index of waiting entries, kept once the first cancel() has built it. */
  private tracking = false;
  private index: WaitingIndex | undefined;
  /** The index's arrays, held here too so the hot paths read them without a hop. */
  private stampOf: Int32Array = new Int32Array(0);
  private streamOf: Int32Array = new Int32Array(0);
  private nextStamp = 1;
  private visiting = 0;
  private nServers = 0;
  private nBusy = 0;
  private nWaiting = 0;
  // Statistics.
  private lastT: number;
  private t0: number;
  private nArrivals = 0;
  private nStarts = 0;
  private nCompletions = 0;
  private nCancelled = 0;
  private sumWait = 0;
  private areaW = 0;
  private areaB = 0;
  private areaS = 0;

  constructor(sim: Simulation, options: StationOptions) {
    const o = checkStationOptions(options);
    this.sim = sim;
    this.calendar = sim.calendar;
    this.name = o.name;
    this.streams = o.streams;
    this.discipline = o.discipline;
    this.mode = o.mode;
    this.shares = o.shares;
    this.completionKind = o.completionKind;
    this.serviceTime = o.serviceTime;
    this.rings = [];
    // From the simulation, which reuses the rings of an earlier run's stations after a reset().
    for (let s = 0; s < (this.mode === FIFO ? 1 : o.streams); s++) this.rings.push(sim.borrow(Ring));
    this.live = new Int32Array(o.streams);
    this.served = new Float64Array(o.streams);
    this.lastT = sim.now;
    this.t0 = sim.now;
    const servers = o.servers;
    if (typeof servers === 'number') this.nServers = servers;
    else this.followSchedule(servers);
  }

  /**
   * Starts with the count in force now (0 before the first step) and applies each later step as
   * an engine-internal event at PRIORITY_CAPACITY, each step scheduling the next.
   */
  private followSchedule({ times, servers }: CapacitySchedule): void {
    const sim = this.sim;
    let i = -1;
    while (i + 1 < times.length && times[i + 1]! <= sim.now) i++;
    this.nServers = i >= 0 ? servers[i]! : 0;
    const capacityKind = sim.internalKind((_kind, step) => {
      this.setServers(servers[step]!);
      if (step + 1 < times.length) sim.atInternal(times[step + 1]!, capacityKind, step + 1);
    });
    if (i + 1 < times.length) sim.atInternal(times[i + 1]!, capacityKind, i + 1);
  }

  get servers(): number {
    return this.nServers;
  }

  get busy(): number {
    return this.nBusy;
  }

  /** Entities waiting (cancelled ones excluded), all streams. */
  get waiting(): number {
    return this.nWaiting;
  }

  waitingIn(stream: number): number {
    return this.live[stream] ?? 0;
  }

  /**
   * An entity joins: it starts service now if a server is free (then nobody is waiting), else it
   * waits. `stream` is an integer in [0, streams). An entity may wait at most once at a time.
   */
  arrive(entity: number, stream = 0): void {
    if ((entity | 0) !== entity || entity < 0 || (stream >>> 0) !== stream || stream >= this.streams) {
      this.fail(`arrive(${entity}, ${stream}): need an entity id >= 0 (int32) and a stream in [0, ${this.streams})`);
    }
    this.accrue();
    this.nArrivals++;
    if (this.nBusy < this.nServers) this.begin(entity, stream);
    else this.enqueue(entity, stream);
  }

  private enqueue(entity: number, stream: number): void {
    const stamp = this.nextStamp;
    this.nextStamp = stamp === 0x7fffffff ? 1 : stamp + 1;
    if (this.tracking) this.track(entity, stamp, stream);
    this.rings[this.mode === FIFO ? 0 : stream]!.push(entity, stamp, this.sim.now, stream);
    this.live[stream]!++;
    this.nWaiting++;
  }

  /** Call from the handler on this station's completionKind: frees a server, starts the next. */
  complete(): void {
    if (this.nBusy === 0) this.fail('complete() with no entity in service');
    this.accrue();
    this.nBusy--;
    this.nCompletions++;
    if (this.nWaiting > 0 && this.nBusy < this.nServers) this.startNext();
  }

  /** Throws a RangeError naming the station (out of line, to keep the hot methods small). */
  private fail(message: string): never {
    throw new RangeError(`Station ${this.name}: ${message}`);
  }

  /** Removes a WAITING entity from the queue (throws if it is not waiting). */
  cancel(entity: number): void {
    if (!this.tracking) this.startTracking();
    if (!(entity >= 0 && entity < this.stampOf.length) || this.stampOf[entity] === 0) {
      this.fail(`cancel(${entity}): the entity is not waiting here`);
    }
    this.accrue();
    this.stampOf[entity] = 0;
    const stream = this.streamOf[entity]!;
    this.live[stream]!--;
    this.nWaiting--;
    this.nCancelled++;
    if (this.visiting === 0) {
      const ring = this.rings[this.mode === FIFO ? 0 : stream]!;
      const liveHere = this.mode === FIFO ? this.nWaiting : this.live[stream]!;
      if (ring.length > 1024 && ring.length > 2 * liveHere) this.compact(ring);
    }
  }

  /**
   * Visits every waiting entity, queue by queue in service order within each queue (FIFO: one
   * queue in arrival order; otherwise stream 0 first). The visitor may cancel() entities; it
   * must not call arrive(), complete() or setServers() of this station.
   */
  forEachWaiting(visit: (entity: number, stream: number, since: number) => void): void {
    this.visiting++;
    try {
      for (const ring of this.rings) {
        const n = ring.length;
        for (let i = 0; i < n; i++) {
          const at = (ring.head + i) & ring.mask;
          const e = ring.entity[at]!;
          if (!this.tracking || this.stampOf[e] === ring.stamp[at]) visit(e, ring.stream[at]!, ring.since[at]!);
        }
      }
    } finally {
      this.visiting--;
    }
  }

  /** Sets the server count now (integer >= 0); see CAPACITY_FALL_POLICY for reductions. */
  setServers(n: number): void {
    if (!isCount(n)) this.fail(`setServers: need an integer >= 0, got ${n}`);
    this.accrue();
    this.nServers = n;
    while (this.nWaiting > 0 && this.nBusy < this.nServers) this.startNext();
  }

  get stats(): StationStats {
    this.accrue();
    return {
      arrivals: this.nArrivals,
      starts: this.nStarts,
      completions: this.nCompletions,
      cancelled: this.nCancelled,
      waitSum: this.sumWait,
      areaWaiting: this.areaW,
      areaBusy: this.areaB,
      areaServers: this.areaS,
      startTime: this.t0,
      endTime: this.sim.now,
    };
  }

  /** Zeroes the statistics from now on (e.g. after a warm-up); the queue state is kept. */
  resetStats(): void {
    this.accrue();
    this.t0 = this.sim.now;
    this.nArrivals = this.nStarts = this.nCompletions = this.nCancelled = 0;
    this.sumWait = this.areaW = this.areaB = this.areaS = 0;
  }

  /** Brings the time integrals up to now. */
  private accrue(): void {
    const now = this.sim.now;
    const dt = now - this.lastT;
    if (dt > 0) {
      this.areaW += dt * this.nWaiting;
      this.areaB += dt * this.nBusy;
      this.areaS += dt * this.nServers;
      this.lastT = now;
    }
  }

  /** Starts service now (the wait, if any, is already counted). */
  private begin(entity: number, stream: number): void {
    const now = this.sim.now;
    this.nBusy++;
    this.nStarts++;
    this.served[stream]!++;
    const d = this.serviceTime(entity, stream);
    if (!(d >= 0 && d < Infinity)) this.fail(`serviceTime(${entity}, ${stream}) at ${now} returned ${d}; need finite >= 0`);
    // Checked already: the time just above, kind at construction, entity in arrive().
    this.calendar.schedule(now + d, 0, this.completionKind, entity);
  }

  /** Starts the next waiting entity per the discipline; requires nWaiting > 0. */
  private startNext(): void {
    const ring = this.mode === FIFO ? this.rings[0]! : this.pickRing();
    for (;;) {
      const at = ring.head;
      const e = ring.entity[at]!;
      const live = !this.tracking || this.stampOf[e] === ring.stamp[at];
      ring.shift();
      if (live) {
        if (this.tracking) this.stampOf[e] = 0;
        const stream = ring.stream[at]!;
        this.live[stream]!--;
        this.nWaiting--;
        this.sumWait += this.sim.now - ring.since[at]!;
        this.begin(e, stream);
        return;
      }
    }
  }

  /** The queue a freed server serves under 'priority' or 'share' (some stream is non-empty). */
  private pickRing(): Ring {
    if (this.mode === PRIORITY) {
      let s = 0;
      while (this.live[s] === 0) s++;
      return this.rings[s]!;
    }
    let best = -1;
    let bestRatio = Infinity;
    for (let s = 0; s < this.streams; s++) {
      if (this.live[s] === 0) continue;
      const ratio = this.served[s]! / this.shares[s]!;
      if (ratio < bestRatio) {
        bestRatio = ratio;
        best = s;
      }
    }
    return this.rings[best]!;
  }

  /** Records the live entry of a waiting entity in the index. */
  private track(entity: number, stamp: number, stream: number): void {
    if (entity >= this.stampOf.length) this.growEntities(entity);
    if (this.stampOf[entity] !== 0) this.fail(`entity ${entity} arrived while already waiting here`);
    this.stampOf[entity] = stamp;
    this.streamOf[entity] = stream;
  }

  /** Builds the per-entity index from the queues (every entry is live before the first cancel). */
  private startTracking(): void {
    this.tracking = true;
    this.index = this.sim.borrow(WaitingIndex);
    this.stampOf = this.index.stampOf;
    this.streamOf = this.index.streamOf;
    for (const ring of this.rings) {
      for (let i = 0; i < ring.length; i++) {
        const at = (ring.head + i) & ring.mask;
        this.track(ring.entity[at]!, ring.stamp[at]!, ring.stream[at]!);
      }
    }
  }

  private growEntities(entity: number): void {
    const index = this.index!;
    index.grow(entity);
    this.stampOf = index.stampOf;
    this.streamOf = index.streamOf;
  }

  /** Drops dead (cancelled) entries from a ring, in place, keeping the order. */
  private compact(ring: Ring): void {
    let w = 0;
    for (let r = 0; r < ring.length; r++) {
      const from = (ring.head + r) & ring.mask;
      if (this.stampOf[ring.entity[from]!] !== ring.stamp[from]) continue;
      const to = (ring.head + w) & ring.mask;
      ring.entity[to] = ring.entity[from]!;
      ring.stamp[to] = ring.stamp[from]!;
      ring.since[to] = ring.since[from]!;
      ring.stream[to] = ring.stream[from]!;
      w++;
    }
    ring.length = w;
  }
}

/**
 * A station's per-entity index of waiting entries: the stamp of the entity's live entry (0 when
 * not waiting) and its stream. Borrowed from the simulation, so a later run's station reuses it.
 */
class WaitingIndex {
  stampOf = new Int32Array(0);
  streamOf = new Int32Array(0);

  /** Nobody is waiting (a stream is only read where a stamp is set). */
  clear(): this {
    this.stampOf.fill(0);
    return this;
  }

  /** Room for ids up to `entity`, by doubling. */
  grow(entity: number): void {
    let cap = Math.max(1024, this.stampOf.length);
    while (cap <= entity) cap *= 2;
    const stampOf = new Int32Array(cap);
    stampOf.set(this.stampOf);
    this.stampOf = stampOf;
    const streamOf = new Int32Array(cap);
    streamOf.set(this.streamOf);
    this.streamOf = streamOf;
  }
}
