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

const SCRIPT = `import { InputError, builtinScenarios, replicate, resolveScenario, simulate, version, type RunResult, type Summary } from 'asylum-sim';

const scenario = resolveScenario({ name: 'faster', extends: 'status-quo-2023', decisions: { productivity: 8 } }, { horizonMonths: 12 });
const one: RunResult = simulate(scenario, { seed: 7 });
const summary: Summary = await replicate(scenario, { replications: 1, seed: 7 });
let refused = '';
try {
  resolveScenario({ name: 'bad', decisions: { productivty: 8 } });
} catch (e) {
  if (e instanceof InputError) refused = e.message;
}
console.log(JSON.stringify({
  version: version(),
  builtins: builtinScenarios().map((s) => s.name),
  months: one.months.length,
  backlog: one.kpis.backlogPeopleAt12m,
  summary: { scenario: summary.scenario, replications: summary.replications, backlog: summary.kpis.backlogPeopleAt12m.mean },
  refused,
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
  }, 180_000);
});
