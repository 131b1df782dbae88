/**
 * Calibration: estimate the free parameters (see estimates.ts) by weighted least squares of the
 * model's relative errors against the record, searched by Levenberg–Marquardt
 * (ml-levenberg-marquardt) with finite-difference gradients.
 *
 * The loss is Σ_series w_s / n_s · Σ_periods ((m_p − o_p) / o_p)², over the scored periods of the
 * series with a weight (a pack's calibration map: compared, in packs/<name>/calibration.yaml), where m_p is the mean over the replications.
 * Every evaluation runs the same seeds (common random numbers), so the loss is a deterministic
 * function of the parameters and the search is reproducible for a seed.
 *
 * At the estimates, a forward-difference Jacobian of the residuals (the search's step, one
 * evaluation per parameter) gives each estimate's approximate standard error (spread.ts), which
 * the backtest's parameter uncertainty draws from.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { Scenario } from '../model/schema.js';
import { backtestScenario, fitOf, simulateRecord, type Simulated } from './backtest.js';
import { applyEstimates, freeParameters, initialGuess, type Estimate, type FreeParameter } from './estimates.js';
import type { ObservedData } from './observed.js';
import { estimateSpread } from './spread.js';
import { isScored } from './compared-series.js';
import type { CalibrationMap } from '../pack/calibration-map.js';

/** The search's defaults: about 1½ minutes over 2018–2023Q2 on one core. */
export const CALIBRATE_DEFAULTS = { replications: 2, maxIterations: 8 } as const;

/** The search's finite-difference step, relative to the first guess (also the standard errors' step). */
const STEP = 0.05;

export interface CalibrateInput {
  readonly base: Scenario;
  readonly data: ObservedData;
  /** Which series of `data` play which part, and which are fitted (the pack's calibration.yaml). */
  readonly map: CalibrationMap;
  readonly from: string;
  readonly to: string;
  readonly scoreFrom: string;
  /** Replications per evaluation of the loss. */
  readonly replications: number;
  readonly seed: number;
  readonly maxIterations: number;
  /** Called after every evaluation of the loss (for progress). */
  readonly onEvaluation?: (evaluations: number, loss: number) => void;
}

export interface CalibrationResult {
  readonly free: readonly FreeParameter[];
  readonly start: readonly number[];
  readonly values: readonly number[];
  /** Approximate standard error of each value (undefined where the residuals did not move with it). */
  readonly sd: readonly (number | undefined)[];
  /** Correlations between the values (undefined where either has no standard error). */
  readonly correlation: readonly (readonly (number | undefined)[])[];
  readonly estimates: readonly Estimate[];
  readonly lossAtStart: number;
  readonly loss: number;
  readonly evaluations: number;
  readonly iterations: number;
  /** MAPE per compared series at the estimates (same replications as the search). */
  readonly mape: Readonly<Record<string, number>>;
}

/** Relative residuals of the scored periods, each scaled by √(w / n) so their squares sum to the loss. */
export function residuals(simulated: readonly Simulated[], scoreFrom: string): number[] {
  const out: number[] = [];
  for (const s of simulated) {
    if (s.compared.weight <= 0) continue;
    const scored = s.windows.map((w, i) => ({ w, i })).filter(({ w }) => isScored(w, scoreFrom));
    const k = Math.sqrt(s.compared.weight / Math.max(1, scored.length));
    for (const { w, i } of scored) {
      const v = s.values[i];
      let m = 0;
      for (let r = 0; r < v.length; r++) m += v[r];
      m /= v.length;
      out.push((k * (m - w.observed)) / w.observed);
    }
  }
  return out;
}

export const lossOf = (r: readonly number[]) => r.reduce((a, x) => a + x * x, 0);

