/** Files the dashboard offers: CSV of the monthly summary, each chart as SVG or PNG. */
import type { Summary } from './api.js';

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const STATS = ['mean', 'p5', 'p50', 'p95'] as const;

/** One row per month; per series the columns `<series>_<mean|p5|p50|p95>` (the CLI's monthly.csv layout). */
export function summaryCsv(summary: Summary): string {
  const first = summary.months[0];
  if (!first) return 'month\n';
  const series = Object.keys(first).filter((k) => k !== 'month');
  const header = ['month', ...series.flatMap((s) => STATS.map((st) => `${s}_${st}`))];
  const lines = [header.join(',')];
  for (const m of summary.months) {
    const row = m as unknown as Record<string, Record<string, number | null>>;
    lines.push([m.month, ...series.flatMap((s) => STATS.map((st) => String(row[s][st] ?? '')))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('font-family', 'system-ui, sans-serif');
  return new XMLSerializer().serializeToString(copy);
}

export function downloadSvg(svg: SVGSVGElement, filename: string): void {
  saveBlob(new Blob([svgText(svg)], { type: 'image/svg+xml' }), filename);
}

/** Draw the SVG on a canvas at twice its size, on white, and save it as PNG. */
export function downloadPng(svg: SVGSVGElement, filename: string): void {
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * 2);
    canvas.height = Math.ceil(height * 2);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => blob && saveBlob(blob, filename), 'image/png');
  };
  img.src = url;
}
