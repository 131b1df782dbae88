import { describe, expect, it } from 'vitest';
import { ukMap } from './test-support/uk-map.js';
import { fitOf, type Simulated } from './backtest.js';
import { observedFromTexts } from './observed.js';
import { modelValue, windows, type Compared } from './compared-series.js';

const source = 'https://www.gov.uk/x';
const record = observedFromTexts([
  {
    file: 'record.csv',
    text: [
      'series,period,value,unit,source,note,vintage',
      `awaiting_initial_decision_people,2017-12-31,100,people,${source},,revised`,
      `awaiting_initial_decision_people,2018-03-31,110,people,${source},,revised`,
      `awaiting_initial_decision_people,2018-06-30,120,people,${source},,revised`,
      `asylum_hotel_people,2018-05,7,people,${source},,as-published`,
      `initial_decisions_people_quarter,2018Q1,30,people,${source},,revised`,
      `initial_decisions_people_quarter,2018Q2,60,people,${source},,revised`,
      `initial_decisions_people_quarter,2018Q3,90,people,${source},,revised`,
    ].join('\n'),
  },
]);
const compared = ukMap().compared;
const stock = compared.find((c) => c.series === 'awaiting_initial_decision_people')!;
const flow = compared.find((c) => c.series === 'initial_decisions_people_quarter')!;
const hotels = compared.find((c) => c.series === 'asylum_hotel_people')!;

describe('setting the record beside the model', () => {
  it('reads a stock at the end of the month its date (or month) falls in, inside the run only', () => {
    expect(windows(record, stock, '2018-01-01', 6)).toEqual([
      { period: '2018-03-31', start: '2018-03-31', observed: 110, first: 2, last: 2 },
      { period: '2018-06-30', start: '2018-06-30', observed: 120, first: 5, last: 5 },
    ]);
    expect(windows(record, hotels, '2018-01-01', 6)).toEqual([{ period: '2018-05', start: '2018-05-01', observed: 7, first: 4, last: 4 }]);
  });

  it('sums a flow over the three months of its quarter, for quarters wholly inside the run', () => {
    const w = windows(record, flow, '2018-01-01', 6);
    expect(w.map((x) => [x.period, x.first, x.last])).toEqual([
      ['2018Q1', 0, 2],
      ['2018Q2', 3, 5],
    ]);
    const monthly = Float64Array.from([1, 2, 3, 4, 5, 6]);
    expect(modelValue(monthly, flow, w[1])).toBe(15);
    expect(modelValue(monthly, stock, { period: 'x', start: '2018-05-31', observed: 1, first: 4, last: 4 })).toBe(5);
  });

  it('gives each period the band and the median\'s error, and scores only periods from the scoring date', () => {
    const compared: Compared = flow;
    const sim: Simulated[] = [
      {
        compared,
        windows: windows(record, flow, '2018-01-01', 6),
        values: [Float64Array.from([27, 33, 30, 36, 24]), Float64Array.from([66, 54, 60, 72, 48])],
      },
    ];
    const fit = fitOf(sim, '2018-04-01')[flow.series];
    expect(fit.periods[0]).toMatchObject({ period: '2018Q1', observed: 30, p50: 30, error: 0, scored: false });
    expect(fit.periods[1]).toMatchObject({ period: '2018Q2', observed: 60, p50: 60, scored: true });
    expect(fit.periods[1].p5).toBeLessThan(54);
    expect(fit.periods[1].p95).toBeGreaterThan(66);
    expect(fit.mape).toBe(0);
    expect(fit.target).toBe(0.15);
    const off = fitOf([{ ...sim[0], values: [sim[0].values[0], Float64Array.from([66, 66, 66, 66, 66])] }], '2018-01-01')[flow.series];
    // (30 − 30)/30 and (66 − 60)/60 → MAPE 5%.
    expect(off.mape).toBeCloseTo(0.05, 12);
  });
});
