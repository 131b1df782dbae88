/**
 * The parameters the calibration estimates (those the record does not give directly), how an
 * estimate is put into a scenario, and the first guesses the search starts from. Dated estimates
 * of one path form a step schedule (e.g. productivity per year); undated ones set a number.
 */
import type { SchedulePoint } from '../model/declarations.js';
import type { Scenario } from '../model/schema.js';
import type { HistoricalScenario } from './history.js';
import type { CalibrationMap } from '../pack/calibration-map.js';
import type { ObservedData } from './observed.js';
import { parsePeriod } from './period.js';

export interface FreeParameter {
  /** Short name shown in reports (`productivity 2020`). */
  readonly name: string;
  /** Dotted scenario path the estimate sets. */
  readonly path: string;
  /** For a schedule: the date from which this value holds. */
  readonly date?: string;
  readonly lo: number;
  readonly hi: number;
  /** Whether the built-in scenarios' baseline takes this estimate (its latest value, for a schedule). */
  readonly forward: boolean;
  readonly description: string;
}

export interface Estimate {
  readonly name: string;
  readonly path: string;
  readonly date?: string;
  readonly value: number;
}

/** The free parameters of a backtest over the given quarters: what `calibrate` estimates. */
export function freeParameters(h: HistoricalScenario): FreeParameter[] {
  const end = parsePeriod(h.quarters[h.quarters.length - 1])!.end;
  const middle = parsePeriod(h.quarters[Math.floor(h.quarters.length / 2)])!.start;
  return [
    {
      name: 'support share',
      path: 'accommodation.supportShare',
      lo: 0.2,
      hi: 1,
      forward: true,
      description: 'Share of new claims that enter asylum support.',
    },
    {
      name: 'support after last decision',
      path: 'accommodation.supportEndDaysAfterRefusal',
      lo: 21,
      hi: 1500,
      forward: true,
      description: 'Mean days a refused, withdrawn or inadmissible case stays in support after its last decision (section 95 families and section 4 support keep some people for years).',
    },
    {
      name: 'leaving support while waiting',
      path: 'accommodation.leaveWhileWaitingPerYear',
      lo: 0,
      hi: 2,
      forward: true,
      description: 'Rate per year at which supported people awaiting an initial decision leave support before it.',
    },
    // Where the record gives the places (people in dispersal accommodation), they are read, not estimated.
    ...(h.dispersalFromRecord ? [] : [middle, end]).map((date) => ({
      name: `dispersal places ${date}`,
      path: 'accommodation.dispersalPlaces',
      date,
      lo: 10_000,
      hi: 200_000,
      forward: false,
      description: `Dispersal (and initial accommodation) places on ${date}, linear from the observed start; supported people beyond them are in hotels.`,
    })),
  ];
}

function getIn(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}

function setIn(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    o[k] = { ...(o[k] as Record<string, unknown>) };
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

/** The scenario with the estimates put in: dated estimates of a path as one step schedule. */
export function applyEstimates(s: Scenario, estimates: readonly Estimate[]): Scenario {
  const out = { ...s } as unknown as Record<string, unknown>;
  const byPath = new Map<string, Estimate[]>();
  for (const e of estimates) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  for (const [path, list] of byPath) {
    if (list.some((e) => e.date === undefined)) {
      setIn(out, path, list[list.length - 1].value);
    } else {
      const points: SchedulePoint[] = list
        .map((e) => ({ date: e.date!, value: e.value }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      // Points the scenario already has before the first estimate stay (e.g. the observed start).
      const before = (getIn(s, path) as SchedulePoint[]).filter((p) => p.date < points[0].date);
      setIn(out, path, [...before, ...points]);
    }
  }
  return out as unknown as Scenario;
}

/** Estimates the built-in scenarios take: numbers as estimated, a schedule's latest value from `start` on. */
export function forwardEstimates(free: readonly FreeParameter[], values: readonly number[], start: string): Estimate[] {
  return free.flatMap((f, i) => (f.forward ? [{ name: f.name, path: f.path, ...(f.date ? { date: start } : {}), value: values[i] }] : []));
}

/**
 * Where the search starts: the scenario's support values, and dispersal places from the people in
 * support at either end. (Productivity is not estimated: the backtest reads it from the record's
 * decisions per quarter, see history.ts.)
 */
export function initialGuess(h: HistoricalScenario, free: readonly FreeParameter[], data: ObservedData, roles: CalibrationMap['roles']): number[] {
  const s = h.scenario;
  const support = data.has(roles.supportPeople) ? data.series(roles.supportPeople) : [];
  const hotels = roles.hotelPeople !== undefined && data.has(roles.hotelPeople) ? data.series(roles.hotelPeople).filter((o) => /^\d{4}-\d{2}-\d{2}$/.test(o.period)) : [];
  return free.map((f) => {
    if (f.path === 'accommodation.supportShare') return clamp(s.accommodation.supportShare, f);
    if (f.path === 'accommodation.supportEndDaysAfterRefusal') return clamp(Math.max(s.accommodation.supportEndDaysAfterRefusal, 180), f);
    // Not 0: the search's first steps are a share of the first guess. One in five a year.
    if (f.path === 'accommodation.leaveWhileWaitingPerYear') return clamp(Math.max(s.accommodation.leaveWhileWaitingPerYear, 0.2), f);
    if (f.path === 'accommodation.dispersalPlaces') {
      // Supported people not in hotels, on the last date on or before the point both are recorded (no hotels recorded: none).
      const near = support.filter((o) => o.period <= f.date!).pop();
      const hotel = hotels.filter((o) => o.period <= f.date!).pop();
      return clamp((near?.value ?? s.snapshot.inSupportPeople) - (hotel?.value ?? 0), f);
    }
    return clamp((f.lo + f.hi) / 2, f);
  });
}

const clamp = (x: number, f: FreeParameter) => Math.min(f.hi, Math.max(f.lo, x));
