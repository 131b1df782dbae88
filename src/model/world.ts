/**
 * The world of one replication: the engine, the case table, the observer, the horizon, the resolved
 * parameters and the stages a pack runs (arrivals and decisions always, the others if its manifest
 * lists them), which reach each other through it and through the pack's routing table. Each stage
 * attaches itself when built (stage.ts); buildWorld() in simulate.ts puts it together.
 */
import type { Simulation } from '../engine/index.js';
import type { CaseTable } from './cases.js';
import type { Observer } from './observe.js';
import type { Horizon } from './horizon.js';
import type { Scenario } from './schema.js';
import type { Arrivals } from './arrivals.js';
import type { Accommodation } from './accommodation.js';
import type { Decisions } from './decisions.js';
import type { Appeals } from './appeals.js';
import type { Returns } from './returns.js';
import type { EuDeal } from './eu-deal.js';
import type { SafeRoutes } from './safe-routes.js';
import type { Routes } from './routing.js';
import type { Dispatch } from './stage.js';
import type { RunResult } from './result.js';

export interface World {
  readonly sim: Simulation;
  readonly cases: CaseTable;
  readonly obs: Observer;
  readonly horizon: Horizon;
  /** The scenario as this replication runs it (parameters drawn, under parametric uncertainty). */
  readonly scenario: Scenario;
  readonly seed: number;
  readonly replication: number;
  arrivals: Arrivals;
  decisions: Decisions;
  /** Absent when the pack does not run the stage. */
  accommodation?: Accommodation;
  appeals?: Appeals;
  returns?: Returns;
  euDeal?: EuDeal;
  safeRoutes?: SafeRoutes;
  /** What follows each outcome (the pack's routing table, bound to these stages). */
  routes: Routes;
  /** What each event kind calls (stage.ts wire()). */
  dispatch: Dispatch;
  /** Costs by financial year, booked by the costs stage after the run; none if the pack has no costs stage. */
  costByFinancialYear: RunResult['costByFinancialYear'];
}
