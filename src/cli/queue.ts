/**
 * `--redis URL` (or $ASYLUM_SIM_REDIS) for the commands that run replications: the Simulator that
 * sends them to the queue instead of this machine's threads, with Ctrl-C cancelling the run's
 * jobs (exit 130). Imported lazily, so a run without `--redis` never loads BullMQ.
 * $ASYLUM_SIM_REDIS_TIMEOUT: seconds Redis may stay unreachable mid-run before the run fails
 * (default 30).
 */
import type { Simulator } from '../experiment/jobs.js';
import type { RedisTarget } from '../experiment/distributed/connection.js';
import type { Backend, ScenarioLike } from './backend.js';
import { parseIntegerInput } from '../experiment/input.js';
import type { Io } from './io.js';

export const TIMEOUT_ENV = 'ASYLUM_SIM_REDIS_TIMEOUT';

export async function queueSimulator(backend: Backend, target: RedisTarget, io: Io): Promise<Simulator<ScenarioLike>> {
  const timeoutS = parseIntegerInput(TIMEOUT_ENV, io.env[TIMEOUT_ENV], { min: 1, max: 86_400 }, 30);
  const { connectDistributed } = await import('../experiment/distributed/backend.js');
  const sim = await connectDistributed<ScenarioLike>({
    target,
    version: backend.version,
    redisTimeoutMs: timeoutS * 1_000,
    onRequeue: (jobs) => io.err(`asylum-sim: ${jobs} job${jobs > 1 ? 's' : ''} vanished from Redis (restarted?) and went back on the queue\n`),
  });
  const onSigint = () => {
    io.err(`asylum-sim: cancelling run ${sim.runId} on ${target.display}\n`);
    void sim.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  return {
    workers: sim.workers,
    run: (job) => sim.run(job),
    close: async () => {
      process.off('SIGINT', onSigint);
      await sim.close();
    },
  };
}
