import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFiles, defaultDataDir, findPackageRoot, loadOfficialData } from './data-files.js';
import { DataFileError } from './observed.js';

describe('defaultDataDir', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'asylum-sim-data-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is the data folder of this package', () => {
    expect(defaultDataDir()).toBe(join(findPackageRoot(process.cwd()), 'data'));
    const names = dataFiles().map((f) => f.slice(defaultDataDir().length + 1));
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['uk-asylum-2018-2023.csv', 'uk-asylum-quarterly-to-2023Q2.csv']));
    expect(names.every((n) => n.endsWith('.csv'))).toBe(true);
  });

  it('finds the package root from src/ and from compiled dist/src/ alike', () => {
    writeFileSync(join(tmp, 'package.json'), '{}');
    for (const where of ['src/calibration', 'dist/src/calibration']) {
      mkdirSync(join(tmp, where), { recursive: true });
      const url = pathToFileURL(join(tmp, where, 'data-files.js')).href;
      expect(defaultDataDir(url)).toBe(join(tmp, 'data'));
    }
  });

  it('accepts a file URL as well as a path', () => {
    expect(findPackageRoot(import.meta.url)).toBe(findPackageRoot(process.cwd()));
    expect(findPackageRoot(new URL(import.meta.url))).toBe(findPackageRoot(process.cwd()));
  });

  it('says so when there is no package.json above', () => {
    expect(() => findPackageRoot('/')).toThrow(/no package.json in \/ or any folder above it/);
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
    expect(data.observation('backlog_initial_people', '2023-06-30')?.file).toBe('data/uk-asylum-2018-2023.csv');
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
      writeFileSync(bad, 'series,period,value,unit,source,note,vintage\nx,2022Q5,1,people,https://a.b,,revised\n');
      expect(() => loadOfficialData([bad])).toThrow(DataFileError);
      expect(() => loadOfficialData([bad])).toThrow(`${bad}:2: period: got "2022Q5"`);
      const one = loadOfficialData([join(defaultDataDir(), 'uk-asylum-quarterly-to-2023Q2.csv')]);
      expect(one.has('backlog_initial_people')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
