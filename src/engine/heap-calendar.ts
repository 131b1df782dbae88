/**
 * The fast event calendar: an implicit 4-ary min-heap kept as a struct of typed arrays (time,
 * priority, sequence, kind, entity), growing by doubling, with hole-based sifting (an element is
 * written once at its final place). Scheduling and popping allocate nothing. The order is the rule
 * in calendar.ts: (time, priority, insertion sequence) ascending; the comparisons here are
 * `before()` inlined, testing time first since equal times are rare in continuous time.
 */
import type { Calendar } from './calendar.js';

export class HeapCalendar implements Calendar {
  time = 0;
  kind = 0;
  entity = 0;
  private n = 0;
  private seq = 0;
  private ht: Float64Array;
  private hp: Float64Array;
  private hs: Float64Array;
  private hk: Int32Array;
  private he: Int32Array;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(4, initialCapacity | 0);
    this.ht = new Float64Array(cap);
    this.hp = new Float64Array(cap);
    this.hs = new Float64Array(cap);
    this.hk = new Int32Array(cap);
    this.he = new Int32Array(cap);
  }

  get size(): number {
    return this.n;
  }

  private grow(): void {
    const cap = this.ht.length * 2;
    const ht = new Float64Array(cap);
    ht.set(this.ht);
    this.ht = ht;
    const hp = new Float64Array(cap);
    hp.set(this.hp);
    this.hp = hp;
    const hs = new Float64Array(cap);
    hs.set(this.hs);
    this.hs = hs;
    const hk = new Int32Array(cap);
    hk.set(this.hk);
    this.hk = hk;
    const he = new Int32Array(cap);
    he.set(this.he);
    this.he = he;
  }

  schedule(time: number, priority: number, kind: number, entity: number): void {
    if (this.n === this.ht.length) this.grow();
    const ht = this.ht;
    const hp = this.hp;
    const hs = this.hs;
    const hk = this.hk;
    const he = this.he;
    const seq = this.seq++;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = ht[parent]!;
      if (time > pt || (time === pt && (priority > hp[parent]! || (priority === hp[parent]! && seq > hs[parent]!)))) {
        break;
      }
      ht[i] = pt;
      hp[i] = hp[parent]!;
      hs[i] = hs[parent]!;
      hk[i] = hk[parent]!;
      he[i] = he[parent]!;
      i = parent;
    }
    ht[i] = time;
    hp[i] = priority;
    hs[i] = seq;
    hk[i] = kind;
    he[i] = entity;
  }

  pop(): boolean {
    if (this.n === 0) return false;
    const ht = this.ht;
    const hp = this.hp;
    const hs = this.hs;
    const hk = this.hk;
    const he = this.he;
    this.time = ht[0]!;
    this.kind = hk[0]!;
    this.entity = he[0]!;
    const n = --this.n;
    if (n === 0) return true;
    // Sift the last element down from the root.
    const t = ht[n]!;
    const p = hp[n]!;
    const s = hs[n]!;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // Smallest child.
      let c = first;
      let ct = ht[c]!;
      const end = first + 4 < n ? first + 4 : n;
      for (let j = first + 1; j < end; j++) {
        const jt = ht[j]!;
        if (jt < ct || (jt === ct && (hp[j]! < hp[c]! || (hp[j]! === hp[c]! && hs[j]! < hs[c]!)))) {
          c = j;
          ct = jt;
        }
      }
      if (t < ct || (t === ct && (p < hp[c]! || (p === hp[c]! && s < hs[c]!)))) break;
      ht[i] = ct;
      hp[i] = hp[c]!;
      hs[i] = hs[c]!;
      hk[i] = hk[c]!;
      he[i] = he[c]!;
      i = c;
    }
    ht[i] = t;
    hp[i] = p;
    hs[i] = s;
    hk[i] = hk[n]!;
    he[i] = he[n]!;
    return true;
  }

  peekTime(): number {
    return this.n === 0 ? Infinity : this.ht[0]!;
  }

  clear(): void {
    this.n = 0;
    this.seq = 0;
  }
}
