/**
 * The `--out DIR` directory of any command that writes files (run, compare, sensitivity,
 * backtest). It is prepared before the work starts, so an unwritable place fails at once and not
 * after the work; a failure is an InputError naming `--out`.
 */
import { mkdirSync, writeFileSync, accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, showValue } from '../model/errors.js';

function failure(dir: string, reason: unknown): InputError {
  const code = (reason as { code?: string }).code;
  return new InputError({
    field: '--out',
    value: showValue(dir),
    allowed: `a directory that can be created and written${code ? ` (${code})` : ''}`,
  });
}

/** Create the output directory if needed and check it is writable. */
export function prepareOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw failure(dir, e);
  }
}

/** Write files (text or bytes) under a prepared `--out` directory; returns their paths. */
export function writeOutFiles(dir: string, files: readonly (readonly [string, string | Uint8Array])[]): string[] {
  try {
    return files.map(([name, content]) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    });
  } catch (e) {
    throw failure(dir, e);
  }
}
