/**
 * A pack's calibration map (`packs/<name>/calibration.yaml`): which series of the pack's catalogue
 * play the parts the backtest and the calibration read — the record's inputs and starting state
 * (roles), the families of series one per nationality and period (patterns), and the series set
 * beside the model (compared). The calibration reads roles, never series names, so a country whose
 * statistics name things otherwise needs a map, not code. Checked with zod and against the
 * catalogue, so a bad map is refused with the file, the field, the value and what is allowed.
 * Pure (the dashboard's types reach it); src/pack/load.ts reads the file.
 */
import { z } from 'zod';
import { InputError, showValue, type InputProblem } from '../model/errors.js';
import { NATIONALITIES } from '../model/nationalities.js';
import { SERIES, type SeriesName } from '../model/result.js';
import { didYouMean } from '../model/suggest.js';
import { valueAt } from './manifest.js';

/** Roles the backtest cannot run without: its inputs and the starting state it must observe. */
export const REQUIRED_ROLES = [
  'claims',
  'headcount',
  'backlogPeople',
  'backlogCases',
  'over6mPeople',
  'legacyCases',
  'supportPeople',
  'decisions',
  'grants',
  'refusals',
  'withdrawals',
] as const;

/** Roles the backtest reads where the record has them, else keeps the scenario's value or derives one. */
export const OPTIONAL_ROLES = [
  'smallBoats',
  'hotelPeople',
  'dispersalPeople',
  'appealsOutstanding',
  'appealsLodged',
  'tribunalReceipts',
  'tribunalDisposals',
  'tribunalAllowedShare',
  'tribunalWithdrawnShare',
  'appealsDetermined',
  'returnsEnforced',
] as const;

export type RequiredRole = (typeof REQUIRED_ROLES)[number];
export type OptionalRole = (typeof OPTIONAL_ROLES)[number];
export type Role = RequiredRole | OptionalRole;

/**
 * Families of series, one per nationality (and period form): `{nationality}` stands for each of the
 * model's nationalities, `{period}` for `year`, `half` or `quarter`. Each is optional: without it
 * the backtest keeps the scenario's mix and grant rates.
 */
export const PATTERNS = {
  /** Claims (people) of one nationality in a period: `{nationality}` and `{period}`. */
  claimsByNationality: ['nationality', 'period'],
  /** Claims (people) of every nationality in a period, which the nationalities' claims are shares of: `{period}`. */
  claimsTotal: ['period'],
  /** Initial grant rate (percent) of one nationality in a period: `{nationality}` and `{period}`. */
  grantRateByNationality: ['nationality', 'period'],
  /** Main applicants of one named nationality awaiting an initial decision on a date: `{nationality}`. */
  backlogByNationality: ['nationality'],
} as const satisfies Record<string, readonly Placeholder[]>;

type Placeholder = 'nationality' | 'period';
export type PatternRole = keyof typeof PATTERNS;
/** What `{period}` stands for: the record's period forms a pattern's series come in. */
export const PERIOD_FORMS = ['year', 'half', 'quarter'] as const;

/** A series of the record set beside a model series, and how (see calibration/compared-series.ts). */
export interface Compared {
  /** The record's series. */
  readonly series: string;
  readonly model: SeriesName;
  /** A stock is compared at the end of its month; a flow over a quarter, as the sum of its three months. */
  readonly kind: 'stock' | 'flow';
  readonly label: string;
  readonly unit: string;
  /** MAPE aimed at over the scored periods (a share). */
  readonly target?: number;
  /** Weight in the calibration loss (0: shown, not fitted). */
  readonly weight: number;
}

export interface CalibrationMap {
  /** The file it was read from, as messages name it. */
  readonly file: string;
  readonly roles: Readonly<Record<RequiredRole, string> & Partial<Record<OptionalRole, string>>>;
  readonly patterns: Readonly<Partial<Record<PatternRole, string>>>;
  readonly compared: readonly Compared[];
}

/** The series names a map is checked against: the pack's catalogue (calibration/series-catalogue.ts). */
export interface CatalogueNames {
  readonly file: string;
  has(series: string): boolean;
  names(): string[];
}

const seriesName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case series name');
const patternText = z.string().regex(/^[a-z][a-z0-9_]*(\{(nationality|period)\}[a-z0-9_]*)*$/, 'a snake_case series name with {nationality} and {period} where they vary');

