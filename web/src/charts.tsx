/**
 * Fan charts with Observable Plot: per layer a P5–P95 band and the median line. One layer for a
 * run; two (A and B) for a comparison, plus a difference chart. Each chart, these and the
 * backtest's, sits in a ChartFrame that offers it as SVG and PNG.
 */
import * as Plot from '@observablehq/plot';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { downloadPng, downloadSvg } from './download.js';
import { fmtNumber } from './format.js';

export interface FanRow {
  readonly date: Date;
  readonly p5: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
}

export interface Layer {
  readonly label: string;
  readonly rows: readonly FanRow[];
}

export const COLORS = ['#1f6feb', '#d9480f', '#2b8a3e'];

interface Props {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly unit: string;
  readonly layers: readonly Layer[];
  /** Extra marks (e.g. a final-month band drawn as a rule). */
  readonly extra?: readonly Plot.Markish[];
  /**
   * Draw in a task of its own rather than at once: a page of charts then shows its first chart
   * without waiting for all the others to be drawn.
   */
  readonly later?: boolean;
}

function contentWidth(el: HTMLElement): number {
  const style = getComputedStyle(el);
  return Math.floor(el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
}

function useWidth(ref: { current: HTMLElement | null }): number {
  const [width, setWidth] = useState(0);
  // Measured before the first paint, so the chart need not wait for the observer's first report.
  useLayoutEffect(() => {
    if (ref.current) setWidth(contentWidth(ref.current));
  }, []);
  useEffect(() => {
    if (!ref.current) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, []);
  return width;
}

interface FrameProps {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  /** Draws the chart at a width; a new function (a changed chart) draws it again. */
  readonly draw: (width: number) => Element;
  /** Names the chart for screen readers, when the drawn SVG does not name itself. */
  readonly label?: string;
  readonly later?: boolean;
  readonly legend?: ComponentChildren;
  readonly lastMedian?: number | null;
}

/** A chart in a figure of its own: its title, SVG and PNG downloads, drawn at the figure's width. */
export function ChartFrame({ id, title, note, draw, label, later = false, legend, lastMedian }: FrameProps) {
  const box = useRef<HTMLElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  useEffect(() => {
    if (!plotRef.current || width === 0) return;
    // The new chart replaces the old one when drawn, so a chart drawn later never shows a gap.
    const show = () => plotRef.current?.replaceChildren(draw(width));
    if (!later) return show();
    const timer = setTimeout(show, 0);
    return () => clearTimeout(timer);
  }, [draw, width]);

  const svg = () => plotRef.current?.querySelector('svg') as SVGSVGElement | null;
  return (
    <figure class="chart" data-testid={`chart-${id}`} data-last-median={lastMedian ?? ''} ref={box}>
      <figcaption>
        <span class="chart-title">{title}</span>
        <span class="chart-tools">
          <button type="button" onClick={() => svg() && downloadSvg(svg()!, `${id}.svg`)} aria-label={`Download ${title} as SVG`}>SVG</button>
          <button type="button" onClick={() => svg() && downloadPng(svg()!, `${id}.png`)} aria-label={`Download ${title} as PNG`}>PNG</button>
        </span>
      </figcaption>
      {legend}
      <div ref={plotRef} class="plot" {...(label === undefined ? {} : { role: 'img', 'aria-label': label })} />
      {note && <p class="chart-note">{note}</p>}
    </figure>
  );
}

export function FanChart({ id, title, note, unit, layers, extra = [], later = false }: Props) {
  const draw = useCallback(
    (width: number) => {
      const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: '#ccc' })];
      layers.forEach((layer, i) => {
        const color = COLORS[i % COLORS.length];
        const rows = layer.rows.filter((r) => r.p50 !== null);
        marks.push(Plot.areaY(rows, { x: 'date', y1: 'p5', y2: 'p95', fill: color, fillOpacity: 0.18 }));
        marks.push(Plot.lineY(rows, { x: 'date', y: 'p50', stroke: color, strokeWidth: 2 }));
      });
      const first = layers[0]?.rows ?? [];
      marks.push(
        Plot.tip(
          first,
          Plot.pointerX({
            x: 'date',
            y: 'p50',
            title: (d: FanRow) => `${d.date.toISOString().slice(0, 7)}\nmedian ${fmtNumber(d.p50, unit)}\nP5–P95 ${fmtNumber(d.p5, unit)} – ${fmtNumber(d.p95, unit)}`,
          }),
        ),
      );
      marks.push(...extra);
      return Plot.plot({
        width,
        height: Math.max(180, Math.min(260, width * 0.55)),
        marginLeft: 52,
        style: { fontSize: '11px', background: 'transparent' },
        x: { type: 'utc', label: null },
        y: { grid: true, label: null, tickFormat: (v: number) => fmtNumber(v, unit) },
        marks,
      });
    },
    [layers, unit],
  );
  const legend = layers.length > 1 && (
    <div class="legend">
      {layers.map((l, i) => (
        <span key={l.label}>
          <i style={{ background: COLORS[i % COLORS.length] }} /> {l.label}
        </span>
      ))}
    </div>
  );
  return (
    <ChartFrame id={id} title={title} note={note} draw={draw} label={`${title}: median and P5–P95 band by month`} later={later} legend={legend} lastMedian={layers[0]?.rows.at(-1)?.p50} />
  );
}
