import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { DataFileError } from './data-rows.js';
import {
  MissingObservationError, OBSERVED_COLUMNS, ObservedData, formatObservedCsv, observedFromTexts, parseObservedCsv,
} from './observed.js';
import { parseSeriesCatalogue } from './series-catalogue.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** One malformed fixture per failure mode: the line it fails on and the message it must give. */
const MALFORMED: ReadonlyArray<[file: string, line: number, message: RegExp]> = [
  ['unknown-column.csv', 1, /header: got .*; unknown column region; the columns are series,period,value,unit,source,note,vintage/],
  ['missing-column.csv', 1, /header: got .*; missing column vintage; the columns are/],
  ['column-order.csv', 1, /header: got .*; the columns in the order series,period,value,unit,source,note,vintage/],
  ['field-count.csv', 3, /row: got 6 fields; 7 fields \(series,period,value,unit,source,note,vintage\)/],
  ['non-numeric-value.csv', 3, /value: got "134,046"; a plain decimal number such as 1234 or 47\.6/],
  ['blank-value.csv', 3, /value: got ""; a number \(figures not found are left out of the file and listed in SOURCES\.md\)/],
  ['bad-period.csv', 5, /period: got "2022Q5"; a period of the form a year \(2022\), quarter \(2022Q4\)/],
  ['rolling-period.csv', 3, /period: got "2023"; a month \(YYYY-MM\) for a series ending _12m/],
  ['empty-unit.csv', 3, /unit: got ""; a unit such as people, cases or GBP/],
  ['missing-source.csv', 3, /source: got ""; the http\(s\) address of the page the figure comes from/],
  ['bad-vintage.csv', 3, /vintage: got "provisional"; 'as-published', 'revised', or a release date/],
  ['duplicate.csv', 4, /row: got "backlog_initial_people 2023-06-30 as-published"; each \(series, period, vintage\) once; already on line 2/],
  ['unclosed-quote.csv', 3, /column 69: got malformed CSV; RFC 4180 CSV: quoted field is never closed/],
  ['stray-quote.csv', 3, /column 73: got malformed CSV; RFC 4180 CSV: a double quote inside an unquoted field/],
  ['bad-series-name.csv', 3, /series: got "Backlog Initial Cases"; a snake_case name/],
];