export function calibrate(input: CalibrateInput): CalibrationResult {
  const compared = input.map.compared;
  const history = backtestScenario(input.base, input.data, input.map, input.from, input.to, []);
  const free = freeParameters(history);
  const start = initialGuess(history, free, input.data, input.map.roles);
  // The search works on values relative to the first guess, so one gradient step (5%) suits every parameter.
  const scale = start.map((x) => (x !== 0 ? x : 1));
  let evaluations = 0;
  const cache = new Map<string, number[]>();
  const evaluate = (theta: readonly number[]): number[] => {
    const key = theta.join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    const values = theta.map((t, i) => t * scale[i]);
    const scenario = applyEstimates(history.scenario, estimatesOf(free, values));
    const r = residuals(simulateRecord(scenario, input.data, { replications: input.replications, seed: input.seed, compared }), input.scoreFrom);
    cache.set(key, r);
    evaluations++;
    input.onEvaluation?.(evaluations, lossOf(r));
    return r;
  };
  const first = evaluate(start.map(() => 1));
  const n = first.length;
  const fitted = levenbergMarquardt(
    { x: Array.from({ length: n }, (_, i) => i), y: new Array<number>(n).fill(0) },
    (theta) => {
      const r = evaluate(theta);
      return (x) => r[x];
    },
    {
      initialValues: start.map(() => 1),
      minValues: free.map((f, i) => f.lo / scale[i]),
      maxValues: free.map((f, i) => f.hi / scale[i]),
      gradientDifference: STEP,
      damping: 0.01,
      maxIterations: input.maxIterations,
      errorTolerance: 1e-6,
    },
  );
  // The search may end on a worse point than one it evaluated; keep the best it saw.
  let best = fitted.parameterValues;
  let bestLoss = lossOf(evaluate(best));
  for (const [key, r] of cache) {
    const l = lossOf(r);
    if (l < bestLoss) {
      bestLoss = l;
      best = key.split(',').map(Number);
    }
  }
  const values = best.map((t, i) => t * scale[i]);
  const spread = estimateSpread(jacobianAt(best, evaluate, free.map((f, i) => f.hi / scale[i])), evaluate(best));
  const sd = spread.sd.map((x, i) => (x === undefined ? x : x * Math.abs(scale[i])));
  const estimates = estimatesOf(free, values);
  const simulated = simulateRecord(applyEstimates(history.scenario, estimates), input.data, { replications: input.replications, seed: input.seed, compared });
  const fit = fitOf(simulated, input.scoreFrom);
  return {
    free,
    start,
    values,
    sd,
    correlation: spread.correlation,
    estimates,
    lossAtStart: lossOf(first),
    loss: bestLoss,
    evaluations,
    iterations: fitted.iterations,
    mape: Object.fromEntries(Object.entries(fit).map(([k, v]) => [k, v.mape])),
  };
}

/** Forward differences of the residuals at `theta` (a backward step where the forward one would pass the upper bound): J[k][i] = ∂r_k/∂θ_i. */
function jacobianAt(theta: readonly number[], evaluate: (t: readonly number[]) => number[], max: readonly number[]): number[][] {
  const r0 = evaluate(theta);
  const columns = theta.map((t, i) => {
    const h = t + STEP <= max[i] ? STEP : -STEP;
    const r = evaluate(theta.map((x, j) => (j === i ? x + h : x)));
    return r.map((x, k) => (x - r0[k]) / h);
  });
  return r0.map((_, k) => columns.map((c) => c[k]));
}

/** The spread of estimate `i` for a record: its standard error and its correlations with the others by name (none where the fit gave none). */
export function spreadOfEstimate(result: Pick<CalibrationResult, 'free' | 'sd' | 'correlation'>, i: number): { sd?: number; correlation?: Record<string, number> } {
  const sd = result.sd[i];
  if (sd === undefined) return {};
  const pairs = result.free.flatMap((f, j) => {
    const r = result.correlation[i]?.[j];
    return j !== i && r !== undefined ? [[f.name, r] as const] : [];
  });
  return { sd, ...(pairs.length ? { correlation: Object.fromEntries(pairs) } : {}) };
}

export function estimatesOf(free: readonly FreeParameter[], values: readonly number[]): Estimate[] {
  return free.map((f, i) => ({ name: f.name, path: f.path, ...(f.date ? { date: f.date } : {}), value: values[i] }));
}
