/**
 * n uniform draws in ascending order, in O(n): the same numbers as n calls of `rng.uniform()`
 * followed by a sort, and the stream left at the same position. A uniform is (k + 0.5)·2⁻³² for
 * a 32-bit k, so sorting the k's is sorting the uniforms, and 32-bit integers sort by three
 * counting passes (11, 11 and 10 bits) instead of a comparison sort — several times faster for
 * the ~10⁵ claim dates of a starting backlog.
 */
import type { Rng } from './rng.js';

const TWO_POW_M32 = 2 ** -32;
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
/** Digits of 11, 11 and 10 bits (the last pass's top digit has only 10 bits; its counts fit). */
const PASSES = 3;

export function sortedUniforms(rng: Rng, n: number): Float64Array {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`sortedUniforms: n must be an integer >= 0, got ${n}`);
  let keys = new Uint32Array(n);
  let spare = new Uint32Array(n);
  // The counts of all three digits come from one pass, as the keys are drawn: the keys do not
  // change between passes, only their order.
  const count = new Int32Array(PASSES * RADIX);
  for (let i = 0; i < n; i++) {
    const k = rng.uint32();
    keys[i] = k;
    count[k & (RADIX - 1)]!++;
    count[RADIX + ((k >>> RADIX_BITS) & (RADIX - 1))]!++;
    count[2 * RADIX + (k >>> (2 * RADIX_BITS))]!++;
  }
  for (let pass = 0; pass < PASSES; pass++) {
    // Counts to starting positions.
    let sum = 0;
    for (let d = pass * RADIX; d < (pass + 1) * RADIX; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    // Stable, so the order of lower digits from the earlier passes is kept.
    const shift = pass * RADIX_BITS;
    const base = pass * RADIX;
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      spare[count[base + ((k >>> shift) & (RADIX - 1))]!++] = k;
    }
    const t = keys;
    keys = spare;
    spare = t;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (keys[i]! + 0.5) * TWO_POW_M32;
  return out;
}
