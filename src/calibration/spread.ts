/**
 * Parameter uncertainty in the backtest: how far the calibrated parameters themselves may be off,
 * so the band says what chance and imperfect estimates together allow, not chance alone.
 *
 * The spread of an estimate is its approximate standard error from the calibration's
 * Levenberg–Marquardt fit: with J the Jacobian of the weighted residuals at the estimates (n
 * residuals, p parameters) and σ² = loss / (n − p), the covariance is σ² (JᵀJ)⁻¹ (the usual
 * nonlinear least-squares approximation). The record keeps only each estimate's standard error,
 * so a replication draws every estimate independently from a normal distribution with that
 * spread (kept inside the parameter's allowed bounds): correlations between estimates are left
 * out, which widens the band where two estimates trade off against each other.
 *
 * Each draw is a keyed uniform of (seed, replication, estimate name) through the normal
 * quantile, so a backtest is reproducible for its seed and the same replication draws the same
 * quantile of an estimate in every backtest. When no estimate has a standard error (a calibration
 * record older than them, or none), parameter uncertainty falls back to the scenario machinery's
 * plausible ranges (model/uncertainty.ts), which also draw inputs the record gives.
 */
import { keyedBase, keyedUniform, normalQuantile } from '../engine/keyed.js';
import { PARAMETERS } from '../model/parameters.js';
import { leaves, type ParamDef, type ParamTree } from '../model/declarations.js';
import type { RunResult } from '../model/result.js';
import type { Scenario } from '../model/schema.js';
import { simulate } from '../model/simulate.js';
import { pathKey, type Uncertainty } from '../model/uncertainty.js';
import { applyEstimates, type Estimate } from './estimates.js';
import type { ParameterSpread, SpreadEstimate } from './fit.js';


/** The spread a backtest with these estimates draws from under this uncertainty. */
export function spreadOf(estimates: readonly SpreadEstimate[], uncertainty: Uncertainty): ParameterSpread {
  if (uncertainty === 'stochastic') return 'none';
  return estimates.some((e) => e.sd !== undefined && e.sd > 0) ? 'standard-errors' : 'plausible-ranges';
}

const DEFS = new Map<string, ParamDef>(leaves(PARAMETERS as unknown as ParamTree).map(({ path, def }) => [path, def]));

/** Distinguishes the estimates' draws from the schema parameters' and the stages' streams. */
const ESTIMATE_STREAM = 0xe57a;

/**
 * The estimates of one replication: each with a standard error drawn around its value, jointly
 * normal with the correlations the fit gave (independent where it gave none, or where they do not
 * form a valid correlation matrix), inside the parameter's bounds.
 */
export function drawEstimates(estimates: readonly SpreadEstimate[], seed: number, replication: number): Estimate[] {
  const base = keyedBase(seed ^ ESTIMATE_STREAM, replication);
  const spread = estimates.filter((e) => e.sd !== undefined && e.sd > 0);
  const independent = spread.map((e) => normalQuantile(keyedUniform(base, pathKey(e.name), 0)));
  const l = spread.some((e) => e.correlation) ? cholesky(correlationMatrix(spread)) : undefined;
  const z = new Map(spread.map((e, i) => [e.name, l ? l[i].reduce((a, x, k) => a + x * independent[k], 0) : independent[i]]));
  return estimates.map(({ name, path, date, value, sd }) => {
    const def = DEFS.get(path);
    let v = value;
    const zi = z.get(name);
    if (sd !== undefined && zi !== undefined) {
      v = value + sd * zi;
      if (def && def.kind !== 'choice') v = Math.min(def.max, Math.max(def.min, v));
    }
    return { name, path, ...(date ? { date } : {}), value: v };
  });
}

/** The estimates' correlation matrix from each one's correlations by name (either side; 1 on the diagonal, 0 where none is given). */
function correlationMatrix(estimates: readonly SpreadEstimate[]): number[][] {
  return estimates.map((a, i) => estimates.map((b, j) => (i === j ? 1 : (a.correlation?.[b.name] ?? b.correlation?.[a.name] ?? 0))));
}

/** Distinguishes the draws of the record's reading from the estimates'. */
const RECORD_STREAM = 0x5ec0;

/**
 * The quarterly productivity read from the record, with an error: each quarter's index times a
 * lognormal factor of mean 1 and log-sd `sd`, keyed by (seed, replication, quarter).
 */
export function drawRecordReading(scenario: Scenario, sd: number, seed: number, replication: number): Scenario {
  const base = keyedBase(seed ^ RECORD_STREAM, replication);
  const productivityIndex = scenario.decisions.productivityIndex.map((p, i) => ({
    date: p.date,
    value: p.value * Math.exp(sd * normalQuantile(keyedUniform(base, i, 0)) - (sd * sd) / 2),
  }));
  return { ...scenario, decisions: { ...scenario.decisions, productivityIndex } };
}

