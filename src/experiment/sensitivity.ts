/**
 * Sensitivity of the KPIs to the uncertain parameters (parameters.ts), on a Simulator:
 * - one at a time (OAT): every parameter at the low and the high end of its plausible range, the
 *   others at the scenario's values; the tornado ranks parameters by the swing of a KPI;
 * - Sobol: first-order and total indices (sobol.ts), each parameter uniform over its range.
 * Every evaluation averages the same replications 0..R−1 with stochastic uncertainty only, so all
 * points share common random numbers: a parameter that does not touch a KPI moves it by exactly 0.
 * A KPI mean that is not finite (not reached within the horizon, not defined) makes that KPI's
 * result null rather than a made-up number.
 */
import { KPIS, type KpiName } from '../model/result.js';
import type { Scenario } from '../model/schema.js';
import { runJobs, type Simulator } from './jobs.js';
import { uncertainParameters, withParameters, type UncertainParameter } from './uncertain-parameters.js';
import { designPoint, designSize, saltelliDesign, sobolIndices } from './sobol.js';

export interface SensitivityOptions {
  /** Replications averaged at every point (common random numbers across points). */
  readonly replications: number;
  readonly seed: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** KPIs a Sobol analysis reports by default: backlog, waits, hotels, cost. */
export const MAIN_KPIS: readonly KpiName[] = ['backlogPeopleEnd', 'meanWaitFirstDecisionDays', 'hotelPeopleAt12m', 'totalCostGbp'];

/** Mean of every KPI at each of `points` scenarios: a points × KPIS matrix, row-major. */
async function kpiMeans(
  simulator: Simulator,
  points: number,
  scenarioAt: (point: number) => Scenario,
  options: SensitivityOptions,
): Promise<Float64Array> {
  const r = options.replications;
  const sums = new Float64Array(points * KPIS.length);
  let done = 0;
  // Build each point's scenario once, when its first replication is queued, and drop it after.
  const cache = new Map<number, Scenario>();
  await runJobs(
    simulator,
    points * r,
    (j) => {
      const point = Math.floor(j / r);
      let scenario = cache.get(point);
      if (!scenario) {
        scenario = scenarioAt(point);
        cache.set(point, scenario);
      }
      if (j % r === r - 1) cache.delete(point);
      return { scenario, seed: options.seed, replication: j % r, uncertainty: 'stochastic' };
    },
    (j, result) => {
      const row = Math.floor(j / r) * KPIS.length;
      KPIS.forEach((k, c) => (sums[row + c] += result.kpis[k]));
      options.onProgress?.(++done, points * r);
    },
  );
  return sums.map((s) => s / r);
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface TornadoBar {
  readonly parameter: UncertainParameter;
  /** KPI mean with the parameter at the low and the high end of its range (null: not finite). */
  readonly atLow: number | null;
  readonly atHigh: number | null;
  /** |atHigh − atLow|; null when either is. */
  readonly swing: number | null;
}

export interface OneAtATime {
  readonly kpi: KpiName;
  /** KPI mean at the scenario's own values. */
  readonly base: number | null;
  /** Largest swing first; bars with a null swing last. */
  readonly bars: readonly TornadoBar[];
}

/** One-at-a-time analysis; returns a tornado for every KPI (choose one with `.get`). */
export async function oneAtATime(
  simulator: Simulator,
  scenario: Scenario,
  options: SensitivityOptions,
): Promise<{ parameters: readonly UncertainParameter[]; tornado: (kpi: KpiName) => OneAtATime }> {
  const parameters = uncertainParameters(scenario);
  const baseValues = parameters.map((p) => p.base);
  // Point 0: the scenario; 1 + 2i: parameter i low; 2 + 2i: parameter i high.
  const means = await kpiMeans(
    simulator,
    1 + 2 * parameters.length,
    (point) => {
      if (point === 0) return withParameters(scenario, parameters, baseValues);
      const i = (point - 1) >> 1;
      const values = [...baseValues];
      values[i] = point % 2 === 1 ? parameters[i]!.low : parameters[i]!.high;
      return withParameters(scenario, parameters, values);
    },
    options,
  );
  const at = (point: number, c: number) => finiteOrNull(means[point * KPIS.length + c] as number);
  return {
    parameters,
    tornado(kpi) {
      const c = KPIS.indexOf(kpi);
      const bars = parameters.map((parameter, i): TornadoBar => {
        const atLow = at(1 + 2 * i, c);
        const atHigh = at(2 + 2 * i, c);
        return { parameter, atLow, atHigh, swing: atLow === null || atHigh === null ? null : Math.abs(atHigh - atLow) };
      });
      bars.sort((a, b) => (b.swing ?? -1) - (a.swing ?? -1));
      return { kpi, base: at(0, c), bars };
    },
  };
}

export interface SobolResult {
  readonly parameters: readonly UncertainParameter[];
  /** Base sample size N; the model ran N·(k + 2) × replications times. */
  readonly samples: number;
  /** Indices per KPI, null where some evaluation was not finite. */
  readonly indices: Readonly<Record<KpiName, { first: readonly number[]; total: readonly number[]; variance: number } | null>>;
}

/** Sobol first-order and total indices of every KPI, from one Saltelli design of `samples` points. */
export async function sobolAnalysis(
  simulator: Simulator,
  scenario: Scenario,
  options: SensitivityOptions & { readonly samples: number },
): Promise<SobolResult> {
  const parameters = uncertainParameters(scenario);
  const k = parameters.length;
  const design = saltelliDesign(k, options.samples, options.seed);
  const rows = designSize(k, options.samples);
  const means = await kpiMeans(
    simulator,
    rows,
    (row) => {
      const u = designPoint(design, row);
      return withParameters(scenario, parameters, parameters.map((p, i) => p.low + (u[i] as number) * (p.high - p.low)));
    },
    options,
  );
  const indices = {} as Record<KpiName, SobolResult['indices'][KpiName]>;
  KPIS.forEach((kpi, c) => {
    const y = Float64Array.from({ length: rows }, (_, row) => means[row * KPIS.length + c] as number);
    indices[kpi] = y.every(Number.isFinite) ? sobolIndices(design, y) : null;
  });
  return { parameters, samples: options.samples, indices };
}
