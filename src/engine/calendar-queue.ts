/**
 * A calendar queue (R. Brown, "Calendar queues", CACM 1988) on typed arrays: O(1) expected time
 * per event, against O(log n) for the heap, which is what makes it the Simulation's default.
 *
 * Time is cut into buckets of width `w`; absolute bucket b = floor(time · (1/w)) lives in slot
 * b mod nb of a circular array of `nb` sorted singly linked lists (a "year" is nb·w). Popping
 * scans forward from the current absolute bucket for a list whose head belongs to that bucket;
 * if a whole year is empty it searches the list heads directly. The queue re-tunes itself by
 * rebuilding with new nb and w: when the size leaves [nb/2, 2nb], and when the measured work per
 * operation (list steps on insert, empty buckets on pop) grows too large because the spread of
 * event times has changed. The width is three times the mean gap between the earliest pending
 * events, the region where pops happen.
 *
 * Far tier: events beyond the near tier's horizon wait, unsorted, in coarse "far buckets" (half a
 * near year wide, re-scaled when the near year changes by more than a factor 2) and move into the
 * sorted buckets a far bucket at a time as the clock approaches. Without it, far-future events
 * (in the UK model, ~30,000 departure clocks years ahead against ~2,000 events due within weeks)
 * set the bucket count, and nearly every near event's insert and bucket change had to step past
 * or read one of them. Order is kept: a far event's list is in scheduling order, a far bucket
 * moves in before any later-scheduled event of its time range goes to the near tier, and the
 * near tier holds only events before every far one, so pops never look at the far tier.
 *
 * Order: lists are kept sorted by (time, priority, insertion sequence) and absolute buckets are
 * monotone in time, so events leave in exactly the order of the rule in calendar.ts, including
 * for events scheduled earlier than the last one popped (the scan moves back to them).
 *
 * Per event: a slot in a pool holds time, priority, sequence, absolute bucket, kind, entity and
 * the next link; freed slots are reused last-in first-out. Nothing is allocated per event.
 */
import type { Calendar } from './calendar.js';

const MIN_BUCKETS = 16;
/**
 * Work (list steps + empty buckets scanned) per operation above which the queue re-tunes. A
 * well-tuned queue does well under 1; a width estimated in a transient (e.g. at time 0, when few
 * services have started) can leave ~15 events per bucket and 3–4 steps per insert for a whole
 * run, which a higher threshold never corrects.
 */
const MAX_WORK_PER_OP = 1;
/** Operations between checks of the work per operation. */
const CHECK_EVERY = 4096;
/** Bucket width in mean gaps between the earliest events. */
const WIDTH_IN_GAPS = 3;
/** Earliest events used to estimate the mean gap. */
const GAP_SAMPLE = 64;
/** Buckets of the far tier (a power of two); events further than this many far widths alias. */
const FAR_BUCKETS = 256;
const FAR_MASK = FAR_BUCKETS - 1;
/** Far bucket width in near "years" (buckets × width). */
const FAR_WIDTH_IN_YEARS = 0.5;

