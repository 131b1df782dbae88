/**
 * The terminal report of `asylum-sim backtest`: per observed series, the record beside the
 * model's median and P5–P95 band for every period, with the median's error; then MAPE per series
 * and what the run rested on. Pure text (no terminal colours), like the run report in format.ts.
 */
import Table from 'cli-table3';
import { spreadText, targetVerdict, type BacktestResult, type SeriesFit } from '../calibration/fit.js';
import { errorText, figureText, mapeText, percentText, targetText } from '../calibration/report-text.js';
import { formatCount } from '../experiment/format.js';

function table(head: string[], aligns: ('left' | 'right')[]): Table.Table {
  return new Table({ head, colAligns: aligns, style: { head: [], border: [], compact: true } });
}

const MARKS = { met: '✓', missed: '✗' };

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** One series: heading, then a row per period; an unscored period's error is in brackets. */
export function seriesTable(name: string, fit: SeriesFit): string {
  const t = table(['Period', 'Observed', 'Model P50', 'P5–P95', 'Error'], ['left', 'right', 'right', 'right', 'right']);
  for (const p of fit.periods) {
    const error = errorText(p.error);
    t.push([p.period, figureText(p.observed), figureText(p.p50), `${figureText(p.p5)}–${figureText(p.p95)}`, p.scored ? error : `(${error})`]);
  }
  const heading = `${fit.label} (${name}; ${fit.unit}, ${fit.kind}): ${mapeText(fit, MARKS)}`;
  return [heading, `model series ${fit.model}`, t.toString()].join('\n');
}

/**
 * Scores per series, one row each: MAPE against its target, the P5–P95 band's coverage, and its
 * mean interval score in the series' unit and relative to the record.
 */
export function mapeTable(result: BacktestResult): string {
  const t = table(['Series', 'Scored periods', 'MAPE', 'Target', 'Met', 'Coverage', 'Interval score', 'relative'], ['left', 'right', 'right', 'right', 'left', 'right', 'right', 'right']);
  for (const [name, fit] of Object.entries(result.series)) {
    const scored = fit.periods.filter((p) => p.scored).length;
    const target = fit.target === undefined ? '' : targetText(fit.target);
    const verdict = targetVerdict(fit);
    const met = verdict === 'met' || verdict === 'missed' ? MARKS[verdict] : '';
    const inside = Number.isFinite(fit.coverage) ? `${percentText(fit.coverage)} (${Math.round(fit.coverage * scored)}/${scored})` : 'n/a';
    t.push([name, formatCount(scored), percentText(fit.mape), target, met, inside, figureText(Math.round(fit.intervalScore)), percentText(fit.intervalScoreRelative)]);
  }
  return t.toString();
}

/** The whole terminal report of a backtest. */
export function formatBacktest(result: BacktestResult): string {
  const names = Object.keys(result.series);
  const lines = [
    `Backtest against the official record, ${result.from} to ${result.to}; periods from ${result.scoreFrom} scored${result.origin ? ` (rolling origin ${result.origin.date})` : ''}`,
    `Band P5–P95: ${spreadText(result.uncertainty, result.parameterSpread)}`,
    '',
  ];
  for (const name of names) lines.push(seriesTable(name, result.series[name] as SeriesFit), '');
  const anyUnscored = names.some((name) => result.series[name]?.periods.some((p) => !p.scored));
  if (anyUnscored) lines.push(`Errors in brackets are shown, not scored (periods before ${result.scoreFrom}).`, '');
  lines.push(
    'Scores per series over the scored periods: MAPE (mean absolute percentage error of the model median); coverage (records inside P5–P95,',
    'about 90% for an honest band); interval score of P5–P95 (width + 20 × the distance the record falls outside; lower is better),',
    'mean in the series\' unit and relative (mean of score ÷ record)',
    mapeTable(result),
    `${plural(result.freeParameters, 'free parameter')} estimated from this record; ${result.from} to ${result.to}; ` +
      `${plural(result.replications, 'replication')}, seed ${result.seed}`,
    `data ${result.dataVersion}${result.dataFiles.length > 0 ? ` (${result.dataFiles.join(', ')})` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
