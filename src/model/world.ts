/**
 * The world of one replication: the engine, the case table, the observer, the plan, the resolved
 * parameters and the stages, which reach each other through it. Built by simulate().
 */
import type { Simulation } from '../engine/index.js';
import type { CaseTable } from './cases.js';
import type { Observer } from './observe.js';
import type { Plan } from './plan.js';
import type { Scenario } from './schema.js';
import type { Arrivals } from './arrivals.js';
import type { Support } from './accommodation.js';
import type { Decisions } from './decisions.js';
import type { Appeals } from './appeals.js';
import type { Returns } from './returns.js';
import type { EuDeal } from './eu-deal.js';
import type { SafeRoutes } from './safe-routes.js';

export interface World {
  readonly sim: Simulation;
  readonly cases: CaseTable;
  readonly obs: Observer;
  readonly plan: Plan;
  /** The scenario as this replication runs it (parameters drawn, under parametric uncertainty). */
  readonly p: Scenario;
  readonly seed: number;
  readonly replication: number;
  arrivals: Arrivals;
  support: Support;
  decisions: Decisions;
  appeals: Appeals;
  returns: Returns;
  euDeal: EuDeal;
  safeRoutes: SafeRoutes;
}
