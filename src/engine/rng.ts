/**
 * Seeded random numbers: xoshiro128** on 32-bit integers (Math.imul, no BigInt), seeded through
 * splitmix32, and `streamRng` which derives an independent, reproducible stream by hashing a seed
 * with a list of keys. Every stage of a model draws from its own stream keyed by its name, so a
 * change in one stage does not shift the numbers another stage sees (common random numbers), and
 * parallel replications are byte-identical to serial ones. There is deliberately no global RNG.
 */

const TWO_POW_M32 = 2 ** -32;

/** One step of splitmix32: advances `sm.state` and returns the next output. */
const sm = { state: 0 };
function splitmix32(): number {
  sm.state = (sm.state + 0x9e3779b9) | 0;
  let z = sm.state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/**
 * A two-lane 32-bit hash (murmur3 mixing in each lane, different lane seeds) over a sequence of
 * 32-bit words; together the lanes give a 64-bit stream identity, so stream collisions are
 * negligible even for millions of keyed streams.
 */
class Hasher {
  a = 0x243f6a88;
  b = 0x13198a2e;
  private static readonly f64 = new Float64Array(1);
  private static readonly u32 = new Uint32Array(Hasher.f64.buffer);

  word(w: number): void {
    this.a = mixLane(this.a, w);
    this.b = mixLane(this.b, w ^ 0x5bd1e995);
  }

  number(x: number): void {
    Hasher.f64[0] = x === 0 ? 0 : x; // -0 and 0 name the same stream
    this.word(0x6e756d62); // type tag 'numb'
    this.word(Hasher.u32[0]!);
    this.word(Hasher.u32[1]!);
  }

  string(s: string): void {
    this.word(0x73747269); // type tag 'stri'
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  finishA(): number {
    return fmix(this.a ^ 0x2a);
  }

  finishB(): number {
    return fmix(this.b ^ 0x3c);
  }
}

function mixLane(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A fast seeded PRNG (xoshiro128**, period 2^128 - 1). Not for cryptography. */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /**
   * `seed` is any finite number; equal seeds give equal sequences. For independent streams use
   * `streamRng(seed, ...keys)` rather than arithmetic on seeds.
   */
  constructor(seed = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng: seed must be a finite number, got ${seed}`);
    const h = new Hasher();
    h.number(seed);
    this.seedWords(h.finishA(), h.finishB());
  }

  /** Sets the state from two 32-bit words through splitmix32 (all-zero state is impossible). */
  seedWords(a: number, b: number): void {
    sm.state = a | 0;
    this.s0 = splitmix32();
    this.s1 = splitmix32();
    sm.state = b | 0;
    this.s2 = splitmix32();
    this.s3 = splitmix32();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    // Locals first, then one store per word: the smaller the bytecode, the more readily V8
    // inlines this into the hot loops that call it.
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    const x = Math.imul(s1, 5);
    const r = Math.imul((x << 7) | (x >>> 25), 9);
    this.s0 = s0 ^ s3;
    this.s1 = s1 ^ s2;
    this.s2 = s2 ^ (s1 << 9);
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return r >>> 0;
  }

  /**
   * A uniform number in the open interval (0, 1) with 32-bit resolution: (k + 0.5) / 2^32. Never
   * 0 or 1, so `Math.log(rng.uniform())` is always finite.
   */
  uniform(): number {
    return (this.uint32() + 0.5) * TWO_POW_M32;
  }

  /** A uniform integer in [0, n); `n` an integer in [1, 2^32]. */
  int(n: number): number {
    if (!(n >= 1 && n <= 4294967296) || Math.floor(n) !== n) {
      throw new RangeError(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    return Math.floor(this.uniform() * n);
  }

  /** A generator with the raw xoshiro128** state (not all zero), e.g. to check reference outputs. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    if (((s0 | s1 | s2 | s3) | 0) === 0) throw new RangeError('Rng.fromState: the state must not be all zero');
    const r = new Rng(0);
    r.s0 = s0 | 0;
    r.s1 = s1 | 0;
    r.s2 = s2 | 0;
    r.s3 = s3 | 0;
    return r;
  }

  /** An independent copy of this generator in its current state. */
  clone(): Rng {
    const c = new Rng(0);
    c.s0 = this.s0;
    c.s1 = this.s1;
    c.s2 = this.s2;
    c.s3 = this.s3;
    return c;
  }
}

/**
 * An independent, reproducible stream named by a seed and keys, e.g.
 * `streamRng(seed, 'decisions', replication)`. The same seed and keys always give the same
 * sequence; any difference in the keys (including their order, types and number) gives an
 * unrelated sequence. Keys are hashed with a 64-bit two-lane hash, then expanded by splitmix32.
 */
export function streamRng(seed: number, ...keys: (string | number)[]): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`streamRng: seed must be a finite number, got ${seed}`);
  const h = new Hasher();
  h.number(seed);
  h.word(keys.length);
  for (const key of keys) {
    if (typeof key === 'string') h.string(key);
    else if (typeof key === 'number' && Number.isFinite(key)) h.number(key);
    else throw new RangeError(`streamRng: keys must be strings or finite numbers, got ${String(key)}`);
  }
  const rng = new Rng(0);
  rng.seedWords(h.finishA(), h.finishB());
  return rng;
}
