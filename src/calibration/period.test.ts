import { describe, expect, it } from 'vitest';
import { comparePeriods, parsePeriod, type Period } from './period.js';

const span = (text: string): [string, string] | undefined => {
  const p = parsePeriod(text);
  return p && [p.start, p.end];
};

describe('parsePeriod', () => {
  it('reads every documented form into its first and last day', () => {
    expect(span('2022')).toEqual(['2022-01-01', '2022-12-31']);
    expect(span('2022Q4')).toEqual(['2022-10-01', '2022-12-31']);
    expect(span('2023H1')).toEqual(['2023-01-01', '2023-06-30']);
    expect(span('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(span('2023-06-30')).toEqual(['2023-06-30', '2023-06-30']);
    expect(span('FY2022-23')).toEqual(['2022-04-01', '2023-03-31']);
    expect(span('FY1999-00')).toEqual(['1999-04-01', '2000-03-31']);
    expect(span('2022Q2/2022Q4')).toEqual(['2022-04-01', '2022-12-31']);
    expect(span('2018/2023H1')).toEqual(['2018-01-01', '2023-06-30']);
    expect(parsePeriod('2022-12/2023-06')?.kind).toBe('range');
  });

  it('refuses anything else', () => {
    for (const bad of ['', '22', '2022Q5', '2022H3', '2022-13', '2023-02-29', '2022-6', 'FY2022-24', 'FY2022', '2015/16',
      '2023-ytd', '2023-autumn', '2022-2023', '2023/2022', '2022/2022', '2022/', '/2022', '2022/2023/2024', ' 2022']) {
      expect(parsePeriod(bad), bad).toBeUndefined();
    }
  });

  it('orders periods by start, then end', () => {
    const ps = ['2019', '2018Q4', '2018', '2018-06-30', 'FY2017-18'].map((t) => parsePeriod(t) as Period);
    expect(ps.sort(comparePeriods).map((p) => p.text)).toEqual(['FY2017-18', '2018', '2018-06-30', '2018Q4', '2019']);
  });
});