describe('parseObservedCsv', () => {
  it('reads a valid file, quoting and all', () => {
    const rows = parseObservedCsv(fixture('valid.csv'), 'fixtures/valid.csv');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({
      series: 'backlog_initial_cases', period: '2023-06-30', value: 134046, unit: 'applications (main applicants)',
      source: 'https://example.org/a', note: 'a note, with a comma', vintage: 'as-published', file: 'fixtures/valid.csv', line: 3,
    });
  });

  it.each(MALFORMED)('refuses %s at line %i with a specific message', (name, line, message) => {
    const file = `fixtures/${name}`;
    let error: unknown;
    try {
      parseObservedCsv(fixture(name), file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFileError);
    expect(error).toBeInstanceOf(InputError);
    const e = error as DataFileError;
    expect(e.file).toBe(file);
    expect(e.line).toBe(line);
    expect(e.message.startsWith(`${file}:${line}: `)).toBe(true);
    expect(e.message).toMatch(message);
  });

  it('refuses an empty file and accepts release-date vintages', () => {
    expect(() => parseObservedCsv('', 'empty.csv')).toThrow(/^empty\.csv:1: header: got an empty file; a header line series,period/);
    const head = 'series,period,value,unit,source,note,vintage\n';
    const ok = parseObservedCsv(`${head}x,2023,1,people,https://a.b,,2024-01\nx,2023,2,people,https://a.b,,2024-01-15\n`, 'v.csv');
    expect(ok.map((o) => o.vintage)).toEqual(['2024-01', '2024-01-15']);
    expect(() => parseObservedCsv(`${head}x,2023,1,people,https://a.b,,2024-13\n`, 'v.csv')).toThrow(/v\.csv:2: vintage: got "2024-13"/);
  });
});

describe('parseObservedCsv against the series catalogue', () => {
  const catalogue = parseSeriesCatalogue(fixture('catalogue.csv'), 'fixtures/catalogue.csv');
  const header = OBSERVED_COLUMNS.join(',');
  const refusal = (name: string): DataFileError => {
    try {
      parseObservedCsv(fixture(name), `fixtures/${name}`, catalogue);
    } catch (e) {
      if (e instanceof DataFileError) return e;
      throw e;
    }
    throw new Error(`${name} was accepted`);
  };

  it('accepts rows whose series and unit the catalogue holds', () => {
    expect(parseObservedCsv(fixture('valid.csv'), 'fixtures/valid.csv', catalogue)).toHaveLength(2);
  });

  it('refuses a series the catalogue lacks: names file, line and series, suggests close names, says where to add one', () => {
    const e = refusal('unknown-series.csv');
    expect([e.file, e.line]).toEqual(['fixtures/unknown-series.csv', 3]);
    expect(e.message).toBe(
      'fixtures/unknown-series.csv:3: series: got "backlog_intial_people"; a series of the catalogue fixtures/catalogue.csv; ' +
        'did you mean "backlog_initial_people"? (a new series needs a line there: series,basis,kind,units,status,description; see packs/uk/data/SOURCES.md)',
    );
  });

  it('gives no suggestion when no name is close', () => {
    const text = `${header}\nasylum_grants,2023,1,people,https://a.b,,as-published\n`;
    expect(() => parseObservedCsv(text, 'new.csv', catalogue)).toThrow(
      'new.csv:2: series: got "asylum_grants"; a series of the catalogue fixtures/catalogue.csv (a new series needs a line there',
    );
  });

  it("refuses a unit that is not one of the series' catalogue units, naming the catalogue line", () => {
    const e = refusal('unit-not-in-catalogue.csv');
    expect(e.line).toBe(3);
    expect(e.message).toBe(
      'fixtures/unit-not-in-catalogue.csv:3: unit: got "cases"; the unit of backlog_initial_people (basis people) in fixtures/catalogue.csv:2: "people" ' +
        '(if the figure is the same count, add the unit there, separated by |)',
    );
  });

  it('checks every file given to observedFromTexts against the same catalogue', () => {
    const ok = `${header}\nbacklog_initial_people,2023-09-30,165411,people,https://a.b,,2023-11\n`;
    const typo = `${header}\nbacklog_initial_peple,2023-12-31,128786,people,https://a.b,,2024-02\n`;
    expect(observedFromTexts([{ file: 'a.csv', text: ok }], catalogue).value('backlog_initial_people', '2023-09-30')).toBe(165411);
    expect(() => observedFromTexts([{ file: 'a.csv', text: ok }, { file: 'newer.csv', text: typo }], catalogue)).toThrow(
      /^newer\.csv:2: series: got "backlog_initial_peple"; .*did you mean "backlog_initial_people"\?/,
    );
  });
});

/** A CSV field as RFC 4180 writes it. */
const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

describe('formatObservedCsv', () => {
  const header = OBSERVED_COLUMNS.join(',');
  // Mostly well-formed fields, now and then arbitrary text: the parser decides which rows it accepts.
  const mostly = (valid: fc.Arbitrary<string>, other: fc.Arbitrary<string> = fc.string()) =>
    fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: other, weight: 1 });
  const text = fc.oneof(fc.string(), fc.constantFrom('', 'a, b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ' padded '));
  const row = fc.record({
    series: mostly(fc.constantFrom('backlog_initial_people', 'x_12m', 'a1')),
    period: mostly(fc.constantFrom('2023', '2023Q2', '2023H1', '2023-06', '2023-06-30', 'FY2022-23', '2022Q2/2022Q4', '2010/2020')),
    value: mostly(
      fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
        fc.constantFrom('0', '-0', '1234', '47.60', '0.0000001', '1000000000000000000000000', '007', '-12.5'),
      ),
    ),
    unit: mostly(fc.constantFrom('people', 'decisions (main applicants, excl. withdrawals)'), text),
    source: mostly(fc.constantFrom('https://example.org/a?b=1,2', 'http://x.y')),
    note: text,
    vintage: mostly(fc.constantFrom('as-published', 'revised', '2024-01', '2024-01-15')),
  });
  type Row = typeof row extends fc.Arbitrary<infer R> ? R : never;
  const file = (rows: readonly Row[]): string => [header, ...rows.map((r) => OBSERVED_COLUMNS.map((c) => quote(r[c])).join(','))].join('\n');
  const accepted = (r: Row): boolean => {
    try {
      parseObservedCsv(file([r]), 'p.csv');
      return true;
    } catch (e) {
      if (e instanceof DataFileError) return false;
      throw e;
    }
  };

  it('writes what parseObservedCsv accepted so that it reads back the same rows', () => {
    let roundTrips = 0;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        // Rows the parser accepts one by one, each (series, period, vintage) once, make a file it accepts.
        const seen = new Set<string>();
        const good = rows.filter(accepted).filter((r) => !seen.has(`${r.series} ${r.period} ${r.vintage}`) && seen.add(`${r.series} ${r.period} ${r.vintage}`));
        const parsed = parseObservedCsv(file(good), 'p.csv');
        const again = parseObservedCsv(formatObservedCsv(parsed), 'p.csv');
        const withoutLine = (os: typeof parsed) => os.map(({ line: _line, ...o }) => o);
        expect(withoutLine(again)).toEqual(withoutLine(parsed));
        expect(again.every((o, i) => Object.is(o.value, parsed[i]?.value))).toBe(true);
        roundTrips += parsed.length;
      }),
      { numRuns: 300 },
    );
    expect(roundTrips).toBeGreaterThan(100); // the generator reaches accepted rows, not only refusals
  });

  it('writes numbers as plain decimals and quotes only the fields that need it', () => {
    const o = { series: 'x', period: '2023', unit: 'people', source: 'https://a.b', note: 'a, "b"', vintage: 'revised', file: 'f', line: 2 };
    expect(formatObservedCsv([{ ...o, value: 1e21 }, { ...o, value: -1.5e-7 }, { ...o, value: 47.6 }]).split('\n')).toEqual([
      header,
      'x,2023,1000000000000000000000,people,https://a.b,"a, ""b""",revised',
      'x,2023,-0.00000015,people,https://a.b,"a, ""b""",revised',
      'x,2023,47.6,people,https://a.b,"a, ""b""",revised',
      '',
    ]);
  });
});

