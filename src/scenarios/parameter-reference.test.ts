/**
 * The parameter references (docs/parameters.md for the UK, docs/parameters-<pack>.md for another
 * pack) are generated from the model's declarations and each pack's parameters.yaml: each lists
 * every parameter of the stages its pack runs, and the committed files are exactly what the
 * generator writes now (run `npm run docs:parameters` after changing a parameter).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../calibration/data-files.js';
import { PARAMETERS } from '../model/parameters.js';
import { leaves, type ParamTree } from '../model/declarations.js';
import { loadPack, packNames } from '../pack/load.js';
import { provenanceMarkdown } from '../pack/parameter-facts.js';
import { parameterReference, referencePath } from './parameter-reference.js';

const generated = parameterReference();

describe('parameter reference', () => {
  it('has a row for every parameter, with its source from the pack', () => {
    const uk = loadPack('uk');
    for (const { path } of leaves(PARAMETERS as unknown as ParamTree)) {
      const row = generated.split('\n').find((line) => line.startsWith(`| \`${path}\`<br>`));
      expect(row, path).toBeDefined();
      expect(row).toContain(provenanceMarkdown(uk.parameters.get(path)!.provenance).slice(0, 30).replace(/\|/g, '\\|'));
    }
  });

  it('shows where defaults come from in data/', () => {
    expect(generated).toMatch(/`appeals\.determinationsPerMonth`.*data: `appeals_determined_quarter` 2023Q1/);
    expect(generated).toMatch(/`euDeal\.quota\.partnerPopulation`.*data: \(`key_population_eu27` 2022 \+ `key_population_norway` 2022/);
  });

  it('lists only the stages a pack runs', () => {
    const example = parameterReference(loadPack('example'));
    expect(example).toMatch(/^## arrivals$/m);
    expect(example).toMatch(/^## kpi$/m);
    expect(example).not.toMatch(/^## appeals$/m);
    expect(example).toContain('| `decisions.productivity`<br>');
  });

  it('the committed references are up to date (regenerate with npm run docs:parameters)', () => {
    for (const name of packNames()) {
      const path = referencePath(name);
      const committed = readFileSync(join(findPackageRoot(import.meta.url), path), 'utf8');
      expect(committed === parameterReference(loadPack(name)), `${path} is out of date: run npm run docs:parameters`).toBe(true);
    }
  });
});
