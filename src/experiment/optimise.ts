/**
 * The cheapest mix of levers that meets a target with a stated probability.
 *
 * Search (documented in README): the cost of a plan is known exactly (levers.ts), only whether it
 * meets the target is noisy. So:
 * 1. Grid, cheapest first: every lever takes 0, 1, …, `steps` steps (a step ≈ 10% of its level at
 *    the start); plans within the budget are tried in order of cost. A plan is evaluated by R
 *    replications with common random numbers (the same seed and replications 0..R−1 for every
 *    plan), and meets the target when the share of replications meeting it is ≥ the probability.
 *    Levers add capacity, so a plan that every lever of which is at most that of a plan found
 *    failing is taken to fail too and skipped (dominance pruning). The first plan that meets the
 *    target is the cheapest on the grid.
 * 2. Refinement: for each lever, most expensive per step first, bisect its increment between
 *    one step lower and its grid value (three halvings, whole units), keeping the cheaper plan
 *    whenever it still meets the target.
 * The probability reported is that share of replications, at the chosen plan.
 */
import type { Scenario } from '../model/schema.js';
import type { Uncertainty } from '../model/uncertainty.js';
import { runJobs, type Simulator } from './jobs.js';
import { applyLevers, leverBase, niceStep, planCost, type Lever } from './levers.js';
import { meets, monthsNeeded, targetValue, type Target } from './target.js';

export interface OptimiseOptions {
  readonly target: Target;
  readonly levers: readonly Lever[];
  /** Required probability of meeting the target, in (0, 1]. */
  readonly probability: number;
  /** Most a plan may cost, £ (default: no limit). */
  readonly budget?: number;
  readonly replications: number;
  readonly seed: number;
  readonly uncertainty: Uncertainty;
  /** Grid levels per lever above 0 (default 5). */
  readonly steps?: number;
  /** Step per lever (default: niceStep of its level at the start). */
  readonly stepSizes?: readonly number[];
  /** Refine the grid optimum (default true). */
  readonly refine?: boolean;
  /** Called after each plan is evaluated. */
  readonly onPlan?: (evaluated: number) => void;
}

export interface PlanResult {
  readonly increments: readonly number[];
  /** £ over the months up to the target. */
  readonly cost: number;
  /** Share of replications meeting the target. */
  readonly probability: number;
  /** Mean of the target quantity over replications (non-finite values left out; null if none). */
  readonly meanValue: number | null;
}

export interface OptimiseResult {
  /** The cheapest plan found that meets the target, or null. */
  readonly plan: PlanResult | null;
  /** The scenario unchanged (all increments 0). */
  readonly baseline: PlanResult;
  readonly stepSizes: readonly number[];
  /** Months costed and simulated (up to the target's month). */
  readonly months: number;
  /** Plans simulated (each × replications runs). */
  readonly evaluated: number;
}

/** Every grid plan (levels in 0..steps per lever), as step counts. */
export function gridPlans(levers: number, steps: number): number[][] {
  let plans: number[][] = [[]];
  for (let i = 0; i < levers; i++) plans = plans.flatMap((p) => Array.from({ length: steps + 1 }, (_, s) => [...p, s]));
  return plans;
}

export async function optimise(simulator: Simulator, scenario: Scenario, options: OptimiseOptions): Promise<OptimiseResult> {
  const { target, levers, replications: r } = options;
  const months = monthsNeeded(target, scenario.start, scenario.horizonMonths);
  const base: Scenario = { ...scenario, horizonMonths: months };
  const steps = options.steps ?? 5;
  const stepSizes = options.stepSizes ?? levers.map((l) => niceStep(leverBase(scenario, l)));
  const cost = (inc: readonly number[]) => planCost(scenario, levers, inc, months);
  const cache = new Map<string, PlanResult>();
  let evaluated = 0;

  const evaluate = async (increments: readonly number[]): Promise<PlanResult> => {
    const key = increments.join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    const s = applyLevers(base, levers, increments);
    const values = new Float64Array(r);
    await runJobs(
      simulator,
      r,
      (rep) => ({ scenario: s, seed: options.seed, replication: rep, uncertainty: options.uncertainty }),
      (rep, result) => (values[rep] = targetValue(target, result)),
    );
    const finite = values.filter(Number.isFinite);
    const result: PlanResult = {
      increments,
      cost: cost(increments),
      probability: values.filter((v) => meets(target, v)).length / r,
      meanValue: finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : null,
    };
    cache.set(key, result);
    evaluated++;
    options.onPlan?.(evaluated);
    return result;
  };
  const ok = (p: PlanResult) => p.probability >= options.probability;
  const budget = options.budget ?? Number.POSITIVE_INFINITY;

  const baseline = await evaluate(levers.map(() => 0));
  const plans = gridPlans(levers.length, steps)
    .map((s) => s.map((k, i) => k * (stepSizes[i] as number)))
    .filter((inc) => cost(inc) <= budget)
    .sort((a, b) => cost(a) - cost(b) || a.join().localeCompare(b.join()));
  const failed: (readonly number[])[] = [];
  let best: PlanResult | null = null;
  for (const inc of plans) {
    if (failed.some((f) => inc.every((v, i) => v <= (f[i] as number)))) continue;
    const p = await evaluate(inc);
    if (ok(p)) {
      best = p;
      break;
    }
    failed.push(inc);
  }

  if (best && options.refine !== false) {
    const order = levers.map((_, i) => i).sort((a, b) => cost(unit(b, levers.length, stepSizes)) - cost(unit(a, levers.length, stepSizes)));
    for (const i of order) {
      let hi = best.increments[i] as number; // meets the target
      let lo = Math.max(0, hi - (stepSizes[i] as number)); // cheaper, not known to
      for (let h = 0; h < 3 && hi - lo > 1; h++) {
        const mid = Math.round((lo + hi) / 2);
        if (mid === lo || mid === hi) break;
        const inc = best.increments.map((v, j) => (j === i ? mid : v));
        const p = await evaluate(inc);
        if (ok(p)) {
          best = p;
          hi = mid;
        } else lo = mid;
      }
    }
  }
  return { plan: best, baseline, stepSizes, months, evaluated };
}

/** One step of lever i, nothing else (to rank levers by the cost of a step). */
function unit(i: number, n: number, stepSizes: readonly number[]): number[] {
  return Array.from({ length: n }, (_, j) => (j === i ? (stepSizes[i] as number) : 0));
}
