/** `npm run docs:parameters`: regenerate every pack's parameter reference (docs/parameters*.md). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../calibration/data-files.js';
import { loadPack, packNames } from '../pack/load.js';
import { parameterReference, referencePath } from './parameter-reference.js';

for (const name of packNames()) {
  const path = referencePath(name);
  writeFileSync(join(findPackageRoot(import.meta.url), path), parameterReference(loadPack(name)));
  console.log(`wrote ${path}`);
}
