/**
 * The one scenario schema: every parameter of the model, grouped by stage. Each stage module
 * declares its own parameters (their mechanics; each pack's parameters.yaml gives its defaults,
 * ranges and sources); this file only assembles them, in the order the reference and the dashboard
 * show them.
 */
import { accommodationParams } from './accommodation.js';
import { appealsParams } from './appeals.js';
import { arrivalsParams } from './arrivals.js';
import { costsParams } from './costs.js';
import { decisionsParams } from './decisions.js';
import { euDealParams } from './eu-deal.js';
import { num, type Resolved } from './declarations.js';
import { returnsParams } from './returns.js';
import { safeRoutesParams } from './safe-routes.js';
import { snapshotParams } from './snapshot.js';
import { LIMITS } from './limits.js';

export const PARAMETERS = {
  snapshot: snapshotParams,
  arrivals: arrivalsParams,
  safeRoutes: safeRoutesParams,
  euDeal: euDealParams,
  accommodation: accommodationParams,
  decisions: decisionsParams,
  appeals: appealsParams,
  returns: returnsParams,
  costs: costsParams,
  kpi: {
    backlogThresholdPeople: num({
      label: 'Backlog threshold',
      description: 'The KPI "months until the backlog falls below" uses this many people awaiting an initial decision.',
      unit: 'people',
      min: 0,
      max: LIMITS.maxPopulation,
      fixed: true,
    }),
  },
};

export type Parameters = Resolved<typeof PARAMETERS>;
