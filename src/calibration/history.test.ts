import { describe, expect, it } from 'vitest';
import { ukMap } from './test-support/uk-map.js';
import { InputError } from '../model/errors.js';
import { simulate } from '../model/simulate.js';
import { baselineScenarioWith } from '../scenarios/catalogue.js';
import { loadOfficialData } from './data-files.js';
import { freeParameters } from './estimates.js';
import { headcountPath, historicalScenario, outcomeShares, quartersBetween } from './history.js';
import { ObservedData } from './observed.js';

const data = loadOfficialData();
const base = baselineScenarioWith(undefined);
const map = ukMap();

/** The record without the rows of one series and period (as if a release lacked them). */
function without(series: string, period: string): ObservedData {
  const rows = data.names().flatMap((n) => data.series(n, { allVintages: true }));
  return new ObservedData(rows.filter((o) => !(o.series === series && o.period === period)));
}

describe('the backtest window', () => {
  it('runs whole quarters: 2018-01-01 to 2023-06-30 is 22 quarters', () => {
    const q = quartersBetween('2018-01-01', '2023-06-30');
    expect(q).toHaveLength(22);
    expect(q[0]).toMatchObject({ label: '2018Q1', start: '2018-01-01', end: '2018-03-31' });
    expect(q[21].label).toBe('2023Q2');
  });

  it('refuses a start that is not the first day of a quarter, or an end before the start, naming the flag', () => {
    expect(() => quartersBetween('2018-02-01', '2023-06-30')).toThrow(/--from: got "2018-02-01"; the first day of a quarter/);
    expect(() => quartersBetween('2018-01-01', '2023-06-29')).toThrow(/--to: got "2023-06-29"; the last day of a quarter/);
    expect(() => quartersBetween('2019-01-01', '2018-12-31')).toThrow(/--to: .*a date after --from/);
  });
});

