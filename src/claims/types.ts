/**
 * The vocabulary of the claims ledger: a checked claim (from a pack's claims.yaml), the inputs its
 * check uses (each with its value, unit and where it comes from) and the verdict. Every claim's
 * `result` is recomputed from its `inputs` by a documented formula, so a reader (and the tests)
 * can redo it.
 */
import type { ObservedData } from '../calibration/observed.js';

export const CLAIM_KINDS = ['record', 'arithmetic', 'projection'] as const;
/** record: a figure checked against the official record; arithmetic: a calculation from recorded figures; projection: a model run. */
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const VERDICTS = ['accurate', 'roughly right', 'misleading', 'unsupported', 'depends on assumptions'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One input of a check: an official figure, a scenario parameter, a model output or a figure from the claim itself. */
export interface ClaimInput {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Data series and period (official figures from data/). */
  readonly series?: string;
  readonly period?: string;
  readonly vintage?: string;
  /** Scenario and parameter or output (model inputs and projections). */
  readonly scenario?: string;
  /** A web address for official figures; "Assumption: …" or "Claim: …" otherwise. */
  readonly source: string;
}

export interface ClaimResult {
  /** The headline number of the check. */
  readonly value: number;
  readonly unit: string;
  /** The number in words, with what it is compared with. */
  readonly text: string;
}

export interface Claim {
  readonly id: string;
  readonly speaker: string;
  readonly kind: ClaimKind;
  /** The claim, paraphrased from the article. */
  readonly statement: string;
  /** The figure claimed, as stated. */
  readonly claimed: string;
  /** How the result is computed from the inputs. */
  readonly computation: string;
  readonly inputs: readonly ClaimInput[];
  readonly result: ClaimResult;
  readonly verdict: Verdict;
  readonly reasoning: string;
  /** What the verdict depends on. */
  readonly assumptions: readonly string[];
  /** Alternatives computed alongside the result (other bases, other keys), when there are any. */
  readonly details?: readonly ClaimDetail[];
}

export interface ClaimDetail {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

/**
 * A bespoke check (code.ts), for a claim no generic method expresses honestly: given the pack's
 * data, the figure claimed and the inputs the claims file lists, it gives every input, the
 * result, the reasoning and any alternatives.
 */
export type BespokeCheck = (context: { readonly data: ObservedData; readonly claimed: number; readonly inputs: readonly ClaimInput[] }) => {
  readonly inputs: readonly ClaimInput[];
  readonly result: ClaimResult;
  readonly reasoning: string;
  readonly details?: readonly ClaimDetail[];
};
