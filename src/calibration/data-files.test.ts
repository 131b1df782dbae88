import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  dataFiles, defaultCataloguePath, defaultDataDir, findPackageRoot, loadOfficialData, readSeriesCatalogue, seriesCatalogue, seriesInfo,
} from './data-files.js';
import { DataFileError } from './data-rows.js';
import { parseSeriesCatalogue } from './series-catalogue.js';

describe('defaultDataDir', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'asylum-sim-data-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is the data folder of the UK pack', () => {
    expect(defaultDataDir()).toBe(join(findPackageRoot(process.cwd()), 'packs', 'uk', 'data'));
    const names = dataFiles().map((f) => f.slice(defaultDataDir().length + 1));
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['uk-asylum-2018-2023.csv', 'uk-asylum-quarterly-to-2023Q2.csv']));
    expect(names.every((n) => n.endsWith('.csv'))).toBe(true);
    expect(names).not.toContain('catalogue');
  });

  it('leaves out subfolders, even one named like a data file', () => {
    const dir = join(tmp, 'only-top-level');
    mkdirSync(join(dir, 'catalogue'), { recursive: true });
    mkdirSync(join(dir, 'odd.csv'));
    writeFileSync(join(dir, 'catalogue', 'series.csv'), '');
    writeFileSync(join(dir, 'b.csv'), '');
    writeFileSync(join(dir, 'a.csv'), '');
    expect(dataFiles(dir)).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv')]);
  });

});

describe('loadOfficialData (the real files)', () => {
  const data = loadOfficialData();

  it('loads every data file without error', () => {
    expect(data.names().length).toBeGreaterThan(100);
    expect(data.has('awaiting_initial_decision_people')).toBe(true);
  });

  it('holds the snapshot figures of 30 June 2023', () => {
    expect(data.value('backlog_initial_cases', '2023-06-30')).toBe(134046);
    expect(data.value('backlog_initial_people', '2023-06-30')).toBe(175457);
    expect(data.value('awaiting_initial_decision_people', '2023-06-30')).toBe(175457);
    expect(data.observation('backlog_initial_people', '2023-06-30')?.file).toBe('packs/uk/data/uk-asylum-2018-2023.csv');
  });

  it('chooses revised figures over those first published', () => {
    expect(data.value('asylum_applications_main', '2022')).toBe(81130);
    expect(data.value('asylum_applications_main', '2022', 'as-published')).toBe(74751);
    expect(data.value('backlog_initial_people', '2022-06-30')).toBe(122213);
    expect(data.value('asylum_hotel_people', '2023-06-30')).toBe(50520);
    expect(data.value('backlog_initial_cases_monthly', '2023-02-28')).toBe(139552);
  });

  it('gives every figure a source address and keeps quarterly series in order', () => {
    const claims = data.series('claims_people_quarter');
    expect(claims[0]?.period).toBe('2010Q1');
    expect(claims.at(-1)?.period).toBe('2023Q2');
    for (const name of data.names()) {
      for (const o of data.series(name, { allVintages: true })) expect(o.source).toMatch(/^https?:\/\//);
    }
  });

  it('reads given files and names them as given when outside the package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-obs-'));
    try {
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, 'series,period,value,unit,source,note,vintage\nsmall_boat_arrivals,2022Q5,1,people,https://a.b,,revised\n');
      expect(() => loadOfficialData([bad])).toThrow(DataFileError);
      expect(() => loadOfficialData([bad])).toThrow(`${bad}:2: period: got "2022Q5"`);
      const one = loadOfficialData([join(defaultDataDir(), 'uk-asylum-quarterly-to-2023Q2.csv')]);
      expect(one.has('backlog_initial_people')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the series catalogue (packs/uk/data/catalogue/series.csv)', () => {
  const catalogue = seriesCatalogue();
  const held = new Set(loadOfficialData().names());

  it('is read from the pack\'s data/catalogue/ and named relative to the package in messages', () => {
    expect(defaultCataloguePath()).toBe(join(defaultDataDir(), 'catalogue', 'series.csv'));
    expect(catalogue.file).toBe('packs/uk/data/catalogue/series.csv');
    expect(readSeriesCatalogue().names()).toEqual(catalogue.names());
  });

  it('holds every series of every shipped data file', () => {
    expect([...held].filter((s) => !catalogue.has(s))).toEqual([]);
  });

  it('marks each entry truthfully: in-data entries are held by some data file, expected ones by none yet', () => {
    expect(catalogue.entries().filter((e) => (e.status === 'in-data') !== held.has(e.series)).map((e) => `${e.series} (${e.status})`)).toEqual([]);
  });

  it('names only series that packs/uk/data/SOURCES.md defines', () => {
    const sources = readFileSync(join(defaultDataDir(), 'SOURCES.md'), 'utf8');
    expect(catalogue.names().filter((s) => !sources.includes(`\`${s}\``))).toEqual([]);
  });

  it('answers what a series counts', () => {
    expect(seriesInfo('backlog_initial_people')).toMatchObject({ basis: 'people', kind: 'stock', units: ['people'], status: 'in-data' });
    expect(seriesInfo('backlog_initial_cases')).toMatchObject({ basis: 'cases', kind: 'stock' });
    expect(seriesInfo('small_boat_arrivals_ytd')?.kind).toBe('cumulative');
    expect(seriesInfo('backlog_intial_people')).toBeUndefined();
  });
});

describe('loadOfficialData with further files (a newer release)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-release-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const head = 'series,period,value,unit,source,note,vintage\n';

  it('adds the rows of a file in the same format to the shipped ones', () => {
    const newer = join(dir, 'newer.csv');
    writeFileSync(newer, `${head}awaiting_initial_decision_people,2023-09-30,165411,people,https://www.gov.uk/x,,revised\n`);
    const data = loadOfficialData([...dataFiles(), newer]);
    expect(data.value('awaiting_initial_decision_people', '2023-09-30')).toBe(165411);
    expect(data.observation('awaiting_initial_decision_people', '2023-09-30')?.file).toBe(newer);
    expect(data.value('awaiting_initial_decision_people', '2023-06-30')).toBe(175457);
  });

  it('refuses a series the catalogue lacks, naming the file, the line and a close name', () => {
    const typo = join(dir, 'typo.csv');
    writeFileSync(typo, `${head}awaiting_initial_decision_people,2023-09-30,165411,people,https://www.gov.uk/x,,revised\nawaiting_initial_decisions_people,2023-12-31,128786,people,https://www.gov.uk/x,,revised\n`);
    expect(() => loadOfficialData([...dataFiles(), typo])).toThrow(
      `${typo}:3: series: got "awaiting_initial_decisions_people"; a series of the catalogue packs/uk/data/catalogue/series.csv; did you mean "awaiting_initial_decision_people"?`,
    );
  });

  it('accepts a new series once a catalogue (the package one plus its line) holds it', () => {
    const file = join(dir, 'grants.csv');
    writeFileSync(file, `${head}asylum_grants_people_year,2023,67000,people,https://www.gov.uk/x,,revised\n`);
    expect(() => loadOfficialData([file])).toThrow(/series: got "asylum_grants_people_year"; a series of the catalogue/);
    const text = `${readFileSync(defaultCataloguePath(), 'utf8')}asylum_grants_people_year,people,flow,people,expected,people granted protection at initial decision in the year\n`;
    const extended = parseSeriesCatalogue(text, 'extended.csv');
    expect(loadOfficialData([...dataFiles(), file], extended).value('asylum_grants_people_year', '2023')).toBe(67000);
  });
});
