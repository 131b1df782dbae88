/**
 * The period forms of the official data files (documented in packs/uk/data/SOURCES.md, "Period forms"):
 * `2022`, `2022Q4`, `2023H1`, `2022-08`, `2023-06-30`, `FY2022-23`, and ranges `A/B` of any two
 * of these. A period is read into its first and last day so periods of different forms can be
 * sorted and compared. What a month means for a `_12m` series (12 months ending) is a property
 * of the series, not of the period, and is left to the caller.
 */

export type PeriodKind = 'year' | 'quarter' | 'half' | 'month' | 'date' | 'financial-year' | 'range';

export interface Period {
  readonly text: string;
  readonly kind: PeriodKind;
  /** First day covered, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day covered, `YYYY-MM-DD` (equal to `start` for a date). */
  readonly end: string;
}

/** One line per form, for error messages. */
export const PERIOD_FORMS =
  'a year (2022), quarter (2022Q4), half-year (2023H1), month (2022-08), date (2023-06-30), ' +
  'financial year (FY2022-23), or a range of two of these (2022Q2/2022Q4)';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function day(year: number, month: number, d: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(d)}`;
}

function monthSpan(year: number, first: number, last: number): { start: string; end: string } {
  return { start: day(year, first, 1), end: day(year, last, lastDayOfMonth(year, last)) };
}

function parseSimple(text: string): Period | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(text))) {
    const y = Number(m[1]);
    return { text, kind: 'year', ...monthSpan(y, 1, 12) };
  }
  if ((m = /^(\d{4})Q([1-4])$/.exec(text))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { text, kind: 'quarter', ...monthSpan(y, 3 * q - 2, 3 * q) };
  }
  if ((m = /^(\d{4})H([12])$/.exec(text))) {
    const y = Number(m[1]);
    const h = Number(m[2]);
    return { text, kind: 'half', ...monthSpan(y, 6 * h - 5, 6 * h) };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(text))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    return { text, kind: 'month', ...monthSpan(y, mo, mo) };
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > lastDayOfMonth(y, mo)) return undefined;
    return { text, kind: 'date', start: text, end: text };
  }
  if ((m = /^FY(\d{4})-(\d{2})$/.exec(text))) {
    const y = Number(m[1]);
    if (Number(m[2]) !== (y + 1) % 100) return undefined;
    return { text, kind: 'financial-year', start: day(y, 4, 1), end: day(y + 1, 3, 31) };
  }
  return undefined;
}

/** Read a period, or return undefined when it is not one of the documented forms. */
export function parsePeriod(text: string): Period | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return parseSimple(text);
  const from = parseSimple(text.slice(0, slash));
  const to = parseSimple(text.slice(slash + 1));
  if (!from || !to || from.text === to.text) return undefined;
  if (from.start > to.start || from.end > to.end) return undefined;
  return { text, kind: 'range', start: from.start, end: to.end };
}

/** Order periods by their first day, then their last day, then their text. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}
