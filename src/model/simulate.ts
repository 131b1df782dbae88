/**
 * simulate(): one replication of the asylum model. Builds the world — the stages the pack runs,
 * wired to the engine by stage.ts, and the pack's routing table — runs the event loop to the
 * horizon, then lets the stages finish (costs) and reads the KPIs. Deterministic for (scenario,
 * seed, replication).
 */
import { Simulation } from '../engine/index.js';
import { keyedBase } from '../engine/keyed.js';
import { CaseTable } from './cases.js';
import { Kind, PRIORITY_MONTH_END } from './events.js';
import { Observer, Series } from './observe.js';
import { makeHorizon, type Horizon } from './horizon.js';
import type { KpiName, RunResult } from './result.js';
import type { Scenario } from './schema.js';
import { expectedCases } from './schema.js';
import { runErrorOf } from './run-error.js';
import { buildRoutes } from './routing.js';
import { buildStages, seedStages, wire } from './stage.js';
import { sampleParameters, type Uncertainty } from './uncertainty.js';
import type { World } from './world.js';

/** Bumped whenever model behaviour changes, so cached results are not reused across versions. */
export const MODEL_VERSION = 'uk-5';

export interface SimulateOptions {
  readonly seed: number;
  readonly replication: number;
  /**
   * stochastic (default): replications differ in arrivals, service and outcomes; parameters: each
   * replication draws the uncertain parameters from their ranges, with the same random events;
   * both: each replication differs in both.
   */
  readonly uncertainty?: Uncertainty;
}

/**
 * What a finished replication leaves for the next one in the same thread: its simulation (the
 * calendar's slot pool and the stations' queues, see Simulation.reset) and its case table (see
 * CaseTable.clear). Megabytes of typed arrays are then grown once per thread, not once per
 * replication, and the collector has little to free.
 */
export interface Spare {
  readonly sim: Simulation;
  readonly cases: CaseTable;
}

/**
 * Build a world ready to run (exposed for tests that inspect the case table). `spare`: the
 * buffers of a world no longer in use, emptied and reused.
 */
export function buildWorld(given: Scenario, options: SimulateOptions, spare?: Spare): World {
  const mode = options.uncertainty ?? 'stochastic';
  const scenario = mode === 'stochastic' ? given : sampleParameters(given, options.seed, options.replication);
  const replication = mode === 'parameters' ? 0 : options.replication;
  const horizon = horizonFor(scenario.start, scenario.horizonMonths);
  const sim = spare ? spare.sim.reset() : new Simulation();
  const rows = expectedCases(scenario) * 1.05 + 1024;
  const cases = spare && spare.cases.capacity >= rows ? spare.cases.clear() : new CaseTable(rows);
  const obs = new Observer(horizon.months);
  const base = keyedBase(options.seed, replication);
  // The stages the pack runs attach themselves as they are built; they reach each other through
  // the world and its routes (the pack's routing table), bound once all of them exist.
  const w = { sim, cases, obs, horizon, scenario, seed: options.seed, replication, costByFinancialYear: [] } as unknown as World;
  const built = buildStages(w, base);
  w.routes = buildRoutes(w, scenario.country.routing);
  seedStages(built);
  w.dispatch = wire(w, built);
  // Each day and month end schedules the next one, so the calendar holds one of each at a time.
  sim.at(0, Kind.day, 0);
  sim.at(horizon.bounds[1], Kind.monthEnd, 0, PRIORITY_MONTH_END);
  return w;
}

/**
 * The horizon of this thread's last world, reused while the start and horizon stay the same (every
 * replication of a scenario, drawn parameters or not): it depends on nothing else, and nothing
 * writes to it, so its date arithmetic is done once per thread.
 */
let lastPlan: Horizon | undefined;

function horizonFor(start: string, months: number): Horizon {
  if (lastPlan?.start !== start || lastPlan.months !== months) lastPlan = makeHorizon(start, months);
  return lastPlan;
}

/** Run a built world to its horizon. */
export function runWorld(w: World): RunResult {
  const scenario = w.scenario;
  const peopleAtStart = w.obs.level.slice();
  w.sim.run(w.horizon.horizonDays, w.dispatch.handle);
  w.dispatch.finish();
  return w.obs.result(w.horizon.start, w.horizon.labels, kpis(w, scenario, peopleAtStart), w.costByFinancialYear);
}

/** The buffers of this thread's last replication, for the next one. */
let spareBuffers: Spare | undefined;

export function simulate(scenario: Scenario, options: SimulateOptions): RunResult {
  const spare = spareBuffers;
  spareBuffers = undefined; // not shared if a replication throws half-way
  const w = buildWorld(scenario, options, spare);
  let result: RunResult;
  try {
    result = runWorld(w);
  } catch (e) {
    throw runErrorOf(w, e);
  }
  spareBuffers = { sim: w.sim, cases: w.cases };
  return result;
}

function kpis(w: World, s: Scenario, atStart: Float64Array): Record<KpiName, number> {
  const { obs, horizon } = w;
  const backlog = obs.series('awaitingDecisionPeople');
  const hotels = obs.series('inHotelsPeople');
  const cost = obs.series('costGbp');
  const accommodation = obs.series('costAccommodationGbp');
  const firstMonth = (xs: Float64Array, test: (x: number) => boolean) => {
    const i = xs.findIndex(test);
    return i < 0 ? Infinity : i + 1;
  };
  const monthValue = (xs: Float64Array, m: number) => (m <= horizon.months ? xs[m - 1] : Number.NaN);
  const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
  return {
    backlogPeopleAt12m: monthValue(backlog, 12),
    backlogPeopleAt24m: monthValue(backlog, 24),
    backlogPeopleEnd: backlog[horizon.months - 1],
    backlogCasesEnd: obs.get('awaitingDecisionCases', horizon.months - 1),
    monthsUntilBacklogBelowThreshold: firstMonth(backlog, (x) => x < s.kpi.backlogThresholdPeople),
    meanWaitFirstDecisionDays: obs.meanWait,
    p90WaitFirstDecisionDays: obs.waitQuantile(0.9),
    hotelPeopleAt12m: monthValue(hotels, 12),
    hotelPeopleAt24m: monthValue(hotels, 24),
    monthsUntilHotelsEmpty: firstMonth(hotels, (x) => x <= 0),
    totalCostGbp: sum(cost),
    totalAccommodationCostGbp: sum(accommodation),
    casesSimulated: w.cases.count,
    maxHotelOverflowPeople: obs.series('hotelOverflowPeople').reduce((a, b) => Math.max(a, b), 0),
    euDealReturnsPeopleTotal: sum(obs.series('euDealReturnsPeople')),
    quotaAdmissionsPeopleTotal: sum(obs.series('quotaAdmissionsPeople')),
    thirdCountryRemovalsTotal: sum(obs.series('returnsThirdCountry')),
    heldForRemovalPeopleEnd: obs.get('heldForRemovalPeople', horizon.months - 1),
    peopleAtStart:
      atStart[Series.awaitingDecisionPeople] + atStart[Series.awaitingAppealPeople] + atStart[Series.awaitingReturnPeople] + atStart[Series.limboPeople],
  };
}
