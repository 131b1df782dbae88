/**
 * A country pack's manifest (`packs/<name>/pack.yaml`): what makes a folder of data "one
 * country" — its currency, when its financial year starts, where its built-in scenarios start,
 * the stages it runs and what follows each outcome (the routing table); its parameters' facts are
 * beside it in parameters.yaml (parameters.ts). Checked with zod (the stages and the routing by the model's own
 * schemas), so a bad manifest is refused with the field, the value and what is allowed.
 */
import { z } from 'zod';
import { InputError, showValue } from '../model/errors.js';
import { isIsoDate } from '../model/dates.js';
import { LIMITS } from '../model/limits.js';
import { routingProblems, routingSchema, stagesSchema } from '../model/routing.js';

const isoDate = z.string().refine(isIsoDate, 'a date YYYY-MM-DD');

export const packManifest = z.strictObject({
  /** The folder's name: lowercase words joined by hyphens. */
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens'),
  title: z.string().min(1),
  currency: z.strictObject({
    /** ISO 4217 style: three capital letters (a fictional country may make one up). */
    code: z.string().regex(/^[A-Z]{3}$/, 'three capital letters'),
    symbol: z.string().min(1).max(4),
  }),
  /** Calendar month (1–12) the financial year starts in. */
  financialYearStartMonth: z.number().int().min(1).max(12),
  baseline: z.strictObject({
    /** The observed state the built-in scenarios start from. */
    snapshotDate: isoDate,
    /** First day of the built-in scenarios: the first of a month, the day after the snapshot. */
    start: isoDate.refine((d) => d.endsWith('-01'), 'the first of a month'),
    horizonMonths: z.number().int().min(1).max(LIMITS.maxHorizonMonths),
  }),
  /** The model's stages the pack runs (arrivals and decisions always); the others are not built. */
  stages: stagesSchema,
  /** What follows each outcome: the handoffs of routing.ts, in order. */
  routing: routingSchema,
  /**
   * The dashboard editor's groups, in order: a title and the parameter paths it takes (a prefix,
   * less any prefixes of another group). A parameter in no group gets one of its top-level name.
   */
  dashboard: z
    .strictObject({
      groups: z.array(z.strictObject({ title: z.string().min(1), prefix: z.string().min(1), except: z.array(z.string().min(1)).optional() })),
    })
    .optional(),
});

export type PackManifest = z.infer<typeof packManifest>;

/** The value at a zod issue's path in the parsed YAML, for the message (a pack file's checks share it). */
export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], raw);
}

/** Check a parsed manifest; throws InputError naming the file, the field and what is allowed. */
export function checkManifest(raw: unknown, origin: string): PackManifest {
  const parsed = packManifest.safeParse(raw);
  if (parsed.success) {
    const problems = routingProblems(parsed.data.stages, parsed.data.routing);
    if (problems.length) throw new InputError(problems, origin);
    return parsed.data;
  }
  throw new InputError(
    parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(manifest)',
      value: showValue(valueAt(raw, issue.path)),
      allowed: issue.message,
    })),
    origin,
  );
}
