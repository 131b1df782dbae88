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

  /** Empties the ring, keeping its arrays (entries beyond `length` are never read). */
  clear(): this {
    this.head = 0;
    this.length = 0;
    return this;
  }

  /** Drops the first entry (read it first through `head`). */
  shift(): void {
    this.head = (this.head + 1) & this.mask;
    this.length--;
  }

  /** Doubles the capacity, laying the entries out from position 0 (two block copies per array). */
  private grow(): void {
    const cap = (this.mask + 1) * 2;
    this.entity = unwrap(this.entity, new Int32Array(cap), this.head, this.length);
    this.stamp = unwrap(this.stamp, new Int32Array(cap), this.head, this.length);
    this.since = unwrap(this.since, new Float64Array(cap), this.head, this.length);
    this.stream = unwrap(this.stream, new Int32Array(cap), this.head, this.length);
    this.head = 0;
    this.mask = cap - 1;
  }
}

/** Copies the `length` entries of ring array `from` starting at `head` (wrapping) to the start of `to`. */
function unwrap<T extends Int32Array | Float64Array>(from: T, to: T, head: number, length: number): T {
  const first = Math.min(length, from.length - head);
  to.set(from.subarray(head, head + first));
  if (length > first) to.set(from.subarray(0, length - first), first);
  return to;
}
