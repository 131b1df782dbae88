/**
 * The money and staff claims: ending the Rwanda scheme "would find money" for Labour's plan, and a
 * returns unit "backed by 1,000 staff". Staff costs are the model's stated assumption
 * (costs.caseworkerPerYear); the Rwanda figures are official (data/).
 */
import type { ObservedData } from '../calibration/observed.js';
import { PARAMETERS } from '../model/parameters.js';
import type { NumberParam } from '../model/declarations.js';
import { provenanceText, type PackParameters } from '../pack/parameters.js';
import { claimed, count, gbp, inputValue, observed } from './inputs.js';
import type { Claim, ClaimInput } from './types.js';

/** A parameter's default in the pack (packs/uk/parameters.yaml), as a claim input with its stated source. */
function parameterInput(parameters: PackParameters, path: string, name: string, unit: string): ClaimInput {
  const f = parameters.get(path);
  if (typeof f?.default !== 'number') throw new Error(`${path} must have a numeric default in the pack's parameters`);
  return { name, value: f.default, unit, scenario: `parameter ${path}`, source: provenanceText(f.provenance) };
}

/** The cost of a decision-maker per year, as a claim input with its stated source. */
export function staffCostInput(parameters: PackParameters): ClaimInput {
  return parameterInput(parameters, 'costs.caseworkerPerYear', 'cost of a caseworker per year', 'GBP per staff-year');
}

/** "Ending the Rwanda deportation plan would find money to spend on the proposals." */
export function rwandaClaim(data: ObservedData, parameters: PackParameters): Claim {
  const inputs: ClaimInput[] = [
    observed(data, 'paid to Rwanda by 30 Sep 2023', 'rwanda_paid_cumulative', '2023-09-30'),
    observed(data, 'gross cost per person relocated', 'rwanda_cost_per_person_gross', '2023-06'),
    claimed('extra caseworkers', 1_000, 'staff', 'Labour\'s plan, seed article'),
    claimed('returns unit staff', 1_000, 'staff', 'Labour\'s plan, seed article'),
    staffCostInput(parameters),
  ];
  const r = rwandaResult(inputs);
  return {
    id: 'rwanda-money',
    speaker: 'Labour',
    kind: 'arithmetic',
    statement: 'Ending the government\'s Rwanda deportation plan would find money to spend on Labour\'s proposals.',
    claimed: 'ending the scheme "would find money"',
    computation: 'Yearly cost of the 2,000 staff pledged (caseworkers and returns unit) at the model\'s staff cost, set against what the scheme had cost and what each relocation was expected to cost.',
    inputs,
    result: { value: r.staffPerYear, unit: 'GBP per year', text: `the 2,000 staff cost about ${gbp(r.staffPerYear)} a year, the gross cost of ${count(r.relocationsEquivalent)} relocations; ${gbp(inputValue(inputs, 'paid to Rwanda by 30 Sep 2023'))} was already paid` },
    verdict: 'depends on assumptions',
    reasoning: `The ${gbp(inputValue(inputs, 'paid to Rwanda by 30 Sep 2023'))} paid to Rwanda by September 2023 is spent and would not come back; ending the scheme saves only its future payments and flights, which were not published (no one had been relocated). At ${gbp(inputValue(inputs, 'gross cost per person relocated'))} per person relocated, the ${gbp(r.staffPerYear)} a year the 2,000 pledged staff would cost equals about ${count(r.relocationsEquivalent)} relocations a year. So the claim holds only if the scheme would otherwise have gone on spending at least that much each year.`,
    assumptions: ['staff cost of the model (an assumption, not an official figure)', 'future Rwanda payments unknown; the gross cost per relocation from the Home Office impact assessment'],
  };
}

export function rwandaResult(inputs: readonly ClaimInput[]): { staffPerYear: number; relocationsEquivalent: number } {
  const staff = inputValue(inputs, 'extra caseworkers') + inputValue(inputs, 'returns unit staff');
  const staffPerYear = staff * inputValue(inputs, 'cost of a caseworker per year');
  return { staffPerYear, relocationsEquivalent: staffPerYear / inputValue(inputs, 'gross cost per person relocated') };
}

const QUARTERS = ['2022Q3', '2022Q4', '2023Q1', '2023Q2'] as const;

/** A numeric parameter of the returns unit, as a claim input with its stated source. */
function returnsUnitParam(parameters: PackParameters, name: string, key: 'returnsPerStaffMonth' | 'costPerStaffYear'): ClaimInput {
  return parameterInput(parameters, `returns.unit.${key}`, name, (PARAMETERS.returns.unit[key] as NumberParam).unit);
}

/** "A new returns unit, again backed by 1,000 staff, to triage and fast-track removals." */
export function returnsUnitClaim(data: ObservedData, parameters: PackParameters): Claim {
  const inputs: ClaimInput[] = [
    claimed('returns unit staff', 1_000, 'staff', 'Labour\'s plan, seed article'),
    ...QUARTERS.map((q) => observed(data, `enforced returns ${q}`, 'returns_enforced_quarter', q)),
    returnsUnitParam(parameters, 'returns per unit staff member per month (model assumption)', 'returnsPerStaffMonth'),
    returnsUnitParam(parameters, 'cost of a returns unit staff member per year', 'costPerStaffYear'),
  ];
  const r = returnsUnitResult(inputs);
  return {
    id: 'returns-unit-1000',
    speaker: 'Labour',
    kind: 'arithmetic',
    statement: 'A new returns unit backed by 1,000 staff would triage and fast-track removals.',
    claimed: '1,000 staff',
    computation: 'Enforced returns in the year to June 2023 (sum of four quarters); the returns each of the 1,000 staff would need to add per year to double them; what the model\'s returns-unit assumption gives (staff × returns per staff-month × 12); the unit\'s yearly cost (staff × cost per staff-year).',
    inputs,
    result: { value: r.perStaffToDouble, unit: 'returns per staff-year', text: `${count(r.enforcedYear)} enforced returns in the year to June 2023; doubling them needs ${r.perStaffToDouble.toFixed(1)} more per staff member a year; the model's assumption gives ${count(r.modelExtraPerYear)} more a year; the unit costs about ${gbp(r.costPerYear)} a year` },
    verdict: 'depends on assumptions',
    reasoning: `Enforced returns (all immigration cases) were ${count(r.enforcedYear)} in the year to June 2023. Staff alone are not the limit: returns also need travel documents and agreements with the countries of return, and the plan gives no output figure for the unit. Each of 1,000 staff returning ${r.perStaffToDouble.toFixed(1)} more people a year would double enforced returns; the model's returns-unit lever assumes ${count(r.modelExtraPerYear)} more a year (${(r.modelExtraPerYear / r.enforcedYear).toFixed(1)} times the year's enforced returns), an assumption, not something the plan shows.`,
    assumptions: ['returns per staff member are not published; the model\'s returns-unit productivity is an assumption', 'enforced returns counted for all immigration cases, not only asylum'],
  };
}

export function returnsUnitResult(inputs: readonly ClaimInput[]): { enforcedYear: number; perStaffToDouble: number; modelExtraPerYear: number; costPerYear: number } {
  const enforcedYear = QUARTERS.reduce((sum, q) => sum + inputValue(inputs, `enforced returns ${q}`), 0);
  const staff = inputValue(inputs, 'returns unit staff');
  return {
    enforcedYear,
    perStaffToDouble: enforcedYear / staff,
    modelExtraPerYear: staff * inputValue(inputs, 'returns per unit staff member per month (model assumption)') * 12,
    costPerYear: staff * inputValue(inputs, 'cost of a returns unit staff member per year'),
  };
}
