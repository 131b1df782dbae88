/**
 * docs/parameters.md is generated from the parameter declarations: it lists every parameter, and
 * the committed file is exactly what the generator writes now (run `npm run docs:parameters`
 * after changing a parameter).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../calibration/data-files.js';
import { PARAMETERS } from '../model/parameters.js';
import { leaves, type ParamTree } from '../model/declarations.js';
import { parameterReference, REFERENCE_PATH } from './parameter-reference.js';

const generated = parameterReference();

describe('parameter reference', () => {
  it('has a row for every parameter, with its unit and source', () => {
    for (const { path, def } of leaves(PARAMETERS as unknown as ParamTree)) {
      const row = generated.split('\n').find((line) => line.startsWith(`| \`${path}\`<br>`));
      expect(row, path).toBeDefined();
      expect(row).toContain(def.source.slice(0, 30).replace(/\|/g, '\\|'));
    }
  });

  it('shows where defaults come from in data/', () => {
    expect(generated).toMatch(/`appeals\.determinationsPerMonth`.*data: `appeals_determined_quarter` 2023Q1/);
    expect(generated).toMatch(/`euDeal\.quota\.partnerPopulation`.*data: \(`key_population_eu27` 2022 \+ `key_population_norway` 2022/);
  });

  it('docs/parameters.md is up to date (regenerate with npm run docs:parameters)', () => {
    const committed = readFileSync(join(findPackageRoot(import.meta.url), REFERENCE_PATH), 'utf8');
    expect(committed === generated, 'docs/parameters.md is out of date: run npm run docs:parameters').toBe(true);
  });
});
