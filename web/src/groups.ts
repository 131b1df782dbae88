/**
 * The editor's groups, in the order of the seed's plan (caseworkers, returns unit, tribunal, EU
 * deal, accommodation, third-country scheme, arrivals assumptions), then the rest. Parameters come
 * from the server's declarations; a group shows only if the model has parameters in it, and a
 * parameter in no listed group gets a group of its own top-level name, so nothing is hidden.
 */
import type { ParameterInfo } from './api.js';

interface GroupDef {
  readonly title: string;
  readonly prefix: string;
  /** Prefixes under `prefix` that belong to another group. */
  readonly except?: readonly string[];
}

const GROUPS: readonly GroupDef[] = [
  { title: 'Caseworkers and decisions', prefix: 'decisions.' },
  { title: 'Returns unit', prefix: 'returns.', except: ['returns.thirdCountry.'] },
  { title: 'Tribunal (appeals)', prefix: 'appeals.' },
  { title: 'EU returns deal', prefix: 'euDeal.' },
  { title: 'Accommodation', prefix: 'accommodation.' },
  { title: 'Third-country scheme', prefix: 'returns.thirdCountry.' },
  { title: 'Safe routes', prefix: 'safeRoutes.' },
  { title: 'Arrivals assumptions', prefix: 'arrivals.' },
  { title: 'Unit costs', prefix: 'costs.' },
  { title: 'Starting point (June 2023 snapshot)', prefix: 'snapshot.' },
  { title: 'Reporting', prefix: 'kpi.' },
];

export interface Group {
  readonly title: string;
  readonly parameters: readonly ParameterInfo[];
}

export function groupParameters(parameters: readonly ParameterInfo[]): Group[] {
  const groups: Group[] = [];
  const placed = new Set<string>();
  for (const g of GROUPS) {
    const members = parameters.filter((p) => p.path.startsWith(g.prefix) && !g.except?.some((e) => p.path.startsWith(e)));
    members.forEach((p) => placed.add(p.path));
    if (members.length) groups.push({ title: g.title, parameters: members });
  }
  const rest = parameters.filter((p) => !placed.has(p.path));
  for (const top of new Set(rest.map((p) => p.group))) {
    groups.push({ title: top, parameters: rest.filter((p) => p.group === top) });
  }
  return groups;
}
