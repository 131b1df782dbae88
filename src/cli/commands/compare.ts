/**
 * `asylum-sim compare <A> <B>`: both scenarios on common random numbers, and for every KPI the
 * values of A and B and the paired difference B − A, each as a mean with its P5–P95 band. `--json`
 * prints the comparison JSON (nothing else on stdout); `--out DIR` writes comparison.json and
 * comparison-monthly.csv (monthly series of A, B and B − A). Flags are those of `run`, checked
 * before any work starts; `--workers N` runs the replications on N threads (the result is the
 * same for any N).
 */
import Table from 'cli-table3';
import { compareOn, comparisonCsv, comparisonToJson, type Comparison, type Paired } from '../../experiment/compare.js';
import type { SummaryStats } from '../../experiment/summary.js';
import { KPIS, type KpiName } from '../../model/result.js';
import type { Backend, ScenarioLike } from '../backend.js';
import { KPI_LABELS, POUNDS, financialYearLabel, type Money } from '../format.js';
import { NOT_APPLICABLE, NOT_WITHIN_HORIZON, formatCount, formatValue, type Unit } from '../../experiment/format.js';
import type { Io } from '../io.js';
import { prepareOutDir, writeOutFiles } from '../../experiment/out-dir.js';
import { progressBar } from '../progress.js';
import { queueFor, runSettings, simulatorFor, type RunFlags } from './run.js';

export const COMPARE_FILES = ['comparison.json', 'comparison-monthly.csv'] as const;

/** Label and unit of a KPI; one added to the model before format.ts knows it still prints. */
function kpiLabel(k: KpiName): { label: string; unit: Unit } {
  const known = (KPI_LABELS as Partial<Record<KpiName, { label: string; unit: Unit }>>)[k];
  if (known) return known;
  return { label: k, unit: k.endsWith('Gbp') ? 'money' : k.startsWith('months') ? 'months' : k.endsWith('Days') ? 'days' : 'people' };
}

/** Month label of a "months until" value: month k of the run is the k-th label. */
function monthOf(c: Comparison, k: number | null): string | undefined {
  if (k === null) return undefined;
  return c.months[Math.min(c.months.length, Math.max(1, Math.round(k))) - 1]?.month;
}

/** `mean (P5 to P95)`, or the reason there is none. */
function band(s: SummaryStats, unit: Unit, n: number, money: Money, signed = false): string {
  if (s.notApplicable === n) return NOT_APPLICABLE;
  if (s.mean === null) return NOT_WITHIN_HORIZON;
  const f = (x: number | null) => {
    const text = formatValue(x, unit, money.symbol);
    return signed && x !== null && x > 0 ? `+${text}` : text;
  };
  return `${f(s.mean)} (${f(s.p5)} to ${f(s.p95)})`;
}

/**
 * One side's cell. A "months until" KPI is shown as calendar months — median (P5 to P95) — since
 * its mean is undefined whenever some replication never reaches it.
 */
function cell(c: Comparison, p: Paired, side: 'a' | 'b', unit: Unit, money: Money): string {
  const s = p[side];
  if (unit !== 'months' || s.notApplicable === c.replications) return band(s, unit, c.replications, money);
  if (s.p5 === null) return NOT_WITHIN_HORIZON;
  const m = (k: number | null) => monthOf(c, k) ?? NOT_WITHIN_HORIZON;
  const text = `median ${m(s.p50)} (${m(s.p5)} to ${m(s.p95)})`;
  return s.notReached ? `${text}; not within horizon in ${s.notReached}/${c.replications}` : text;
}

/** The terminal page: heading, KPI table with bands, cost by financial year. */
/** The backlog threshold a scenario's KPI uses, when the scenario carries one (the model's do). */
export function backlogThreshold(s: ScenarioLike): number | undefined {
  const t = (s as { kpi?: { backlogThresholdPeople?: unknown } }).kpi?.backlogThresholdPeople;
  return typeof t === 'number' ? t : undefined;
}

/** A line naming the thresholds of A and B, so "below threshold" has a number. */
export function thresholdNote(a: ScenarioLike, b: ScenarioLike): string | undefined {
  const ta = backlogThreshold(a);
  const tb = backlogThreshold(b);
  if (ta === undefined && tb === undefined) return undefined;
  const f = (t: number | undefined) => (t === undefined ? 'not set' : `${formatCount(t)} people`);
  return ta === tb ? `Backlog threshold: ${f(ta)} awaiting an initial decision.` : `Backlog threshold: A ${f(ta)}, B ${f(tb)} awaiting an initial decision.`;
}

