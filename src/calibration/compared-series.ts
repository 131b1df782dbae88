/**
 * How a series of the record is set beside a model series (which are, a pack's calibration map
 * says: packs/<name>/calibration.yaml, src/pack/calibration-map.ts): a stock is the model's level
 * at the end of the month the record's date falls in; a flow over a quarter is the sum of the
 * model's three months.
 */
import type { Compared } from '../pack/calibration-map.js';
import type { ObservedData } from './observed.js';
import { parsePeriod } from './period.js';

export type { Compared };

/** One observed figure mapped onto the model's months: months [first, last] (a stock: first = last). */
export interface Window {
  readonly period: string;
  /** First day the period covers (a date: itself). */
  readonly start: string;
  readonly observed: number;
  readonly first: number;
  readonly last: number;
}

/** Month index (from `start`, `YYYY-MM-01`) of an ISO date. */
function monthIndex(start: string, iso: string): number {
  return (Number(iso.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(iso.slice(5, 7)) - Number(start.slice(5, 7));
}

/**
 * The record's figures of a compared series inside the run (`start` to the end of month
 * `months − 1`): stocks recorded on a date or in a month, flows recorded by quarter.
 */
export function windows(data: ObservedData, c: Compared, start: string, months: number): Window[] {
  if (!data.has(c.series)) return [];
  const out: Window[] = [];
  for (const o of data.series(c.series)) {
    const p = parsePeriod(o.period);
    if (!p) continue;
    if (c.kind === 'stock' && (p.kind === 'date' || p.kind === 'month')) {
      const m = monthIndex(start, p.end);
      if (m >= 0 && m < months) out.push({ period: o.period, start: p.start, observed: o.value, first: m, last: m });
    } else if (c.kind === 'flow' && p.kind === 'quarter') {
      const first = monthIndex(start, p.start);
      const last = monthIndex(start, p.end);
      if (first >= 0 && last < months) out.push({ period: o.period, start: p.start, observed: o.value, first, last });
    }
  }
  return out;
}

/** Whether a window counts towards the MAPE and the loss: from the scoring date on, with a figure to divide by. */
export function isScored(w: Window, scoreFrom: string): boolean {
  return w.start >= scoreFrom && w.observed !== 0;
}

/** The model's value over a window: the level at its month's end, or the flow summed over its months. */
export function modelValue(series: Float64Array, c: Compared, w: Window): number {
  if (c.kind === 'stock') return series[w.last];
  let total = 0;
  for (let m = w.first; m <= w.last; m++) total += series[m];
  return total;
}
