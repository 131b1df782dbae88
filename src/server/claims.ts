/**
 * The claims ledger over HTTP. The ledger's one projection claim needs a model comparison (status
 * quo against status quo plus 1,000 caseworkers, src/claims/projection.ts). The server does not
 * run it inside a request: GET /api/claims/projection says which comparison to run (the page runs
 * it as an ordinary, cached comparison job), and GET /api/claims/:runId builds the ledger from
 * that stored comparison and the official figures.
 */
import { buildLedger, ledgerToJson } from '../claims/ledger.js';
import { BASE_SCENARIO, extraCaseworkerOverrides } from '../claims/projection.js';
import type { Comparison } from '../experiment/compare.js';
import { InputError } from '../model/errors.js';
import { loadPack } from '../pack/load.js';
import { loadScenario, officialData } from '../scenarios/catalogue.js';
import type { StoredRun } from './store.js';

/** Fewer than a run's default: the ledger needs the projection's direction and band. */
export const CLAIMS_REPLICATIONS = 10;

/** The comparison the ledger reads, as a /api/jobs body. */
export function projectionRequest(replications = CLAIMS_REPLICATIONS) {
  const base = loadScenario(BASE_SCENARIO);
  return {
    a: BASE_SCENARIO,
    b: {
      name: `${BASE_SCENARIO}-plus-1000-caseworkers`,
      title: `${base.title}, plus 1,000 caseworkers`,
      extends: BASE_SCENARIO,
      ...extraCaseworkerOverrides(base.start),
    },
    replications,
    seed: 1,
    uncertainty: 'both',
  };
}

/** The ledger JSON from a stored projection comparison; refuses a run that is not one. */
export function ledgerFromRun(run: StoredRun): string {
  const expected = projectionRequest();
  if (run.scenario !== `${expected.a} vs ${expected.b.name}`) {
    throw new InputError({ field: 'runId', value: JSON.stringify(run.id), allowed: `the id of a stored ${expected.a} vs ${expected.b.name} comparison (see /api/claims/projection)` });
  }
  return ledgerToJson(buildLedger(officialData(), JSON.parse(run.summary) as Comparison, loadPack('uk').parameters));
}
