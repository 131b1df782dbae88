/**
 * A tornado chart as a standalone SVG document (no chart library: a few rectangles and labels).
 * One row per parameter, largest swing at the top; a bar runs from the KPI at the parameter's low
 * end to the KPI at its high end, split at the base value: the part reached by the low end is
 * blue, by the high end orange. The vertical line is the base value.
 *
 * Pure text; deterministic for the same input, so it can be compared as a golden file.
 */
import type { OneAtATime } from './sensitivity.js';

const WIDTH = 1000;
const LABEL = 400;
/** Longest parameter label drawn, in characters (the rest is cut with an ellipsis). */
const LABEL_CHARS = 40;
const ROW = 22;
const TOP = 56;
const LOW_COLOUR = '#3b6fb6';
const HIGH_COLOUR = '#e08a2c';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Compact number for axis labels: 12.3k, 4.5M, 1.2bn. */
export function compact(x: number): string {
  const a = Math.abs(x);
  const [d, s] = a >= 1e9 ? [1e9, 'bn'] : a >= 1e6 ? [1e6, 'M'] : a >= 1e3 ? [1e3, 'k'] : [1, ''];
  const v = x / d;
  return `${Number.isInteger(v) ? v : v.toFixed(Math.abs(v) >= 100 ? 0 : 1)}${s}`;
}

/** A range end for people: at most 4 significant digits, no float noise (0.30000000000000004 → 0.3). */
export function rangeEnd(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** A parameter's range as text, `×` marking a multiplier of a schedule. */
export function rangeText(p: { low: number; high: number; varies: 'value' | 'multiplier' }): string {
  return `${rangeEnd(p.low)}–${rangeEnd(p.high)}${p.varies === 'multiplier' ? '×' : ''}`;
}

/** The SVG of the first `top` bars with a finite swing. */
export function tornadoSvg(result: OneAtATime, options: { title: string; top?: number }): string {
  const bars = result.bars.filter((b) => b.swing !== null).slice(0, options.top ?? 20);
  const base = result.base ?? 0;
  const values = bars.flatMap((b) => [b.atLow as number, b.atHigh as number]).concat(base);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const plot = WIDTH - LABEL - 40;
  const x = (v: number) => LABEL + ((v - lo) / (hi - lo)) * plot;
  const height = TOP + bars.length * ROW + 40;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<text x="10" y="42" fill="#555">${escapeXml(`${result.kpi}: base ${compact(base)}; blue = low end of range, orange = high end`)}</text>`,
  ];
  bars.forEach((b, i) => {
    const y = TOP + i * ROW;
    const name = b.parameter.label.length > LABEL_CHARS ? `${b.parameter.label.slice(0, LABEL_CHARS - 1)}…` : b.parameter.label;
    const label = `${name} (${rangeText(b.parameter)})`;
    out.push(`<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${escapeXml(label)}</text>`);
    for (const [v, colour] of [
      [b.atLow as number, LOW_COLOUR],
      [b.atHigh as number, HIGH_COLOUR],
    ] as const) {
      const x0 = Math.min(x(v), x(base));
      const w = Math.abs(x(v) - x(base));
      out.push(`<rect x="${x0.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${colour}" fill-opacity="0.85"/>`);
    }
  });
  const axisY = TOP + bars.length * ROW + 4;
  out.push(`<line x1="${x(base).toFixed(1)}" y1="${TOP - 4}" x2="${x(base).toFixed(1)}" y2="${axisY}" stroke="#222"/>`);
  out.push(`<line x1="${LABEL}" y1="${axisY}" x2="${LABEL + plot}" y2="${axisY}" stroke="#888"/>`);
  for (let t = 0; t <= 4; t++) {
    const v = lo + ((hi - lo) * t) / 4;
    out.push(`<text x="${x(v).toFixed(1)}" y="${axisY + 16}" text-anchor="middle" fill="#555">${compact(v)}</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
