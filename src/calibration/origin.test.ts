import { describe, expect, it } from 'vitest';
import { ukMap } from './test-support/uk-map.js';
import { InputError } from '../model/errors.js';
import { baselineScenarioWith } from '../scenarios/catalogue.js';
import { loadOfficialData } from './data-files.js';
import { ObservedData, type Observation } from './observed.js';
import { calibrateToOrigin, checkOrigin, observedUpTo, runOriginBacktest, type OriginInput } from './origin.js';
import { parsePeriod } from './period.js';

const official = loadOfficialData();
const base = baselineScenarioWith(undefined);
/**
 * A small record: the official one as far as 2021-06-30, which a one-year calibration to mid-2020
 * (the first headcount figure is for 2019-20) and a half-year run after it need, plus a made-up
 * headcount for September 2020. Headcount is interpolated linearly, so that later figure would
 * reach back into the calibration window if the record after the origin were not cut off.
 */
const headcount: Observation = { ...official.series('asylum_decision_makers')[0], period: '2020-09', value: 900, note: 'test', file: 'test.csv', line: 2 };
const record = new ObservedData([...rowsOf(observedUpTo(official, '2021-06-30')), headcount]);
const origin = '2020-06-30';
const cheap: OriginInput = {
  base,
  data: record,
  map: ukMap(),
  dataVersion: 'test',
  dataFiles: [],
  origin,
  from: '2019-07-01',
  scoreFrom: '2019-07-01',
  to: '2020-12-31',
  replications: 2,
  seed: 1,
  uncertainty: 'stochastic',
  calibration: { replications: 1, maxIterations: 1 },
};

function rowsOf(data: ObservedData): Observation[] {
  return data.names().flatMap((n) => data.series(n, { allVintages: true }));
}

/** The record with one figure changed. */
function changed(data: ObservedData, series: string, period: string, factor: number): ObservedData {
  const rows = rowsOf(data);
  let hits = 0;
  const out = rows.map((o) => (o.series === series && o.period === period ? (hits++, { ...o, value: Math.round(o.value * factor) }) : o));
  expect(hits, `${series} ${period}`).toBeGreaterThan(0);
  return new ObservedData(out);
}

describe('the origin of a rolling-origin backtest', () => {
  const window = { from: '2018-01-01', to: '2023-06-30', scoreFrom: '2019-01-01' };

  it('is a quarter\'s last day inside the window; anything else is refused naming the field, the value and what is allowed', () => {
    expect(checkOrigin('--origin', ' 2021-06-30 ', window)).toBe('2021-06-30');
    expect(() => checkOrigin('--origin', '2021-06-15', window)).toThrow(InputError);
    expect(() => checkOrigin('--origin', '2021-06-15', window)).toThrow(/--origin: got "2021-06-15"; the last day of a quarter/);
    expect(() => checkOrigin('origin', '2021-02-31', window)).toThrow(/^origin: got "2021-02-31"; the last day of a quarter/);
    expect(() => checkOrigin('origin', 'June', window)).toThrow(/^origin: got "June"/);
    expect(() => checkOrigin('--origin', '2018-12-31', window)).toThrow(/--origin: got "2018-12-31"; a quarter's last day after 2019-01-01/);
    expect(() => checkOrigin('--origin', '2023-06-30', window)).toThrow(/before --to \(2023-06-30\)/);
  });

  it('cuts the record to the periods ending on or before it, every vintage kept', () => {
    const cut = observedUpTo(official, '2021-06-30');
    for (const name of cut.names()) for (const o of cut.series(name, { allVintages: true })) expect(parsePeriod(o.period)!.end <= '2021-06-30', `${name} ${o.period}`).toBe(true);
    expect(cut.get('awaiting_initial_decision_people', '2021-06-30')).toBe(official.get('awaiting_initial_decision_people', '2021-06-30'));
    expect(cut.get('claims_people_quarter', '2021Q2')).toBe(official.get('claims_people_quarter', '2021Q2'));
    expect(cut.get('claims_people_quarter', '2021Q3')).toBeUndefined();
    // A financial year ending after the origin is not yet known.
    expect(cut.series('asylum_decision_makers').every((o) => parsePeriod(o.period)!.end <= '2021-06-30')).toBe(true);
    expect(rowsOf(cut).length).toBeLessThan(rowsOf(official).length);
  });
});

describe('a rolling-origin backtest', () => {
  it('runs from the day after the origin and scores nothing at or before it; the report names the origin and its calibration', () => {
    const r = runOriginBacktest(cheap);
    expect(r.from).toBe('2020-07-01');
    expect(r.scoreFrom).toBe('2020-07-01');
    const periods = Object.values(r.series).flatMap((s) => s.periods);
    expect(periods.length).toBeGreaterThan(3);
    for (const p of periods) expect(parsePeriod(p.period)!.start > origin, p.period).toBe(true);
    expect(r.series.awaiting_initial_decision_people.periods.map((p) => p.period)).toEqual(['2020-09-30', '2020-12-31']);
    expect(r.series.awaiting_initial_decision_people.periods.every((p) => p.scored)).toBe(true);
    expect(r.origin).toMatchObject({ date: origin, calibration: { from: '2019-07-01', to: origin, maxIterations: 1, replications: 1 } });
    expect(r.origin.calibration.loss).toBeLessThanOrEqual(r.origin.calibration.lossAtStart);
    expect(r.origin.calibration.forward.map((e) => e.name)).toEqual(['support share', 'support after last decision', 'leaving support while waiting']);
    expect(r.origin.calibration.forward.every((e) => e.date === undefined || e.date === '2020-07-01')).toBe(true);
    expect(r.origin.calibration.estimates.some((e) => e.sd !== undefined && e.sd > 0)).toBe(true);
  }, 120_000);

  it('cannot be moved by the record after the origin: a changed later figure leaves the estimates as they were; an earlier one moves them', () => {
    const estimates = (data: ObservedData) => {
      const c = calibrateToOrigin({ ...cheap, data });
      return { values: c.values, sd: c.sd, loss: c.loss };
    };
    const before = estimates(record);
    // Later figures of a fitted series, of the claims and of the headcount.
    let later = changed(record, 'awaiting_initial_decision_people', '2020-09-30', 1.5);
    later = changed(changed(later, 'claims_people_quarter', '2020Q3', 0.5), 'asylum_decision_makers', '2020-09', 2);
    expect(estimates(later)).toEqual(before);
    // (A fitted series the estimates act on: support, since productivity is read from the record.)
    const earlier = changed(record, 'asylum_support_people', '2019-12-31', 1.3);
    expect(estimates(earlier).values).not.toEqual(before.values);
  }, 120_000);
});
