import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataFileError } from './data-rows.js';
import { BASES, KINDS, parseSeriesCatalogue } from './series-catalogue.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const HEAD = 'series,basis,kind,units,status,description\n';

describe('parseSeriesCatalogue', () => {
  const catalogue = parseSeriesCatalogue(fixture('catalogue.csv'), 'fixtures/catalogue.csv');

  it('reads each entry with its basis, kind, units, status, description and line', () => {
    expect(catalogue.info('backlog_initial_cases')).toEqual({
      series: 'backlog_initial_cases', basis: 'cases', kind: 'stock', units: ['applications (main applicants)', 'cases'], status: 'in-data',
      description: 'applications (main applicants) awaiting an initial decision, at the date', file: 'fixtures/catalogue.csv', line: 3,
    });
    expect(catalogue.info('small_boat_arrivals')?.status).toBe('expected');
    expect(catalogue.file).toBe('fixtures/catalogue.csv');
  });

  it('lists entries sorted by name and answers for names it lacks', () => {
    expect(catalogue.names()).toEqual(['backlog_initial_cases', 'backlog_initial_people', 'small_boat_arrivals']);
    expect(catalogue.entries().map((e) => e.line)).toEqual([3, 2, 4]);
    expect(catalogue.has('backlog_initial_people')).toBe(true);
    expect(catalogue.has('backlog')).toBe(false);
    expect(catalogue.info('backlog')).toBeUndefined();
  });

  const MALFORMED: ReadonlyArray<[file: string, line: number, message: string]> = [
    ['catalogue-bad-basis.csv', 3, `basis: got "applications"; one of ${BASES.join(', ')}`],
    ['catalogue-duplicate.csv', 4, 'series: got "backlog_initial_people"; each series once; already on line 2'],
    ['catalogue-blank-unit.csv', 2, 'units: got "people|"; one or more units such as people or GBP, separated by |, none blank'],
  ];

  it.each(MALFORMED)('refuses %s at line %i, naming the field and what is allowed', (name, line, message) => {
    const file = `fixtures/${name}`;
    let error: unknown;
    try {
      parseSeriesCatalogue(fixture(name), file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).line).toBe(line);
    expect((error as DataFileError).message).toBe(`${file}:${line}: ${message}`);
  });

  it('refuses a wrong header, a short row, an unknown kind or status, a bad name and a blank description', () => {
    const parse = (text: string) => () => parseSeriesCatalogue(text, 'c.csv');
    expect(parse('series,basis,kind,unit,status,description\n')).toThrow('c.csv:1: header: got "series,basis,kind,unit,status,description"; the columns series,basis,kind,units,status,description, in that order');
    expect(parse('')).toThrow('c.csv:1: header: got an empty file; the columns series,basis');
    expect(parse(`${HEAD}x,people,stock,people,in-data\n`)).toThrow('c.csv:2: row: got 5 fields; 6 fields (series,basis,kind,units,status,description)');
    expect(parse(`${HEAD}x,people,level,people,in-data,d\n`)).toThrow(`c.csv:2: kind: got "level"; one of ${KINDS.join(', ')}`);
    expect(parse(`${HEAD}x,people,stock,people,planned,d\n`)).toThrow('c.csv:2: status: got "planned"; one of in-data, expected');
    expect(parse(`${HEAD}X-1,people,stock,people,in-data,d\n`)).toThrow('c.csv:2: series: got "X-1"; a snake_case name');
    expect(parse(`${HEAD}x,people,stock,people,in-data, \n`)).toThrow('c.csv:2: description: got " "; a line saying what is counted');
    expect(parse(`${HEAD}x,people,stock,"people,in-data,d\n`)).toThrow(/c\.csv:2: column 16: got malformed CSV; RFC 4180 CSV: quoted field is never closed/);
  });
});
