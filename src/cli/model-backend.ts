/**
 * The real Backend: the model's simulate() and the scenario catalogue (which reads YAML files, so
 * it lives with Node). Imported lazily by main() so `--help` and usage errors never load the model.
 * The version recorded in summaries is `<package version>+<model version>`, e.g. `0.1.0+uk-2+cal.b998a9d4b304` (the data the baseline was calibrated on).
 */
import { createSimulator } from '../experiment/pool.js';
import type { Simulator } from '../experiment/jobs.js';
import { simulate } from '../model/simulate.js';
import { applyOverrides, type Scenario } from '../model/schema.js';
import { loadOfficialData } from '../calibration/data-files.js';
import { calibratedModelVersion, listBuiltinScenarios, loadScenario, showScenario, validateScenarioFile } from '../scenarios/catalog.js';
import type { Backend, ScenarioLike } from './backend.js';
import { packageVersion } from '../experiment/version.js';

export function createModelBackend(): Backend {
  return {
    version: `${packageVersion()}+${calibratedModelVersion()}`,
    listBuiltinScenarios,
    loadScenario,
    showScenario,
    validateScenarioFile,
    simulate: (scenario, options) => simulate(scenario as Scenario, options),
    officialData: () => loadOfficialData(),
    deriveScenario: (base, overrides, name, title) => {
      const b = base as Scenario;
      return applyOverrides(b, { ...overrides(b.start), name, title }, name);
    },
    createSimulator: (workers) => createSimulator(workers) as unknown as Simulator<ScenarioLike>,
  };
}