describe('the historical scenario', () => {
  const h = historicalScenario(base, data, map, '2018-01-01', '2023-06-30');
  let memo: ReturnType<typeof simulate> | undefined;
  const run = () => (memo ??= simulate(h.scenario, { seed: 3, replication: 0 }));

  it('starts in the state the record gives for the day before, and says how it derived what the record lacks', () => {
    expect(h.scenario.start).toBe('2018-01-01');
    expect(h.scenario.horizonMonths).toBe(66);
    expect(h.scenario.snapshot.awaitingDecisionPeople).toBe(data.value('awaiting_initial_decision_people', '2017-12-31'));
    expect(h.scenario.snapshot.inSupportPeople).toBe(data.value('asylum_support_people', '2017-12-31'));
    // Before the legacy cut-off there is no separate legacy count.
    expect(h.scenario.snapshot.legacyCases).toBe(0);
    const fields = h.derived.map((d) => d.field);
    expect(fields).toContain('snapshot.awaitingDecisionCases');
    expect(fields).toContain('snapshot.over6mPeople');
    expect(h.derived.find((d) => d.field === 'snapshot.awaitingDecisionCases')!.how).toMatch(/ratio on 2018-06-30/);
  });

  it('reproduces the recorded claims of every quarter (arrivals are inputs, Poisson noise aside)', () => {
    h.quarters.forEach((q, i) => {
      const model = run().series.arrivalsPeople.slice(3 * i, 3 * i + 3).reduce((a, b) => a + b, 0);
      const record = data.value('claims_people_quarter', q);
      expect(Math.abs(model - record) / record, q).toBeLessThan(0.05);
    });
  });

  it('takes outcome rates per year from the record: the model withdraws the recorded share of decisions', () => {
    const { series } = run();
    for (const y of [2019, 2021, 2023]) {
      const quarters = y === 2023 ? ['Q1', 'Q2'] : ['Q1', 'Q2', 'Q3', 'Q4'];
      const rec = (s: string) => quarters.reduce((a, q) => a + data.value(s, `${y}${q}`), 0);
      const recorded = rec('initial_withdrawals_people_quarter') / rec('initial_decisions_people_quarter');
      const months = y === 2023 ? 6 : 12;
      const sum = (s: Float64Array) => s.slice((y - 2018) * 12, (y - 2018) * 12 + months).reduce((a, b) => a + b, 0);
      const decided = sum(series.decisionsGrant) + sum(series.decisionsRefuse) + sum(series.decisionsWithdraw) + sum(series.decisionsInadmissible);
      expect(Math.abs(sum(series.decisionsWithdraw) / decided - recorded), String(y)).toBeLessThan(0.03);
    }
  });

  it('follows the recorded decision-maker headcount, by date, financial years at their middle', () => {
    const path = headcountPath(data, map.roles);
    expect(path.map((p) => p.date)).toEqual([...path.map((p) => p.date)].sort());
    expect(path.find((p) => p.date === '2019-09-30' || p.date === '2019-10-01')?.value).toBe(597);
    expect(h.scenario.decisions.headcount).toEqual(path);
  });

  it('names the missing figure and the fix when the record lacks an input', () => {
    const gap = without('claims_people_quarter', '2020Q2');
    expect(() => historicalScenario(base, gap, map, '2018-01-01', '2023-06-30')).toThrow(InputError);
    expect(() => historicalScenario(base, gap, map, '2018-01-01', '2023-06-30')).toThrow(/claims_people_quarter for 2020Q2.*add one with --data/);
  });

  it('leaves the scenario\'s outcome shares as they are at multiplier 1', () => {
    const s = outcomeShares(base, '2023-07-01');
    expect(s.withdraw).toBeCloseTo(base.decisions.withdrawShare, 12);
    expect(s.grant).toBeGreaterThan(0);
    expect(s.grant).toBeLessThan(1);
  });

  it('reads who claimed per year and their grant rates per quarter from the nationality tables', () => {
    const at = (points: readonly { date: string; value: number }[], date: string) => points.find((p) => p.date === date)?.value;
    const albania2022 = data.figure('claims_people_albania_year', '2022')! / data.figure('claims_people_total_year', '2022')!;
    expect(at(h.scenario.arrivals.nationalityMix.albania, '2022-01-01')).toBeCloseTo(albania2022, 12);
    expect(at(h.scenario.arrivals.nationalityMix.albania, '2023-01-01')).toBeCloseTo(data.figure('claims_people_albania_half', '2023H1')! / data.figure('claims_people_total_half', '2023H1')!, 12);
    // 2023Q1 and 2023H1 start together: the quarter, the finer, drives.
    expect(at(h.scenario.decisions.grantRate.albania, '2023-01-01')).toBeCloseTo(data.figure('initial_grant_rate_albania_quarter', '2023Q1')! / 100, 12);
    expect(at(h.scenario.decisions.grantRate.albania, '2023-04-01')).toBeCloseTo(data.figure('initial_grant_rate_albania_quarter', '2023Q2')! / 100, 12);
    expect(at(h.scenario.decisions.grantRate.other, '2022-01-01')).toBeCloseTo(data.figure('initial_grant_rate_other_year', '2022')! / 100, 12);
  });

  it('takes dispersal places from a release that records people in dispersal accommodation, and then does not estimate them', () => {
    const hotel = data.series('asylum_hotel_people').find((o) => o.period === '2023-03-31')!;
    const release = new ObservedData([
      ...data.names().flatMap((n) => data.series(n, { allVintages: true })),
      { ...hotel, series: 'asylum_dispersal_people', period: '2022-12-31', value: 61_000 },
      { ...hotel, series: 'asylum_dispersal_people', period: '2023-03-31', value: 63_000 },
    ]);
    const withPlaces = historicalScenario(base, release, map, '2022-01-01', '2023-06-30');
    expect(withPlaces.dispersalFromRecord).toBe(true);
    expect(withPlaces.scenario.accommodation.dispersalPlaces.slice(1)).toEqual([{ date: '2022-12-31', value: 61_000 }, { date: '2023-03-31', value: 63_000 }]);
    expect(freeParameters(withPlaces).map((f) => f.path)).not.toContain('accommodation.dispersalPlaces');
    const without = historicalScenario(base, data, map, '2022-01-01', '2023-06-30');
    expect(without.dispersalFromRecord).toBe(false);
    expect(freeParameters(without).map((f) => f.path)).toContain('accommodation.dispersalPlaces');
  });

  it('starts the backlog in the recorded nationality mix where the record has it, else in the claims\' mix', () => {
    const late = historicalScenario(base, data, map, '2023-01-01', '2023-06-30').scenario.snapshot.nationalityMix;
    expect(late.iran).toBeCloseTo(data.figure('backlog_initial_main_iran', '2022-12-31')! / data.figure('backlog_initial_cases', '2022-12-31')!, 12);
    expect(h.derived.some((d) => d.field === 'snapshot.nationalityMix')).toBe(true);
    expect(h.scenario.snapshot.nationalityMix.albania).toBe(h.scenario.arrivals.nationalityMix.albania[0].value);
  });
});
