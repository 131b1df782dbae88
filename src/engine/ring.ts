/**
 * A growable FIFO ring buffer of waiting entries on typed arrays: entity, a stamp (which lets a
 * station delete entries lazily), the time the entry joined, and its stream. Capacity is a power
 * of two so positions wrap with a mask. Pushing and shifting allocate nothing except when the
 * ring doubles.
 */
export class Ring {
  entity: Int32Array;
  stamp: Int32Array;
  since: Float64Array;
  stream: Int32Array;
  /** Position of the first entry. */
  head = 0;
  /** Entries held, live or dead. */
  length = 0;
  mask: number;

  constructor(initialCapacity = 64) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.entity = new Int32Array(cap);
    this.stamp = new Int32Array(cap);
    this.since = new Float64Array(cap);
    this.stream = new Int32Array(cap);
    this.mask = cap - 1;
  }

  push(entity: number, stamp: number, since: number, stream: number): void {
    if (this.length > this.mask) this.grow();
    const at = (this.head + this.length) & this.mask;
    this.entity[at] = entity;
    this.stamp[at] = stamp;
    this.since[at] = since;
    this.stream[at] = stream;
    this.length++;
  }

  /** Drops the first entry (read it first through `head`). */
  shift(): void {
    this.head = (this.head + 1) & this.mask;
    this.length--;
  }

  /** Doubles the capacity, laying the entries out from position 0. */
  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const entity = new Int32Array(cap);
    const stamp = new Int32Array(cap);
    const since = new Float64Array(cap);
    const stream = new Int32Array(cap);
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & this.mask;
      entity[i] = this.entity[from]!;
      stamp[i] = this.stamp[from]!;
      since[i] = this.since[from]!;
      stream[i] = this.stream[from]!;
    }
    this.entity = entity;
    this.stamp = stamp;
    this.since = since;
    this.stream = stream;
    this.head = 0;
    this.mask = cap - 1;
  }
}
