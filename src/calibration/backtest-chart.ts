/**
 * The chart of one backtest series, drawn with Observable Plot: the model's P5–P95 band and median
 * beside the record as dots (hollow where a period is not scored), each dot titled with its
 * period's figures. One definition for the `<series>.svg` files of `backtest --out` (in Node, on a
 * server-side DOM) and the web page (on the page's document), so the two cannot drift apart.
 *
 * Periods sit on a time axis at their middles (a date at itself), so a record with a missing
 * period shows the gap. The y axis starts at zero, so a gap between band and record is not
 * magnified by a cut axis.
 */
// The chart is built in a DOM (the page's, or linkedom's in Node), so it needs the DOM's types.
/// <reference lib="dom" />
import * as Plot from '@observablehq/plot';
import type { BacktestResult, PeriodFit, SeriesFit } from './fit.js';
import { parsePeriod } from './period.js';
import { errorText, figureText, mapeText, shortVersion } from './report-text.js';

/** What a chart says besides the series: how the band was made. */
export type ChartMeta = Pick<BacktestResult, 'replications' | 'seed' | 'dataVersion' | 'scoreFrom'>;

export interface BacktestChartOptions {
  /** The DOM to build in: the page's `document` in a browser, a server-side one in Node. */
  readonly document: Document;
  readonly width?: number;
  readonly height?: number;
  /**
   * Draw the title, subtitle and legend inside the SVG, for a file read on its own. A page that
   * gives the chart a heading and a legend of its own leaves them out.
   */
  readonly standalone?: boolean;
}

export const MODEL_COLOR = '#1f6feb';
export const RECORD_COLOR = '#1b1f24';
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Room above the plot for the standalone title, two subtitle lines and the legend. */
const HEADING_HEIGHT = 100;
/** Rough width of a character of the 12px system font, to lay out the legend without measuring text. */
const CHAR = 7;

interface Row extends PeriodFit {
  readonly date: Date;
}

/** A period on the time axis: a date is itself, a quarter or year its middle. */
export function periodDate(text: string): Date {
  const p = parsePeriod(text);
  return p ? new Date((Date.parse(p.start) + Date.parse(p.end)) / 2) : new Date(Number.NaN);
}

/** The heading, the subtitle lines and the description that screen readers are given. */
export function backtestChartText(fit: SeriesFit, meta: ChartMeta): { title: string; subtitle: readonly string[]; description: string } {
  const ps = fit.periods;
  const n = ps.length;
  const scored = ps.filter((p) => p.scored).length;
  const scoredText = `${scored} scored period${scored === 1 ? '' : 's'}`;
  const span = n > 0 ? `${n} period${n === 1 ? '' : 's'} from ${ps[0]?.period} to ${ps[n - 1]?.period}` : 'no periods';
  const reps = `${meta.replications} replication${meta.replications === 1 ? '' : 's'}`;
  return {
    title: fit.label,
    subtitle: [
      `${mapeText(fit)} over ${scoredText}${ps.some((p) => !p.scored) ? ` (from ${meta.scoreFrom})` : ''}`,
      `Model: P5–P95 of ${reps}, seed ${meta.seed}, data ${shortVersion(meta.dataVersion)}`,
    ],
    description:
      `${fit.label} (${fit.unit}), ${span}: the model's median and P5–P95 band over ${reps} beside the official record. ` + `${mapeText(fit)} over ${scoredText}.`,
  };
}

/** A dot's tooltip: the period's record, the model's median and band, and the error. */
export function periodTip(p: PeriodFit): string {
  return (
    `${p.period}: record ${figureText(p.observed)}; model P50 ${figureText(p.p50)} ` +
    `(P5–P95 ${figureText(p.p5)}–${figureText(p.p95)}); error ${errorText(p.error)}${p.scored ? '' : '; not scored'}`
  );
}

