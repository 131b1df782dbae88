/**
 * A pack's record as the backtest and the calibration read it (Node only): its official data files
 * (or those given), each row checked against the pack's own series catalogue, and its calibration
 * map (packs/<name>/calibration.yaml) saying which of those series play which part. A pack with
 * neither is refused before any work, naming what it lacks.
 */
import { existsSync } from 'node:fs';
import type { CalibrationMap } from '../pack/calibration-map.js';
import { calibrationMapPath, readCalibrationMap, type Pack } from '../pack/load.js';
import { InputError, showValue } from '../model/errors.js';
import { dataVersion } from './calibration-file.js';
import { dataFiles, defaultCataloguePath, loadOfficialData, seriesCatalogue, shownPath } from './data-files.js';
import type { ObservedData } from './observed.js';

export interface PackRecord {
  readonly pack: Pack;
  /** The data files read, in order. */
  readonly files: readonly string[];
  readonly data: ObservedData;
  /** Content hash of the files (calibration-file.ts). */
  readonly version: string;
  readonly map: CalibrationMap;
}

const maps = new Map<string, CalibrationMap>();

/**
 * The pack's calibration map, read once per pack folder. A pack without one, or without a series
 * catalogue to check it against, throws InputError naming `field`, the pack and the files it lacks.
 */
export function calibrationMapOf(pack: Pack, field = 'pack'): CalibrationMap {
  const known = maps.get(pack.dir);
  if (known) return known;
  const mapFile = calibrationMapPath(pack);
  const catalogueFile = defaultCataloguePath(pack.dataDir);
  const lacks = [mapFile, catalogueFile].filter((f) => !existsSync(f)).map((f) => shownPath(f));
  if (lacks.length > 0) {
    throw new InputError({
      field,
      value: showValue(pack.name),
      allowed: `a pack with a calibration map and official data to read the past from; the ${pack.name} pack lacks ${lacks.join(' and ')} (see docs/add-a-country.md)`,
    });
  }
  const map = readCalibrationMap(pack, seriesCatalogue(pack.dataDir), shownPath(mapFile));
  maps.set(pack.dir, map);
  return map;
}

/** The pack's record: the given data files (default: its data/*.csv) read against its catalogue, and its map. */
export function packRecord(pack: Pack, given?: readonly string[], field = 'pack'): PackRecord {
  const map = calibrationMapOf(pack, field);
  const files = given ?? dataFiles(pack.dataDir);
  return { pack, files, data: loadOfficialData(files, seriesCatalogue(pack.dataDir)), version: dataVersion(files), map };
}
