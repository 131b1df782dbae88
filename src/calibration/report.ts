/**
 * The backtest's files for a reader's report: a tidy CSV (one row per series and period), the
 * result as JSON, and one SVG chart per series (the model's P5–P95 band and P50 line beside the
 * record). The CSV and the charts are pure text and deterministic, so they can be golden-tested;
 * only `writeBacktestReport` touches the disk.
 *
 * Charts plot the periods evenly spaced in the order given (the record's periods are already in
 * time order) and start the y axis at zero for counts, so a gap between band and record is not
 * magnified by a cut axis.
 */
import { columnsCsv } from '../experiment/exports.js';
import { formatCount } from '../experiment/format.js';
import { writeOutFiles } from '../experiment/out-dir.js';
import { InputError, showValue } from '../model/errors.js';
import type { BacktestResult, PeriodFit, SeriesFit } from './fit.js';
import { errorText, figureText, mapeText, shortVersion } from './report-text.js';

export const BACKTEST_CSV_COLUMNS = ['series', 'model_series', 'period', 'observed', 'p5', 'p50', 'p95', 'error', 'scored', 'unit'] as const;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** One row per (series, period), numbers exact and plain; a non-finite number is an empty cell. */
export function backtestCsv(result: BacktestResult): string {
  const rows = Object.entries(result.series).flatMap(([name, fit]) =>
    fit.periods.map((p) => [name, fit.model, p.period, finite(p.observed), finite(p.p5), finite(p.p50), finite(p.p95), finite(p.error), String(p.scored), fit.unit]),
  );
  return columnsCsv({ names: BACKTEST_CSV_COLUMNS, values: BACKTEST_CSV_COLUMNS.map((_, c) => rows.map((row) => row[c] ?? null)) });
}

export const BACKTEST_SERIES_CSV_COLUMNS = ['series', 'model_series', 'label', 'unit', 'kind', 'scored_periods', 'mape', 'coverage', 'interval_score', 'interval_score_relative', 'target'] as const;

/**
 * One row per series with its scores over the scored periods: MAPE, coverage of P5–P95, the mean
 * interval score (the series' unit) and its mean relative to the record (a share); empty when none is scored.
 */
export function backtestSeriesCsv(result: BacktestResult): string {
  const rows = Object.entries(result.series).map(([name, fit]) => [
    name,
    fit.model,
    fit.label,
    fit.unit,
    fit.kind,
    fit.periods.filter((p) => p.scored).length,
    finite(fit.mape),
    finite(fit.coverage),
    finite(fit.intervalScore),
    finite(fit.intervalScoreRelative),
    fit.target ?? null,
  ]);
  return columnsCsv({ names: BACKTEST_SERIES_CSV_COLUMNS, values: BACKTEST_SERIES_CSV_COLUMNS.map((_, c) => rows.map((row) => row[c] ?? null)) });
}

/** The result as JSON (two-space indent, trailing newline); a NaN score (nothing scored) becomes null. */
export function backtestJson(result: BacktestResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, about `count` intervals. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // The factor nearest to the raw step on a log scale (as d3's ticks do): 1, 2, 5 or 10.
  const ratio = raw / power;
  const step = (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.sqrt(2) ? 2 : 1) * power;
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const ticks: number[] = [];
  // Rounded to the step's decimals, so 0.30000000000000004 reads 0.3 however far from zero the ticks are.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}

const WIDTH = 720;
const HEIGHT = 360;
const TOP = 100;
const BOTTOM = HEIGHT - 34;
const RIGHT = WIDTH - 20;
/** Rough width of a character of the 12px system font, to space labels without measuring text. */
const CHAR = 7;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const MODEL = '#3b6fb6';
const RECORD = '#d9480f';

/** The runs of consecutive indices where `ok` holds (a gap in the model's figures breaks the band and the line). */
function runs(n: number, ok: (i: number) => boolean): number[][] {
  const out: number[][] = [];
  let run: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ok(i)) run.push(i);
    else if (run.length > 0) {
      out.push(run);
      run = [];
    }
  }
  if (run.length > 0) out.push(run);
  return out;
}

const QUARTERLY = /^\d{4}(Q[1-4]|-03-31|-06-30|-09-30|-12-31)$/;
const YEAR_START = /^\d{4}(Q1|-01|-01-\d{2}|-03-31)$/;

/**
 * Which period labels to draw when they can't all fit: every `every`-th from index `first`, at
 * least `needed` apart, the step a whole part of a year (quarterly: 1, 2, 4, 8 …; otherwise 1, 2,
 * 3, 4, 6, 12 …) and, when a step is whole years, starting at a year's first period.
 */
