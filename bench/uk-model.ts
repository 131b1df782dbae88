/**
 * Benchmarks of the full UK model: one 5-year replication of `status-quo-2023` (cases simulated,
 * events, wall seconds) and 100 replications summarised as the CLI does, on one thread.
 */
import { runReplications } from '../src/experiment/replicate.js';
import { buildWorld, runWorld, MODEL_VERSION } from '../src/model/simulate.js';
import { loadScenario } from '../src/scenarios/catalogue.js';

const SEED = 20230630;

export function ukOneReplication(): Record<string, number> {
  const scenario = loadScenario('status-quo-2023');
  const t0 = performance.now();
  const world = buildWorld(scenario, { seed: SEED, replication: 0 });
  const result = runWorld(world);
  const seconds = (performance.now() - t0) / 1000;
  return { months: scenario.horizonMonths, cases: result.kpis.casesSimulated, events: world.sim.events, seconds };
}

export function ukReplications(replications: number): Record<string, number> {
  const scenario = loadScenario('status-quo-2023');
  const t0 = performance.now();
  const summary = runReplications(scenario, { replications, seed: SEED, uncertainty: 'both', version: MODEL_VERSION });
  const seconds = (performance.now() - t0) / 1000;
  const cases = summary.kpis.casesSimulated.mean ?? 0;
  return { replications, meanCases: cases, seconds, secondsPerReplication: seconds / replications };
}
