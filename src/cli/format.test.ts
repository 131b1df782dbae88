import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SummaryAccumulator } from '../experiment/summary.js';
import { monthLabels, syntheticResult } from '../experiment/test-support/synthetic.js';
import { KPIS } from '../model/result.js';
import { wrap, financialYearLabel, KPI_LABELS, runReport } from './format.js';
import { formatCount, formatMoney, formatValue } from '../experiment/format.js';

describe('number formatting', () => {
  it('separates thousands and rounds to whole numbers', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999.4)).toBe('999');
    expect(formatCount(1234567.5)).toBe('1,234,568');
    expect(formatCount(-175457)).toBe('-175,457');
  });

  it('writes money with £, m and bn', () => {
    expect(formatMoney(12_345.4)).toBe('£12,345');
    expect(formatMoney(994_000)).toBe('£994,000');
    expect(formatMoney(996_000)).toBe('£1.0m');
    expect(formatMoney(45_670_000)).toBe('£45.7m');
    expect(formatMoney(456_700_000)).toBe('£457m');
    expect(formatMoney(999_600_000)).toBe('£1.00bn');
    expect(formatMoney(2_345_678_901)).toBe('£2.35bn');
    expect(formatMoney(-3_000_000)).toBe('-£3.0m');
  });

  it('says "not within horizon" for null and formats by unit', () => {
    expect(formatValue(null, 'months')).toBe('not within horizon');
    expect(formatValue(14.25, 'months')).toBe('14.3');
    expect(formatValue(412.6, 'days')).toBe('413');
    expect(formatValue(175457, 'people')).toBe('175,457');
    expect(formatValue(3.2e9, 'money')).toBe('£3.20bn');
  });

  it('marks financial years the run covers only in part', () => {
    const months = monthLabels('2023-07', 10).map((month) => ({ month }));
    expect(financialYearLabel('FY2023-24', months)).toBe('FY2023-24 (9 months)');
    expect(financialYearLabel('FY2024-25', months)).toBe('FY2024-25 (1 month)');
    expect(financialYearLabel('FY2024-25', monthLabels('2024-04', 12).map((month) => ({ month })))).toBe('FY2024-25');
    expect(financialYearLabel('2024', months)).toBe('2024');
  });

  it('wraps text at word boundaries', () => {
    expect(wrap('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
    expect(wrap('  averyveryverylongword x ', 5)).toEqual(['averyveryverylongword', 'x']);
    expect(wrap('', 10)).toEqual([]);
  });

  it('has a label and unit for every KPI', () => {
    expect(Object.keys(KPI_LABELS)).toEqual([...KPIS]);
  });
});

describe('run report', () => {
  it('matches the golden file', () => {
    const acc = new SummaryAccumulator({ scenario: 'synthetic', title: 'Synthetic', seed: 5, replications: 4, uncertainty: 'stochastic', version: '1.2.3' });
    for (let r = 0; r < 4; r++) acc.add(r, syntheticResult(5, r, { months: 14, notReached: (i) => i === 3, notDefined: () => true }));
    const kpis = acc.finish().kpis;
    expect(kpis.hotelPeopleAt24m.notApplicable).toBe(4);
    const partly = new SummaryAccumulator({ scenario: 'synthetic', title: 'Synthetic', seed: 5, replications: 4, uncertainty: 'stochastic', version: '1.2.3' });
    for (let r = 0; r < 4; r++) partly.add(r, syntheticResult(5, r, { months: 14, notReached: (i) => i === 3, notDefined: (i) => i === 0 }));
    const text = `${runReport(acc.finish())}\n${runReport(partly.finish())}`;
    const golden = new URL('./golden/run-report.txt', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
