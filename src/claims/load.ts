/**
 * Reading a pack's claims ledger, `packs/<name>/claims.yaml` (Node only): parsed, checked against
 * spec.ts and the pack's data series, and refused with the file, the field, the value and what is
 * allowed. A pack need not have one; asking for the ledger of a pack without one is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputError, showValue } from '../model/errors.js';
import { packNames, packsDir, type Pack } from '../pack/load.js';
import { projectionOverrides } from './projection.js';
import { checkClaimsFile, type CheckOptions, type ClaimsFile } from './spec.js';

/** Where a pack keeps its claims ledger. */
export function claimsPath(pack: Pack): string {
  return join(pack.dir, 'claims.yaml');
}

/** Read and check a claims file. */
export function readClaimsFile(path: string, options: CheckOptions): ClaimsFile {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError({ field: '(claims file)', value: 'YAML that does not parse', allowed: `well-formed YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` }, path);
  }
  const file = checkClaimsFile(raw, path, options);
  if (file.projection) {
    try {
      projectionOverrides(file.projection, '2000-01-01'); // every date relative to the start, before any run
    } catch (e) {
      throw e instanceof InputError ? new InputError(e.problems, path) : e;
    }
  }
  return file;
}

/** The packs that have a claims ledger. */
export function packsWithClaims(): string[] {
  return packNames().filter((name) => existsSync(join(packsDir(), name, 'claims.yaml')));
}

/** The pack's claims ledger; a pack without one is refused naming `field` and the packs that have one. */
export function packClaims(pack: Pack, options: CheckOptions, field = '--pack'): ClaimsFile {
  const path = claimsPath(pack);
  if (!existsSync(path)) {
    throw new InputError({ field, value: showValue(pack.name), allowed: `a pack with a claims ledger (packs/<name>/claims.yaml): ${packsWithClaims().join(', ') || 'none'}; the ${pack.name} pack has none` });
  }
  return readClaimsFile(path, options);
}
