/**
 * The verdict text templates of claims.yaml: a claim's result, reasoning, computation and
 * assumptions are written as text with numbers put in by name, so the words stay in the pack and
 * the formatting stays here, the same for every claim.
 *
 *   {count:name}     a whole number, 12,345            {money:name}   £2.30bn, £45m, £169,000
 *   {countAbs:name}  the same without its sign          {fixed1:name}  one decimal, 4.9
 *   {percent:name}   a fraction as 12.3% (percent2, percent3: two or three decimals)
 *   {change:name}    "reduce", "raise" or "leave unchanged" as the number is below, above or at 0
 *   {when:name}      a month count of the projection as "by 2025-07", or "not within the horizon"
 *   {scenario:a}     the projection's scenario A (or b)
 *   {name?yes|no}    "yes" if the number is not 0, else "no"
 *
 * `name` is an input or a derived value of the claim.
 */
import type { Comparison } from '../experiment/compare.js';
import { formatCount } from '../experiment/format.js';

/** A whole number with thousands separators (the reports' one rule). */
export const count = formatCount;

export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Money with a currency symbol, in billions or millions when large. */
export function money(x: number, symbol: string): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${symbol}${(x / 1e9).toFixed(2)}bn`;
  if (a >= 1e6) return `${symbol}${(x / 1e6).toFixed(0)}m`;
  return `${symbol}${count(x)}`;
}

/** The month a projection KPI counted in months points to, or why there is none. */
function monthLabel(c: Comparison, k: number): string {
  return Number.isFinite(k) ? (c.months[Math.max(1, Math.round(k)) - 1]?.month ?? 'beyond the horizon') : 'not within the horizon';
}

function when(month: string): string {
  return month.startsWith('not') || month.startsWith('beyond') ? month : `by ${month}`;
}

function change(d: number): string {
  return d < 0 ? 'reduce' : d > 0 ? 'raise' : 'leave unchanged';
}

export interface TemplateContext {
  readonly values: ReadonlyMap<string, number>;
  /** The pack's currency symbol. */
  readonly symbol: string;
  readonly projection?: Comparison;
}

type Format = (x: number, ctx: TemplateContext) => string;

const needProjection = (ctx: TemplateContext): Comparison => {
  if (!ctx.projection) throw new Error('{when:…} needs the claims file\'s projection');
  return ctx.projection;
};

export const FORMATS: Readonly<Record<string, Format>> = {
  count: (x) => count(x),
  countAbs: (x) => count(Math.abs(x)),
  money: (x, ctx) => money(x, ctx.symbol),
  percent: (x) => percent(x),
  percent2: (x) => percent(x, 2),
  percent3: (x) => percent(x, 3),
  fixed1: (x) => x.toFixed(1),
  change: (x) => change(x),
  when: (x, ctx) => when(monthLabel(needProjection(ctx), x)),
};

/** `{format:name}`, `{scenario:a}` or `{name?yes|no}`. */
const PLACEHOLDER = /\{(?:([A-Za-z0-9]+):([^{}]+)|([^{}?]+)\?([^{}|]*)\|([^{}]*))\}/g;

export interface Placeholder {
  readonly format: string;
  readonly name: string;
}

/** The placeholders of a template, for the loader to check names and formats before any run. */
export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => (m[1] !== undefined ? { format: m[1], name: m[2] as string } : { format: '?', name: m[3] as string }));
}

export function render(template: string, ctx: TemplateContext): string {
  const value = (name: string): number => {
    const v = ctx.values.get(name);
    if (v === undefined) throw new Error(`template names ${JSON.stringify(name)}, which the claim does not have`);
    return v;
  };
  return template.replace(PLACEHOLDER, (_all, format?: string, name?: string, flag?: string, yes?: string, no?: string) => {
    if (format === undefined) return value(flag as string) !== 0 ? (yes as string) : (no as string);
    if (format === 'scenario') {
      const c = needProjection(ctx);
      return name === 'a' ? c.a.scenario : c.b.scenario;
    }
    const f = FORMATS[format];
    if (!f) throw new Error(`unknown template format ${format}`);
    return f(value(name as string), ctx);
  });
}
