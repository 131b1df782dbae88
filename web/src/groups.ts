/**
 * The editor's groups. Which parameters go together, under which title and in which order (for
 * the UK, the order of the seed's plan: decision-makers, returns unit, tribunal, EU deal,
 * accommodation, third-country scheme, arrivals assumptions, then the rest) is the pack's data
 * (`dashboard.groups` in packs/uk/pack.yaml); the server sends each parameter with its section.
 * A parameter in no listed group comes under its top-level name, after them, so nothing is hidden.
 */
import type { ParameterInfo } from './api.js';

export interface Group {
  readonly title: string;
  readonly parameters: readonly ParameterInfo[];
}

export function groupParameters(parameters: readonly ParameterInfo[]): Group[] {
  const byTitle = new Map<string, { order: number; parameters: ParameterInfo[] }>();
  for (const p of parameters) {
    const g = byTitle.get(p.section.title) ?? { order: p.section.order, parameters: [] };
    g.parameters.push(p);
    byTitle.set(p.section.title, g);
  }
  // Stable: groups of the same order (those without a listed group) keep the parameters' order.
  return [...byTitle].sort((a, b) => a[1].order - b[1].order).map(([title, g]) => ({ title, parameters: g.parameters }));
}