export function labelSpacing(periods: readonly string[], needed: number): { every: number; first: number } {
  const quarterly = periods.length > 0 && periods.every((p) => QUARTERLY.test(p));
  const steps = quarterly ? [1, 2, 4, 8, 12, 20, 40] : [1, 2, 3, 4, 6, 12, 24, 60, 120];
  const every = steps.find((s) => s >= needed) ?? needed;
  const first = every % (quarterly ? 4 : 12) === 0 ? Math.max(0, periods.findIndex((p) => YEAR_START.test(p))) : 0;
  return { every, first };
}

const xy = (x: number, y: number) => `${x.toFixed(1)},${y.toFixed(1)}`;

/** What a chart says besides the series: how the band was made. */
export type ChartMeta = Pick<BacktestResult, 'replications' | 'seed' | 'dataVersion' | 'scoreFrom'>;

/**
 * One series as a standalone SVG (720×360): band, median line, record dots (hollow when not
 * scored), axes, legend, and a title and description for screen readers.
 */
export function seriesChartSvg(name: string, fit: SeriesFit, meta: ChartMeta): string {
  const ps: readonly PeriodFit[] = fit.periods;
  const n = ps.length;
  const values = ps.flatMap((p) => [p.observed, p.p5, p.p50, p.p95]).filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = ticks[0] as number;
  const hi = ticks[ticks.length - 1] as number;
  const step = (ticks[1] as number) - lo;
  const tickLabel = (v: number) => (step >= 1 ? formatCount(v) : v.toFixed(Math.ceil(-Math.log10(step))));
  const left = 30 + CHAR * Math.max(...ticks.map((t) => tickLabel(t).length));
  const slot = (RIGHT - left) / Math.max(n, 1);
  const x = (i: number) => left + (i + 0.5) * slot;
  const y = (v: number) => BOTTOM - ((v - lo) / (hi - lo)) * (BOTTOM - TOP);
  const unscored = ps.some((p) => !p.scored);
  const id = `backtest-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const scoredCount = ps.filter((p) => p.scored).length;
  const span = n > 0 ? `${n} period${n === 1 ? '' : 's'} from ${ps[0]?.period} to ${ps[n - 1]?.period}` : 'no periods';
  const reps = `${meta.replications} replication${meta.replications === 1 ? '' : 's'}`;
  const desc =
    `${fit.label} (${fit.unit}), ${span}: the model's median and P5–P95 band over ${reps} beside the official record. ` +
    `${mapeText(fit)} over ${scoredCount} scored period${scoredCount === 1 ? '' : 's'}.`;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="12">`,
    `<title id="${id}-title">${escapeXml(fit.label)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="16" y="24" font-size="16" font-weight="bold">${escapeXml(fit.label)}</text>`,
    `<text x="16" y="44" fill="#444">${escapeXml(`${mapeText(fit)} over ${scoredCount} scored period${scoredCount === 1 ? '' : 's'}${unscored ? ` (from ${meta.scoreFrom})` : ''}`)}</text>`,
    `<text x="16" y="60" fill="#444">${escapeXml(`Model: P5–P95 of ${reps}, seed ${meta.seed}, data ${shortVersion(meta.dataVersion)}`)}</text>`,
  ];

  // Legend: swatch then text, laid out left to right.
  let lx = 16;
  const ly = 80;
  const legend = (swatch: (x0: number) => string, text: string) => {
    out.push(swatch(lx));
    out.push(`<text x="${lx + 24}" y="${ly + 4}">${escapeXml(text)}</text>`);
    lx += 24 + CHAR * text.length + 16;
  };
  out.push('<g class="legend">');
  legend((x0) => `<rect x="${x0}" y="${ly - 5}" width="18" height="10" fill="${MODEL}" fill-opacity="0.2"/>`, 'Model P5–P95');
  legend((x0) => `<line x1="${x0}" y1="${ly}" x2="${x0 + 18}" y2="${ly}" stroke="${MODEL}" stroke-width="2"/>`, 'Model P50');
  legend((x0) => `<circle cx="${x0 + 9}" cy="${ly}" r="3.5" fill="${RECORD}"/>`, 'Record');
  if (unscored) legend((x0) => `<circle cx="${x0 + 9}" cy="${ly}" r="3.5" fill="white" stroke="${RECORD}" stroke-width="1.5"/>`, 'Record, not scored');
  out.push('</g>');

  // Y axis: gridlines and labels, the unit along the side.
  out.push('<g class="y-axis" fill="#555">');
  for (const t of ticks) {
    out.push(`<line x1="${left}" y1="${y(t).toFixed(1)}" x2="${RIGHT}" y2="${y(t).toFixed(1)}" stroke="${t === 0 ? '#999' : '#e4e4e4'}"/>`);
    out.push(`<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${tickLabel(t)}</text>`);
  }
  const mid = ((TOP + BOTTOM) / 2).toFixed(1);
  out.push(`<text transform="translate(14,${mid}) rotate(-90)" text-anchor="middle">${escapeXml(fit.unit)}</text>`);
  out.push('</g>');

  // X axis: a tick per period, a label on every k-th so labels never overlap.
  const longest = Math.max(1, ...ps.map((p) => p.period.length));
  const { every, first } = labelSpacing(
    ps.map((p) => p.period),
    Math.ceil((longest * CHAR + 12) / slot),
  );
  out.push('<g class="x-axis" fill="#555" text-anchor="middle">');
  out.push(`<line x1="${left}" y1="${BOTTOM}" x2="${RIGHT}" y2="${BOTTOM}" stroke="#999"/>`);
  ps.forEach((p, i) => {
    out.push(`<line x1="${x(i).toFixed(1)}" y1="${BOTTOM}" x2="${x(i).toFixed(1)}" y2="${BOTTOM + 4}" stroke="#999"/>`);
    if (i >= first && (i - first) % every === 0) out.push(`<text x="${x(i).toFixed(1)}" y="${BOTTOM + 18}">${escapeXml(p.period)}</text>`);
  });
  out.push('</g>');

  // The band: one path, a closed sub-path per run of periods with a finite P5 and P95 (a lone period is a narrow bar).
  const band = runs(n, (i) => Number.isFinite(ps[i]?.p5) && Number.isFinite(ps[i]?.p95))
    .map((run) => {
      const xs = run.length === 1 ? [x(run[0]!) - 4, x(run[0]!) + 4] : run.map(x);
      const at = run.length === 1 ? [run[0]!, run[0]!] : run;
      const top = at.map((i, k) => xy(xs[k]!, y(ps[i]!.p95)));
      const bottom = at.map((i, k) => xy(xs[k]!, y(ps[i]!.p5))).reverse();
      return `M${[...top, ...bottom].join('L')}Z`;
    })
    .join('');
  out.push(`<path class="band" d="${band}" fill="${MODEL}" fill-opacity="0.2" stroke="none"/>`);
  const median = runs(n, (i) => Number.isFinite(ps[i]?.p50))
    .map((run) => `M${run.map((i) => xy(x(i), y(ps[i]!.p50))).join('L')}`)
    .join('');
  out.push(`<path class="median" d="${median}" fill="none" stroke="${MODEL}" stroke-width="2" stroke-linejoin="round"/>`);

  // The record: a dot per period with its figures as a tooltip.
  out.push('<g class="record">');
  ps.forEach((p, i) => {
    if (!Number.isFinite(p.observed)) return;
    const look = p.scored ? `fill="${RECORD}"` : `fill="white" stroke="${RECORD}" stroke-width="1.5"`;
    const tip =
      `${p.period}: record ${figureText(p.observed)}; model P50 ${figureText(p.p50)} ` +
      `(P5–P95 ${figureText(p.p5)}–${figureText(p.p95)}); error ${errorText(p.error)}${p.scored ? '' : '; not scored'}`;
    out.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p.observed).toFixed(1)}" r="3.5" ${look}><title>${escapeXml(tip)}</title></circle>`);
  });
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** A record's series name as it may appear in a file name (the record's own rule: snake_case). */
const FILE_SAFE = /^[a-z][a-z0-9_]*$/;

/**
 * Write `backtest.csv`, `backtest-series.csv`, `backtest.json` and `<series>.svg` per series under a prepared `--out`
 * directory (see prepareOutDir); returns the paths written.
 */
export function writeBacktestReport(result: BacktestResult, dir: string): string[] {
  const names = Object.keys(result.series);
  const bad = names.find((name) => !FILE_SAFE.test(name));
  if (bad !== undefined) {
    throw new InputError({ field: 'series', value: showValue(bad), allowed: 'a snake_case name (lower-case letters, digits and _, starting with a letter), used as a file name' });
  }
  return writeOutFiles(dir, [
    ['backtest.csv', backtestCsv(result)],
    ['backtest-series.csv', backtestSeriesCsv(result)],
    ['backtest.json', backtestJson(result)],
    ...names.map((name) => [`${name}.svg`, seriesChartSvg(name, result.series[name] as SeriesFit, result)] as const),
  ]);
}
