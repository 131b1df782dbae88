/**
 * The real Backend: the model's simulate() and the scenario catalogue (which reads YAML files, so
 * it lives with Node). Imported lazily by main() so `--help` and usage errors never load the model.
 * The version recorded in summaries is `<package version>+<model version>`, e.g. `0.1.0+uk-2+cal.b998a9d4b304` (the data the baseline was calibrated on).
 */
import { createSimulator } from '../experiment/pool.js';
import type { Simulator } from '../experiment/jobs.js';
import { simulate } from '../model/simulate.js';
import { applyOverrides, type Scenario } from '../model/schema.js';
import { DEFAULT_PACK, loadPack } from '../pack/load.js';
import { calibratedModelVersion, listBuiltinScenarios, loadScenario, officialData, showScenario, validateScenarioFile } from '../scenarios/catalogue.js';
import type { Backend, ScenarioLike } from './backend.js';
import { packClaims } from '../claims/load.js';
import { packageVersion } from '../experiment/version.js';

/** The backend of a country pack (`--pack`, the UK's by default); an unknown pack throws InputError. */
export function createModelBackend(packName: string = DEFAULT_PACK): Backend {
  const pack = loadPack(packName);
  const m = pack.manifest;
  return {
    version: `${packageVersion()}+${calibratedModelVersion(pack)}`,
    money: { symbol: m.currency.symbol, financialYearStartMonth: m.financialYearStartMonth },
    stages: m.stages,
    listBuiltinScenarios: () => listBuiltinScenarios(pack),
    loadScenario: (nameOrFile, overrides) => loadScenario(nameOrFile, overrides, pack),
    showScenario: (name) => showScenario(name, pack),
    validateScenarioFile: (path) => validateScenarioFile(path, pack),
    simulate: (scenario, options) => simulate(scenario as Scenario, options),
    officialData: () => officialData(pack),
    packParameters: () => pack.parameters,
    claimsFile: () => packClaims(pack, { series: officialData(pack).names() }),
    deriveScenario: (base, overrides, name, title) => {
      const b = base as Scenario;
      return applyOverrides(b, { ...overrides(b.start), name, title }, name);
    },
    createSimulator: (workers) => createSimulator(workers) as unknown as Simulator<ScenarioLike>,
  };
}
