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

/** The `*.csv` files of a data folder, sorted by name. */
export function dataFiles(dir: string = defaultDataDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Read official data: the given CSV files, or every `data/*.csv` of the package. Files inside
 * the package are named relative to its root in messages (`data/uk-asylum-2018-2023.csv`).
 */
export function loadOfficialData(files?: readonly string[]): ObservedData {
  const dir = defaultDataDir();
  const root = dirname(dir);
  const paths = files ?? dataFiles(dir);
  const observations = paths.flatMap((path) => {
    const absolute = resolve(path);
    const inside = relative(root, absolute);
    const name = inside.startsWith('..') || isAbsolute(inside) ? path : inside.split(sep).join('/');
    return parseObservedCsv(readFileSync(absolute, 'utf8'), name);
  });
  return new ObservedData(observations);
}
