import { describe, expect, it } from 'vitest';
import { simulate } from '../model/simulate.js';
import { InputError } from '../model/errors.js';
import { smallScenario } from '../test-support/small.js';
import { inProcessSimulator, runJobs } from './jobs.js';
import { applyLevers, niceStep, parseLevers, planCost } from './levers.js';
import { gridPlans, optimise } from './optimise.js';
import { meets, parseTarget, targetValue, type Target } from './target.js';

const scenario = smallScenario({ months: 9, backlogCases: 1_200, claimsPeoplePerYear: 3_000, headcount: 40 });
const simulator = inProcessSimulator(simulate);
const levers = parseLevers('decisions.headcount,appeals.determinationsPerMonth');
const R = 4;
const common = { replications: R, seed: 7, uncertainty: 'both', steps: 3 } as const;

/** Share of R replications of the scenario with `inc` meeting the target (the optimiser's own rule). */
async function probability(target: Target, inc: readonly number[]): Promise<number> {
  const s = applyLevers({ ...scenario, horizonMonths: 9 }, levers, inc);
  let hits = 0;
  await runJobs(simulator, R, (r) => ({ scenario: s, seed: 7, replication: r, uncertainty: 'both' }), (_, res) => {
    if (meets(target, targetValue(target, res))) hits++;
  });
  return hits / R;
}

describe('targets', () => {
  it('parses series with a month and KPIs without, and names what is allowed otherwise', () => {
    expect(parseTarget('awaitingDecisionPeople<=50,000 by 2025-03')).toEqual({
      kind: 'series', name: 'awaitingDecisionPeople', op: '<=', value: 50_000, month: '2025-03',
    });
    expect(parseTarget(' meanWaitFirstDecisionDays >= 10 ')).toMatchObject({ kind: 'kpi', op: '>=', value: 10 });
    for (const bad of ['backlog<=5 by 2025-01', 'awaitingDecisionPeople<=5', 'totalCostGbp<=5 by 2025-01', 'awaitingDecisionPeople<5 by 2025-01', 'awaitingDecisionPeople<=1e5 by 2025-01']) {
      expect(() => parseTarget(bad)).toThrow(InputError);
    }
  });

  it('refuses unknown or repeated levers', () => {
    expect(() => parseLevers('decisions.headcount,caseworkers')).toThrow(/--levers.*decisions.headcount/);
    expect(() => parseLevers('decisions.headcount,decisions.headcount')).toThrow(InputError);
  });

  it('steps are round numbers near 10% of the level', () => {
    expect([niceStep(60), niceStep(2_500), niceStep(3), niceStep(1_200)]).toEqual([5, 200, 1, 100]);
  });
});

describe('optimise', async () => {
  // A target that the scenario misses and that two steps of extra caseworkers meet in every
  // replication (the highest backlog of those replications), whatever the parameter draws.
  const month = '2024-03';
  const highest = async (inc: number[]) => {
    const s = applyLevers({ ...scenario, horizonMonths: 9 }, levers, inc);
    let max = -Infinity;
    await runJobs(simulator, R, (r) => ({ scenario: s, seed: 7, replication: r, uncertainty: 'both' }), (_, res) => {
      max = Math.max(max, res.series.awaitingDecisionPeople[8] as number);
    });
    return max;
  };
  const step = niceStep(40);
  const threshold = Math.ceil(await highest([2 * step, 0]));
  const target = parseTarget(`awaitingDecisionPeople<=${threshold} by ${month}`);

  it('finds the cheapest grid plan that brute-force enumeration finds', async () => {
    const found = await optimise(simulator, scenario, { ...common, target, levers, probability: 0.75, refine: false });
    let best: { inc: number[]; cost: number } | null = null;
    for (const steps of gridPlans(2, 3)) {
      const inc = steps.map((k, i) => k * (found.stepSizes[i] as number));
      const c = planCost(scenario, levers, inc, 9);
      if ((best === null || c < best.cost) && (await probability(target, inc)) >= 0.75) best = { inc, cost: c };
    }
    expect(best).not.toBeNull();
    expect(found.plan?.increments).toEqual(best!.inc);
    expect(found.plan?.cost).toBeCloseTo(best!.cost, 6);
    expect(found.plan!.probability).toBeGreaterThanOrEqual(0.75);
    expect(found.baseline.probability).toBeLessThan(0.75);
    expect(found.months).toBe(9);
    expect(found.evaluated).toBeGreaterThan(1);
    expect(found.evaluated).toBeLessThan(16); // dominance pruning skipped some of the 16 grid plans
  });

  it('refines to a plan no dearer that still meets the target, and respects the budget', async () => {
    const grid = await optimise(simulator, scenario, { ...common, target, levers, probability: 0.75, refine: false });
    const refined = await optimise(simulator, scenario, { ...common, target, levers, probability: 0.75 });
    expect(refined.plan!.cost).toBeLessThanOrEqual(grid.plan!.cost);
    expect(await probability(target, refined.plan!.increments)).toBeGreaterThanOrEqual(0.75);
    const poor = await optimise(simulator, scenario, { ...common, target, levers, probability: 0.75, budget: grid.plan!.cost - 1, refine: false });
    expect(poor.plan).toBeNull();
  });
});
