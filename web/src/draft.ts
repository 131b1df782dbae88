/**
 * The scenario being edited: a built-in to start from, the parameters changed on top of it, and
 * run settings. It becomes a request body (a built-in's name when nothing is changed, so the
 * server's cache answers the built-ins at once) and a shareable address (#/?s=… carries the whole
 * draft; #/?id=… a saved scenario).
 */
import { DASHBOARD_DEFAULTS } from '../../src/server/dashboard-defaults.js';

export interface Draft {
  readonly base: string;
  /** Parameter path → value (a number, a choice, or a saved schedule). */
  readonly edits: Readonly<Record<string, unknown>>;
  readonly replications: number;
  readonly seed: number;
  readonly uncertainty: string;
}

export const DEFAULT_DRAFT: Draft = {
  base: DASHBOARD_DEFAULTS.scenario,
  edits: {},
  replications: DASHBOARD_DEFAULTS.replications,
  seed: DASHBOARD_DEFAULTS.seed,
  uncertainty: DASHBOARD_DEFAULTS.uncertainty,
};

/** Dotted paths to a nested document: { 'decisions.headcount': 5 } → { decisions: { headcount: 5 } }. */
export function nest(edits: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(edits)) {
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return out;
}

/** The parameters a saved document sets, as dotted paths (only paths the model declares). */
export function flatten(doc: Record<string, unknown>, known: ReadonlySet<string>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (known.has(path)) out[path] = v;
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, known, path));
  }
  return out;
}

export function scenarioDocument(d: Draft): string | Record<string, unknown> {
  if (Object.keys(d.edits).length === 0) return d.base;
  return { name: `${d.base}-edited`, extends: d.base, ...nest(d.edits) };
}

export function runBody(d: Draft) {
  return { scenario: scenarioDocument(d), replications: d.replications, seed: d.seed, uncertainty: d.uncertainty };
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The draft as the query part of a shareable address. */
export function draftQuery(d: Draft): string {
  return `s=${toBase64Url(JSON.stringify(d))}`;
}

/** A draft from an address's query, or undefined when it carries none (or a broken one). */
export function draftFromQuery(params: URLSearchParams): Draft | undefined {
  const s = params.get('s');
  if (!s) return undefined;
  try {
    const d = JSON.parse(fromBase64Url(s)) as Partial<Draft>;
    if (typeof d.base !== 'string' || typeof d.edits !== 'object' || d.edits === null) return undefined;
    return { ...DEFAULT_DRAFT, ...d } as Draft;
  } catch {
    return undefined;
  }
}
