/**
 * A run's results: the KPI strip (with P5–P95 bands) and the fan charts of the series the seed's
 * questions turn on — backlog in people and cases, hotels, support, appeals, returns, and cost
 * monthly and cumulative.
 */
import * as Plot from '@observablehq/plot';
import type { Summary } from './api.js';
import { FanChart, type FanRow, type Layer } from './charts.js';
import { fmtMoney, fmtNumber, monthAfter, monthDate } from './format.js';

type Stats = { mean: number | null; p5: number | null; p50: number | null; p95: number | null; notReached?: number };

export interface ChartSpec {
  readonly id: string;
  readonly series: string;
  readonly title: string;
  readonly unit: string;
}

export const CHARTS: readonly ChartSpec[] = [
  { id: 'backlog-people', series: 'awaitingDecisionPeople', title: 'Awaiting an initial decision (people)', unit: 'people' },
  { id: 'backlog-cases', series: 'awaitingDecisionCases', title: 'Awaiting an initial decision (cases)', unit: 'cases' },
  { id: 'hotels', series: 'inHotelsPeople', title: 'People in hotels', unit: 'people' },
  { id: 'support', series: 'inSupportPeople', title: 'People in asylum support', unit: 'people' },
  { id: 'appeals', series: 'awaitingAppealCases', title: 'Appeals awaiting the tribunal (cases)', unit: 'cases' },
  { id: 'returns', series: 'returns', title: 'Returns per month', unit: 'people' },
  { id: 'cost', series: 'costGbp', title: 'Cost per month', unit: 'GBP' },
];

/** One series of a summary (or of one side of a comparison) as fan-chart rows. */
export function fanRows(months: readonly { month: string }[], series: string, pick: (cell: unknown) => Stats = (c) => c as Stats): FanRow[] {
  return months.map((m) => {
    const s = pick((m as unknown as Record<string, unknown>)[series]);
    return { date: monthDate(m.month), p5: s.p5, p50: s.p50, p95: s.p95 };
  });
}

/** Cumulative cost: the running sum of monthly means is the mean of the running sums (exactly). */
export function cumulativeMeanRows(months: readonly { month: string }[], pick: (cell: unknown) => Stats = (c) => c as Stats): FanRow[] {
  let total = 0;
  return months.map((m) => {
    total += pick((m as unknown as Record<string, unknown>).costGbp).mean ?? 0;
    return { date: monthDate(m.month), p5: null, p50: total, p95: null };
  });
}

function Kpi({ label, value, band, note, testid }: { label: string; value: string; band: string; note?: string; testid: string }) {
  return (
    <div class="kpi" data-testid={testid}>
      <div class="kpi-label">{label}</div>
      <div class="kpi-value">{value}</div>
      <div class="kpi-band">{band}</div>
      {note && <div class="kpi-note">{note}</div>}
    </div>
  );
}

function notReachedNote(s: Stats, n: number): string | undefined {
  return s.notReached ? `not within the horizon in ${s.notReached} of ${n} runs` : undefined;
}

export function KpiStrip({ summary }: { summary: Summary }) {
  const k = summary.kpis as unknown as Record<string, Stats>;
  const n = summary.replications;
  const years = summary.months.length / 12;
  const month = (s: Stats) => monthAfter(summary.startDate, s.p50);
  const monthBand = (s: Stats) => `P5–P95 ${monthAfter(summary.startDate, s.p5)} – ${s.p95 === null ? 'beyond horizon' : monthAfter(summary.startDate, s.p95)}`;
  const backlog = k.monthsUntilBacklogBelowThreshold;
  const hotels = k.monthsUntilHotelsEmpty;
  const cost = k.totalCostGbp;
  const end = k.backlogPeopleEnd;
  return (
    <section class="kpis" aria-label="Key results">
      <Kpi testid="kpi-backlog" label="Backlog below threshold" value={backlog.p50 === null ? 'not within horizon' : month(backlog)} band={monthBand(backlog)} note={notReachedNote(backlog, n)} />
      <Kpi testid="kpi-hotels" label="Hotels empty" value={hotels.p50 === null ? 'not within horizon' : month(hotels)} band={monthBand(hotels)} note={notReachedNote(hotels, n)} />
      <Kpi testid="kpi-cost" label={`Cost over ${Number.isInteger(years) ? years : years.toFixed(1)} years`} value={fmtMoney(cost.p50)} band={`P5–P95 ${fmtMoney(cost.p5)} – ${fmtMoney(cost.p95)}`} />
      <Kpi testid="kpi-backlog-end" label="Awaiting a decision at the end (people)" value={fmtNumber(end.p50)} band={`P5–P95 ${fmtNumber(end.p5)} – ${fmtNumber(end.p95)}`} />
    </section>
  );
}

export function ResultCharts({ summary }: { summary: Summary }) {
  const layer = (series: string): Layer[] => [{ label: summary.title, rows: fanRows(summary.months, series) }];
  const cumulative = cumulativeMeanRows(summary.months);
  const total = (summary.kpis as unknown as Record<string, Stats>).totalCostGbp;
  const lastDate = cumulative.at(-1)?.date;
  const band = lastDate && total.p5 !== null && total.p95 !== null ? [Plot.ruleX([{ x: lastDate, y1: total.p5, y2: total.p95 }], { x: 'x', y1: 'y1', y2: 'y2', stroke: '#1f6feb', strokeWidth: 3 })] : [];
  return (
    <section class="charts" aria-label="Monthly results">
      {CHARTS.map((c, i) => (
        <FanChart key={c.id} id={c.id} title={c.title} unit={c.unit} layers={layer(c.series)} later={i > 0} />
      ))}
      <FanChart
        later
        id="cumulative-cost"
        title="Cumulative cost"
        unit="GBP"
        layers={[{ label: summary.title, rows: cumulative }]}
        extra={band}
        note="Line: mean running total. Bar at the end: P5–P95 of the total cost."
      />
    </section>
  );
}
