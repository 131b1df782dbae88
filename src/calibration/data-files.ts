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

/** The package's series catalogue file. */
export function defaultCataloguePath(): string {
  return join(defaultDataDir(), 'catalogue', 'series.csv');
}

/** A path as messages give it: relative to the package root when inside it, else as given. */
function displayName(path: string, root: string): string {
  const inside = relative(root, resolve(path));
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside.split(sep).join('/');
}

/** Read a series catalogue file (the package's by default); throws DataFileError naming file and line. */
export function readSeriesCatalogue(path: string = defaultCataloguePath()): SeriesCatalogue {
  return parseSeriesCatalogue(readFileSync(resolve(path), 'utf8'), displayName(path, findPackageRoot(import.meta.url)));
}

let packageCatalogue: SeriesCatalogue | undefined;

/** The package's series catalogue (read once): entries with basis, kind, units and description. */
export function seriesCatalogue(): SeriesCatalogue {
  packageCatalogue ??= readSeriesCatalogue();
  return packageCatalogue;
}

/** What the package's catalogue says of a series, or undefined for a name it lacks. */
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
  const observations = paths.flatMap((path) => parseObservedCsv(readFileSync(resolve(path), 'utf8'), displayName(path, root), catalogue));
  return new ObservedData(observations);
}

export { findPackageRoot };
