import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { period, sampleBacktest, series } from '../calibration/test-support/backtest.js';
import { formatBacktest, mapeTable, seriesTable } from './backtest-table.js';

const result = sampleBacktest();
const stock = result.series.awaiting_initial_decision_people!;

/** The cells of a cli-table3 body row (│ a │ b │), trimmed. */
const cells = (line: string) => line.split('│').slice(1, -1).map((c) => c.trim());
const rowOf = (text: string, first: string) => text.split('\n').map(cells).find((c) => c[0] === first);

describe('backtest series table', () => {
  const text = seriesTable('awaiting_initial_decision_people', stock);

  it('heads the table with the label, unit, kind and MAPE against the target', () => {
    expect(text.split('\n')[0]).toBe(`People awaiting an initial decision (awaiting_initial_decision_people; people, stock): MAPE ${(stock.mape * 100).toFixed(1)}% (target 10%: ✓)`);
    expect(text.split('\n')[1]).toBe('model series backlogPeople');
  });

  it('has a row for every period: record, median, band and the error, bracketed when not scored', () => {
    for (const p of stock.periods) expect(rowOf(text, p.period)).toBeDefined();
    expect(rowOf(text, '2018Q1')).toEqual(['2018Q1', '30,000', '31,000', '28,500–33,500', '(+3.3%)']);
    expect(rowOf(text, '2019Q1')).toEqual(['2019Q1', '46,000', '46,600', '43,700–49,500', '+1.3%']);
    expect(rowOf(text, '2023Q4')).toEqual(['2023Q4', '122,000', '120,700', '115,900–125,500', '-1.1%']);
  });

  it('marks a missed target with ✗ and says when nothing is scored', () => {
    const missed = series({ model: 'm', label: 'L', unit: 'people', kind: 'flow', target: 0.05, periods: [period('2020Q1', 100, 120, 5)] });
    expect(seriesTable('s', missed).split('\n')[0]).toBe('L (s; people, flow): MAPE 20.0% (target 5%: ✗)');
    const none = series({ model: 'm', label: 'L', unit: 'people', kind: 'flow', target: 0.05, periods: [period('2017Q4', 100, 120, 5, false)] });
    expect(seriesTable('s', none).split('\n')[0]).toBe('L (s; people, flow): MAPE n/a (no period scored)');
  });
});

describe('backtest scores summary', () => {
  it('has a row per series with the scored periods, MAPE, target, whether it is met, coverage and interval score', () => {
    const text = mapeTable(result);
    // Every stock record lies inside its band (record 30,000 + 4,000i, band 31,000 + 3,900i ± (2,500 + 100i)): the score is the width.
    const width = stock.periods.filter((p) => p.scored).reduce((a, p) => a + p.p95 - p.p5, 0) / 20;
    expect(rowOf(text, 'awaiting_initial_decision_people')).toEqual(['awaiting_initial_decision_people', '20', `${(stock.mape * 100).toFixed(1)}%`, '10%', '✓', '100.0% (20/20)', Math.round(width).toLocaleString('en-GB'), `${(stock.intervalScoreRelative * 100).toFixed(1)}%`]);
    // Hotels: 45,000 below [46,000, 58,000] scores 12,000 + 20 × 1,000; 48,000 inside [44,500, 56,500] scores 12,000;
    // 50,000 above [39,000, 49,000] scores 10,000 + 20 × 1,000. Mean 24,667; relative (32/45 + 12/48 + 30/50) / 3 = 52.0%.
    expect(rowOf(text, 'asylum_hotel_people')).toEqual(['asylum_hotel_people', '3', '10.9%', '', '', '33.3% (1/3)', '24,667', '52.0%']);
  });
});

describe('backtest report', () => {
  const text = formatBacktest(result);

  it('shows every period of every series, every MAPE, and what the run rested on', () => {
    for (const fit of Object.values(result.series)) {
      for (const p of fit.periods) expect(rowOf(text, p.period)).toBeDefined();
      expect(text).toContain(fit.label);
    }
    expect(text).toContain('MAPE 10.9%\n');
    expect(text).toContain('Errors in brackets are shown, not scored (periods before 2019-01-01).');
    expect(text).toContain('3 free parameters estimated from this record; 2018-01-01 to 2023-12-31; 40 replications, seed 7');
    expect(text).toContain('data a1b2c3d4e5f6 (data/uk/observed.csv)');
  });

  it('leaves out the bracket note when every period is scored', () => {
    const { asylum_hotel_people } = result.series;
    expect(formatBacktest({ ...result, series: { asylum_hotel_people: asylum_hotel_people! } })).not.toContain('in brackets');
  });

  it('matches the golden file', () => {
    const golden = new URL('./golden/backtest-report.txt', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
