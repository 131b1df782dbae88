/**
 * Calendar arithmetic for the model. Simulation time is in days from the scenario's start date
 * (day 0 = 00:00 on the start date, UTC); results are reported by calendar month, so the horizon
 * (horizon.ts) precomputes month boundaries once and the hot loop only compares numbers.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse `YYYY-MM-DD` to a UTC epoch day number, or NaN when it is not a real date. */
export function epochDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t / MS_PER_DAY;
}

export function isIsoDate(text: string): boolean {
  return !Number.isNaN(epochDay(text));
}

export function isoFromEpochDay(day: number): string {
  return new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days from `start` to `date` (both ISO). */
export function daysBetween(start: string, date: string): number {
  return epochDay(date) - epochDay(start);
}

/** `YYYY-MM` label of the month `offset` months after the month of `start`. */
export function monthLabel(start: string, offset: number): string {
  const d = new Date(epochDay(start) * MS_PER_DAY);
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return t.toISOString().slice(0, 7);
}

/**
 * Whole-month offset of day `day` (days from start, may be negative) relative to the start's
 * month: the start month is 0, the month before it -1.
 */
export function monthOffsetOfDay(start: string, day: number): number {
  const s = new Date(epochDay(start) * MS_PER_DAY);
  const d = new Date((epochDay(start) + Math.floor(day)) * MS_PER_DAY);
  return (d.getUTCFullYear() - s.getUTCFullYear()) * 12 + (d.getUTCMonth() - s.getUTCMonth());
}

/**
 * Month boundaries of a horizon: `bounds[m]` is the day (from start) on which month m begins,
 * `bounds[months]` the day the horizon ends. The start date must be the first of a month.
 */
export function monthBounds(start: string, months: number): Float64Array {
  const s = epochDay(start);
  const d = new Date(s * MS_PER_DAY);
  const bounds = new Float64Array(months + 1);
  for (let m = 0; m <= months; m++) {
    bounds[m] = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 1) / MS_PER_DAY - s;
  }
  return bounds;
}

/**
 * Financial-year label of the month `offset` months after `start`, for a year starting in calendar
 * month `startMonth`: `FY2023-24` (April to March, the UK's), or `FY2031` when it starts in January.
 */
export function financialYear(start: string, offset: number, startMonth: number): string {
  const label = monthLabel(start, offset);
  const year = Number(label.slice(0, 4));
  const month = Number(label.slice(5, 7));
  if (startMonth === 1) return `FY${year}`;
  const first = month >= startMonth ? year : year - 1;
  return `FY${first}-${String((first + 1) % 100).padStart(2, '0')}`;
}

/** Calendar month (1–12) of the month `offset` months after `start`. */
export function calendarMonth(start: string, offset: number): number {
  return Number(monthLabel(start, offset).slice(5, 7));
}
