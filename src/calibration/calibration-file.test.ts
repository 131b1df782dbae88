import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationPath, dataVersion, readCalibration, writeCalibration, type CalibrationRecord } from './calibration-file.js';

const record: CalibrationRecord = {
  format: 1,
  model: 'uk-2',
  data: { version: 'abc', files: ['a.csv'] },
  window: { from: '2018-01-01', to: '2023-06-30', scoreFrom: '2019-01-01' },
  search: { method: 'LM', loss: 'squares', replications: 2, seed: 1, maxIterations: 8, iterations: 3, evaluations: 30 },
  loss: { start: 0.4, end: 0.04 },
  mape: { awaiting_initial_decision_people: 0.03, asylum_hotel_people: null },
  freeParameters: 1,
  estimates: [{ name: 'support share', path: 'accommodation.supportShare', value: 0.66, description: 'd', forward: true }],
  baseline: [{ name: 'support share', path: 'accommodation.supportShare', value: 0.66 }],
};

describe('the calibration record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calibration-'));

  it('round-trips through its file, leaving no temporary file behind', () => {
    const path = join(dir, 'c.json');
    writeCalibration(record, path);
    expect(readCalibration(path)).toEqual(record);
    expect(readdirSync(dir)).toEqual(['c.json']);
  });

  it('is absent, not an error, when there is no file', () => {
    expect(readCalibration(join(dir, 'none.json'))).toBeUndefined();
  });

  it('refuses a damaged file naming the field and the fix', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ ...record, freeParameters: -1 }));
    expect(() => readCalibration(path)).toThrow(/calibration\.freeParameters.*run asylum-sim calibrate/);
    writeFileSync(path, '{ not json');
    expect(() => readCalibration(path)).toThrow(/a JSON file/);
  });

  it('ships with the package and was calibrated on the shipped data', async () => {
    const shipped = readCalibration(calibrationPath());
    expect(shipped).toBeDefined();
    const { dataFiles } = await import('./data-files.js');
    expect(shipped!.data.version).toBe(dataVersion(dataFiles()));
    expect(shipped!.freeParameters).toBe(shipped!.estimates.length);
  });

  it('versions data by content: one changed byte is a new version', () => {
    const a = join(dir, 'x.csv');
    writeFileSync(a, 'series,period\n');
    const v1 = dataVersion([a]);
    writeFileSync(a, 'series,period\r\n');
    expect(dataVersion([a])).not.toBe(v1);
    expect(v1).toMatch(/^[0-9a-f]{12}$/);
  });
});