function svgElement<K extends keyof SVGElementTagNameMap>(document: Document, name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Title, subtitle and legend in the top margin, as a Plot render function (it is given Plot's document). */
function heading(title: string, subtitle: readonly string[], unscored: boolean): Plot.RenderFunction {
  return (_index, _scales, _values, _dimensions, { document }) => {
    const g = svgElement(document, 'g', { class: 'heading', 'text-anchor': 'start', 'font-size': 12 });
    g.append(svgElement(document, 'text', { x: 16, y: 24, 'font-size': 16, 'font-weight': 'bold' }, title));
    subtitle.forEach((line, i) => g.append(svgElement(document, 'text', { x: 16, y: 44 + 16 * i, fill: '#444' }, line)));
    const legend = svgElement(document, 'g', { class: 'legend' });
    const y = 80;
    let x = 16;
    const item = (swatch: SVGElement, text: string) => {
      legend.append(swatch, svgElement(document, 'text', { x: x + 24, y: y + 4 }, text));
      x += 24 + CHAR * text.length + 16;
    };
    item(svgElement(document, 'rect', { x, y: y - 5, width: 18, height: 10, fill: MODEL_COLOR, 'fill-opacity': 0.2 }), 'Model P5–P95');
    item(svgElement(document, 'line', { x1: x, y1: y, x2: x + 18, y2: y, stroke: MODEL_COLOR, 'stroke-width': 2 }), 'Model P50');
    item(svgElement(document, 'circle', { cx: x + 9, cy: y, r: 3.5, fill: RECORD_COLOR }), 'Record');
    if (unscored) item(svgElement(document, 'circle', { cx: x + 9, cy: y, r: 3.5, fill: 'white', stroke: RECORD_COLOR, 'stroke-width': 1.5 }), 'Record, not scored');
    g.append(legend);
    return g;
  };
}

/**
 * The chart of series `name` as an `<svg>` (never a `<figure>`, so it can be saved as a file) with
 * a `<title>` and `<desc>` it is labelled by. `name` makes the ids of those unique on a page.
 */
export function backtestChart(name: string, fit: SeriesFit, meta: ChartMeta, options: BacktestChartOptions): SVGSVGElement {
  const { document, width = 720, height = 360, standalone = true } = options;
  const rows: Row[] = fit.periods.map((p) => ({ ...p, date: periodDate(p.period) }));
  const hasBand = (r: Row | undefined) => r !== undefined && Number.isFinite(r.p5) && Number.isFinite(r.p95);
  // An area needs two neighbouring periods; a period with a band but none beside it gets a bar of its own.
  const lone = rows.filter((r, i) => hasBand(r) && !hasBand(rows[i - 1]) && !hasBand(rows[i + 1]));
  const recorded = rows.filter((r) => Number.isFinite(r.observed));
  const text = backtestChartText(fit, meta);
  // With no figure at all, a unit's worth of axis rather than a collapsed one.
  const empty = !rows.some((r) => [r.observed, r.p5, r.p50, r.p95].some(Number.isFinite));

  const marks: Plot.Markish[] = [
    Plot.ruleY([0], { stroke: '#999' }),
    Plot.areaY(rows, { x: 'date', y1: 'p5', y2: 'p95', fill: MODEL_COLOR, fillOpacity: 0.2, className: 'band' }),
    Plot.ruleX(lone, { x: 'date', y1: 'p5', y2: 'p95', stroke: MODEL_COLOR, strokeOpacity: 0.2, strokeWidth: 8, className: 'band-lone' }),
    Plot.lineY(rows, { x: 'date', y: 'p50', stroke: MODEL_COLOR, strokeWidth: 2, className: 'median' }),
    Plot.dot(
      recorded.filter((r) => r.scored),
      { x: 'date', y: 'observed', r: 3.5, fill: RECORD_COLOR, title: periodTip, className: 'record-scored' },
    ),
    Plot.dot(
      recorded.filter((r) => !r.scored),
      { x: 'date', y: 'observed', r: 3.5, fill: 'white', stroke: RECORD_COLOR, strokeWidth: 1.5, title: periodTip, className: 'record-unscored' },
    ),
  ];
  if (standalone) marks.push(heading(text.title, text.subtitle, recorded.some((r) => !r.scored)));

  const svg = Plot.plot({
    document,
    width,
    height,
    figure: false,
    marginTop: standalone ? HEADING_HEIGHT + 10 : 20,
    marginLeft: 72,
    style: { fontSize: '11px', background: standalone ? 'white' : 'transparent' },
    // Inset, so the first and last dots are not drawn on the axis line and the frame's edge.
    x: { type: 'utc', label: null, inset: 10 },
    y: { ...(empty ? { domain: [0, 1] } : { zero: true, nice: true }), grid: true, label: fit.unit, labelAnchor: 'center', labelArrow: 'none' },
    marks,
  }) as unknown as SVGSVGElement;

  // A title and description the chart is labelled by: read by screen readers, and shown by a
  // browser that opens the file. Plot's own aria-label and aria-description would repeat them.
  const id = `backtest-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  svg.prepend(svgElement(document, 'title', { id: `${id}-title` }, text.title), svgElement(document, 'desc', { id: `${id}-desc` }, text.description));
  return svg;
}
