/**
 * Human-friendly numbers and the terminal tables of a run: thousands separators, money as £m/£bn,
 * "not within horizon" for a KPI that never happened. Pure text (no terminal colours), so the
 * tables are stable and can be golden-tested.
 */
import Table from 'cli-table3';
import type { Summary, SummaryStats } from '../experiment/summary.js';
import { KPIS, type KpiName } from '../model/result.js';
import { NOT_APPLICABLE, formatCount, formatValue, type Unit } from '../experiment/format.js';

/** Label and unit of every KPI, in the order of KPIS. */
export const KPI_LABELS: Readonly<Record<KpiName, { readonly label: string; readonly unit: Unit }>> = {
  backlogPeopleAt12m: { label: 'Backlog after 12 months', unit: 'people' },
  backlogPeopleAt24m: { label: 'Backlog after 24 months', unit: 'people' },
  backlogPeopleEnd: { label: 'Backlog at the end', unit: 'people' },
  backlogCasesEnd: { label: 'Backlog at the end', unit: 'cases' },
  monthsUntilBacklogBelowThreshold: { label: 'Time until backlog below threshold', unit: 'months' },
  meanWaitFirstDecisionDays: { label: 'Mean wait for a first decision', unit: 'days' },
  p90WaitFirstDecisionDays: { label: 'P90 wait for a first decision', unit: 'days' },
  hotelPeopleAt12m: { label: 'In hotels after 12 months', unit: 'people' },
  hotelPeopleAt24m: { label: 'In hotels after 24 months', unit: 'people' },
  monthsUntilHotelsEmpty: { label: 'Time until hotel use ends', unit: 'months' },
  totalCostGbp: { label: 'Total cost over the horizon', unit: 'money' },
  totalAccommodationCostGbp: { label: 'Accommodation cost over the horizon', unit: 'money' },
  casesSimulated: { label: 'Cases simulated', unit: 'cases' },
  peopleAtStart: { label: 'People in the system at the start', unit: 'people' },
  maxHotelOverflowPeople: { label: 'Most people in hotels beyond the hotel path', unit: 'people' },
  euDealReturnsPeopleTotal: { label: 'Returned to the EU under the deal', unit: 'people' },
  quotaAdmissionsPeopleTotal: { label: 'Admitted under the EU quota', unit: 'people' },
  thirdCountryRemovalsTotal: { label: 'Removed to a third country', unit: 'cases' },
  heldForRemovalPeopleEnd: { label: 'Held for removal at the end', unit: 'people' },
};

/** The currency and the financial year of a run's pack (pack.yaml), as its report prints them. */
export interface Money {
  readonly symbol: string;
  /** Calendar month (1–12) the financial year starts in. */
  readonly financialYearStartMonth: number;
}

/** The UK pack's money: pounds, financial years from April. */
export const POUNDS: Money = { symbol: '£', financialYearStartMonth: 4 };

const unitText = (unit: Unit, money: Money): string => (unit === 'money' ? money.symbol : unit);

function table(head: string[], aligns: ('left' | 'right')[]): Table.Table {
  return new Table({ head, colAligns: aligns, style: { head: [], border: [], compact: true } });
}

/**
 * The KPI table: mean, P5, P50 and P95 of each KPI, with numbered notes for KPIs not reached or
 * not defined in some replications, and "n/a" for a KPI defined in none (e.g. beyond the horizon).
 */
export function kpiTable(summary: Summary, money: Money = POUNDS): string {
  const t = table(['KPI', 'Unit', 'Mean', 'P5', 'P50', 'P95'], ['left', 'left', 'right', 'right', 'right', 'right']);
  const notes: string[] = [];
  const n = summary.replications;
  let anyNotApplicable = false;
  for (const name of KPIS) {
    const { label, unit } = KPI_LABELS[name];
    const s: SummaryStats = summary.kpis[name];
    const stats = [s.mean, s.p5, s.p50, s.p95];
    if (s.notApplicable === n) {
      anyNotApplicable = true;
      t.push([label, unitText(unit, money), ...stats.map(() => NOT_APPLICABLE)]);
      continue;
    }
    const these: string[] = [];
    if (s.notReached) these.push(`not reached within the horizon in ${s.notReached} of ${n} replications`);
    if (s.notApplicable) these.push(`not defined in ${s.notApplicable} of ${n} replications (left out)`);
    const mark = these.length > 0 ? ` (${notes.length + 1})` : '';
    if (these.length > 0) notes.push(`(${notes.length + 1}) ${these.join('; ')}`);
    t.push([`${label}${mark}`, unitText(unit, money), ...stats.map((v) => formatValue(v, unit, money.symbol))]);
  }
  if (anyNotApplicable) notes.push(`${NOT_APPLICABLE}: not defined for this run (a date beyond the horizon, or nothing to measure)`);
  return [t.toString(), ...notes].join('\n');
}

/**
 * `FY2023-24 (9 months)` when the run covers only part of the year (a year from `startMonth`:
 * April to March for the UK); `FY2031 (6 months)` for a year that starts in January.
 */
export function financialYearLabel(year: string, months: readonly { readonly month: string }[], startMonth = POUNDS.financialYearStartMonth): string {
  const m = /^FY(\d{4})/.exec(year);
  if (!m) return year;
  const first = Number(m[1]);
  const from = `${first}-${String(startMonth).padStart(2, '0')}`;
  const end = startMonth === 1 ? 12 : startMonth - 1;
  const to = `${startMonth === 1 ? first : first + 1}-${String(end).padStart(2, '0')}`;
  const covered = months.filter(({ month }) => month >= from && month <= to).length;
  return covered > 0 && covered < 12 ? `${year} (${plural(covered, 'month')})` : year;
}

/** Cost per financial year, P5/P50/P95. */
export function costTable(summary: Summary, money: Money = POUNDS): string {
  const t = table(['Financial year', 'Mean', 'P5', 'P50', 'P95'], ['left', 'right', 'right', 'right', 'right']);
  for (const { year, gbp } of summary.costByFinancialYear) {
    t.push([financialYearLabel(year, summary.months, money.financialYearStartMonth), ...[gbp.mean, gbp.p5, gbp.p50, gbp.p95].map((v) => formatValue(v, 'money', money.symbol))]);
  }
  return t.toString();
}

/** Word-wrap text to lines of at most `width` characters (longer words stand alone). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Plural-aware count: 1 replication, 20 replications. */
function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** The whole terminal report of a run: heading, KPI table, cost by financial year. */
export function runReport(summary: Summary, money: Money = POUNDS): string {
  const months = summary.months;
  const span = months.length > 0 ? `, ${plural(months.length, 'month')} from ${months[0]?.month} to ${months[months.length - 1]?.month}` : '';
  const lines = [
    `${summary.title} (${summary.scenario})`,
    `${plural(summary.replications, 'replication')} (${summary.uncertainty} uncertainty), seed ${summary.seed}${span}; asylum-sim ${summary.version}`,
    '',
    kpiTable(summary, money),
  ];
  if (summary.costByFinancialYear.length > 0) lines.push('', 'Cost by financial year', costTable(summary, money));
  return `${lines.join('\n')}\n`;
}
