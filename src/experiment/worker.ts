/**
 * The worker-thread side of the simulation pool (pool.ts): one task is one replication of a
 * resolved scenario. The scenario arrives by structured clone (plain data: numbers, strings,
 * arrays), and the RunResult goes back the same way (its Float64Array series included).
 *
 * Worker threads load JavaScript only, so this file always runs from the compiled `dist/` copy.
 */
import { simulate } from '../model/simulate.js';
import type { RunResult } from '../model/result.js';
import type { SimulationJob } from './jobs.js';

export default function runJob(job: SimulationJob): RunResult {
  return simulate(job.scenario, { seed: job.seed, replication: job.replication, uncertainty: job.uncertainty });
}
