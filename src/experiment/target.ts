/**
 * Targets for the optimiser, as a user writes them: `NAME<=VALUE by YYYY-MM` for a monthly series
 * (its value in that month, e.g. `awaitingDecisionPeople<=50000 by 2025-03`), or `NAME<=VALUE`
 * for a KPI over the horizon (`meanWaitFirstDecisionDays<=180`). Values are plain decimals
 * (`_` or `,` may group digits). `>=` works too. Bad text is an InputError naming what is allowed.
 *
 * Pure: no Node imports.
 */
import { InputError, showValue } from '../model/errors.js';
import { KPIS, SERIES, type KpiName, type RunResult, type SeriesName } from '../model/result.js';

export type Target =
  | { readonly kind: 'series'; readonly name: SeriesName; readonly op: '<=' | '>='; readonly value: number; readonly month: string }
  | { readonly kind: 'kpi'; readonly name: KpiName; readonly op: '<=' | '>='; readonly value: number };

const PATTERN = /^\s*([A-Za-z0-9]+)\s*(<=|>=)\s*(\d[\d_,]*(?:\.\d+)?)\s*(?:by\s+(\d{4}-(?:0[1-9]|1[0-2])))?\s*$/;
const ALLOWED = '"SERIES<=VALUE by YYYY-MM" (a monthly series) or "KPI<=VALUE" (a KPI over the horizon); >= also allowed';

export function parseTarget(text: string): Target {
  const m = PATTERN.exec(text);
  if (!m) throw new InputError({ field: '--target', value: showValue(text), allowed: ALLOWED });
  const [, name, op, raw, month] = m as unknown as [string, string, '<=' | '>=', string, string | undefined];
  const value = Number(raw.replace(/[_,]/g, ''));
  if ((SERIES as readonly string[]).includes(name)) {
    if (month === undefined) {
      throw new InputError({ field: '--target', value: showValue(text), allowed: `a month for the series ${name}: "${name}${op}${raw} by YYYY-MM"` });
    }
    return { kind: 'series', name: name as SeriesName, op, value, month };
  }
  if ((KPIS as readonly string[]).includes(name)) {
    if (month !== undefined) {
      throw new InputError({ field: '--target', value: showValue(text), allowed: `no "by" date for the KPI ${name} (it covers the horizon)` });
    }
    return { kind: 'kpi', name: name as KpiName, op, value };
  }
  throw new InputError({ field: '--target', value: showValue(name), allowed: `a monthly series (${SERIES.join(', ')}) or a KPI (${KPIS.join(', ')})` });
}

/** Months a run must cover for the target to be measured (series: up to its month). */
export function monthsNeeded(target: Target, start: string, horizonMonths: number): number {
  if (target.kind === 'kpi') return horizonMonths;
  const [y0, m0] = start.split('-').map(Number) as [number, number];
  const [y, m] = target.month.split('-').map(Number) as [number, number];
  const offset = (y - y0) * 12 + (m - m0);
  if (offset < 0 || offset >= horizonMonths) {
    throw new InputError({
      field: '--target',
      value: showValue(target.month),
      allowed: `a month within the scenario's horizon (${start.slice(0, 7)} and the ${horizonMonths - 1} months after)`,
    });
  }
  return offset + 1;
}

/** The target's quantity in one replication (Infinity/NaN KPIs count as not met). */
export function targetValue(target: Target, result: RunResult): number {
  if (target.kind === 'kpi') return result.kpis[target.name];
  const t = result.months.indexOf(target.month);
  return t < 0 ? Number.NaN : (result.series[target.name][t] as number);
}

export function meets(target: Target, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return target.op === '<=' ? value <= target.value : value >= target.value;
}

export function targetText(t: Target): string {
  return `${t.name} ${t.op} ${t.value}${t.kind === 'series' ? ` by ${t.month}` : ''}`;
}
