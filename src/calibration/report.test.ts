import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { parseCsv } from './csv.js';
import type { BacktestResult, SeriesFit } from './fit.js';
import { BACKTEST_CSV_COLUMNS, BACKTEST_SERIES_CSV_COLUMNS, backtestCsv, backtestSeriesCsv, labelSpacing, niceTicks, seriesChartSvg, writeBacktestReport } from './report.js';
import { period, quarters, sampleBacktest, series } from './test-support/backtest.js';

interface Element {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly parents: readonly Element[];
  text: string;
}

const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/** A strict little XML well-formedness check (no DTD, no CDATA): throws on a fault, else returns every element in order. */
function parseXml(xml: string): Element[] {
  const elements: Element[] = [];
  const open: Element[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/y;
  const attr = /([A-Za-z_][\w.:-]*)\s*=\s*"([^"<]*)"/g;
  const checkEntities = (text: string, at: number) => {
    for (let k = text.indexOf('&'); k >= 0; k = text.indexOf('&', k + 1)) {
      ENTITY.lastIndex = k;
      if (!ENTITY.test(text)) throw new Error(`bare & at ${at + k}`);
    }
  };
  let rootClosed = false;
  let i = 0;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i) < 0 ? xml.length : xml.indexOf('<', i);
      const text = xml.slice(i, end);
      if (text.includes('>')) throw new Error(`stray > at ${i}`);
      checkEntities(text, i);
      if (open.length === 0 && text.trim() !== '') throw new Error(`text outside the root at ${i}`);
      if (open.length > 0) (open[open.length - 1] as Element).text += text;
      i = end;
      continue;
    }
    tag.lastIndex = i;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${i}: ${xml.slice(i, i + 40)}`);
    const [, closing, name, attrText, selfClosing] = m as unknown as [string, string, string, string, string];
    if (closing) {
      const top = open.pop();
      if (top?.name !== name) throw new Error(`</${name}> closes <${top?.name}> at ${i}`);
      if (open.length === 0) rootClosed = true;
    } else {
      if (rootClosed || (open.length === 0 && elements.length > 0)) throw new Error(`second root element at ${i}`);
      const attrs: Record<string, string> = {};
      for (const [, key, value] of attrText.matchAll(attr) as IterableIterator<[string, string, string]>) {
        if (key in attrs) throw new Error(`attribute ${key} twice at ${i}`);
        checkEntities(value, i);
        attrs[key] = value;
      }
      const element: Element = { name, attrs, parents: [...open], text: '' };
      elements.push(element);
      if (!selfClosing) open.push(element);
    }
    i = tag.lastIndex;
  }
  if (open.length > 0 || !rootClosed) throw new Error(`unclosed <${open[open.length - 1]?.name}>`);
  return elements;
}

const inGroup = (e: Element, cls: string) => e.parents.some((p) => p.name === 'g' && p.attrs.class === cls);
const unescape = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] as string);

describe('the XML check used by these tests', () => {
  it('accepts a well-formed document and rejects common faults', () => {
    expect(parseXml('<a x="1"><b/>t &amp; u</a>').map((e) => e.name)).toEqual(['a', 'b']);
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a x=1/>', '<a>', '<a/><b/>', '<a x="1" x="2"/>', '<a>1 < 2</a>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});

describe('backtest series CSV', () => {
  it('has one row per series with its scores, as in the result', () => {
    const result = sampleBacktest();
    const records = parseCsv(backtestSeriesCsv(result));
    expect(records[0]?.fields).toEqual([...BACKTEST_SERIES_CSV_COLUMNS]);
    const hotels = result.series.asylum_hotel_people!;
    const row = Object.fromEntries(BACKTEST_SERIES_CSV_COLUMNS.map((c, k) => [c, records[2]!.fields[k]]));
    expect(row).toMatchObject({ series: 'asylum_hotel_people', scored_periods: '3', target: '' });
    expect([row.mape, row.coverage, row.interval_score, row.interval_score_relative].map(Number)).toEqual([hotels.mape, 1 / 3, 74_000 / 3, hotels.intervalScoreRelative]);
    expect(records[1]!.fields.at(-1)).toBe('0.1');
  });
});

describe('backtest CSV', () => {
  it('has one row per series and period with the documented columns, and reads back to the same numbers', () => {
    const result = sampleBacktest();
    const records = parseCsv(backtestCsv(result));
    expect(records[0]?.fields).toEqual([...BACKTEST_CSV_COLUMNS]);
    const rows = records.slice(1).map((r) => Object.fromEntries(BACKTEST_CSV_COLUMNS.map((c, k) => [c, r.fields[k] as string])));
    const expected = Object.entries(result.series).flatMap(([name, fit]) => fit.periods.map((p) => ({ name, fit, p })));
    expect(rows).toHaveLength(24 + 3);
    rows.forEach((row, k) => {
      const { name, fit, p } = expected[k]!;
      expect(row).toEqual({
        series: name,
        model_series: fit.model,
        period: p.period,
        observed: String(p.observed),
        p5: String(p.p5),
        p50: String(p.p50),
        p95: String(p.p95),
        error: String(p.error),
        scored: String(p.scored),
        unit: fit.unit,
      });
      for (const c of ['observed', 'p5', 'p50', 'p95', 'error'] as const) expect(Number(row[c])).toBe(p[c]);
    });
  });

  it('writes numbers plainly and quotes only where RFC 4180 needs it', () => {
    const text = backtestCsv(sampleBacktest());
    expect(text).toContain('\nawaiting_initial_decision_people,backlogPeople,2018Q1,30000,28500,31000,33500,');
    expect(text).toContain(',true,"people, end of ""quarter"""\n');
    expect(text).not.toMatch(/"-?\d{1,3}(,\d{3})+"/); // no thousands separators (they would need quoting)
  });

  it('leaves a non-finite figure as an empty cell', () => {
    const fit = series({ model: 'm', label: 'L', unit: 'people', kind: 'stock', periods: [{ ...period('2020Q1', 0, 10, 1), p5: Number.NaN }] });
    const text = backtestCsv({ ...sampleBacktest(), series: { s: fit } });
    expect(text.split('\n')[1]).toBe('s,m,2020Q1,0,,10,11,,true,people');
  });

  it('round-trips any finite numbers and any text (property)', () => {
    const num = fc.double({ noNaN: true, noDefaultInfinity: true });
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', 'é', '1') });
    fc.assert(
      fc.property(fc.array(fc.record({ period: text, observed: num, p5: num, p50: num, p95: num, error: num, scored: fc.boolean() }), { maxLength: 5 }), text, (periods, unit) => {
        const fit: SeriesFit = { model: 'm', label: 'l', unit, kind: 'flow', mape: 0, coverage: 0, intervalScore: 0, intervalScoreRelative: 0, periods };
        const records = parseCsv(backtestCsv({ ...sampleBacktest(), series: { s: fit } }));
        // A blank record can't exist: every row starts with the series name.
        expect(records).toHaveLength(periods.length + 1);
        records.slice(1).forEach((r, k) => {
          const p = periods[k]!;
          expect(r.fields[2]).toBe(p.period);
          expect(r.fields.slice(3, 8).map(Number)).toEqual([p.observed, p.p5, p.p50, p.p95, p.error].map((v) => (v === 0 ? 0 : v))); // -0 is written 0
          expect(r.fields[8]).toBe(String(p.scored));
          expect(r.fields[9]).toBe(unit);
        });
      }),
    );
  });
});

describe('nice ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 123_456)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000, 120_000, 140_000]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('covers the range with a handful of round ticks (property)', () => {
    fc.assert(
      // Figures to a thousandth: denormal ends are not something a chart meets.
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: 1e-3, max: 1e9, noNaN: true }), (rawLo, width) => {
        const lo = Math.round(rawLo * 1000) / 1000;
        const hi = lo + width;
        const ticks = niceTicks(lo, hi);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(12);
        const step = ticks[1]! - ticks[0]!;
        // Covered up to float noise at the ends' magnitude (a few ulps).
        const noise = 1e-12 * Math.max(Math.abs(lo), Math.abs(hi), step);
        expect(ticks[0]).toBeLessThanOrEqual(lo + noise);
        expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(hi - noise);
        const mantissa = Number((step / 10 ** Math.floor(Math.log10(step) + 1e-9)).toPrecision(2)); // the difference carries float noise
        expect([1, 2, 5, 10]).toContain(mantissa); // 10 when the noisy difference falls just below a power of ten
      }),
    );
  });
});

describe('series chart', () => {
  const result = sampleBacktest();
  const stock = result.series.awaiting_initial_decision_people!;
  const svg = seriesChartSvg('awaiting_initial_decision_people', stock, result);
  const elements = parseXml(svg);

  it('is a well-formed, accessible SVG of about 720×360', () => {
    const root = elements[0]!;
    expect(root.name).toBe('svg');
    expect(root.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: '720', height: '360', role: 'img' });
    const [title, desc] = root.attrs['aria-labelledby']!.split(' ').map((id) => elements.find((e) => e.attrs.id === id));
    expect(title?.name).toBe('title');
    expect(title?.text).toBe('People awaiting an initial decision');
    expect(desc?.name).toBe('desc');
    expect(desc?.text).toContain('24 periods from 2018Q1 to 2023Q4');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('draws one band, one median line and one dot per observed period, hollow when not scored', () => {
    expect(elements.filter((e) => e.name === 'path' && e.attrs.class === 'band')).toHaveLength(1);
    expect(elements.filter((e) => e.name === 'path' && e.attrs.class === 'median')).toHaveLength(1);
    const dots = elements.filter((e) => e.name === 'circle' && inGroup(e, 'record'));
    expect(dots).toHaveLength(24);
    expect(dots.filter((d) => d.attrs.fill === 'white')).toHaveLength(4);
    expect(dots.slice(0, 4).every((d) => d.attrs.fill === 'white')).toBe(true);
    const tips = elements.filter((e) => e.name === 'title' && inGroup(e, 'record')).map((e) => unescape(e.text));
    expect(tips[0]).toBe('2018Q1: record 30,000; model P50 31,000 (P5–P95 28,500–33,500); error +3.3%; not scored');
    expect(tips[4]).toBe('2019Q1: record 46,000; model P50 46,600 (P5–P95 43,700–49,500); error +1.3%');
  });

  it('places the band around the median and the dots at the record', () => {
    const d = elements.find((e) => e.attrs.class === 'band')!.attrs.d!;
    const band = d.slice(1, -1).split('L').map((pt) => pt.split(',').map(Number) as [number, number]);
    expect(band).toHaveLength(48);
    const median = elements.find((e) => e.attrs.class === 'median')!.attrs.d!.slice(1).split('L').map((pt) => pt.split(',').map(Number));
    const dots = elements.filter((e) => e.name === 'circle' && inGroup(e, 'record'));
    median.forEach(([mx, my], i) => {
      const [tx, ty] = band[i]!;
      const [bx, by] = band[47 - i]!;
      expect([tx, bx, Number(dots[i]!.attrs.cx)]).toEqual([mx, mx, mx]);
      expect(ty).toBeLessThan(my!); // P95 above the median (SVG y grows downwards)
      expect(by).toBeGreaterThan(my!);
    });
    // x evenly spaced, in the order given
    const xs = median.map(([x]) => x!);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0]!, 0);
  });

  it('labels the axes: round y ticks with thousands separators from zero, thinned period labels', () => {
    const yLabels = elements.filter((e) => e.name === 'text' && inGroup(e, 'y-axis')).map((e) => e.text);
    expect(yLabels).toEqual(['0', '20,000', '40,000', '60,000', '80,000', '100,000', '120,000', '140,000', 'people']);
    const xLabels = elements.filter((e) => e.name === 'text' && inGroup(e, 'x-axis')).map((e) => e.text);
    expect(xLabels).toEqual(['2018Q1', '2019Q1', '2020Q1', '2021Q1', '2022Q1', '2023Q1']);
    const xTicks = elements.filter((e) => e.name === 'line' && inGroup(e, 'x-axis'));
    expect(xTicks).toHaveLength(1 + 24);
  });

  it('says the MAPE against its target and how the band was made, with a legend', () => {
    const texts = elements.filter((e) => e.name === 'text').map((e) => unescape(e.text));
    expect(texts).toContain(`MAPE ${(stock.mape * 100).toFixed(1)}% (target 10%: met) over 20 scored periods (from 2019-01-01)`);
    expect(texts).toContain('Model: P5–P95 of 40 replications, seed 7, data a1b2c3d4e5f6');
    const legend = elements.filter((e) => e.name === 'text' && inGroup(e, 'legend')).map((e) => e.text);
    expect(legend).toEqual(['Model P5–P95', 'Model P50', 'Record', 'Record, not scored']);
  });

  it('escapes text, and leaves the not-scored legend out when every period is scored', () => {
    const hotels = seriesChartSvg('asylum_hotel_people', result.series.asylum_hotel_people!, result);
    const parsed = parseXml(hotels);
    expect(hotels).toContain('In hotels &lt;&amp;&gt; &quot;contingency&quot;');
    expect(hotels).not.toContain('<&>');
    expect(parsed.find((e) => e.name === 'title')?.text).toBe('In hotels &lt;&amp;&gt; &quot;contingency&quot;');
    expect(parsed.filter((e) => e.name === 'text' && inGroup(e, 'legend')).map((e) => e.text)).not.toContain('Record, not scored');
    expect(parsed.filter((e) => e.name === 'text').map((e) => unescape(e.text))).toContain('MAPE 10.9% over 3 scored periods') // (15.6% + 5.2% + 12.0%) / 3;
  });

  it('breaks the band and the line where the model has no figure, and copes with one period or none', () => {
    const periods = quarters(2020, 5).map((q, i) => period(q, 100 + i, 110 + i, 5));
    periods[2] = { ...periods[2]!, p5: Number.NaN, p50: Number.NaN, p95: Number.NaN };
    const gappy = parseXml(seriesChartSvg('s', series({ model: 'm', label: 'Gappy', unit: 'people', kind: 'stock', periods }), result));
    expect(gappy.find((e) => e.attrs.class === 'band')!.attrs.d!.match(/M/g)).toHaveLength(2);
    expect(gappy.find((e) => e.attrs.class === 'median')!.attrs.d!.match(/M/g)).toHaveLength(2);
    expect(gappy.filter((e) => e.name === 'circle' && inGroup(e, 'record'))).toHaveLength(5);

    const one = seriesChartSvg('s', series({ model: 'm', label: 'One', unit: 'people', kind: 'stock', periods: [period('2020Q1', 100, 120, 10)] }), result);
    expect(parseXml(one).find((e) => e.attrs.class === 'band')!.attrs.d!.split('L')).toHaveLength(4);
    const none = seriesChartSvg('s', series({ model: 'm', label: 'None', unit: 'people', kind: 'stock', periods: [] }), result);
    expect(parseXml(none).filter((e) => e.name === 'circle' && inGroup(e, 'record'))).toHaveLength(0);
    expect(none).toContain('MAPE n/a (no period scored)');
    expect(`${one}${none}`).not.toMatch(/NaN|Infinity/);
  });

  it('shortens a long data hash in the subtitle only', () => {
    const hash = 'f'.repeat(64);
    expect(seriesChartSvg('s', stock, { ...result, dataVersion: hash })).toContain(`data ${'f'.repeat(12)}…`);
  });

  it('matches the golden file', () => {
    const golden = new URL('./golden/backtest-chart.svg', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, svg);
    expect(svg).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('period labels', () => {
  it('thins to whole parts of a year, years starting at their first period', () => {
    expect(labelSpacing(quarters(2018, 8), 1)).toEqual({ every: 1, first: 0 });
    expect(labelSpacing(quarters(2018, 24), 3)).toEqual({ every: 4, first: 0 });
    expect(labelSpacing(['2018Q3', '2018Q4', '2019Q1', '2019Q2'], 3)).toEqual({ every: 4, first: 2 });
    expect(labelSpacing(['2018-09-30', '2018-12-31', '2019-03-31'], 2)).toEqual({ every: 2, first: 0 });
    expect(labelSpacing(['2018-09-30', '2018-12-31', '2019-03-31'], 3)).toEqual({ every: 4, first: 2 });
    const months = Array.from({ length: 30 }, (_, i) => `${2018 + Math.floor((i + 6) / 12)}-${String(((i + 6) % 12) + 1).padStart(2, '0')}`);
    expect(labelSpacing(months, 5)).toEqual({ every: 6, first: 0 });
    expect(labelSpacing(months, 7)).toEqual({ every: 12, first: 6 });
    expect(labelSpacing(['2018', '2019'], 50)).toEqual({ every: 60, first: 0 });
  });
});

describe('writing the report', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes the CSV, the JSON and a chart per series, and returns their paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-report-'));
    dirs.push(dir);
    const result = sampleBacktest();
    const paths = writeBacktestReport(result, dir);
    expect(paths).toEqual(['backtest.csv', 'backtest-series.csv', 'backtest.json', 'awaiting_initial_decision_people.svg', 'asylum_hotel_people.svg'].map((f) => join(dir, f)));
    expect(readFileSync(paths[0]!, 'utf8')).toBe(backtestCsv(result));
    expect(readFileSync(paths[1]!, 'utf8')).toBe(backtestSeriesCsv(result));
    expect(JSON.parse(readFileSync(paths[2]!, 'utf8'))).toEqual(result);
    expect(readFileSync(paths[4]!, 'utf8')).toBe(seriesChartSvg('asylum_hotel_people', result.series.asylum_hotel_people!, result));
  });

  it('writes NaN scores (nothing scored) as null in the JSON and empty in the series CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-report-'));
    dirs.push(dir);
    const fit = series({ model: 'm', label: 'L', unit: 'people', kind: 'stock', periods: [period('2018Q1', 1, 2, 1, false)] });
    const [, csv, json] = writeBacktestReport({ ...sampleBacktest(), series: { s: fit } }, dir);
    const s = JSON.parse(readFileSync(json!, 'utf8')).series.s;
    expect([s.mape, s.coverage, s.intervalScore, s.intervalScoreRelative]).toEqual([null, null, null, null]);
    expect(readFileSync(csv!, 'utf8').split('\n')[1]).toBe('s,m,L,people,stock,0,,,,,');
  });

  it('refuses a series name that is not a safe file name, naming it', () => {
    const result: BacktestResult = { ...sampleBacktest(), series: { '../escape': sampleBacktest().series.asylum_hotel_people! } };
    expect(() => writeBacktestReport(result, tmpdir())).toThrow(InputError);
    expect(() => writeBacktestReport(result, tmpdir())).toThrow(/series: got "\.\.\/escape"; a snake_case name/);
  });
});
