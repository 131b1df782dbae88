/**
 * The claims ledger over HTTP: the UK pack's (packs/uk/claims.yaml). The ledger's projection needs
 * a model comparison (the base scenario against it with the file's overrides: status quo plus
 * 1,000 caseworkers). The server does not run it inside a request: GET /api/claims/projection says
 * which comparison to run (the page runs it as an ordinary, cached comparison job), and GET
 * /api/claims/:runId builds the ledger from that stored comparison and the official figures.
 */
import { buildLedger, ledgerToJson } from '../claims/ledger.js';
import { packClaims } from '../claims/load.js';
import { projectionOverrides, variantOf, type ProjectionSpec } from '../claims/projection.js';
import type { ClaimsFile } from '../claims/spec.js';
import type { Comparison } from '../experiment/compare.js';
import { InputError } from '../model/errors.js';
import { loadPack } from '../pack/load.js';
import { loadScenario, officialData } from '../scenarios/catalogue.js';
import type { StoredRun } from './store.js';

/** Fewer than a run's default: the ledger needs the projection's direction and band. */
export const CLAIMS_REPLICATIONS = 10;

let claims: (ClaimsFile & { projection: ProjectionSpec }) | undefined;
/** The UK's claims file with its projection (the server serves that ledger), read once per process. */
function ukClaims(): ClaimsFile & { projection: ProjectionSpec } {
  if (claims) return claims;
  const pack = loadPack();
  const file = packClaims(pack, { series: officialData(pack).names() });
  if (!file.projection) throw new Error(`${pack.name}: the claims file has no projection for the server to run`);
  claims = file as ClaimsFile & { projection: ProjectionSpec };
  return claims;
}

/** The comparison the ledger reads, as a /api/jobs body. */
export function projectionRequest(replications = CLAIMS_REPLICATIONS) {
  const file = ukClaims();
  const base = loadScenario(file.base);
  return {
    a: file.base,
    b: {
      ...variantOf(file.projection, base),
      extends: file.base,
      ...projectionOverrides(file.projection, base.start),
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
  const pack = loadPack();
  const ledger = buildLedger(ukClaims(), { data: officialData(pack), base: loadScenario(expected.a), parameters: pack.parameters, projection: JSON.parse(run.summary) as Comparison, symbol: pack.manifest.currency.symbol });
  return ledgerToJson(ledger);
}
