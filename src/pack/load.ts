/**
 * Finding and reading country packs (Node only). A pack is a folder `packs/<name>/` of the
 * package, found from this module's own location, so it works from src/ under vitest, from the
 * compiled dist/src/, and from an installed package, whatever the working directory.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { InputError, showValue } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { checkCalibrationMap, type CalibrationMap, type CatalogueNames } from './calibration-map.js';
import { checkManifest, type PackManifest } from './manifest.js';
import { checkPackParameters, type PackParameters } from './parameter-facts.js';

/** The pack commands use when none is named. */
export const DEFAULT_PACK = 'uk';

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

/** The package's `packs/` folder. */
export function packsDir(moduleUrl: string = import.meta.url): string {
  return join(findPackageRoot(moduleUrl), 'packs');
}

/** The packs of the package: folders of packs/ with a manifest, sorted by name. */
export function packNames(dir: string = packsDir()): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'pack.yaml')))
    .map((entry) => entry.name)
    .sort();
}

/** A country pack: its manifest, its parameters' facts and where its files are. */
export interface Pack {
  readonly name: string;
  readonly dir: string;
  readonly manifest: PackManifest;
  /** Default, plausible range and source of every parameter of the stages it runs (parameters.yaml). */
  readonly parameters: PackParameters;
  /** The official figures (`*.csv`), the series catalogue (`catalogue/series.csv`), the calibration record. */
  readonly dataDir: string;
  /** The built-in scenarios (`*.yaml`). */
  readonly scenariosDir: string;
}

/** Read and check the pack in a folder (its manifest's name must be the folder's, and its parameters.yaml fit its stages). */
export function readPack(dir: string): Pack {
  const file = join(dir, 'pack.yaml');
  const manifest = checkManifest(parse(readFileSync(file, 'utf8')), file);
  const folder = dir.split(/[\\/]/).filter(Boolean).pop() ?? '';
  if (manifest.name !== folder) {
    throw new InputError({ field: 'name', value: showValue(manifest.name), allowed: `the pack's folder name ${showValue(folder)}` }, file);
  }
  const parametersFile = join(dir, 'parameters.yaml');
  if (!existsSync(parametersFile)) {
    throw new InputError({ field: 'parameters.yaml', value: 'nothing', allowed: 'the pack\'s parameters: a default, range and source for each parameter of the stages it runs (docs/add-a-country.md)' }, dir);
  }
  const parameters = checkPackParameters(parse(readFileSync(parametersFile, 'utf8')), parametersFile, manifest);
  return { name: manifest.name, dir, manifest, parameters, dataDir: join(dir, 'data'), scenariosDir: join(dir, 'scenarios') };
}

const packs = new Map<string, Pack>();

/**
 * A pack of the package by name, read once per process. An unknown name throws InputError naming
 * `field` (the flag or field it came from), the value and the packs there are.
 */
export function loadPack(name: string = DEFAULT_PACK, field = '--pack'): Pack {
  const known = packs.get(name);
  if (known) return known;
  const names = packNames();
  if (!names.includes(name)) {
    const suggestion = didYouMean(name, names);
    throw new InputError({ field, value: showValue(name), allowed: `one of the packs ${names.join(', ')}${suggestion ? ` — ${suggestion}` : ''}` });
  }
  const pack = readPack(join(packsDir(), name));
  packs.set(name, pack);
  return pack;
}

/** Where a pack keeps its calibration map (src/pack/calibration-map.ts). */
export function calibrationMapPath(pack: Pack): string {
  return join(pack.dir, 'calibration.yaml');
}

/** Read and check a pack's calibration map against its catalogue; `origin` is the file's name in messages. */
export function readCalibrationMap(pack: Pack, catalogue: CatalogueNames, origin: string): CalibrationMap {
  return checkCalibrationMap(parse(readFileSync(calibrationMapPath(pack), 'utf8')), origin, catalogue);
}
