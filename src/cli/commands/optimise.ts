/**
 * `asylum-sim optimise <scenario|file> --target "KPI<=VALUE by DATE" --levers a,b,c`: the cheapest
 * mix of levers meeting the target with at least `--probability` (experiment/optimise.ts explains
 * the search). Prints the plan, its cost over the months up to the target and its probability of
 * meeting the target; `--json` prints the same as JSON. Every flag is checked before any work.
 */
import { optimise } from '../../experiment/optimise.js';
import { LEVERS, leversOf, parseLevers } from '../../experiment/levers.js';
import { parseTarget, targetText } from '../../experiment/target.js';
import type { Simulator } from '../../experiment/jobs.js';
import { InputError, showValue } from '../../model/errors.js';
import type { Scenario } from '../../model/schema.js';
import { UNCERTAINTY, type Uncertainty } from '../../model/uncertainty.js';
import type { Backend } from '../backend.js';
import { parseChoiceInput, parseIntegerInput } from '../../experiment/input.js';
import { formatCount, formatMoney } from '../../experiment/format.js';
import type { Io } from '../io.js';
import { progressBar } from '../progress.js';
import { DEFAULT_SEED, parseWorkersFlag, queueFor, simulatorFor } from './run.js';

export const DEFAULT_PROBABILITY = 0.9;
export const DEFAULT_OPT_REPLICATIONS = 20;
export const DEFAULT_STEPS = 5;

export interface OptimiseFlags {
  readonly target?: string;
  readonly levers?: string;
  readonly budget?: string;
  readonly probability?: string;
  readonly replications?: string;
  readonly seed?: string;
  readonly uncertainty?: string;
  readonly steps?: string;
  readonly workers?: string;
  readonly redis?: string;
  readonly json?: boolean;
}

/** A probability in (0, 1], as a plain decimal. */
export function parseProbability(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PROBABILITY;
  const v = /^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(v > 0 && v <= 1)) throw new InputError({ field: '--probability', value: showValue(raw), allowed: 'a decimal above 0 and at most 1, e.g. 0.9' });
  return v;
}

/** `stages`: the pack's, which decide the levers it has (all, unless given). */
export function optimiseSettings(flags: OptimiseFlags, stages?: readonly string[]) {
  if (flags.target === undefined) throw new InputError({ field: '--target', value: 'nothing', allowed: 'e.g. "awaitingDecisionPeople<=50000 by 2025-03"' });
  if (flags.levers === undefined) throw new InputError({ field: '--levers', value: 'nothing', allowed: 'e.g. decisions.headcount,appeals.determinationsPerMonth' });
  return {
    target: parseTarget(flags.target),
    levers: parseLevers(flags.levers, stages ? leversOf(stages) : LEVERS),
    budget: flags.budget === undefined ? undefined : parseIntegerInput('--budget', flags.budget, { min: 0, max: Number.MAX_SAFE_INTEGER }),
    probability: parseProbability(flags.probability),
    replications: parseIntegerInput('--replications', flags.replications, { min: 1, max: 1000 }, DEFAULT_OPT_REPLICATIONS),
    seed: parseIntegerInput('--seed', flags.seed, { min: 0, max: Number.MAX_SAFE_INTEGER }, DEFAULT_SEED),
    uncertainty: parseChoiceInput('--uncertainty', flags.uncertainty, UNCERTAINTY, 'both' as Uncertainty),
    steps: parseIntegerInput('--steps', flags.steps, { min: 1, max: 10 }, DEFAULT_STEPS),
    workers: parseWorkersFlag(flags.workers),
    json: flags.json === true,
  };
}

const pct = (p: number) => `${Math.round(p * 100)}%`;
const mean = (v: number | null) => (v === null ? 'not reached' : formatCount(v));

export async function optimiseCommand(backend: Backend, io: Io, target: string, flags: OptimiseFlags): Promise<number> {
  const s = optimiseSettings(flags, backend.stages);
  const symbol = backend.money?.symbol;
  const queue = queueFor(flags.redis, io);
  const scenario = backend.loadScenario(target) as unknown as Scenario;
  const progress = progressBar(io, `${scenario.name} optimise`);
  const simulator = (await simulatorFor(backend, Math.min(s.workers, s.replications), queue)) as unknown as Simulator;
  let result;
  try {
    // The number of plans is not known in advance: the bar counts against the whole grid.
    const grid = (s.steps + 1) ** s.levers.length;
    result = await optimise(simulator, scenario, { ...s, onPlan: (n) => progress.update(Math.min(n, grid - 1), grid) });
  } finally {
    progress.stop();
    await simulator.close();
  }
  const { plan, baseline } = result;
  if (s.json) {
    const json = {
      scenario: scenario.name,
      target: targetText(s.target),
      probabilityRequired: s.probability,
      replications: s.replications,
      seed: s.seed,
      uncertainty: s.uncertainty,
      budgetGbp: s.budget ?? null,
      months: result.months,
      levers: s.levers.map((l, i) => ({ path: l.path, unit: l.unit, step: result.stepSizes[i] })),
      baseline,
      plan: plan && { ...plan, increments: Object.fromEntries(s.levers.map((l, i) => [l.path, plan.increments[i]])) },
      plansSimulated: result.evaluated,
    };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${scenario.title} (${scenario.name})`,
    `Target: ${targetText(s.target)}, with probability ≥ ${pct(s.probability)} (${s.replications} replications, uncertainty ${s.uncertainty}, seed ${s.seed})`,
    `As it stands: meets the target in ${pct(baseline.probability)} of replications (mean ${mean(baseline.meanValue)})`,
  ];
  if (plan === null) {
    lines.push(`No plan on the grid (up to ${s.steps} steps per lever${s.budget === undefined ? '' : `, within ${formatMoney(s.budget, symbol)}`}) meets the target.`);
  } else {
    lines.push(`Cheapest plan found (${result.evaluated} plans simulated):`);
    s.levers.forEach((l, i) => lines.push(`  ${l.label} (${l.path}): +${formatCount(plan.increments[i] as number)} ${l.unit}`));
    lines.push(`Cost: ${formatMoney(plan.cost, symbol)} over ${result.months} months (to the target)`);
    lines.push(`Probability of meeting the target: ${pct(plan.probability)} (mean ${mean(plan.meanValue)})`);
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
