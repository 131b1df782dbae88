/** `npm run docs:parameters`: regenerate docs/parameters.md from the parameter declarations. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../calibration/data-files.js';
import { parameterReference, REFERENCE_PATH } from './parameter-reference.js';

const path = join(findPackageRoot(import.meta.url), REFERENCE_PATH);
writeFileSync(path, parameterReference());
console.log(`wrote ${REFERENCE_PATH}`);
