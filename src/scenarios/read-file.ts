/**
 * Reading a scenario file from disk (Node only): the size is checked before the file is read,
 * and at most one byte past the limit is ever read, so a huge file or an endless device
 * (`/dev/zero`, a pipe) is refused without being loaded. Then parse.ts does the rest.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { SCENARIO_LIMITS, parseScenarioText, tooLargeError, type ScenarioLimits } from './parse.js';

const ALLOWED = 'the path of a YAML or JSON scenario file';

function openProblem(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'a file that cannot be read (permission denied)';
    case 'EISDIR':
      return 'a folder';
    case 'ENOTDIR':
      return 'a path through something that is not a folder';
    default:
      return `a file that cannot be opened (${code ?? 'unknown error'})`;
  }
}

/** Read and parse a scenario file; throws only InputError. */
export function readScenarioFile(path: string, limits: ScenarioLimits = SCENARIO_LIMITS): unknown {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError({ field: 'file', value: openProblem((e as NodeJS.ErrnoException).code), allowed: ALLOWED }, path);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError({ field: 'file', value: 'a folder', allowed: ALLOWED }, path);
    if (stat.isFile() && stat.size > limits.maxBytes) throw tooLargeError(path, stat.size, limits);
    // Read at most one byte past the limit: files can grow, and devices and pipes have no size.
    const buffer = new Uint8Array(limits.maxBytes + 1);
    let length = 0;
    for (;;) {
      const got = readSync(fd, buffer, length, buffer.length - length, null);
      if (got === 0) break;
      length += got;
      if (length > limits.maxBytes) throw tooLargeError(path, limits.maxBytes, limits, true);
    }
    return parseScenarioText(buffer.subarray(0, length), path, limits);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ field: 'file', value: `a file that cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, allowed: ALLOWED }, path);
  } finally {
    closeSync(fd);
  }
}
