/**
 * Finding and reading the package's official data files (Node only; observed.ts does the
 * parsing and stays browser-safe). The data folder is the pack's (src/pack/load.ts finds it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findPackageRoot, loadPack } from '../pack/load.js';
import { ObservedData, parseObservedCsv } from './observed.js';
import { parseSeriesCatalogue, type SeriesCatalogue, type SeriesEntry } from './series-catalogue.js';

/** The data folder of the default pack (`packs/uk/data/`). */
export function defaultDataDir(): string {
  return loadPack().dataDir;
}

/**
 * The `*.csv` files directly in a data folder, sorted by name. Subfolders (the catalogue in
 * `catalogue/`) are not data files.
 */
export function dataFiles(dir: string = defaultDataDir()): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.csv'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(dir, name));
}

/** The series catalogue file of a data folder (the default pack's unless another is given). */
export function defaultCataloguePath(dataDir: string = defaultDataDir()): string {
  return join(dataDir, 'catalogue', 'series.csv');
}

/** A path as messages give it: relative to the package root when inside it, else as given. */
export function shownPath(path: string, root: string = findPackageRoot(import.meta.url)): string {
  const inside = relative(root, resolve(path));
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside.split(sep).join('/');
}

/** Read a series catalogue file (the package's by default); throws DataFileError naming file and line. */
export function readSeriesCatalogue(path: string = defaultCataloguePath()): SeriesCatalogue {
  return parseSeriesCatalogue(readFileSync(resolve(path), 'utf8'), shownPath(path));
}

const catalogues = new Map<string, SeriesCatalogue>();

/**
 * The series catalogue of a data folder (the default pack's unless another is given), read once
 * per folder: entries with basis, kind, units and description.
 */
export function seriesCatalogue(dataDir: string = defaultDataDir()): SeriesCatalogue {
  const key = resolve(dataDir);
  let catalogue = catalogues.get(key);
  if (!catalogue) {
    catalogue = readSeriesCatalogue(defaultCataloguePath(dataDir));
    catalogues.set(key, catalogue);
  }
  return catalogue;
}

/** What the default pack's catalogue says of a series, or undefined for a name it lacks. */
export function seriesInfo(series: string): SeriesEntry | undefined {
  return seriesCatalogue().info(series);
}

/**
 * Read official data: the given CSV files, or every `data/*.csv` of the package, each row
 * checked against the series catalogue (the package's unless another is given). A newer
 * release is one more file: `loadOfficialData([...dataFiles(), extra])`. Files inside the
 * package are named relative to its root in messages (`packs/uk/data/uk-asylum-2018-2023.csv`).
 */
export function loadOfficialData(files?: readonly string[], catalogue: SeriesCatalogue = seriesCatalogue()): ObservedData {
  const root = findPackageRoot(import.meta.url);
  const paths = files ?? dataFiles();
  const observations = paths.flatMap((path) => parseObservedCsv(readFileSync(resolve(path), 'utf8'), shownPath(path, root), catalogue));
  return new ObservedData(observations);
}

export { findPackageRoot };