export function compareReport(c: Comparison, extraNotes: readonly string[] = [], money: Money = POUNDS): string {
  const n = c.replications;
  const span = c.months.length > 0 ? `, ${c.months.length} months from ${c.months[0]?.month} to ${c.months[c.months.length - 1]?.month}` : '';
  const style = { head: [], border: [], compact: true };
  const t = new Table({ head: ['KPI', 'Unit', `A: ${c.a.scenario}`, `B: ${c.b.scenario}`, 'B − A (paired)'], style });
  const notes: string[] = [];
  for (const k of KPIS) {
    const { label, unit } = kpiLabel(k);
    const p = c.kpis[k];
    let diff = band(p.diff, unit, n, money, true);
    const paired = n - (p.diff.notApplicable ?? 0);
    if (paired > 0 && paired < n && p.a.notApplicable !== n) diff += `; over the ${paired} replications where both are defined`;
    if (paired === 0 && p.a.notApplicable !== n && p.b.notApplicable !== n) diff = 'no replication where both reached it';
    t.push([label, unit === 'money' ? money.symbol : unit, cell(c, p, 'a', unit, money), cell(c, p, 'b', unit, money), diff]);
  }
  if (KPIS.some((k) => c.kpis[k].a.notApplicable === n)) notes.push(`${NOT_APPLICABLE}: not defined for this run (a date beyond the horizon)`);
  const years = new Table({ head: ['Financial year', `A: ${c.a.scenario}`, `B: ${c.b.scenario}`, 'B − A (paired)'], style });
  for (const { year, gbp } of c.costByFinancialYear) {
    years.push([financialYearLabel(year, c.months, money.financialYearStartMonth), band(gbp.a, 'money', n, money), band(gbp.b, 'money', n, money), band(gbp.diff, 'money', n, money, true)]);
  }
  const lines = [
    `A: ${c.a.title} (${c.a.scenario})`,
    `B: ${c.b.title} (${c.b.scenario})`,
    `${n} replication${n === 1 ? '' : 's'} on common random numbers (${c.uncertainty} uncertainty), seed ${c.seed}${span}; asylum-sim ${c.version}`,
    'Each cell: mean (P5 to P95). B − A is summarised from the paired per-replication differences.',
    '',
    t.toString(),
    ...extraNotes,
    ...notes,
  ];
  if (c.costByFinancialYear.length > 0) lines.push('', 'Cost by financial year', years.toString());
  return `${lines.join('\n')}\n`;
}

function writeFiles(dir: string, c: Comparison): string[] {
  return writeOutFiles(dir, [
    ['comparison.json', comparisonToJson(c)],
    ['comparison-monthly.csv', comparisonCsv(c)],
  ]);
}

export async function compareCommand(backend: Backend, io: Io, first: string, second: string, flags: RunFlags): Promise<number> {
  const settings = runSettings(flags);
  const queue = queueFor(flags.redis, io);
  const over = (months: number | undefined) => (months === undefined ? undefined : { horizonMonths: months });
  let a = backend.loadScenario(first, over(settings.months));
  let b = backend.loadScenario(second, over(settings.months));
  if (a.horizonMonths !== b.horizonMonths) {
    // Without --months, compare over the horizon both scenarios cover.
    const common = Math.min(a.horizonMonths, b.horizonMonths);
    a = backend.loadScenario(first, { horizonMonths: common });
    b = backend.loadScenario(second, { horizonMonths: common });
  }
  if (settings.out !== undefined) prepareOutDir(settings.out);

  const progress = progressBar(io, `${a.name} vs ${b.name}`);
  const simulator = await simulatorFor(backend, Math.min(settings.workers, 2 * settings.replications), queue);
  let comparison: Comparison;
  try {
    comparison = await compareOn(simulator, a, b, {
      replications: settings.replications,
      seed: settings.seed,
      uncertainty: settings.uncertainty,
      version: backend.version,
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
    await simulator.close();
  }

  io.out(settings.json ? comparisonToJson(comparison) : compareReport(comparison, [thresholdNote(a, b)].filter((x): x is string => x !== undefined), backend.money));
  if (settings.out !== undefined) {
    const note = `Wrote ${writeFiles(settings.out, comparison).join(' and ')}\n`;
    if (settings.json) io.err(note);
    else io.out(`\n${note}`);
  }
  return 0;
}
