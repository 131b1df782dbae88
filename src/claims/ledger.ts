/**
 * The claims ledger: every quantitative claim of the seed article, in the article's order, each
 * checked from official data (data/) or a model projection. Pure: the caller loads the data and the
 * UK pack's parameters (whose staff costs some claims quote) and runs the projection (a comparison
 * of status quo and status quo + 1,000 caseworkers).
 */
import type { ObservedData } from '../calibration/observed.js';
import type { Comparison } from '../experiment/compare.js';
import type { PackParameters } from '../pack/parameters.js';
import { rwandaClaim, returnsUnitClaim } from './money.js';
import { caseworkersClaim } from './projection.js';
import { quota100000Claim, quota124614Claim } from './quota.js';
import { accommodationCostClaim, backlogClaim, crossingsClaim } from './record.js';
import type { Claim } from './types.js';

export interface Ledger {
  readonly claims: readonly Claim[];
}

export function buildLedger(data: ObservedData, projection: Comparison, parameters: PackParameters): Ledger {
  return {
    claims: [
      crossingsClaim(data),
      caseworkersClaim(projection),
      backlogClaim(data),
      accommodationCostClaim(data),
      quota100000Claim(data),
      quota124614Claim(data),
      returnsUnitClaim(data, parameters),
      rwandaClaim(data, parameters),
    ],
  };
}

/** The ledger as JSON: `{ claims: [{ id, speaker, kind, statement, result, verdict, reasoning, inputs, … }] }`. */
export function ledgerToJson(ledger: Ledger): string {
  const claims = ledger.claims.map((c) => ({
    id: c.id,
    speaker: c.speaker,
    kind: c.kind,
    statement: c.statement,
    claimed: c.claimed,
    result: c.result,
    verdict: c.verdict,
    reasoning: c.reasoning,
    assumptions: c.assumptions,
    computation: c.computation,
    inputs: c.inputs.map((i) => ({ ...i, value: Number.isFinite(i.value) ? i.value : null })),
    ...(c.details ? { details: c.details } : {}),
  }));
  return `${JSON.stringify({ claims }, null, 2)}\n`;
}