const calibrationMapSchema = z.strictObject({
  roles: z.strictObject({
    ...Object.fromEntries(REQUIRED_ROLES.map((r) => [r, seriesName])),
    ...Object.fromEntries(OPTIONAL_ROLES.map((r) => [r, seriesName.optional()])),
  } as Record<RequiredRole, typeof seriesName> & Record<OptionalRole, z.ZodOptional<typeof seriesName>>),
  patterns: z
    .strictObject(Object.fromEntries(Object.keys(PATTERNS).map((p) => [p, patternText.optional()])) as Record<PatternRole, z.ZodOptional<typeof patternText>>)
    .optional(),
  compared: z
    .array(
      z.strictObject({
        series: seriesName,
        model: z.enum(SERIES),
        kind: z.enum(['stock', 'flow']),
        label: z.string().min(1),
        unit: z.string().min(1),
        target: z.number().gt(0).max(1).optional(),
        weight: z.number().min(0),
      }),
    )
    .min(1, 'at least one series to set beside the model'),
});

/** The series of a pattern for one nationality and period form. */
export function patternSeries(pattern: string, values: { readonly nationality?: string; readonly period?: string }): string {
  return pattern.replace(/\{(nationality|period)\}/g, (_, key: Placeholder) => values[key] ?? `<${key}>`);
}

/** Every series a pattern stands for. */
function expansions(pattern: string): string[] {
  const nationalities = pattern.includes('{nationality}') ? NATIONALITIES : [undefined];
  const periods = pattern.includes('{period}') ? PERIOD_FORMS : [undefined];
  return nationalities.flatMap((nationality) => periods.map((period) => patternSeries(pattern, { nationality, period })));
}

/** The fields the map's schema knows at a path (where zod found an unknown one). */
function knownKeys(path: readonly PropertyKey[]): string[] {
  const shape = calibrationMapSchema.shape;
  if (path[0] === 'roles') return Object.keys(shape.roles.shape);
  if (path[0] === 'patterns') return Object.keys(shape.patterns.unwrap().shape);
  if (path[0] === 'compared') return Object.keys(shape.compared.element.shape);
  return Object.keys(shape);
}

/** Check a parsed map against the schema and the pack's catalogue; throws InputError naming `origin`, the field and what is allowed. */
export function checkCalibrationMap(raw: unknown, origin: string, catalogue: CatalogueNames): CalibrationMap {
  const parsed = calibrationMapSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.flatMap((issue): InputProblem[] => {
        const field = issue.path.join('.');
        if (issue.code === 'unrecognized_keys') {
          // A misspelt role or pattern: name the key and the known ones, with the closest.
          const known = knownKeys(issue.path);
          return issue.keys.map((key) => {
            const suggestion = didYouMean(key, known);
            return { field: field ? `${field}.${key}` : key, value: 'an unknown field', allowed: `one of ${known.join(', ')}${suggestion ? ` — ${suggestion}` : ''}` };
          });
        }
        const value = valueAt(raw, issue.path);
        const allowed =
          issue.code === 'invalid_value'
            ? `one of ${issue.values.join(', ')}`
            : value === undefined && issue.path[0] === 'roles'
              ? `a series of the pack's catalogue (${catalogue.file}): the backtest cannot run without this role`
              : issue.message;
        return [{ field: field || '(calibration map)', value: showValue(value), allowed }];
      }),
      origin,
    );
  }
  const map = parsed.data;
  const problems: InputProblem[] = [];
  const inCatalogue = `a series of the pack's catalogue (${catalogue.file})`;
  const named = (field: string, series: string) => {
    if (catalogue.has(series)) return;
    const suggestion = didYouMean(series, catalogue.names());
    problems.push({ field, value: showValue(series), allowed: `${inCatalogue}${suggestion ? ` — ${suggestion}` : ''}` });
  };
  for (const [role, series] of Object.entries(map.roles)) if (series !== undefined) named(`roles.${role}`, series);
  for (const [role, pattern] of Object.entries(map.patterns ?? {}) as [PatternRole, string | undefined][]) {
    if (pattern === undefined) continue;
    const takes: readonly Placeholder[] = PATTERNS[role];
    const used = (['nationality', 'period'] as const).filter((p) => pattern.includes(`{${p}}`));
    if (used.length !== takes.length || used.some((p) => !takes.includes(p))) {
      problems.push({ field: `patterns.${role}`, value: showValue(pattern), allowed: `a series name with ${takes.map((p) => `{${p}}`).join(' and ')} in it, and no other placeholder` });
    } else if (!expansions(pattern).some((s) => catalogue.has(s))) {
      problems.push({ field: `patterns.${role}`, value: showValue(pattern), allowed: `a pattern naming at least one series of the pack's catalogue (${catalogue.file}), e.g. ${expansions(pattern)[0]}` });
    }
  }
  map.compared.forEach((c, i) => {
    named(`compared.${i}.series`, c.series);
    // The backtest reports each compared series under its name: a second entry would hide the first.
    const first = map.compared.findIndex((d) => d.series === c.series);
    if (first < i) problems.push({ field: `compared.${i}.series`, value: showValue(c.series), allowed: `each series once; already compared.${first}` });
  });
  if (problems.length > 0) throw new InputError(problems, origin);
  return { file: origin, roles: map.roles, patterns: map.patterns ?? {}, compared: map.compared };
}
