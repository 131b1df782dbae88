/**
 * The projection a claims file asks for: its base scenario (A) against the same scenario with the
 * file's overrides (B), compared on common random numbers by the caller (the CLI, or the server's
 * job queue). The overrides are written as a scenario file writes them, with dates relative to
 * the base scenario's start (`start`, `start + 6 months`), so they fit any base.
 */
import { monthLabel } from '../model/dates.js';
import { InputError, showValue } from '../model/errors.js';
import { START_DATE, type ClaimsFile } from './spec.js';

export type ProjectionSpec = NonNullable<ClaimsFile['projection']>;

/** The date `months` after an ISO date, the day kept (scenarios start on the 1st). */
function addMonths(iso: string, months: number): string {
  return `${monthLabel(iso, months)}-${iso.slice(8)}`;
}

function datesFrom(value: unknown, start: string, path: string): unknown {
  if (Array.isArray(value)) return value.map((v, k) => datesFrom(v, start, `${path}[${k}]`));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'date') out[key] = datesFrom(v, start, `${path}.${key}`);
    else {
      const m = typeof v === 'string' ? START_DATE.exec(v) : null;
      if (!m) throw new InputError({ field: `${path}.date`, value: showValue(v), allowed: '"start" or "start + N months" (the base scenario\'s start, or N months after it)' });
      out[key] = addMonths(start, Number(m[1] ?? 0));
    }
  }
  return out;
}

/** The overrides of scenario B for a base scenario starting on `start` (dates made absolute). */
export function projectionOverrides(spec: ProjectionSpec, start: string): Record<string, unknown> {
  return datesFrom(spec.overrides, start, 'projection.overrides') as Record<string, unknown>;
}

/** Scenario B's name and title, from the base's. */
export function variantOf(spec: ProjectionSpec, base: { readonly name: string; readonly title: string }): { name: string; title: string } {
  return { name: `${base.name}${spec.nameSuffix}`, title: `${base.title}${spec.titleSuffix}` };
}
