/**
 * The claims ledger: every claim of a pack's claims file (claims.yaml), in the file's order, each
 * checked from the pack's official data, the base scenario's parameters or the projection (a
 * comparison of the base scenario with the file's overrides). Pure: the caller reads the file
 * (load.ts), loads the data and runs the projection.
 */
import type { ObservedData } from '../calibration/observed.js';
import type { Comparison } from '../experiment/compare.js';
import type { PackParameters } from '../pack/parameter-facts.js';
import type { SummaryStats } from '../experiment/summary.js';
import { CODE_METHODS } from './code.js';
import { claimed, observed, parameter } from './inputs.js';
import { METHODS } from './methods.js';
import { statName, type ClaimSpec, type ClaimsFile, type InputSpec, type ProjectionStat } from './spec.js';
import { render, type TemplateContext } from './template.js';
import type { Claim, ClaimInput, Verdict } from './types.js';

export interface Ledger {
  readonly claims: readonly Claim[];
}

export interface LedgerContext {
  readonly data: ObservedData;
  /** The resolved base scenario: claims read parameters from it, not from the model's defaults. */
  readonly base: unknown;
  /** The pack's facts about its parameters: where a parameter input's value comes from. */
  readonly parameters: PackParameters;
  /** The comparison the file's projection asks for (needed when a claim reads it). */
  readonly projection?: Comparison;
  /** The pack's currency symbol, for money in the text. */
  readonly symbol: string;
}

const MODEL = 'Model projection (asylum-sim compare, common random numbers)';

/** A projection statistic as a number; a value not reached within the horizon is Infinity. */
function stat(c: Comparison, spec: InputSpec, s: ProjectionStat): number {
  const [arm, key] = s.split('.') as ['a' | 'b' | 'diff', keyof SummaryStats];
  const v = c.kpis[spec.projection as keyof Comparison['kpis']][arm][key];
  return typeof v === 'number' ? v : Infinity;
}

function projectionInputs(spec: InputSpec, c: Comparison | undefined): ClaimInput[] {
  if (!c) throw new Error(`claim input ${spec.name} reads the projection, which the caller did not run`);
  const a = `${c.a.scenario} (${c.replications} replications, seed ${c.seed})`;
  const b = `${c.b.scenario} (${c.replications} replications, seed ${c.seed})`;
  const scenario = { a, b, diff: `${b} minus ${a}` };
  return (spec.stats ?? []).map((s) => ({
    name: statName(spec.name, s),
    value: stat(c, spec, s),
    unit: spec.unit as string,
    scenario: scenario[s.split('.')[0] as 'a' | 'b' | 'diff'],
    source: MODEL,
  }));
}

/** The inputs one entry of the file gives (a projection entry gives one per statistic). */
function resolveInput(spec: InputSpec, ctx: LedgerContext, templates: TemplateContext): ClaimInput[] {
  if (spec.claimed !== undefined) return [claimed(spec.name, spec.claimed, spec.unit as string, spec.where as string)];
  if (spec.series !== undefined) return [observed(ctx.data, spec.name, spec.series, spec.period as string, spec.vintage)];
  if (spec.parameter !== undefined) return [parameter(ctx.base, ctx.parameters, spec.parameter, spec.name, spec.unit)];
  if (spec.projection !== undefined) return projectionInputs(spec, ctx.projection);
  const scenario = spec.scenario === undefined ? {} : { scenario: render(spec.scenario, templates) };
  return [{ name: spec.name, value: spec.value as number, unit: spec.unit as string, ...scenario, source: spec.source as string }];
}

function checkClaim(spec: ClaimSpec, ctx: LedgerContext): Claim {
  const values = new Map<string, number>();
  const templates: TemplateContext = { values, symbol: ctx.symbol, ...(ctx.projection ? { projection: ctx.projection } : {}) };
  let inputs: readonly ClaimInput[] = spec.inputs.flatMap((i) => resolveInput(i, ctx, templates));
  const text = (t: string) => render(t, templates);
  let checked: Pick<Claim, 'result' | 'reasoning' | 'details'>;
  for (const i of inputs) values.set(i.name, i.value);
  if (spec.code !== undefined) {
    const figure = spec.inputs.find((i) => i.claimed !== undefined)?.claimed ?? NaN;
    const out = CODE_METHODS[spec.code]({ data: ctx.data, claimed: figure, inputs });
    inputs = out.inputs;
    checked = { result: out.result, reasoning: out.reasoning, ...(out.details ? { details: out.details } : {}) };
  } else {
    for (const d of spec.derive ?? []) values.set(d.name, METHODS[d.method].apply(d.of.map((o) => (typeof o === 'number' ? o : (values.get(o) as number)))));
    const result = spec.result as NonNullable<ClaimSpec['result']>;
    checked = { result: { value: values.get(result.value) as number, unit: result.unit, text: text(result.text) }, reasoning: text(spec.reasoning as string) };
  }
  const verdict: Verdict = typeof spec.verdict === 'string' ? spec.verdict : values.get(spec.verdict.if) !== 0 ? spec.verdict.then : spec.verdict.else;
  return {
    id: spec.id,
    speaker: spec.speaker,
    kind: spec.kind,
    statement: spec.statement,
    claimed: spec.claimed,
    computation: text(spec.computation),
    inputs,
    result: checked.result,
    verdict,
    reasoning: checked.reasoning,
    assumptions: spec.assumptions.map(text),
    ...(checked.details ? { details: checked.details } : {}),
  };
}

export function buildLedger(file: ClaimsFile, ctx: LedgerContext): Ledger {
  return { claims: file.claims.map((c) => checkClaim(c, ctx)) };
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
