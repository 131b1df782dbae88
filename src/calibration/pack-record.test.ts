/**
 * A pack's record: the roles of its calibration map drive the backtest, not series names in code.
 * A copy of the UK pack whose claims series are named otherwise — in its data, its catalogue and
 * its calibration.yaml alike — gives the same backtest, and a pack without a map is refused.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIONALITIES } from '../model/nationalities.js';
import { loadPack, readPack } from '../pack/load.js';
import { baselineScenarioWith } from '../scenarios/catalogue.js';
import { runBacktest } from './backtest.js';
import { seriesCatalogue } from './data-files.js';
import { calibrationMapOf, packRecord, type PackRecord } from './pack-record.js';

/** Rename series throughout a copy of the UK pack: every data file, the catalogue and the calibration map. */
function renamedCopy(rename: (text: string) => string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'asylum-sim-pack-')), 'uk');
  cpSync(loadPack('uk').dir, dir, { recursive: true });
  const files = [
    join(dir, 'calibration.yaml'),
    join(dir, 'data', 'catalogue', 'series.csv'),
    ...readdirSync(join(dir, 'data'))
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(dir, 'data', f)),
  ];
  for (const f of files) writeFileSync(f, rename(readFileSync(f, 'utf8')));
  return dir;
}

const family = new RegExp(`\\bclaims_people_(${NATIONALITIES.join('|')})_(year|half)\\b`, 'g');
const rename = (text: string) =>
  text
    .replace(/\bclaims_people_quarter\b/g, 'applications_people_q')
    .replace(family, 'applications_$1_$2')
    .replace('claims_people_{nationality}_{period}', 'applications_{nationality}_{period}');

function backtestOf(record: PackRecord) {
  return runBacktest({
    base: baselineScenarioWith(undefined, loadPack('uk')),
    data: record.data,
    map: record.map,
    dataVersion: 'test',
    dataFiles: [],
    estimates: [],
    freeParameters: 0,
    from: '2021-01-01',
    to: '2022-12-31',
    replications: 2,
    seed: 4,
    uncertainty: 'stochastic',
  });
}

describe("a pack's record", () => {
  it('is read through the roles of its calibration map: renamed series give the same backtest', () => {
    const copy = readPack(renamedCopy(rename));
    const renamed = packRecord(copy);
    expect(renamed.map.roles.claims).toBe('applications_people_q');
    expect(renamed.map.patterns.claimsByNationality).toBe('applications_{nationality}_{period}');
    expect(renamed.data.has('claims_people_quarter')).toBe(false);
    expect(renamed.data.has('applications_syria_year')).toBe(true);
    // Each pack folder has its own catalogue, read once.
    expect(seriesCatalogue(copy.dataDir).has('applications_people_q')).toBe(true);
    expect(seriesCatalogue(loadPack('uk').dataDir).has('applications_people_q')).toBe(false);
    expect(seriesCatalogue(copy.dataDir)).toBe(seriesCatalogue(copy.dataDir));
    const original = backtestOf(packRecord(loadPack('uk')));
    const moved = backtestOf(renamed);
    expect(moved.series).toEqual(original.series);
    expect(moved.derived.map((d) => [d.field, d.value])).toEqual(original.derived.map((d) => [d.field, d.value]));
    expect(moved.derived.find((d) => d.field === 'arrivals.nationalityMix')?.how).toContain('(applications_<nationality>_year ÷ claims_people_total_year, or _half)');
  }, 120_000);

  it('is refused for a pack without a calibration map or data, naming what it lacks', () => {
    expect(() => calibrationMapOf(loadPack('example'), '--pack')).toThrow(
      '--pack: got "example"; a pack with a calibration map and official data to read the past from; the example pack lacks packs/example/calibration.yaml and packs/example/data/catalogue/series.csv (see docs/add-a-country.md)',
    );
  });
});