export class CalendarQueue implements Calendar {
  time = 0;
  kind = 0;
  entity = 0;
  private n = 0;
  /** Events in the near tier (the sorted buckets); n - nNear are in the far tier. */
  private nNear = 0;
  private seq = 0;
  // Slot pool.
  private st: Float64Array;
  private sp: Float64Array;
  private sq: Float64Array;
  private sb: Float64Array;
  private sk: Int32Array;
  private se: Int32Array;
  private nx: Int32Array;
  private free: Int32Array;
  private nFree: number;
  // Buckets.
  private head: Int32Array = new Int32Array(MIN_BUCKETS).fill(-1);
  /** Last slot of each list: appending (the usual case, and every run of ties) is O(1). */
  private tail: Int32Array = new Int32Array(MIN_BUCKETS).fill(-1);
  private mask = MIN_BUCKETS - 1;
  /** 1 / bucket width: bucket numbers come from one multiplication (monotone in time, too). */
  private perWidth = 1;
  /** Absolute number of the earliest bucket that may hold an event. */
  private cur = 0;
  /** Sizes outside [lowWater, highWater] trigger a resize. */
  private highWater = 2 * MIN_BUCKETS;
  private lowWater = -1;
  // Self-tuning: work done and operations since the last check.
  private work = 0;
  private ops = 0;
  /** Operations since the last rebuild: re-tuning waits for n of them, so it stays O(1) amortised. */
  private sinceRebuild = 0;
  // Far tier: unsorted lists, one per far bucket mod FAR_BUCKETS (absolute far bucket in sb).
  private farHead: Int32Array = new Int32Array(FAR_BUCKETS).fill(-1);
  private farTail: Int32Array = new Int32Array(FAR_BUCKETS).fill(-1);
  private perFarWidth = 1 / MIN_BUCKETS;
  /** Absolute far bucket of the next far bucket to move into the near tier: events before it are near. */
  private farNext = 0;
  /** The near bucket at which the near tier takes in the next far bucket. */
  private migrateAt = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(4, initialCapacity | 0);
    this.st = new Float64Array(cap);
    this.sp = new Float64Array(cap);
    this.sq = new Float64Array(cap);
    this.sb = new Float64Array(cap);
    this.sk = new Int32Array(cap);
    this.se = new Int32Array(cap);
    this.nx = new Int32Array(cap);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.nFree = cap;
  }

  get size(): number {
    return this.n;
  }

  schedule(time: number, priority: number, kind: number, entity: number): void {
    if (this.nFree === 0) this.grow();
    const slot = this.free[--this.nFree]!;
    this.st[slot] = time;
    this.sp[slot] = priority;
    this.sq[slot] = this.seq++;
    this.sk[slot] = kind;
    this.se[slot] = entity;
    this.n++;
    const fb = Math.floor(time * this.perFarWidth);
    if (fb >= this.farNext) {
      this.farAppend(slot, fb);
      return;
    }
    this.insert(slot);
    if (++this.nNear > this.highWater || ++this.ops >= CHECK_EVERY) this.maintain();
  }

  /** Appends a slot to far bucket `fb`'s list: events of equal time stay in scheduling order. */
  private farAppend(slot: number, fb: number): void {
    this.sb[slot] = fb;
    this.nx[slot] = -1;
    const i = fb & FAR_MASK;
    const t = this.farTail[i]!;
    if (t < 0) this.farHead[i] = slot;
    else this.nx[t] = slot;
    this.farTail[i] = slot;
  }

  /**
   * Moves far bucket farNext into the near tier. Events of equal time share a list, in scheduling
   * order, so equal (time, priority) events are inserted in sequence order; every event scheduled
   * later with a time in this far bucket goes straight to the near tier, after them.
   */
  private migrate(): void {
    const fb = this.farNext++;
    const i = fb & FAR_MASK;
    const nx = this.nx;
    const sb = this.sb;
    let h = this.farHead[i]!;
    let keptHead = -1;
    let keptTail = -1;
    while (h >= 0) {
      const next = nx[h]!;
      if (sb[h] === fb) {
        this.insert(h);
        this.nNear++;
      } else {
        // A later far "year": stays, in order.
        nx[h] = -1;
        if (keptTail < 0) keptHead = h;
        else nx[keptTail] = h;
        keptTail = h;
      }
      h = next;
    }
    this.farHead[i] = keptHead;
    this.farTail[i] = keptTail;
    this.setMigrateAt();
  }

  /** The near tier takes in the next far bucket once the scan reaches the last one taken in. */
  private setMigrateAt(): void {
    this.migrateAt = Math.floor(((this.farNext - 1) / this.perFarWidth) * this.perWidth);
  }

  /** The near tier is empty and the far one is not: move in far buckets until an event arrives. */
  private refill(): void {
    this.cur = Infinity;
    for (let k = 0; k < FAR_BUCKETS && this.nNear === 0; k++) this.migrate();
    if (this.nNear > 0) return;
    // Every far event lies more than a far year ahead: jump to the earliest far bucket.
    let min = Infinity;
    for (let i = 0; i < FAR_BUCKETS; i++) {
      for (let h = this.farHead[i]!; h >= 0; h = this.nx[h]!) if (this.sb[h]! < min) min = this.sb[h]!;
    }
    this.farNext = min;
    this.migrate();
  }

  /** Links a slot into its bucket's sorted list. */
  private insert(slot: number): void {
    const st = this.st;
    const sp = this.sp;
    const nx = this.nx;
    const time = st[slot]!;
    const priority = sp[slot]!;
    const b = Math.floor(time * this.perWidth);
    this.sb[slot] = b;
    if (b < this.cur) this.cur = b;
    const i = b & this.mask;
    let h = this.head[i]!;
    if (h < 0) {
      nx[slot] = -1;
      this.head[i] = this.tail[i] = slot;
      return;
    }
    // The new event goes after every event with a smaller or equal (time, priority): equal ones
    // were scheduled earlier. Most often that is after the last one.
    const t = this.tail[i]!;
    if (st[t]! < time || (st[t]! === time && sp[t]! <= priority)) {
      nx[slot] = -1;
      nx[t] = slot;
      this.tail[i] = slot;
      return;
    }
    if (time < st[h]! || (time === st[h]! && priority < sp[h]!)) {
      nx[slot] = h;
      this.head[i] = slot;
      return;
    }
    // Somewhere in the middle (the walk stops before the tail).
    let prev = h;
    h = nx[h]!;
    while (h >= 0 && (st[h]! < time || (st[h]! === time && sp[h]! <= priority))) {
      prev = h;
      h = nx[h]!;
      this.work++;
    }
    nx[slot] = h;
    nx[prev] = slot;
  }

  pop(): boolean {
    if (this.n === 0) return false;
    this.take(this.first());
    return true;
  }

  popUntil(until: number): boolean {
    if (this.n === 0) return false;
    const h = this.first();
    if (this.st[h]! > until) return false;
    this.take(h);
    return true;
  }

  peekTime(): number {
    return this.n === 0 ? Infinity : this.st[this.first()]!;
  }

  /** The slot of the first event (n > 0); leaves `cur` at its absolute bucket. */
  private first(): number {
    const b = this.cur;
    const h = this.head[b & this.mask]!;
    return h >= 0 && this.sb[h] === b ? h : this.scan();
  }

  /** first() beyond the current bucket: scan a year of buckets, then search the heads. */
  private scan(): number {
    const head = this.head;
    const sb = this.sb;
    const mask = this.mask;
    if (this.nNear === 0 || (this.cur >= this.migrateAt && this.nNear < this.n)) {
      // Events moved in may fall in the current bucket too.
      if (this.nNear === 0) this.refill();
      else this.migrate();
      const h = head[this.cur & mask]!;
      if (h >= 0 && sb[h] === this.cur) return h;
    }
    let b = this.cur + 1;
    for (let k = 1; k <= mask; k++, b++) {
      const h = head[b & mask]!;
      if (h >= 0 && sb[h] === b) {
        this.work += k;
        this.cur = b;
        return h;
      }
    }
    // A whole year without an event: take the earliest list head.
    this.work += 2 * (mask + 1);
    let best = -1;
    for (let i = 0; i <= mask; i++) {
      const h = head[i]!;
      if (h >= 0 && (best < 0 || this.precedes(h, best))) best = h;
    }
    this.cur = sb[best]!;
    return best;
  }

  /** Does slot a leave before slot b? The rule of calendar.ts. */
  private precedes(a: number, b: number): boolean {
    const ta = this.st[a]!;
    const tb = this.st[b]!;
    if (ta !== tb) return ta < tb;
    const pa = this.sp[a]!;
    const pb = this.sp[b]!;
    return pa < pb || (pa === pb && this.sq[a]! < this.sq[b]!);
  }

  /** Unlinks `h`, the head of the current bucket, and exposes it. */
  private take(h: number): void {
    const next = this.nx[h]!;
    const i = this.cur & this.mask;
    this.head[i] = next;
    if (next < 0) this.tail[i] = -1;
    this.time = this.st[h]!;
    this.kind = this.sk[h]!;
    this.entity = this.se[h]!;
    this.free[this.nFree++] = h;
    this.n--;
    if (--this.nNear < this.lowWater || ++this.ops >= CHECK_EVERY) this.maintain();
  }

  /**
   * Keeps the slot pool and the buckets with their width: a calendar reused for another run of a
   * similar model starts at the size it grew to instead of re-growing through every doubling (the
   * self-tuning corrects the width if it no longer fits). The order of events never depends on it.
   */
  clear(): void {
    const cap = this.st.length;
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.nFree = cap;
    this.n = 0;
    this.nNear = 0;
    this.seq = 0;
    this.head.fill(-1);
    this.tail.fill(-1);
    this.farHead.fill(-1);
    this.farTail.fill(-1);
    this.farNext = 0;
    this.setMigrateAt();
    this.work = 0;
    this.ops = 0;
    this.sinceRebuild = 0;
  }

  /** Off the hot path: resize when the size left [nb/2, 2nb], or re-tune if working too hard. */
  private maintain(): void {
    const buckets = this.mask + 1;
    if (this.nNear > this.highWater) this.rebuild(2 * buckets);
    else if (this.nNear < this.lowWater) this.rebuild(buckets >> 1);
    else if (this.ops >= CHECK_EVERY) {
      this.sinceRebuild += this.ops;
      if (this.work > MAX_WORK_PER_OP * this.ops && this.sinceRebuild >= this.nNear) this.rebuild(buckets);
      this.work = 0;
      this.ops = 0;
    }
  }

  /** Re-links every event into `buckets` lists of a freshly estimated width. */
  private rebuild(buckets: number): void {
    const m = this.nNear;
    const oldHead = this.head;
    const slots = new Int32Array(m);
    // The GAP_SAMPLE earliest times, ascending (a partial insertion sort: no full sort of m).
    const earliest = new Float64Array(Math.min(m, GAP_SAMPLE));
    let kept = 0;
    let latest = -Infinity;
    let j = 0;
    // Lists in old bucket order; within a list, sorted, so equal (time, priority) events are
    // re-inserted in sequence order and keep it.
    for (let i = 0; i < oldHead.length; i++) {
      for (let h = oldHead[i]!; h >= 0; h = this.nx[h]!) {
        slots[j++] = h;
        const t = this.st[h]!;
        if (t > latest) latest = t;
        if (kept < earliest.length || t < earliest[kept - 1]!) {
          let at = kept < earliest.length ? kept++ : kept - 1;
          while (at > 0 && earliest[at - 1]! > t) {
            earliest[at] = earliest[at - 1]!;
            at--;
          }
          earliest[at] = t;
        }
      }
    }
    const k = kept;
    let gap = k > 1 ? (earliest[k - 1]! - earliest[0]!) / (k - 1) : 0;
    if (!(gap > 0) && m > 1) gap = (latest - earliest[0]!) / (m - 1);
    if (gap > 0 && Number.isFinite(1 / gap)) this.perWidth = 1 / (WIDTH_IN_GAPS * gap);
    this.head = new Int32Array(buckets).fill(-1);
    this.tail = new Int32Array(buckets).fill(-1);
    this.mask = buckets - 1;
    this.highWater = 2 * buckets;
    this.lowWater = buckets > MIN_BUCKETS ? buckets >> 1 : -1;
    this.cur = m > 0 ? Math.floor(earliest[0]! * this.perWidth) : 0;
    for (let i = 0; i < m; i++) this.insert(slots[i]!);
    this.retuneFar(buckets / this.perWidth, m > 0 ? latest : NaN);
    this.setMigrateAt();
    this.work = 0;
    this.ops = 0;
    this.sinceRebuild = 0;
  }

  /**
   * Gives the far tier a width of FAR_WIDTH_IN_YEARS near years when it is more than a factor 2
   * off, re-bucketing its events. The new boundary lies beyond the latest near event (`latest`,
   * NaN if none), so near events stay before it; far events that fall before it move in. Lists
   * are walked in order, so equal times (same list) keep scheduling order.
   */
  private retuneFar(nearYear: number, latest: number): void {
    const width = FAR_WIDTH_IN_YEARS * nearYear;
    const old = 1 / this.perFarWidth;
    if (!(width > 0) || !Number.isFinite(1 / width) || (width < 2 * old && width > 0.5 * old)) return;
    const per = 1 / width;
    const next = Number.isNaN(latest) ? Math.floor(this.farNext * old * per) : Math.floor(latest * per) + 1;
    const oldHead = this.farHead;
    this.farHead = new Int32Array(FAR_BUCKETS).fill(-1);
    this.farTail.fill(-1);
    this.perFarWidth = per;
    this.farNext = next;
    for (let i = 0; i < FAR_BUCKETS; i++) {
      for (let h = oldHead[i]!; h >= 0; ) {
        const following = this.nx[h]!;
        const fb = Math.floor(this.st[h]! * per);
        if (fb >= next) this.farAppend(h, fb);
        else {
          this.insert(h);
          this.nNear++;
        }
        h = following;
      }
    }
  }

  /** Doubles the slot pool; the new slots go on the free stack. Only called when none is free. */
  private grow(): void {
    const old = this.st.length;
    const cap = old * 2;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.st = f64(this.st);
    this.sp = f64(this.sp);
    this.sq = f64(this.sq);
    this.sb = f64(this.sb);
    this.sk = i32(this.sk);
    this.se = i32(this.se);
    this.nx = i32(this.nx);
    this.free = new Int32Array(cap);
    for (let i = 0; i < old; i++) this.free[i] = cap - 1 - i;
    this.nFree = old;
  }
}
