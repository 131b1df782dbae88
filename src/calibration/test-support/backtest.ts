/**
 * Small backtest results built by hand for the report and table tests (no model run): the
 * figures follow simple formulas so a test can say what each row must hold.
 */
import { scores, type BacktestResult, type PeriodFit, type SeriesFit } from '../fit.js';

/** A period with the band around `p50` at ±`spread` and the error worked out as the result defines it. */
export function period(period: string, observed: number, p50: number, spread: number, scored = true): PeriodFit {
  return { period, observed, p5: p50 - spread, p50, p95: p50 + spread, error: (p50 - observed) / observed, scored };
}

export function series(fields: Omit<SeriesFit, 'mape' | 'coverage' | 'intervalScore' | 'intervalScoreRelative'>): SeriesFit {
  return { ...fields, ...scores(fields.periods) };
}

/** Quarters from `year`Q1 on: 2018Q1, 2018Q2, … */
export function quarters(year: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${year + Math.floor(i / 4)}Q${(i % 4) + 1}`);
}

/**
 * Two series: a stock over 24 quarters (the first four before scoring starts, a target of 10%)
 * and a flow over three quarter-end dates with a label and unit that need escaping and quoting.
 */
export function sampleBacktest(): BacktestResult {
  const stock = quarters(2018, 24).map((q, i) => period(q, 30_000 + 4_000 * i, 31_000 + 3_900 * i, 2_500 + 100 * i, i >= 4));
  return {
    from: '2018-01-01',
    to: '2023-12-31',
    scoreFrom: '2019-01-01',
    replications: 40,
    seed: 7,
    uncertainty: 'both',
    parameterSpread: 'standard-errors',
    dataVersion: 'a1b2c3d4e5f6',
    dataFiles: ['data/uk/observed.csv'],
    freeParameters: 3,
    series: {
      awaiting_initial_decision_people: series({
        model: 'backlogPeople',
        label: 'People awaiting an initial decision',
        unit: 'people',
        kind: 'stock',
        target: 0.1,
        periods: stock,
      }),
      asylum_hotel_people: series({
        model: 'hotelPeople',
        label: 'In hotels <&> "contingency"',
        unit: 'people, end of "quarter"',
        kind: 'flow',
        periods: [period('2023-03-31', 45_000, 52_000, 6_000), period('2023-06-30', 48_000, 50_500, 6_000), period('2023-09-30', 50_000, 44_000, 5_000)],
      }),
    },
  };
}
