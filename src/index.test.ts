/**
 * The library as a user gets it: `npm pack` (of the build `npm test` has just made), the tarball
 * installed in an empty folder, and a script that imports 'asylum-sim' and runs a scenario
 * through the public API, type-checked against the shipped declarations first. Install scripts
 * are skipped (`--ignore-scripts`): the library never loads better-sqlite3, whose native build is
 * the server's. About 20 s, most of it npm.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from './calibration/data-files.js';

const root = findPackageRoot(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const SCRIPT = `import { InputError, builtinScenarios, pack, packParameters, packs, replicate, resolveScenario, simulate, version, type PackManifest, type RunResult, type Summary } from 'asylum-sim';

const scenario = resolveScenario({ name: 'faster', extends: 'status-quo-2023', decisions: { productivity: 8 } }, { horizonMonths: 12 });
const one: RunResult = simulate(scenario, { seed: 7 });
const summary: Summary = await replicate(scenario, { replications: 1, seed: 7 });
let refused = '';
try {
  resolveScenario({ name: 'bad', decisions: { productivty: 8 } });
} catch (e) {
  if (e instanceof InputError) refused = e.message;
}
// The example country: its own pack, scenarios, currency and two stages.
const example: PackManifest = pack('example');
const steady = resolveScenario('steady', { pack: 'example', horizonMonths: 6 });
const exampleRun: RunResult = simulate(steady, { seed: 7 });
const exampleSummary: Summary = await replicate(steady, { replications: 1, seed: 7 });
console.log(JSON.stringify({
  packs: packs(),
  example: { currency: example.currency.code, stages: example.stages, builtins: builtinScenarios('example').map((s) => s.name), version: version('example') },
  exampleRun: { start: exampleRun.startDate, months: exampleRun.months.length, decided: exampleRun.kpis.casesSimulated > 0, cost: exampleRun.kpis.totalCostGbp, years: exampleRun.costByFinancialYear.length },
  exampleSummary: { version: exampleSummary.version, backlog: exampleSummary.kpis.backlogPeopleEnd.mean === exampleRun.kpis.backlogPeopleEnd },
  version: version(),
  builtins: builtinScenarios().map((s) => s.name),
  months: one.months.length,
  backlog: one.kpis.backlogPeopleAt12m,
  summary: { scenario: summary.scenario, replications: summary.replications, backlog: summary.kpis.backlogPeopleAt12m.mean },
  refused,
  productivity: packParameters('uk').get('decisions.productivity'),
}));
`;

describe('the packed library', () => {
  it('installs from the tarball and runs a one-replication simulation through the public API', () => {
    const pack = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root)) as { filename: string }[];
    const tarball = join(dir, pack[0]!.filename);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'library-user', private: true, type: 'module' }));
    npm(['install', tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], dir);

    writeFileSync(join(dir, 'use.ts'), SCRIPT);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', skipLibCheck: true, types: [] }, files: ['use.ts'] }),
    );
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, stdio: 'pipe' });
    const out = JSON.parse(execFileSync(process.execPath, [join(dir, 'out', 'use.js')], { cwd: dir, encoding: 'utf8' })) as Record<string, unknown>;

    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(out.version).toMatch(new RegExp(`^${pkg.version.replace(/\./g, '\\.')}\\+`));
    expect(out.builtins).toContain('status-quo-2023');
    expect(out.months).toBe(12);
    expect(out.backlog).toBeGreaterThan(0);
    // replicate's one replication is replication 0 with the same seed: the same run as simulate's.
    expect(out.summary).toEqual({ scenario: 'faster', replications: 1, backlog: out.backlog });
    expect(out.refused).toMatch(/decisions\.productivty: .*did you mean "productivity"/);
    // The example pack ships in the package and runs through the same API.
    expect(out.packs).toEqual(['example', 'uk']);
    expect(out.example).toEqual({ currency: 'EXD', stages: ['arrivals', 'decisions'], builtins: ['more-staff', 'steady'], version: `${pkg.version}+${String(out.version).split('+')[1]}` });
    expect(out.exampleRun).toEqual({ start: '2031-01-01', months: 6, decided: true, cost: 0, years: 0 });
    // A pack's parameters ship with it: the UK's productivity with its range and stated assumption.
    expect(out.productivity).toMatchObject({ default: 6, range: [4, 9], provenance: { kind: 'assumption' } });
    expect(out.exampleSummary).toEqual({ version: out.example && (out.example as { version: string }).version, backlog: true });
  }, 180_000);
});
