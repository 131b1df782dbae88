/**
 * The horizon of a run: everything that can be worked out before the first event — day numbers
 * of month boundaries, schedules evaluated into arrays — so the hot loop only indexes arrays
 * (work out once, then run hot). ("Plan" in this project means a set of policy levers.)
 */
import { daysBetween, monthBounds, monthLabel } from './dates.js';
import type { SchedulePoint } from './declarations.js';

export interface Horizon {
  readonly start: string;
  readonly months: number;
  readonly horizonDays: number;
  /** bounds[m] = first day of month m; bounds[months] = horizonDays. */
  readonly bounds: Float64Array;
  /** Month index of each day of the horizon. */
  readonly monthOfDay: Int16Array;
  readonly labels: readonly string[];
}

export function makeHorizon(start: string, months: number): Horizon {
  const bounds = monthBounds(start, months);
  const horizonDays = bounds[months];
  const monthOfDay = new Int16Array(horizonDays);
  for (let m = 0; m < months; m++) monthOfDay.fill(m, bounds[m], bounds[m + 1]);
  const labels = Array.from({ length: months }, (_, m) => monthLabel(start, m));
  return { start, months, horizonDays, bounds, monthOfDay, labels };
}

/**
 * Value of a dated schedule on a day (days from `start`). Before the first point the first value
 * holds, after the last point the last value; between points, `step` holds the earlier value and
 * `linear` interpolates.
 */
export function scheduleValue(
  points: readonly SchedulePoint[],
  interpolation: 'linear' | 'step',
  start: string,
  day: number,
): number {
  return valueAt(points, pointDays(points, start), interpolation, day);
}

/** scheduleValue as a function of the day, for many days: the points' dates are parsed once. */
export function scheduleValues(
  points: readonly SchedulePoint[],
  interpolation: 'linear' | 'step',
  start: string,
): (day: number) => number {
  const days = pointDays(points, start);
  return (day) => valueAt(points, days, interpolation, day);
}

function pointDays(points: readonly SchedulePoint[], start: string): Float64Array {
  return Float64Array.from(points, (p) => daysBetween(start, p.date));
}

function valueAt(points: readonly SchedulePoint[], days: Float64Array, interpolation: 'linear' | 'step', day: number): number {
  if (points.length === 0) return 0;
  let prevDay = days[0];
  if (day <= prevDay) return points[0].value;
  for (let i = 1; i < points.length; i++) {
    const d = days[i];
    if (day < d) {
      if (interpolation === 'step') return points[i - 1].value;
      const f = (day - prevDay) / (d - prevDay);
      return points[i - 1].value + f * (points[i].value - points[i - 1].value);
    }
    prevDay = d;
  }
  return points[points.length - 1].value;
}

/** A schedule evaluated on each of `count` days, `dayOf(i)` giving the i-th day. */
function scheduleOn(
  points: readonly SchedulePoint[],
  interpolation: 'linear' | 'step',
  start: string,
  count: number,
  dayOf: (i: number) => number,
): Float64Array {
  const days = pointDays(points, start);
  // A plain loop: Float64Array.from with a mapping function is several times slower here, and
  // every replication evaluates a dozen schedules over ~1,800 days.
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = valueAt(points, days, interpolation, dayOf(i));
  return out;
}

/** A schedule evaluated at the start of every day of the horizon. */
export function dailySchedule(points: readonly SchedulePoint[], interpolation: 'linear' | 'step', horizon: Horizon): Float64Array {
  return scheduleOn(points, interpolation, horizon.start, horizon.horizonDays, (d) => d);
}

/** A schedule evaluated at the middle of every month of the horizon. */
export function monthlySchedule(points: readonly SchedulePoint[], interpolation: 'linear' | 'step', horizon: Horizon): Float64Array {
  return scheduleOn(points, interpolation, horizon.start, horizon.months, (m) => (horizon.bounds[m] + horizon.bounds[m + 1]) / 2);
}

const DAYS_PER_MONTH = 30.4375;

/**
 * A capacity in completions per month (and a service time, fixed or per month), as whole servers and a mean service time per month, such
 * that a saturated station completes exactly that capacity: about `capacity × days / month`
 * servers (at least one while capacity is positive), each taking `servers × month / capacity`
 * days — close to `days`, stretched where rounding added a server. Rounding never loses capacity.
 */
export function ratedServers(capacity: Float64Array, days: number | Float64Array): { servers: number[]; meanDays: Float64Array } {
  const daysIn = (m: number) => (typeof days === 'number' ? days : days[m]);
  const servers = Array.from(capacity, (c, m) => (c > 0 ? Math.max(1, Math.round((c * daysIn(m)) / DAYS_PER_MONTH)) : 0));
  const meanDays = Float64Array.from(capacity, (c, m) => (c > 0 ? (servers[m] * DAYS_PER_MONTH) / c : daysIn(m)));
  return { servers, meanDays };
}

/** The month the world's clock is in (the last month at the horizon itself). */
export function monthNow(w: { readonly sim: { readonly now: number }; readonly horizon: Horizon }): number {
  const d = Math.floor(w.sim.now);
  return d < w.horizon.horizonDays ? w.horizon.monthOfDay[d] : w.horizon.months - 1;
}
