/**
 * The backtest's figures and scores as text, shared by the terminal table, the written report and
 * the chart (which the web page draws too, so this module stays free of Node-only imports).
 */
import { formatCount } from '../experiment/format.js';
import { targetVerdict, type SeriesFit } from './fit.js';

/** A share as a percentage with one decimal: 0.0842 → "8.4%"; "n/a" when not finite. */
export function percentText(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : 'n/a';
}

/** A signed relative error: +5.3%, -12.0%, 0.0%. */
export function errorText(share: number): string {
  if (!Number.isFinite(share)) return 'n/a';
  const text = percentText(Math.abs(share));
  return text === '0.0%' ? text : `${share > 0 ? '+' : '-'}${text}`;
}

/** A figure of the record or the model: thousands separators, but small fractions kept (0.25 stays 0.25). */
export function figureText(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return Number.isInteger(x) || Math.abs(x) >= 100 ? formatCount(x) : String(Number(x.toPrecision(3)));
}

/** A target share as set, without trailing zeros: 0.1 → "10%", 0.125 → "12.5%". */
export function targetText(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}

/** "MAPE 8.4% (target 10%: met)", or "MAPE n/a (no period scored)". */
export function mapeText(fit: Pick<SeriesFit, 'mape' | 'target'>, marks: { met: string; missed: string } = { met: 'met', missed: 'missed' }): string {
  if (!Number.isFinite(fit.mape)) return 'MAPE n/a (no period scored)';
  if (fit.target === undefined) return `MAPE ${percentText(fit.mape)}`;
  return `MAPE ${percentText(fit.mape)} (target ${targetText(fit.target)}: ${targetVerdict(fit) === 'met' ? marks.met : marks.missed})`;
}

/** A long content hash cut to its first 12 characters (as a short git hash), so a chart's subtitle fits its width; the JSON keeps it whole. */
export function shortVersion(version: string): string {
  return version.length > 16 ? `${version.slice(0, 12)}…` : version;
}
