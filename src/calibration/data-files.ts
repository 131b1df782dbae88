/**
 * Finding and reading the package's official data files (Node only; observed.ts does the
 * parsing and stays browser-safe). The data folder is found from this module's own location,
 * so it works from src/ under vitest, from the compiled dist/src/, and from an installed
 * package, whatever the working directory.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ObservedData, parseObservedCsv } from './observed.js';
import { parseSeriesCatalogue, type SeriesCatalogue, type SeriesEntry } from './series-catalogue.js';

/**
 * The nearest folder at or above `start` that holds a package.json. `start` is a folder or
 * file path, or a `file:` URL such as `import.meta.url`.
 */
export function findPackageRoot(start: string | URL): string {
  let dir = typeof start === 'string' && !start.startsWith('file:') ? resolve(start) : fileURLToPath(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json in ${String(start)} or any folder above it`);
    dir = parent;
  }
}

/** The package's `data/` folder. */
export function defaultDataDir(moduleUrl: string = import.meta.url): string {
  return join(findPackageRoot(moduleUrl), 'data');
}

/**
 * The `*.csv` files directly in a data folder, sorted by name. Subfolders (the catalogue in
 * `data/catalogue/`) are not data files.
 */
export function dataFiles(dir: string = defaultDataDir()): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.csv'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(dir, name));
}

/** The package's series catalogue file. */
export function defaultCataloguePath(moduleUrl: string = import.meta.url): string {
  return join(defaultDataDir(moduleUrl), 'catalogue', 'series.csv');
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
 * package are named relative to its root in messages (`data/uk-asylum-2018-2023.csv`).
 */
export function loadOfficialData(files?: readonly string[], catalogue: SeriesCatalogue = seriesCatalogue()): ObservedData {
  const dir = defaultDataDir();
  const root = dirname(dir);
  const paths = files ?? dataFiles(dir);
  const observations = paths.flatMap((path) => parseObservedCsv(readFileSync(resolve(path), 'utf8'), displayName(path, root), catalogue));
  return new ObservedData(observations);
}
