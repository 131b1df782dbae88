import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { findPackageRoot, loadPack, packNames, packsDir, readPack } from './load.js';

describe('findPackageRoot and packsDir', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'asylum-sim-packs-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds the packs from src/ and from compiled dist/src/ alike', () => {
    writeFileSync(join(tmp, 'package.json'), '{}');
    for (const where of ['src/pack', 'dist/src/pack']) {
      mkdirSync(join(tmp, where), { recursive: true });
      expect(packsDir(pathToFileURL(join(tmp, where, 'load.js')).href)).toBe(join(tmp, 'packs'));
    }
  });

  it('accepts a file URL as well as a path', () => {
    expect(findPackageRoot(import.meta.url)).toBe(findPackageRoot(process.cwd()));
    expect(findPackageRoot(new URL(import.meta.url))).toBe(findPackageRoot(process.cwd()));
  });

  it('says so when there is no package.json above', () => {
    expect(() => findPackageRoot('/')).toThrow(/no package.json in \/ or any folder above it/);
  });

  it('lists only folders with a manifest', () => {
    const dir = join(tmp, 'listing');
    mkdirSync(join(dir, 'b'), { recursive: true });
    mkdirSync(join(dir, 'a'), { recursive: true });
    mkdirSync(join(dir, 'no-manifest'), { recursive: true });
    writeFileSync(join(dir, 'a', 'pack.yaml'), '');
    writeFileSync(join(dir, 'b', 'pack.yaml'), '');
    expect(packNames(dir)).toEqual(['a', 'b']);
  });
});

describe('loadPack', () => {
  it('reads the UK pack: pounds, financial years from April, the June 2023 snapshot', () => {
    const uk = loadPack('uk');
    expect(packNames()).toContain('uk');
    expect(uk.manifest).toMatchObject({ name: 'uk', currency: { code: 'GBP', symbol: '£' }, financialYearStartMonth: 4 });
    expect(uk.manifest.baseline).toEqual({ snapshotDate: '2023-06-30', start: '2023-07-01', horizonMonths: 60 });
    expect(uk.dataDir).toBe(join(packsDir(), 'uk', 'data'));
    expect(loadPack()).toBe(uk);
  });

  it('refuses an unknown pack, naming the flag, the value and the packs there are', () => {
    expect(() => loadPack('ukk')).toThrow(InputError);
    expect(() => loadPack('ukk')).toThrow(/^--pack: got "ukk"; one of the packs .*uk.* — did you mean "uk"\?/);
  });

  it('refuses a manifest with a bad field or a name that is not its folder', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'asylum-sim-pack-'));
    try {
      const dir = join(tmp, 'atlantis');
      mkdirSync(dir);
      const manifest = (fy: number, name = 'atlantis', stages = '[arrivals, decisions]', refuse = '[leave]', departed = '[]', claim = '{ lodged: [decide], heldInadmissible: [] }') =>
        `name: ${name}\ntitle: Atlantis\ncurrency: { code: ATL, symbol: "A$" }\nfinancialYearStartMonth: ${fy}\n` +
        'baseline: { snapshotDate: 2030-12-31, start: 2031-01-01, horizonMonths: 24 }\n' +
        `stages: ${stages}\nrouting:\n  claim: ${claim}\n  decision: { grant: [], refuse: ${refuse}, withdraw: [], inadmissible: [leave] }\n  appeal: { allowed: [], exhausted: [] }\n  return: { removed: [], removedToThirdCountry: [], departed: ${departed} }\n`;
      writeFileSync(join(dir, 'pack.yaml'), manifest(13));
      expect(() => readPack(dir)).toThrow(/pack\.yaml: financialYearStartMonth: got 13; /);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'lemuria'));
      expect(() => readPack(dir)).toThrow(/name: got "lemuria"; the pack's folder name "atlantis"/);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[arrivals]'));
      expect(() => readPack(dir)).toThrow(/stages: got \["arrivals"\]; at least arrivals and decisions/);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[arrivals, decisions]', '[appeal]'));
      expect(() => readPack(dir)).toThrow(/routing\.decision\.refuse\[0\]: got appeal; a handoff to a stage the pack runs \(appeals is not in stages\)/);
      // A case leaving the returns pool has been counted as an exit: only its support can follow,
      // and only in a pack that runs returns and accommodation.
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[arrivals, decisions]', '[leave]', '[leave]'));
      expect(() => readPack(dir)).toThrow(/routing\.return\.departed\.0: got "leave"; .*supportEndsNow/);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[arrivals, decisions]', '[leave]', '[supportEndsNow]'));
      expect(() => readPack(dir)).toThrow(/routing\.return\.departed\[0\]: got supportEndsNow; a handoff to a stage the pack runs \(accommodation is not in stages\)/);
      expect(() => readPack(dir)).toThrow(expect.objectContaining({ problems: expect.arrayContaining([expect.objectContaining({ field: 'routing.return', allowed: 'none when the pack runs no returns stage' })]) }));
      // A lodged claim must join the decision queue; a claim is held only by the returns stage.
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[arrivals, decisions]', '[leave]', '[]', '{ lodged: [], heldInadmissible: [] }'));
      expect(() => readPack(dir)).toThrow(/routing\.claim\.lodged: got nothing; a list with decide/);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[arrivals, decisions]', '[leave]', '[]', '{ lodged: [decide, decide], heldInadmissible: [] }'));
      expect(() => readPack(dir)).toThrow(/routing\.claim\.lodged: .*each step once/);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[arrivals, decisions]', '[leave]', '[]', '{ lodged: [decide], heldInadmissible: [hold] }'));
      expect(() => readPack(dir)).toThrow(/routing\.claim\.heldInadmissible\[0\]: got hold; a handoff to a stage the pack runs \(returns is not in stages\)/);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[arrivals, decisions, accommodation, appeals, returns]', '[leave]', '[]', '{ lodged: [support, decide], heldInadmissible: [support] }'));
      expect(() => readPack(dir)).toThrow(/routing\.claim\.heldInadmissible: got support; a list with hold/);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1, 'atlantis', '[snapshot, arrivals, decisions]'));
      expect(() => readPack(dir)).toThrow(/snapshot only with accommodation, appeals and returns/);
      writeFileSync(join(dir, 'pack.yaml'), manifest(1));
      expect(() => readPack(dir)).toThrow(/atlantis: parameters\.yaml: got nothing; the pack's parameters/);
      copyFileSync(join(packsDir(), 'example', 'parameters.yaml'), join(dir, 'parameters.yaml'));
      const pack = readPack(dir);
      expect(pack.manifest).toMatchObject({ currency: { code: 'ATL' }, stages: ['arrivals', 'decisions'] });
      expect(pack.parameters.get('decisions.productivity')).toMatchObject({ default: 7, range: [4, 9] });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
