/**
 * asylum-mini written by hand as one single-purpose loop, with no engine: a binary heap of
 * (time, entity·4 + kind) on typed arrays, FIFO rings per station, the same random streams and
 * sampling functions. It
 * is the yardstick for the engine's overhead: on a busy machine absolute events per second swing
 * widely, while the ratio engine / hand-tuned stays meaningful. It draws the same numbers in the
 * same order as the engine version, so unless two event times tie exactly (the hand-written heap
 * breaks ties arbitrarily) the results are identical, which makes it an independent check too.
 */
import { exponential, streamRng } from '../src/engine/index.js';
import { ASYLUM_MINI, type AsylumMiniResult } from './asylum-mini.js';

export function runAsylumMiniHandTuned(seed: number): AsylumMiniResult {
  const started = performance.now();
  const p = ASYLUM_MINI;
  const ra = streamRng(seed, 'arrivals');
  const rd = streamRng(seed, 'decisions');
  const rp = streamRng(seed, 'appeals');
  const rr = streamRng(seed, 'returns');
  let ht = new Float64Array(8192);
  let hc = new Int32Array(8192);
  let n = 0;
  const push = (t: number, code: number): void => {
    if (n === ht.length) {
      const t2 = new Float64Array(n * 2);
      t2.set(ht);
      ht = t2;
      const c2 = new Int32Array(n * 2);
      c2.set(hc);
      hc = c2;
    }
    let i = n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (ht[parent]! <= t) break;
      ht[i] = ht[parent]!;
      hc[i] = hc[parent]!;
      i = parent;
    }
    ht[i] = t;
    hc[i] = code;
  };
  const popInto = (): void => {
    const m = --n;
    const t = ht[m]!;
    const code = hc[m]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= m) break;
      if (c + 1 < m && ht[c + 1]! < ht[c]!) c++;
      if (t <= ht[c]!) break;
      ht[i] = ht[c]!;
      hc[i] = hc[c]!;
      i = c;
    }
    ht[i] = t;
    hc[i] = code;
  };
  // FIFO rings (entity ids) per station.
  const cap = [1 << 16, 1 << 16, 1 << 17];
  const ring = cap.map((c) => new Int32Array(c));
  const head = [0, 0, 0];
  const len = [0, 0, 0];
  const busy = [0, 0, 0];
  const servers = [p.decisions.servers, p.appeals.servers, p.returns.servers];
  const meanService = [p.decisions.meanService, p.appeals.meanService, p.returns.meanService];
  const rngs = [rd, rp, rr];
  let arrivedAt = new Float64Array(1 << 20);
  let arrivals = 0;
  let left = 0;
  let events = 0;
  // The clock and the time-in-system sum live in a typed array: doubles held in closure-captured
  // variables are boxed, and every assignment would allocate.
  const clock = new Float64Array(2);
  const NOW = 0;
  const SUM = 1;

  const arrive = (s: number, e: number): void => {
    if (busy[s]! < servers[s]!) {
      busy[s]!++;
      push(clock[NOW]! + exponential(rngs[s]!, meanService[s]!), e * 4 + s + 1);
    } else {
      if (len[s] === ring[s]!.length) {
        const bigger = new Int32Array(ring[s]!.length * 2);
        for (let i = 0; i < len[s]!; i++) bigger[i] = ring[s]![(head[s]! + i) & (ring[s]!.length - 1)]!;
        ring[s] = bigger;
        head[s] = 0;
      }
      ring[s]![(head[s]! + len[s]!) & (ring[s]!.length - 1)] = e;
      len[s]!++;
    }
  };
  const complete = (s: number): void => {
    if (len[s]! > 0) {
      const e = ring[s]![head[s]!]!;
      head[s] = (head[s]! + 1) & (ring[s]!.length - 1);
      len[s]!--;
      push(clock[NOW]! + exponential(rngs[s]!, meanService[s]!), e * 4 + s + 1);
    } else busy[s]!--;
  };
  const leave = (e: number): void => {
    left++;
    clock[SUM] += clock[NOW]! - arrivedAt[e]!;
  };
  const pLeave = p.decisions.grant + p.decisions.withdraw;
  const gap = 1 / p.arrivalsPerDay;

  push(exponential(ra, gap), 0);
  while (n > 0 && ht[0]! <= p.horizon) {
    const now = (clock[NOW] = ht[0]!);
    const code = hc[0]!;
    popInto();
    events++;
    const e = code >> 2;
    switch (code & 3) {
      case 0:
        if (e >= arrivedAt.length) {
          const bigger = new Float64Array(arrivedAt.length * 2);
          bigger.set(arrivedAt);
          arrivedAt = bigger;
        }
        arrivedAt[e] = now;
        arrivals++;
        arrive(0, e);
        push(now + exponential(ra, gap), (e + 1) * 4);
        break;
      case 1:
        complete(0);
        if (rd.uniform() < pLeave || rd.uniform() >= p.appealRate) leave(e);
        else arrive(1, e);
        break;
      case 2:
        complete(1);
        if (rp.uniform() < p.appeals.allowed) leave(e);
        else arrive(2, e);
        break;
      case 3:
        complete(2);
        leave(e);
        break;
    }
  }
  return {
    events,
    arrivals,
    left,
    meanTimeInSystem: clock[SUM]! / left,
    returnsQueue: len[2]!,
    seconds: (performance.now() - started) / 1000,
  };
}
