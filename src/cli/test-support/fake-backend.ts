/**
 * A fake Backend for command-layer tests: two built-in scenarios, synthetic results, and the same
 * kinds of errors as the model (InputError with "did you mean", RunError during a run).
 */
import { InputError, RunError, showValue } from '../../model/errors.js';
import { didYouMean } from '../../model/suggest.js';
import { syntheticResult } from '../../experiment/test-support/synthetic.js';
import type { Backend, ScenarioLike } from '../backend.js';
import { loadOfficialData } from '../../calibration/data-files.js';
import { claimsPath, readClaimsFile } from '../../claims/load.js';
import { loadPack } from '../../pack/load.js';

/** The parameters the UK's claims read from the base scenario (a fake scenario has no others). */
const PARAMETERS = { costs: { decisionMakerPerYear: 45_000 }, returns: { unit: { returnsPerStaffMonth: 0.5, costPerStaffYear: 45_000 } } };

const BUILTINS = [
  { name: 'fake-2023', title: 'Fake status quo', summary: 'Synthetic numbers for tests.', horizonMonths: 14 },
  { name: 'broken-run', title: 'Fails during the run', summary: 'Throws a RunError in replication 1.', horizonMonths: 6 },
];

function unknown(name: string): InputError {
  const suggestion = didYouMean(name, BUILTINS.map((b) => b.name));
  const names = BUILTINS.map((b) => b.name).join(', ');
  return new InputError({
    field: 'scenario',
    value: showValue(name),
    allowed: `${suggestion ? `${suggestion} ` : ''}a built-in scenario (${names}) or a .yaml/.json file`,
  });
}

export function fakeBackend(): Backend {
  return {
    version: '9.9.9-fake',
    listBuiltinScenarios: () => BUILTINS.map(({ name, title, summary }) => ({ name, title, summary })),
    loadScenario(nameOrFile, overrides): ScenarioLike {
      const b = BUILTINS.find((s) => s.name === nameOrFile);
      if (!b) throw unknown(nameOrFile);
      return { name: b.name, title: b.title, horizonMonths: overrides?.horizonMonths ?? b.horizonMonths, ...PARAMETERS };
    },
    showScenario(name) {
      const b = BUILTINS.find((s) => s.name === name);
      if (!b) throw unknown(name);
      return `name: ${b.name}\ntitle: ${b.title}\nhorizonMonths: ${b.horizonMonths} # months, 1..240`;
    },
    validateScenarioFile(path) {
      if (path.endsWith('two-problems.yaml')) {
        throw new InputError([
          { field: 'noSuchField', value: '1', allowed: 'a known field' },
          { field: 'horizonMonths', value: '-3', allowed: 'an integer from 1 to 240' },
        ]);
      }
      if (path.endsWith('bad.yaml')) throw new InputError({ field: 'noSuchField', value: '1', allowed: 'a known field (did you mean "name"?)' }, path);
      return { name: 'from-file', title: 'From a file', horizonMonths: 12 };
    },
    officialData: () => loadOfficialData(),
    packParameters: () => loadPack().parameters,
    claimsFile: () => readClaimsFile(claimsPath(loadPack()), { series: loadOfficialData().names() }),
    deriveScenario: (base, _overrides, name, title) => ({ ...base, name, title }),
    simulate(scenario, options) {
      if (scenario.name === 'broken-run' && options.replication === 1) {
        throw new RunError('decisions', 42, 17.5, '2023-07-18', 'queue went negative');
      }
      return syntheticResult(options.seed, options.replication, {
        months: scenario.horizonMonths,
        notReached: (r) => r % 2 === 1,
      });
    },
  };
}
