/**
 * The projection claim: what 1,000 extra caseworkers do to the backlog and to hotel use ("clear
 * the asylum backlog", which "would let the Government end the use of hotels"). The check is a
 * model comparison on common random numbers — status quo against the same scenario with only the
 * 1,000 extra decision-makers added — run by the caller (the CLI), and read here.
 */
import type { Comparison } from '../experiment/compare.js';
import type { SummaryStats } from '../experiment/summary.js';
import { claimed, count, inputValue } from './inputs.js';
import type { Claim, ClaimInput } from './types.js';

export const BASE_SCENARIO = 'status-quo-2023';
export const EXTRA_CASEWORKERS = 1_000;
/** Assumption: hiring from the scenario's start, linearly over six months. */
export const HIRING_RAMP_MONTHS = 6;

/** The month `months` after an ISO date, as an ISO date (day kept; scenarios start on the 1st). */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const k = y * 12 + (m - 1) + months;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Scenario overrides adding only the extra caseworkers to the base (the decisions.extra lever). */
export function extraCaseworkerOverrides(start: string): Record<string, unknown> {
  return {
    decisions: {
      extra: {
        headcount: [
          { date: start, value: 0 },
          { date: addMonths(start, HIRING_RAMP_MONTHS), value: EXTRA_CASEWORKERS },
        ],
      },
    },
  };
}

/** A statistic as a number; a value not reached within the horizon is Infinity. */
function stat(s: SummaryStats, key: 'mean' | 'p5' | 'p50' | 'p95'): number {
  const v = s[key];
  return v === null ? Infinity : v;
}

function monthLabel(c: Comparison, k: number): string {
  return Number.isFinite(k) ? (c.months[Math.max(1, Math.round(k)) - 1]?.month ?? 'beyond the horizon') : 'not within the horizon';
}

/** Inputs read from the comparison: A and B of each KPI the claim is about, and the paired difference. */
function comparisonInputs(c: Comparison): ClaimInput[] {
  const a = `${c.a.scenario} (${c.replications} replications, seed ${c.seed})`;
  const b = `${c.b.scenario} (${c.replications} replications, seed ${c.seed})`;
  const model = 'Model projection (asylum-sim compare, common random numbers)';
  const out: ClaimInput[] = [];
  for (const [k, label] of [['backlogPeopleAt24m', 'backlog after 24 months'], ['hotelPeopleAt24m', 'people in hotels after 24 months']] as const) {
    const p = c.kpis[k];
    out.push({ name: `${label}, A (mean)`, value: stat(p.a, 'mean'), unit: 'people', scenario: a, source: model });
    out.push({ name: `${label}, B (mean)`, value: stat(p.b, 'mean'), unit: 'people', scenario: b, source: model });
    out.push({ name: `${label}, B − A (P5)`, value: stat(p.diff, 'p5'), unit: 'people', scenario: `${b} minus ${a}`, source: model });
    out.push({ name: `${label}, B − A (P95)`, value: stat(p.diff, 'p95'), unit: 'people', scenario: `${b} minus ${a}`, source: model });
  }
  const t = c.kpis.monthsUntilBacklogBelowThreshold;
  out.push({ name: 'months until backlog below threshold, A (median)', value: stat(t.a, 'p50'), unit: 'months', scenario: a, source: model });
  out.push({ name: 'months until backlog below threshold, B (median)', value: stat(t.b, 'p50'), unit: 'months', scenario: b, source: model });
  const h = c.kpis.monthsUntilHotelsEmpty;
  out.push({ name: 'months until hotel use ends, B (median)', value: stat(h.b, 'p50'), unit: 'months', scenario: b, source: model });
  return out;
}

export function caseworkersResult(inputs: readonly ClaimInput[]): { backlog24: number; hotels24: number } {
  return {
    backlog24: inputValue(inputs, 'backlog after 24 months, B (mean)') - inputValue(inputs, 'backlog after 24 months, A (mean)'),
    hotels24: inputValue(inputs, 'people in hotels after 24 months, B (mean)') - inputValue(inputs, 'people in hotels after 24 months, A (mean)'),
  };
}

function change(d: number): string {
  return d < 0 ? 'reduce' : d > 0 ? 'raise' : 'leave unchanged';
}

function when(month: string): string {
  return month.startsWith('not') || month.startsWith('beyond') ? month : `by ${month}`;
}

/** The claim, from a comparison of the base scenario (A) with the base plus 1,000 caseworkers (B). */
export function caseworkersClaim(c: Comparison): Claim {
  const inputs: ClaimInput[] = [
    claimed('extra caseworkers', EXTRA_CASEWORKERS, 'staff', 'Keir Starmer, seed article'),
    { name: 'hiring ramp', value: HIRING_RAMP_MONTHS, unit: 'months', scenario: c.b.scenario, source: 'Assumption: hired linearly from the start of the scenario, then trained as other decision-makers' },
    ...comparisonInputs(c),
  ];
  const r = caseworkersResult(inputs);
  const lo = inputValue(inputs, 'backlog after 24 months, B − A (P5)');
  const hi = inputValue(inputs, 'backlog after 24 months, B − A (P95)');
  const monthA = monthLabel(c, inputValue(inputs, 'months until backlog below threshold, A (median)'));
  const monthB = monthLabel(c, inputValue(inputs, 'months until backlog below threshold, B (median)'));
  const hotelsEnd = monthLabel(c, inputValue(inputs, 'months until hotel use ends, B (median)'));
  const hotelsB = inputValue(inputs, 'people in hotels after 24 months, B (mean)');
  return {
    id: 'caseworkers-1000',
    speaker: 'Keir Starmer; Labour',
    kind: 'projection',
    statement: 'Recruiting an extra 1,000 Home Office caseworkers would clear the asylum backlog, and ending the backlog would let the government end the use of hotels, barges and military sites.',
    claimed: '1,000 caseworkers clear the backlog and end hotel use',
    computation: `Model comparison on common random numbers: ${c.a.scenario} (A) against ${c.b.scenario} (B, only the 1,000 extra caseworkers added); paired differences B − A after 24 months, and the median month the backlog falls below the threshold and hotel use ends.`,
    inputs,
    result: {
      value: r.backlog24,
      unit: 'people',
      text: `backlog after 24 months ${count(r.backlog24)} (P5 ${count(lo)} to P95 ${count(hi)}); hotels ${count(r.hotels24)}; backlog below the threshold ${when(monthB)} (status quo: ${when(monthA)})`,
    },
    verdict: 'depends on assumptions',
    reasoning: `In the model, 1,000 more caseworkers ${change(r.backlog24)} the backlog after 24 months by ${count(Math.abs(r.backlog24))} people (paired P5–P95 ${count(lo)} to ${count(hi)}) and ${change(r.hotels24)} the number in hotels by ${count(Math.abs(r.hotels24))}, leaving ${count(hotelsB)} in hotels. The backlog falls below the threshold ${when(monthB)} with them and ${when(monthA)} without; hotel use ends ${when(hotelsEnd)} with them. How much they help depends on how productive new caseworkers are after training, on arrivals staying at the 2023 rate, and on whether decisions, not appeals, returns or move-on, are the bottleneck; ending hotel use also needs other accommodation.`,
    assumptions: [`hiring over ${HIRING_RAMP_MONTHS} months from the start; training and productivity as for current decision-makers`, 'arrivals and every other lever as in the status quo', 'the model\'s parameter ranges (parametric and stochastic uncertainty)'],
  };
}
