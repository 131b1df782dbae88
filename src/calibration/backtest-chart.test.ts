import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { backtestChart, backtestChartText, periodDate } from './backtest-chart.js';
import { sampleBacktest } from './test-support/backtest.js';

const { document } = parseHTML('<!doctype html><html><body></body></html>');
const doc = document as unknown as Document;

describe('backtest chart', () => {
  const result = sampleBacktest();
  const stock = result.series.awaiting_initial_decision_people!;

  it('draws the same band, median and dots for a page as for a file, leaving the heading and legend to the page', () => {
    const file = backtestChart('a', stock, result, { document: doc });
    const page = backtestChart('a', stock, result, { document: doc, width: 500, height: 260, standalone: false });
    expect(page.localName).toBe('svg');
    expect(page.getAttribute('width')).toBe('500');
    for (const svg of [file, page]) {
      expect(svg.querySelectorAll('.band path')).toHaveLength(1);
      expect(svg.querySelectorAll('.median path')).toHaveLength(1);
      expect(svg.querySelectorAll('.record-scored circle')).toHaveLength(20);
      expect(svg.querySelectorAll('.record-unscored circle')).toHaveLength(4);
      expect(svg.querySelector('.record-scored circle title')?.textContent).toBe('2019Q1: record 46,000; model P50 46,600 (P5–P95 43,700–49,500); error +1.3%');
    }
    expect(file.querySelectorAll('.heading')).toHaveLength(1);
    expect(page.querySelectorAll('.heading, .legend')).toHaveLength(0);
  });

  it('is labelled by a title and description whose ids are unique to the series', () => {
    const svg = backtestChart('asylum_hotel_people', result.series.asylum_hotel_people!, result, { document: doc, standalone: false });
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe('backtest-asylum_hotel_people-title backtest-asylum_hotel_people-desc');
    expect(svg.querySelector('#backtest-asylum_hotel_people-title')?.textContent).toBe('In hotels <&> "contingency"');
    expect(svg.querySelector('#backtest-asylum_hotel_people-desc')?.textContent).toBe(backtestChartText(result.series.asylum_hotel_people!, result).description);
  });

  it('places a period at its middle, a date at itself', () => {
    expect(periodDate('2021Q1').toISOString()).toBe('2021-02-14T12:00:00.000Z');
    expect(periodDate('2023-03-31').toISOString()).toBe('2023-03-31T00:00:00.000Z');
    expect(Number.isNaN(periodDate('not a period').getTime())).toBe(true);
  });
});
