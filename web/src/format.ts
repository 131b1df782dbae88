/** Numbers and months as the dashboard shows them (en-GB). */
export function fmtNumber(x: number | null | undefined, unit?: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (unit === 'GBP' || unit?.startsWith('GBP')) return fmtMoney(x);
  const abs = Math.abs(x);
  if (abs >= 1e6) return `${(x / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}m`;
  if (abs >= 1e4) return `${Math.round(x / 1e3)}k`;
  return x.toLocaleString('en-GB', { maximumFractionDigits: abs < 1 ? 3 : abs < 10 ? 2 : 0 });
}

export function fmtMoney(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const abs = Math.abs(x);
  if (abs >= 1e9) return `£${(x / 1e9).toFixed(1)}bn`;
  if (abs >= 1e6) return `£${(x / 1e6).toFixed(0)}m`;
  return `£${Math.round(x).toLocaleString('en-GB')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The calendar month `n` months after a start date (YYYY-MM-DD), e.g. "Mar 2025". */
export function monthAfter(startDate: string, n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '–';
  const [y, m] = startDate.split('-').map(Number);
  const total = y * 12 + (m - 1) + Math.round(n);
  return `${MONTHS[total % 12]} ${Math.floor(total / 12)}`;
}

/** "2024-03" → a Date for charts. */
export function monthDate(label: string): Date {
  const [y, m] = label.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
}
