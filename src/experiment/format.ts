/**
 * Numbers as reports print them: thousands separators, money as £m/£bn, "not within horizon" for
 * a quantity never reached, "n/a" for one not defined. Used by the terminal tables and by the
 * written reports (backtest, sensitivity) alike; pure text, no locale.
 */

export type Unit = 'people' | 'cases' | 'days' | 'months' | 'money';

export const NOT_WITHIN_HORIZON = 'not within horizon';

/** Integer with thousands separators: 1234567.4 → "1,234,567". */
export function formatCount(x: number): string {
  const r = Math.round(x);
  const digits = Math.abs(r).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return r < 0 ? `-${digits}` : digits;
}

/** Money with a scale: £2.35bn, £457m, £45.7m, £12,345 (in another pack's currency: its `symbol`). */
export function formatMoney(x: number, symbol = '£'): string {
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  let body: string;
  if (a >= 9.995e8) body = `${(a / 1e9).toFixed(2)}bn`;
  else if (a >= 9.995e7) body = `${(a / 1e6).toFixed(0)}m`;
  else if (a >= 9.95e5) body = `${(a / 1e6).toFixed(1)}m`;
  else body = formatCount(a);
  return `${sign}${symbol}${body}`;
}

/**
 * One value in a unit; null means the quantity was not reached within the horizon. Money is in
 * the pack's currency (`symbol`; the cost series keep their `Gbp` names whatever the currency).
 */
export function formatValue(x: number | null, unit: Unit, symbol = '£'): string {
  if (x === null) return NOT_WITHIN_HORIZON;
  switch (unit) {
    case 'money':
      return formatMoney(x, symbol);
    case 'months':
      return x.toFixed(1);
    default:
      return formatCount(x);
  }
}

export const NOT_APPLICABLE = 'n/a';