/** Distinguishes the draws of the model's error from the estimates' and the record reading's. */
const MODEL_ERROR_STREAM = 0x3e44;

/**
 * The model's error on one series in one replication: a lognormal factor of median 1 and log-sd
 * `sd`, keyed by (seed, replication, series). One factor for the whole run, not one per period:
 * what a model leaves out shifts a series for years, not a quarter at a time.
 */
export function drawModelError(series: string, sd: number, seed: number, replication: number): number {
  return Math.exp(sd * normalQuantile(keyedUniform(keyedBase(seed ^ MODEL_ERROR_STREAM, replication), pathKey(series), 0)));
}

/**
 * Replication `replication` of a backtest scenario that has `estimates` applied. With standard
 * errors, the estimates are drawn and applied again (under `parameters` every replication has the
 * random events of the first); without them, the scenario machinery draws parameters from their ranges.
 */
export function runReplication(scenario: Scenario, estimates: readonly SpreadEstimate[], uncertainty: Uncertainty, seed: number, replication: number, recordSd = 0): RunResult {
  const spread = spreadOf(estimates, uncertainty);
  if (uncertainty !== 'stochastic' && recordSd > 0) scenario = drawRecordReading(scenario, recordSd, seed, replication);
  if (spread !== 'standard-errors') return simulate(scenario, { seed, replication, uncertainty });
  const drawn = applyEstimates(scenario, drawEstimates(estimates, seed, replication));
  return simulate(drawn, { seed, replication: uncertainty === 'parameters' ? 0 : replication, uncertainty: 'stochastic' });
}

/**
 * Approximate standard errors of least-squares estimates and the correlations between them, from
 * the covariance σ² (JᵀJ)⁻¹ with σ² = Σ r² / (n − p); `jacobian[k][i]` is ∂r_k/∂θ_i. The standard
 * errors are the square roots of its diagonal; correlation[i][j] = cov(i, j) / (sd_i sd_j). A
 * parameter whose column is all zero (the residuals did not move) has neither (undefined), nor has
 * any when n ≤ p or JᵀJ of the others is singular.
 */
export function estimateSpread(jacobian: readonly (readonly number[])[], residuals: readonly number[]): { sd: (number | undefined)[]; correlation: (number | undefined)[][] } {
  const n = residuals.length;
  const p = jacobian[0]?.length ?? 0;
  const sd: (number | undefined)[] = new Array<number | undefined>(p).fill(undefined);
  const correlation: (number | undefined)[][] = Array.from({ length: p }, () => new Array<number | undefined>(p).fill(undefined));
  const used = Array.from({ length: p }, (_, i) => i).filter((i) => jacobian.some((row) => row[i] !== 0));
  if (n <= used.length || used.length === 0) return { sd, correlation };
  const sigma2 = residuals.reduce((a, r) => a + r * r, 0) / (n - used.length);
  const jtj = used.map((i) => used.map((j) => jacobian.reduce((a, row) => a + row[i] * row[j], 0)));
  const inverse = invert(jtj);
  if (!inverse) return { sd, correlation };
  used.forEach((i, k) => (sd[i] = Math.sqrt(sigma2 * Math.max(0, inverse[k][k]))));
  used.forEach((i, k) =>
    used.forEach((j, l) => {
      const scale = Math.sqrt(Math.max(0, inverse[k][k]) * Math.max(0, inverse[l][l]));
      if (scale > 0) correlation[i][j] = Math.max(-1, Math.min(1, inverse[k][l] / scale));
    }),
  );
  return { sd, correlation };
}

/**
 * Lower-triangular L with L Lᵀ = m (Cholesky), for a symmetric positive definite m; undefined when
 * m is not (numerically) positive definite.
 */
export function cholesky(m: readonly (readonly number[])[]): number[][] | undefined {
  const n = m.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let x = m[i][j];
      for (let k = 0; k < j; k++) x -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(x > 1e-12)) return undefined;
        l[i][i] = Math.sqrt(x);
      } else l[i][j] = x / l[j][j];
    }
  }
  return l;
}

/** Inverse of a symmetric positive semi-definite matrix by Gauss–Jordan with partial pivoting; undefined when (numerically) singular. */
export function invert(m: readonly (readonly number[])[]): number[][] | undefined {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...m.map((row, i) => Math.abs(row[i])));
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (!(Math.abs(a[pivot][c]) > 1e-12 * scale)) return undefined;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    const d = a[c][c];
    for (let j = 0; j < 2 * n; j++) a[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c || a[r][c] === 0) continue;
      const f = a[r][c];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row) => row.slice(n));
}
