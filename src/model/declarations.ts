/**
 * Parameter descriptors: every scenario parameter is declared once, with the model's mechanics of
 * it — label, meaning, unit (from a closed set), hard bounds, whole numbers or not, interpolation,
 * options, lever metadata. Each stage module declares its own. What a country says of a parameter
 * (its default, plausible range and source) is the pack's, in `packs/<name>/parameters.yaml`
 * (src/pack/parameter-facts.ts): the model holds no country's numbers, so a second country is a folder
 * of data, not an edit here. The schema, the validation messages, the parameter reference and the
 * dashboard's controls are generated from the two together.
 *
 * A pack's default is a number, or a reference to an official figure in its `data/` (series +
 * period, optionally scaled), resolved when the baseline is built — official figures are never
 * typed into code.
 */

export const UNITS = {
  cases: 'cases (main applicants)',
  people: 'people (main applicants and dependants)',
  'people/year': 'people per year',
  'people/case': 'people per case',
  share: 'share (0–1)',
  days: 'days',
  months: 'months',
  staff: 'staff (headcount)',
  'decisions/decision-maker-month': 'decisions per productive decision-maker per month',
  'determinations/month': 'appeal determinations per month',
  'appeals/month': 'appeals per month',
  'returns/month': 'enforced returns per month',
  places: 'accommodation places (people)',
  'per year': 'hazard per year',
  multiplier: 'multiplier',
  'month-of-year': 'calendar month (1–12)',
  GBP: 'pounds sterling',
  'GBP/person-night': '£ per person per night',
  'GBP/person-week': '£ per person per week',
  'GBP/staff-year': '£ per staff member per year',
  'GBP/determination': '£ per appeal determination',
  'GBP/return': '£ per return',
  'GBP/person': '£ per person',
  'cases/year': 'cases per year',
  'GBP/year': '£ per year',
  'returns/staff-month': 'enforced returns per staff member per month',
  'people/return': 'people admitted per person returned',
  year: 'calendar year',
} as const;
export type Unit = keyof typeof UNITS;

/**
 * A reference to official figures: `(value(series, period) + Σ plus - Σ minus) * scale / per`, e.g. people
 * per case = people / cases for the same period; dispersal places = supported - in hotels.
 */
export interface DataRef {
  readonly series: string;
  readonly period: string;
  readonly scale?: number;
  readonly minus?: readonly DataRef[];
  /** Figures added before scaling (e.g. the populations of several states). */
  readonly plus?: readonly DataRef[];
  readonly per?: DataRef;
}

interface Common {
  readonly label: string;
  /** What the parameter means in the model, one or two sentences. */
  readonly description: string;
  /** A reporting choice rather than an uncertain quantity: never drawn under parametric uncertainty. */
  readonly fixed?: boolean;
}

export interface NumberParam extends Common {
  readonly kind: 'number';
  readonly unit: Unit;
  /** Allowed values (validation); a pack's plausible range lies inside them. */
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /**
   * The value when the parameter's stage does not run but a stage that runs reads it (e.g. the
   * returnable shares that triage claims); without one such a parameter takes `min`.
   */
  readonly neutral?: number;
}

export interface SchedulePoint {
  readonly date: string;
  readonly value: number;
}

/**
 * A schedule the optimiser may raise (`asylum-sim optimise --levers`): an increment added to every
 * point, costed by the cost parameter `cost.parameter`, which is a cost per unit of increment
 * `cost.per` year (a month's is a twelfth), month, or night (a month has 365.25/12).
 */
export interface LeverMeta {
  readonly label: string;
  readonly cost: { readonly parameter: string; readonly per: 'year' | 'month' | 'night' };
}

export interface ScheduleParam extends Common {
  readonly kind: 'schedule';
  /** Present when the optimiser may pull it. */
  readonly lever?: LeverMeta;
  readonly unit: Unit;
  /** `linear` interpolates between dated points; `step` holds each value until the next date. */
  readonly interpolation: 'linear' | 'step';
  readonly min: number;
  readonly max: number;
  /** As NumberParam's: a constant path of this value when the stage does not run (else `min`). */
  readonly neutral?: number;
}

export interface ChoiceParam<O extends string = string> extends Common {
  readonly kind: 'choice';
  readonly options: readonly O[];
  /** As NumberParam's: the option when the stage does not run (else the first option). */
  readonly neutral?: O;
}

export type ParamDef = NumberParam | ScheduleParam | ChoiceParam;

/**
 * A country's default for a parameter (packs/<name>/parameters.yaml), before official figures are
 * read: a number or figure (number parameters), dated points (schedules), an option (choices).
 */
export type DefaultValue = number | DataRef | readonly { readonly date: string; readonly value: number | DataRef }[] | string;

export const num = (def: Omit<NumberParam, 'kind'>): NumberParam => ({ kind: 'number', ...def });
export const schedule = (def: Omit<ScheduleParam, 'kind'>): ScheduleParam => ({ kind: 'schedule', ...def });
export const choice = <const O extends string>(def: Omit<ChoiceParam<O>, 'kind'>): ChoiceParam<O> => ({
  kind: 'choice',
  ...def,
});

/** A tree of parameter groups whose leaves are descriptors. */
export interface ParamTree {
  readonly [key: string]: ParamDef | ParamTree;
}

/** The resolved value type of a descriptor tree. */
export type Resolved<T> = T extends NumberParam
  ? number
  : T extends ScheduleParam
    ? readonly SchedulePoint[]
    : T extends ChoiceParam<infer O>
      ? O
      : { readonly [K in keyof T]: Resolved<T[K]> };

export function isParam(node: ParamDef | ParamTree): node is ParamDef {
  return typeof (node as ParamDef).kind === 'string' && typeof (node as ParamDef).label === 'string';
}

export function isDataRef(value: unknown): value is DataRef {
  return typeof value === 'object' && value !== null && 'series' in value && 'period' in value;
}

/** Every leaf of a tree with its dotted path, in declaration order. */
export function leaves(tree: ParamTree, prefix = ''): { path: string; def: ParamDef }[] {
  const out: { path: string; def: ParamDef }[] = [];
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isParam(node)) out.push({ path, def: node });
    else out.push(...leaves(node, path));
  }
  return out;
}
