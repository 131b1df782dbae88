/**
 * A later official release, in the tidy format, drives and scores a backtest past mid-2023 with no
 * code change. The release here is made by the model itself, with known parameters (the
 * calibrated baseline, seed 42), so the backtest driven by its inputs must give its stocks back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ukMap } from './test-support/uk-map.js';
import { simulate } from '../model/simulate.js';
import type { SeriesName } from '../model/result.js';
import { baselineCalibration, baselineScenarioWith } from '../scenarios/catalogue.js';
import { runBacktest } from './backtest.js';
import { dataFiles, loadOfficialData } from './data-files.js';
import { historicalScenario } from './history.js';

const QUARTERS = [
  { label: '2023Q3', end: '2023-09-30' },
  { label: '2023Q4', end: '2023-12-31' },
  { label: '2024Q1', end: '2024-03-31' },
  { label: '2024Q2', end: '2024-06-30' },
];
const SOURCE = 'https://www.gov.uk/government/collections/immigration-statistics-quarterly-release';

/** The release: inputs and record per quarter, from one run of the calibrated baseline. */
function releaseFromModel(): string {
  const base = baselineScenarioWith(baselineCalibration());
  const run = simulate({ ...base, horizonMonths: 12 }, { seed: 42, replication: 0 });
  const s = run.series;
  const sum = (name: SeriesName, q: number) => s[name][3 * q] + s[name][3 * q + 1] + s[name][3 * q + 2];
  const end = (name: SeriesName, q: number) => s[name][3 * q + 2];
  const rows: string[] = ['series,period,value,unit,source,note,vintage'];
  const row = (series: string, period: string, value: number, unit: string) => rows.push(`${series},${period},${Math.round(value)},${unit},${SOURCE},made by the model (seed 42),2025-02`);
  QUARTERS.forEach((q, i) => {
    // Outcomes are counted in cases by the model; the release counts people (only their shares drive).
    const decided = sum('decisionsGrant', i) + sum('decisionsRefuse', i) + sum('decisionsWithdraw', i) + sum('decisionsInadmissible', i);
    const perCase = decided > 0 ? sum('decisionsPeople', i) / decided : 1;
    row('claims_people_quarter', q.label, sum('arrivalsPeople', i), 'people');
    row('initial_decisions_people_quarter', q.label, sum('decisionsPeople', i), 'people');
    row('initial_grants_people_quarter', q.label, sum('decisionsGrant', i) * perCase, 'people');
    row('initial_refusals_people_quarter', q.label, sum('decisionsRefuse', i) * perCase, 'people');
    row('initial_withdrawals_people_quarter', q.label, sum('decisionsWithdraw', i) * perCase, 'people');
    row('ftt_asylum_appeals_receipts_quarter', q.label, sum('tribunalReceipts', i), 'appeals');
    row('ftt_asylum_appeals_disposals_quarter', q.label, sum('appealsDisposed', i), 'appeals');
    row('ftt_asylum_appeals_outstanding', q.end, end('awaitingAppealCases', i), 'appeals');
    row('awaiting_initial_decision_people', q.end, end('awaitingDecisionPeople', i), 'people');
    row('asylum_support_people', q.end, end('inSupportPeople', i), 'people');
  });
  return `${rows.join('\n')}\n`;
}

describe('a later release in the tidy format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-later-'));
  const file = join(dir, 'later-release.csv');
  writeFileSync(file, releaseFromModel());
  const data = loadOfficialData([...dataFiles(), file]);
  const calibration = baselineCalibration();
  const result = runBacktest({
    base: baselineScenarioWith(calibration),
    data,
    map: ukMap(),
    dataVersion: 'test',
    dataFiles: ['later-release.csv'],
    estimates: calibration?.estimates ?? [],
    freeParameters: calibration?.freeParameters ?? 0,
    from: '2023-07-01',
    to: '2024-06-30',
    replications: 3,
    seed: 1,
    uncertainty: 'stochastic',
  });

  it('drives the run past mid-2023 and scores every quarter of it, the tribunal\'s caseload included', () => {
    for (const series of ['awaiting_initial_decision_people', 'initial_decisions_people_quarter', 'asylum_support_people', 'ftt_asylum_appeals_outstanding', 'ftt_asylum_appeals_receipts_quarter']) {
      const fit = result.series[series];
      expect(fit, series).toBeDefined();
      expect(fit!.periods.filter((p) => p.scored), series).toHaveLength(4);
    }
  });

  it('gives back what the model made with known parameters: the backlog within 5%, decisions within 15%', () => {
    // Decisions come back through the record's reading (people per case, the work of each outcome
    // as assumed), not exactly; the backlog, their running balance with claims, comes back closer.
    expect(result.series.awaiting_initial_decision_people!.mape).toBeLessThan(0.05);
    expect(result.series.initial_decisions_people_quarter!.mape).toBeLessThan(0.15);
    expect(result.series.ftt_asylum_appeals_receipts_quarter!.mape).toBeLessThan(0.15);
  });

  it('takes who claimed and what each nationality was granted from the release\'s nationality tables', () => {
    const tables = join(dir, 'later-nationalities.csv');
    const line = (series: string, period: string, value: number, unit: string) => `${series},${period},${value},${unit},${SOURCE},,2025-02`;
    writeFileSync(
      tables,
      [
        'series,period,value,unit,source,note,vintage',
        line('initial_grant_rate_albania_quarter', '2023Q4', 12, 'percent'),
        line('initial_grant_rate_iran_quarter', '2024Q1', 45, 'percent'),
        line('claims_people_albania_half', '2024H1', 1_000, 'people (main applicants and dependants)'),
        line('claims_people_total_half', '2024H1', 40_000, 'people (main applicants and dependants)'),
      ].join('\n') + '\n',
    );
    const h = historicalScenario(baselineScenarioWith(calibration), loadOfficialData([...dataFiles(), file, tables]), ukMap(), '2023-07-01', '2024-06-30').scenario;
    expect(h.decisions.grantRate.albania.at(-1)).toEqual({ date: '2023-10-01', value: 0.12 });
    expect(h.decisions.grantRate.iran.at(-1)).toEqual({ date: '2024-01-01', value: 0.45 });
    expect(h.arrivals.nationalityMix.albania.at(-1)).toEqual({ date: '2024-01-01', value: 1_000 / 40_000 });
  });
});