const HEAD = 'series,period,value,unit,source,note,vintage\n';
const row = (series: string, period: string, value: number, vintage = 'as-published'): string =>
  `${series},${period},${value},people,https://example.org,,${vintage}\n`;

describe('ObservedData', () => {
  const data = observedFromTexts([
    { file: 'a.csv', text: HEAD + row('stock', '2023-06-30', 10) + row('stock', '2022-12-31', 8) + row('flow', '2022', 100) + row('flow', '2022', 110, 'revised') },
    { file: 'b.csv', text: HEAD + row('stock', '2023-06-30', 11, '2024-01') + row('stock', '2023-06-30', 12, '2023-11') + row('flow', '2021', 90) + row('flow', '2022Q1', 20) },
  ]);

  it('prefers revised, then the latest release date, then as-published; a vintage can be asked for', () => {
    expect(data.value('flow', '2022')).toBe(110);
    expect(data.value('flow', '2022', 'as-published')).toBe(100);
    expect(data.value('stock', '2023-06-30')).toBe(11);
    expect(data.get('stock', '2023-06-30', '2023-11')).toBe(12);
    expect(data.observation('stock', '2023-06-30')?.file).toBe('b.csv');
  });

  it('lists series sorted by period, one preferred row per period unless all vintages are asked for', () => {
    expect(data.names()).toEqual(['flow', 'stock']);
    expect(data.has('flow')).toBe(true);
    expect(data.has('flows')).toBe(false);
    expect(data.series('flow').map((o) => [o.period, o.value])).toEqual([['2021', 90], ['2022Q1', 20], ['2022', 110]]);
    expect(data.series('stock', { allVintages: true }).map((o) => o.vintage)).toEqual(['as-published', '2024-01', '2023-11', 'as-published']);
  });

  it('throws naming series and period when a period is absent; get gives undefined', () => {
    expect(data.get('stock', '2019-12-31')).toBeUndefined();
    expect(() => data.value('stock', '2019-12-31')).toThrow(MissingObservationError);
    expect(() => data.value('stock', '2019-12-31')).toThrow('no value of stock for 2019-12-31 (it has 2 periods: 2022-12-31, 2023-06-30)');
    expect(() => data.value('flow', '2022', '2020-01')).toThrow('no 2020-01 value of flow for 2022 (vintages: revised, as-published)');
  });

  it('refuses an unknown series with close names', () => {
    for (const ask of [() => data.value('stok', '2023-06-30'), () => data.get('stok', '2023'), () => data.series('stok')]) {
      expect(ask).toThrow(InputError);
      expect(ask).toThrow('official data: series: got "stok"; one of the 2 series in the data files; did you mean "stock"?');
    }
    expect(() => data.value('zzzzzzzz', '2023')).toThrow(/one of the 2 series in the data files \(see packs\/uk\/data\/SOURCES\.md\)$/);
  });

  it('refuses the same series, period and vintage in two files, naming both', () => {
    expect(() => observedFromTexts([
      { file: 'a.csv', text: HEAD + row('x', '2022', 1) },
      { file: 'b.csv', text: HEAD + row('y', '2022', 1) + row('x', '2022', 2) },
    ])).toThrow('b.csv:3: row: got "x 2022 as-published"; each (series, period, vintage) once across files; already in a.csv:2');
  });


  it('can be built empty', () => {
    expect(new ObservedData([]).names()).toEqual([]);
  });
});
