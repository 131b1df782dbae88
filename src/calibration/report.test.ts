import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DOMParser } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { parseCsv } from './csv.js';
import type { BacktestResult, SeriesFit } from './fit.js';
import { BACKTEST_CSV_COLUMNS, BACKTEST_SERIES_CSV_COLUMNS, backtestCsv, backtestSeriesCsv, seriesChartSvg, writeBacktestReport } from './report.js';
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

/** The x,y pairs of a path's `d` (Plot writes absolute M/L commands), split into its sub-paths. */
function subPaths(d: string): [number, number][][] {
  return d
    .split('M')
    .filter((part) => part !== '')
    .map((part) => [...part.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]));
}

const inMark = (e: Element, cls: string) => e.parents.some((p) => p.name === 'g' && p.attrs.class === cls);
const groupTexts = (elements: readonly Element[], label: string) =>
  elements.filter((e) => e.name === 'text' && e.parents.some((p) => p.attrs['aria-label'] === label)).map((e) => unescape(e.text).trim() || e.text);

describe('series chart file', () => {
  const result = sampleBacktest();
  const stock = result.series.awaiting_initial_decision_people!;
  const svg = seriesChartSvg('awaiting_initial_decision_people', stock, result);
  const elements = parseXml(svg);
  const dots = (cls: string) => elements.filter((e) => e.name === 'circle' && inMark(e, cls));

  it('is a well-formed standalone SVG of 720×360, labelled by its title and description', () => {
    const root = elements[0]!;
    expect(root.name).toBe('svg');
    expect(root.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: '720', height: '360', role: 'img' });
    const [title, desc] = root.attrs['aria-labelledby']!.split(' ').map((id) => elements.find((e) => e.attrs.id === id));
    expect(title?.name).toBe('title');
    expect(title?.parents).toEqual([root]);
    expect(title?.text).toBe('People awaiting an initial decision');
    expect(desc?.name).toBe('desc');
    expect(desc?.text).toContain('24 periods from 2018Q1 to 2023Q4');
    expect(desc?.text).toContain('MAPE 0.6% (target 10%: met) over 20 scored periods');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('reads back as SVG in a DOM, with no HTML figure around it', () => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.querySelectorAll('figure, h2, h3, div')).toHaveLength(0);
    expect(doc.querySelectorAll('circle').length).toBeGreaterThanOrEqual(24);
  });

  it('draws one band, one median line and one dot per observed period, hollow when not scored', () => {
    const band = elements.filter((e) => e.name === 'path' && inMark(e, 'band'));
    const median = elements.filter((e) => e.name === 'path' && inMark(e, 'median'));
    expect([band.length, median.length]).toEqual([1, 1]);
    expect(subPaths(band[0]!.attrs.d!)).toHaveLength(1);
    expect(dots('record-scored')).toHaveLength(20);
    expect(dots('record-unscored')).toHaveLength(4);
    const scoredGroup = elements.find((e) => e.name === 'g' && e.attrs.class === 'record-scored')!;
    const unscoredGroup = elements.find((e) => e.name === 'g' && e.attrs.class === 'record-unscored')!;
    expect(scoredGroup.attrs.fill).toBe('#1b1f24');
    expect(unscoredGroup.attrs).toMatchObject({ fill: 'white', stroke: '#1b1f24' });
    const tip = (cls: string, k: number) => unescape(elements.find((e) => e.name === 'title' && e.parents.at(-1) === dots(cls)[k])!.text);
    expect(tip('record-unscored', 0)).toBe('2018Q1: record 30,000; model P50 31,000 (P5–P95 28,500–33,500); error +3.3%; not scored');
    expect(tip('record-scored', 0)).toBe('2019Q1: record 46,000; model P50 46,600 (P5–P95 43,700–49,500); error +1.3%');
  });

  it('places the band around the median and the dots at the record, on one y scale, in time order', () => {
    const [median] = subPaths(elements.find((e) => e.name === 'path' && inMark(e, 'median'))!.attrs.d!);
    const [band] = subPaths(elements.find((e) => e.name === 'path' && inMark(e, 'band'))!.attrs.d!);
    expect(median).toHaveLength(24);
    expect(band).toHaveLength(48);
    const record = [...dots('record-unscored'), ...dots('record-scored')].map((d) => [Number(d.attrs.cx), Number(d.attrs.cy)] as const);
    median!.forEach(([mx, my], i) => {
      const around = band!.filter(([bx]) => Math.abs(bx - mx) < 0.01).map(([, by]) => by);
      expect(around).toHaveLength(2);
      expect(Math.min(...around)).toBeLessThan(my); // P95 above the median (SVG y grows downwards)
      expect(Math.max(...around)).toBeGreaterThan(my);
      expect(record[i]![0]).toBeCloseTo(mx, 2);
    });
    for (let i = 1; i < 24; i++) expect(median![i]![0]).toBeGreaterThan(median![i - 1]![0]);
    // One linear y scale for the median and the record: y = a + b·value with b < 0.
    const [[x0, y0], [x1, y1]] = [stock.periods[0]!, stock.periods[23]!].map((p, k) => [p.p50, median![k === 0 ? 0 : 23]![1]]) as [[number, number], [number, number]];
    const b = (y1 - y0) / (x1 - x0);
    expect(b).toBeLessThan(0);
    stock.periods.forEach((p, i) => expect(record[i]![1]).toBeCloseTo(y0 + b * (p.observed - x0), 1));
  });

  it('labels the axes: y from zero with thousands separators and the unit, x by year', () => {
    const yTicks = groupTexts(elements, 'y-axis tick label');
    expect(yTicks[0]).toBe('0');
    expect(yTicks).toContain('100,000');
    expect(groupTexts(elements, 'y-axis label')).toEqual(['people']);
    expect(groupTexts(elements, 'x-axis tick label').filter((t) => /^\d{4}$/.test(t))).toEqual(['2019', '2020', '2021', '2022', '2023']);
  });

  it('says the MAPE against its target and how the band was made, with a legend', () => {
    const heading = elements.filter((e) => e.name === 'text' && inMark(e, 'heading')).map((e) => unescape(e.text));
    expect(heading.slice(0, 3)).toEqual([
      'People awaiting an initial decision',
      `MAPE ${(stock.mape * 100).toFixed(1)}% (target 10%: met) over 20 scored periods (from 2019-01-01)`,
      'Model: P5–P95 of 40 replications, seed 7, data a1b2c3d4e5f6',
    ]);
    const legend = elements.filter((e) => e.name === 'text' && inMark(e, 'legend')).map((e) => e.text);
    expect(legend).toEqual(['Model P5–P95', 'Model P50', 'Record', 'Record, not scored']);
  });

  it('escapes text, and leaves the not-scored legend out when every period is scored', () => {
    const hotels = seriesChartSvg('asylum_hotel_people', result.series.asylum_hotel_people!, result);
    const parsed = parseXml(hotels);
    expect(hotels).toContain('In hotels &lt;&amp;&gt;');
    expect(hotels).not.toContain('<&>');
    expect(unescape(parsed.find((e) => e.name === 'title')!.text)).toBe('In hotels <&> "contingency"');
    expect(parsed.filter((e) => e.name === 'text' && inMark(e, 'legend')).map((e) => e.text)).not.toContain('Record, not scored');
    expect(parsed.filter((e) => e.name === 'circle' && inMark(e, 'record-unscored'))).toHaveLength(0);
    expect(parsed.filter((e) => e.name === 'text').map((e) => unescape(e.text))).toContain('MAPE 10.9% over 3 scored periods'); // (15.6% + 5.2% + 12.0%) / 3
  });

  it('breaks the band and the line where the model has no figure, and copes with one period or none', () => {
    const periods = quarters(2020, 5).map((q, i) => period(q, 100 + i, 110 + i, 5));
    periods[2] = { ...periods[2]!, p5: Number.NaN, p50: Number.NaN, p95: Number.NaN };
    const gappy = parseXml(seriesChartSvg('s', series({ model: 'm', label: 'Gappy', unit: 'people', kind: 'stock', periods }), result));
    expect(subPaths(gappy.find((e) => e.name === 'path' && inMark(e, 'band'))!.attrs.d!)).toHaveLength(2);
    expect(subPaths(gappy.find((e) => e.name === 'path' && inMark(e, 'median'))!.attrs.d!)).toHaveLength(2);
    expect(gappy.filter((e) => e.name === 'circle' && inMark(e, 'record-scored'))).toHaveLength(5);

    // A lone period's band can't be an area: it is a bar.
    const one = seriesChartSvg('s', series({ model: 'm', label: 'One', unit: 'people', kind: 'stock', periods: [period('2020Q1', 100, 120, 10)] }), result);
    expect(parseXml(one).filter((e) => e.name === 'line' && inMark(e, 'band-lone'))).toHaveLength(1);
    const none = seriesChartSvg('s', series({ model: 'm', label: 'None', unit: 'people', kind: 'stock', periods: [] }), result);
    const noneElements = parseXml(none);
    expect(noneElements.filter((e) => e.name === 'circle' && e.parents.some((p) => p.attrs.class?.startsWith('record')))).toHaveLength(0);
    expect(groupTexts(noneElements, 'y-axis tick label').at(-1)).toBe('1.0');
    expect(none).toContain('MAPE n/a (no period scored)');
    expect(`${one}${none}`).not.toMatch(/NaN|Infinity/);
  });

  it('shortens a long data hash in the subtitle only', () => {
    const hash = 'f'.repeat(64);
    const chart = seriesChartSvg('s', stock, { ...result, dataVersion: hash });
    expect(chart).toContain(`data ${'f'.repeat(12)}…`);
    expect(chart).not.toContain(hash);
  });

  it('matches the golden file', () => {
    const golden = new URL('./golden/backtest-chart.svg', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, svg);
    expect(svg).toBe(readFileSync(golden, 'utf8'));
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
