/**
 * The past as model input: a scenario that starts from the observed state on the day before
 * `from` and is driven by the record — claims per quarter, the small-boat share per year,
 * decision-maker headcount, and outcome rates per year — so that what it produces (the backlog,
 * decisions, people in support and in hotels) can be set beside the record. Everything here is
 * read by role: the pack's calibration map (src/pack/calibration-map.ts) says which series of the
 * data files plays each, so a newer official release in the same format extends the run without a
 * code change, and a country whose statistics are named otherwise needs a map, not code.
 */
import { daysBetween, epochDay, isoFromEpochDay } from '../model/dates.js';
import { InputError, showValue } from '../model/errors.js';
import type { SchedulePoint } from '../model/declarations.js';
import { makeHorizon, scheduleValue } from '../model/horizon.js';
import { NAMED_NATIONALITIES, NATIONALITIES, type Nationality } from '../model/nationalities.js';
import { planWorkforce } from '../model/workforce.js';
import type { Scenario } from '../model/schema.js';
import { PERIOD_FORMS, patternSeries, type CalibrationMap, type OptionalRole, type PatternRole } from '../pack/calibration-map.js';
import type { ObservedData } from './observed.js';
import { parsePeriod } from './period.js';

/** The roles of the record (the pack's calibration map says which series plays each). */
type Roles = CalibrationMap['roles'];
type Patterns = CalibrationMap['patterns'];

/** The record's figure of a series for a period; none when the map names no series for the role. */
function figureOf(data: ObservedData, series: string | undefined, period: string): number | undefined {
  return series === undefined ? undefined : data.figure(series, period);
}

/** Whether the record has a series (a role the map names no series for has none). */
function hasSeries(data: ObservedData, series: string | undefined): series is string {
  return series !== undefined && data.has(series);
}

/** An optional role's series as notes name it. */
function shown(roles: Roles, role: OptionalRole): string {
  return roles[role] ?? `${role} (no series in the calibration map)`;
}

/** A figure of the starting state or the inputs that was worked out rather than read. */
export interface Derivation {
  readonly field: string;
  readonly value: number;
  readonly how: string;
}

export interface HistoricalScenario {
  readonly scenario: Scenario;
  /** Every value of the starting state and inputs not read directly from the record, and how it was found. */
  readonly derived: readonly Derivation[];
  /** The quarters of the run, in order (`2018Q1` …). */
  readonly quarters: readonly string[];
  /** Whether the record gave dispersal places after the start (then they are not estimated). */
  readonly dispersalFromRecord: boolean;
}

interface Quarter {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly year: number;
}

/** The quarters from `from` (first day of a quarter) to `to` (last day of a quarter). */
export function quartersBetween(from: string, to: string): Quarter[] {
  const start = parsePeriod(from);
  const end = parsePeriod(to);
  const firstOfQuarter = start?.kind === 'date' && /-(01|04|07|10)-01$/.test(from);
  if (!firstOfQuarter) throw new InputError({ field: '--from', value: showValue(from), allowed: 'the first day of a quarter, e.g. 2018-01-01 (the record is quarterly)' });
  const lastOfQuarter = end?.kind === 'date' && /-(03-31|06-30|09-30|12-31)$/.test(to);
  if (!lastOfQuarter) throw new InputError({ field: '--to', value: showValue(to), allowed: 'the last day of a quarter, e.g. 2023-06-30 (the record is quarterly)' });
  if (to < from) throw new InputError({ field: '--to', value: showValue(to), allowed: `a date after --from (${from})` });
  const out: Quarter[] = [];
  let year = Number(from.slice(0, 4));
  let q = (Number(from.slice(5, 7)) + 2) / 3;
  for (;;) {
    const label = `${year}Q${q}`;
    const p = parsePeriod(label)!;
    if (p.end > to) break;
    out.push({ label, start: p.start, end: p.end, year });
    if (++q > 4) {
      q = 1;
      year++;
    }
  }
  return out;
}

const dayBefore = (iso: string) => isoFromEpochDay(epochDay(iso) - 1);

/** Months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

/** A required figure: a clear message when the record lacks it (the fix is a data file). */
function required(data: ObservedData, series: string, period: string, why: string): number {
  const v = data.figure(series, period);
  if (v === undefined) {
    throw new InputError(
      { field: 'data', value: `${series} for ${period}`, allowed: `a data file with that figure (${why}); add one with --data` },
      'backtest',
    );
  }
  return v;
}

/**
 * A ratio of two stocks at the date nearest to `date` at which both are recorded (used to derive
 * a stock the record lacks on that date from one it has).
 */
function nearestRatio(data: ObservedData, numerator: string, denominator: string, date: string): { ratio: number; at: string } | undefined {
  if (!data.has(numerator) || !data.has(denominator)) return undefined;
  let best: { ratio: number; at: string; distance: number } | undefined;
  for (const o of data.series(numerator)) {
    const p = parsePeriod(o.period);
    if (p?.kind !== 'date') continue;
    const d = data.get(denominator, o.period);
    if (d === undefined || d <= 0) continue;
    const distance = Math.abs(daysBetween(date, o.period));
    if (!best || distance < best.distance) best = { ratio: o.value / d, at: o.period, distance };
  }
  return best && { ratio: best.ratio, at: best.at };
}

/** The date a headcount figure stands for: a date itself, the middle of a month or financial year. */
function pointDate(period: string): string | undefined {
  const p = parsePeriod(period);
  if (!p) return undefined;
  if (p.kind === 'date') return p.start;
  if (p.kind === 'month' || p.kind === 'financial-year' || p.kind === 'quarter' || p.kind === 'year') {
    return isoFromEpochDay(Math.round((epochDay(p.start) + epochDay(p.end)) / 2));
  }
  return undefined;
}

/** A stock's figure at the recorded date nearest to `date`, within `days` days. */
function nearestStock(data: ObservedData, series: string | undefined, date: string, days: number): { value: number; at: string } | undefined {
  if (!hasSeries(data, series)) return undefined;
  let best: { value: number; at: string; distance: number } | undefined;
  for (const o of data.series(series)) {
    if (parsePeriod(o.period)?.kind !== 'date') continue;
    const distance = Math.abs(daysBetween(date, o.period));
    if (distance <= days && (!best || distance < best.distance)) best = { value: o.value, at: o.period, distance };
  }
  return best && { value: best.value, at: best.at };
}

/** Decision-maker headcount points of the record, by date (several figures for one date: the last listed). */
export function headcountPath(data: ObservedData, roles: Roles): SchedulePoint[] {
  const byDate = new Map<string, number>();
  for (const o of data.series(roles.headcount)) {
    const date = pointDate(o.period);
    if (date) byDate.set(date, o.value);
  }
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, value]) => ({ date, value }));
}

/**
 * The scenario's withdrawal share (before its multiplier over time) and its grant share of grants
 * plus refusals on a date: each nationality's grant rate then, weighted by its share of claims
 * then (the decided cases' mix is not published; the claims' is the nearest).
 */
export function outcomeShares(s: Scenario, date: string): { withdraw: number; grant: number } {
  let weight = 0;
  let grant = 0;
  for (const n of NATIONALITIES) {
    const w = scheduleValue(s.arrivals.nationalityMix[n], 'step', date, 0);
    weight += w;
    grant += w * scheduleValue(s.decisions.grantRate[n], 'step', date, 0);
  }
  return { withdraw: s.decisions.withdrawShare, grant: weight > 0 ? grant / weight : 0 };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The record's outcome counts of a quarter (people): decisions, grants, refusals, withdrawals, and the rest. */
function outcomeCounts(data: ObservedData, roles: Roles, q: Quarter) {
  const get = (series: string) => required(data, series, q.label, 'outcome rates by quarter');
  const decisions = get(roles.decisions);
  const grants = get(roles.grants);
  const refusals = get(roles.refusals);
  const withdrawals = get(roles.withdrawals);
  return { decisions, grants, refusals, withdrawals, other: Math.max(0, decisions - grants - refusals - withdrawals) };
}

/**
 * Outcome rates per quarter from the record's outcome counts (a direct estimate, not a fit): the
 * multipliers that turn the scenario's withdrawal share and grant share into each quarter's
 * observed shares.
 */
export function outcomeMultipliers(data: ObservedData, roles: Roles, base: Scenario, quarters: readonly Quarter[]): { withdrawal: SchedulePoint[]; grant: SchedulePoint[] } {
  const withdrawal: SchedulePoint[] = [];
  const grant: SchedulePoint[] = [];
  for (const q of quarters) {
    const shares = outcomeShares(base, q.start);
    const { decisions, grants, refusals, withdrawals } = outcomeCounts(data, roles, q);
    withdrawal.push({ date: q.start, value: decisions > 0 && shares.withdraw > 0 ? withdrawals / decisions / shares.withdraw : 1 });
    grant.push({ date: q.start, value: grants + refusals > 0 && shares.grant > 0 ? grants / (grants + refusals) / shares.grant : 1 });
  }
  return { withdrawal, grant };
}

/**
 * Productivity per quarter read from the record (decisions ÷ decision-makers), as the index on
 * decisions.productivity that lets the productive decision-makers of the quarter make the
 * recorded decisions: the recorded cases, weighted by the work of their outcomes (a withdrawal
 * costs a fraction of a refusal), over the quarter's capacity at index 1 and the declared default
 * productivity. A direct estimate, not a fit (the calibration does not estimate productivity: a
 * correction on top traded the decisions' fit for the backlog's in-sample and drifted out of it).
 */
export function productivityPath(data: ObservedData, roles: Roles, s: Scenario, quarters: readonly Quarter[]): SchedulePoint[] {
  const productive = planWorkforce(s.decisions, makeHorizon(s.start, s.horizonMonths)).productive;
  const e = s.decisions.outcomeEffort;
  // People per decided case: that of the backlog the quarter starts with, followed from the
  // starting state through the record's claims (at the claims' people per case) and decisions.
  // The starting backlog's cases are larger than new claims (1.31 against 1.24 people at mid-2023):
  // reading decisions at the claims' size would let the model decide too many people.
  let people = s.snapshot.awaitingDecisionPeople;
  let cases = s.snapshot.awaitingDecisionCases;
  return quarters.map((q, i) => {
    const c = outcomeCounts(data, roles, q);
    const perCase = cases > 0 && people >= cases ? people / cases : s.arrivals.peoplePerCase;
    const work = c.decisions > 0 ? (c.grants * e.grant + c.refusals * e.refuse + c.withdrawals * e.withdraw + c.other * e.inadmissible) / perCase : 0;
    const claims = required(data, roles.claims, q.label, 'claims drive the run');
    people = Math.max(0, people + claims - c.decisions);
    cases = Math.max(0, cases + claims / s.arrivals.peoplePerCase - c.decisions / perCase);
    // At the base scenario's productivity — the pack's default, which the calibration does not
    // estimate — so that a backtest on a calibrated baseline and one on the defaults read the same
    // capacity from the record.
    let capacity = 0;
    for (let m = 3 * i; m < 3 * i + 3; m++) capacity += productive[m] * s.decisions.productivity;
    return { date: q.start, value: capacity > 0 ? Math.min(10, work / capacity) : 1 };
  });
}

/** Where a quarterly input is read from: a series, and its figure turned into the input (undefined: not usable). */
interface QuarterlySource {
  /** None when the map names no series for the role. */
  readonly series: string | undefined;
  readonly value: (x: number, q: Quarter) => number | undefined;
}

/** The four quarters ending with `q` (earliest first). */
function yearTo(q: Quarter): Quarter[] {
  const start = isoFromEpochDay(epochDay(q.start) - 270);
  return quartersBetween(`${start.slice(0, 8)}01`, q.end).slice(-4);
}

/**
 * A quarterly input read from the record: per quarter, the first source with a usable figure;
 * held from the last such quarter (and back from the first). Undefined when no quarter has one.
 */
function quarterlyPath(data: ObservedData, quarters: readonly Quarter[], sources: readonly QuarterlySource[]): { points: SchedulePoint[]; from: string[] } | undefined {
  const values = quarters.map((q) => {
    for (const src of sources) {
      if (src.series === undefined) continue;
      const x = data.figure(src.series, q.label);
      const v = x === undefined ? undefined : src.value(x, q);
      if (v !== undefined) return { value: v, series: src.series };
    }
    return undefined;
  });
  const firstKnown = values.find((v) => v !== undefined);
  if (!firstKnown) return undefined;
  let last = firstKnown.value;
  const points = quarters.map((q, i) => {
    last = values[i]?.value ?? last;
    return { date: q.start, value: last };
  });
  return { points, from: [...new Set(values.flatMap((v) => (v ? [v.series] : [])))] };
}

/**
 * The tribunal driven by the record: capacity from its disposals, the allowed and withdrawn shares
 * as recorded, and the appeal rate from appeals received (the tribunal's count, else the Home
 * Office's appeals lodged) over the quarter's refused cases that may appeal.
 */
function tribunalPaths(data: ObservedData, roles: Roles, base: Scenario, quarters: readonly Quarter[], derived: Derivation[]): Scenario['appeals'] {
  const a = base.appeals;
  const perCase = base.arrivals.peoplePerCase;
  const note = (field: string, path: { points: SchedulePoint[]; from: string[] } | undefined, how: string) => {
    if (path) derived.push({ field, value: path.points.length, how: `per quarter from the record (${path.from.join(', ')}): ${how}` });
    else derived.push({ field, value: 0, how: 'not in the record for these quarters: the baseline value' });
    return path?.points;
  };
  const capacity = note(
    'appeals.determinationsPerMonth',
    quarterlyPath(data, quarters, [
      { series: roles.tribunalDisposals, value: (x) => x / 3 },
      { series: roles.appealsDetermined, value: (x) => x / 3 },
    ]),
    'disposals (else the Home Office\'s appeals determined) per quarter ÷ 3; held after the last recorded quarter',
  );
  // Little's law over the four quarters to this one (fewer where the record starts later): the
  // appeals outstanding at their ends over the disposals per day in them. A year smooths the
  // pandemic's quarters, when disposals fell for a while but the time at the tribunal did not jump.
  const time = note(
    'appeals.hearingDaysScale',
    quarterlyPath(data, quarters, [
      {
        series: roles.tribunalDisposals,
        value: (_, q) => {
          let outstanding = 0;
          let disposed = 0;
          let days = 0;
          let n = 0;
          for (const k of yearTo(q)) {
            const o = figureOf(data, roles.appealsOutstanding, k.end);
            const d = figureOf(data, roles.tribunalDisposals, k.label);
            if (o === undefined || d === undefined) continue;
            outstanding += o;
            disposed += d;
            days += daysBetween(k.start, k.end) + 1;
            n++;
          }
          return disposed > 0 ? outstanding / n / (disposed / days) / a.hearingDays : undefined;
        },
      },
    ]),
    `Little's law over the four quarters to each: ${shown(roles, 'appealsOutstanding')} at their ends (mean) ÷ disposals per day in them, over appeals.hearingDays (${Math.round(a.hearingDays)} days)`,
  );
  const allowed = note(
    'appeals.allowedShare',
    quarterlyPath(data, quarters, [{ series: roles.tribunalAllowedShare, value: (x) => x / 100 }]),
    'allowed as a share of appeals determined',
  );
  const withdrawn = note(
    'appeals.withdrawnShare',
    quarterlyPath(data, quarters, [{ series: roles.tribunalWithdrawnShare, value: (x) => x / 100 }]),
    'withdrawn as a share of disposals',
  );
  // Appeals received over the quarter's refused cases that may appeal (refusals are people).
  const rate = (received: number, q: Quarter) => {
    const r = data.figure(roles.refusals, q.label);
    return r !== undefined && r > 0 ? Math.min(1, received / ((r / perCase) * (1 - a.certifiedShare))) : undefined;
  };
  const appealRate = note(
    'appeals.appealRate',
    quarterlyPath(data, quarters, [{ series: roles.appealsLodged, value: rate }]),
    `the Home Office's appeals lodged after initial decisions ÷ refused cases (refusals ÷ ${perCase} people per case, less the certified share), at most 1; held after the last recorded quarter`,
  );
  // The tribunal receives more protection appeals than follow initial decisions (refused further
  // submissions, revocations): its receipts less the Home Office's count, where both exist.
  const otherPerMonth = note(
    'appeals.otherPerMonth',
    quarterlyPath(data, quarters, [
      {
        series: roles.tribunalReceipts,
        value: (received, q) => {
          const lodged = figureOf(data, roles.appealsLodged, q.label);
          return lodged === undefined ? undefined : Math.max(0, received - lodged) / 3;
        },
      },
    ]),
    `the tribunal's receipts (${shown(roles, 'tribunalReceipts')}) less the Home Office's appeals lodged, ÷ 3; held after the last quarter with both`,
  );
  return {
    ...a,
    ...(capacity ? { determinationsPerMonth: capacity } : {}),
    ...(allowed ? { allowedShare: allowed } : {}),
    ...(time ? { hearingDaysScale: time } : {}),
    ...(withdrawn ? { withdrawnShare: withdrawn } : {}),
    ...(appealRate ? { appealRate } : {}),
    ...(otherPerMonth ? { otherPerMonth } : {}),
  };
}

/**
 * Claims per quarter as the two routes' scaling paths: with seasonality off (the quarterly record
 * already carries it), each quarter's daily rate times its days equals the recorded claims, split
 * by the year's small-boat share.
 */
function arrivalsPaths(data: ObservedData, roles: Roles, base: Scenario, quarters: readonly Quarter[], derived: Derivation[]) {
  const a = base.arrivals;
  const claims = quarters.map((q) => required(data, roles.claims, q.label, 'claims drive the run'));
  const boatsByYear = new Map<number, number>();
  if (hasSeries(data, roles.smallBoats)) for (const o of data.series(roles.smallBoats)) boatsByYear.set(Number(o.period), o.value);
  const shareByYear = new Map<number, number>();
  let latest: number | undefined;
  for (const year of [...new Set(quarters.map((q) => q.year))]) {
    const boats = boatsByYear.get(year);
    const inYear = quarters.filter((q) => q.year === year);
    const yearClaims = inYear.length === 4 ? sum(inYear.map((q) => claims[quarters.indexOf(q)])) : undefined;
    if (boats !== undefined && yearClaims) latest = Math.min(0.95, boats / yearClaims);
    else derived.push({ field: `small-boat share ${year}`, value: latest ?? a.smallBoatShare, how: `no ${shown(roles, 'smallBoats')} for a whole year ${year} in the record: the latest year's share` });
    shareByYear.set(year, latest ?? a.smallBoatShare);
  }
  const smallBoatScale: SchedulePoint[] = [];
  const otherScale: SchedulePoint[] = [];
  quarters.forEach((q, i) => {
    const days = daysBetween(q.start, q.end) + 1;
    const expected = (a.claimsPeoplePerYear * days) / 365.25;
    const share = shareByYear.get(q.year)!;
    smallBoatScale.push({ date: q.start, value: a.smallBoatShare > 0 ? (claims[i] * share) / (expected * a.smallBoatShare) : 0 });
    otherScale.push({ date: q.start, value: a.smallBoatShare < 1 ? (claims[i] * (1 - share)) / (expected * (1 - a.smallBoatShare)) : 0 });
  });
  return { ...a, seasonalAmplitude: 0, smallBoatScale, otherScale };
}

/** The observed stocks on the day before `from`, deriving those the record lacks on that day. */
function startingState(data: ObservedData, roles: Roles, base: Scenario, from: string, derived: Derivation[]): Scenario['snapshot'] {
  const date = dayBefore(from);
  const people = required(data, roles.backlogPeople, date, 'the starting backlog');
  const fromRatio = (series: string, per: string, value: number, field: string): number => {
    const direct = data.figure(series, date);
    if (direct !== undefined) return direct;
    const r = nearestRatio(data, series, per, date);
    if (!r) throw new InputError({ field: 'data', value: `${series} near ${date}`, allowed: 'a figure of it on some date with one of ' + per }, 'backtest');
    const v = Math.round(value * r.ratio);
    derived.push({ field, value: v, how: `${series} is not recorded on ${date}: ${per} × their ratio on ${r.at} (${r.ratio.toFixed(3)})` });
    return v;
  };
  const cases = fromRatio(roles.backlogCases, roles.backlogPeople, people, 'snapshot.awaitingDecisionCases');
  const over6m = fromRatio(roles.over6mPeople, roles.backlogPeople, people, 'snapshot.over6mPeople');
  const beforeCutoff = date < '2022-06-28';
  const legacy = beforeCutoff ? 0 : fromRatio(roles.legacyCases, roles.backlogCases, cases, 'snapshot.legacyCases');
  const support = required(data, roles.supportPeople, date, 'people in support at the start');
  let appeals = figureOf(data, roles.appealsOutstanding, date);
  const near = appeals === undefined ? nearestStock(data, roles.appealsOutstanding, date, 92) : undefined;
  if (near) {
    appeals = near.value;
    derived.push({ field: 'snapshot.awaitingAppealCases', value: appeals, how: `${shown(roles, 'appealsOutstanding')} is not recorded on ${date}: its figure on ${near.at}, the nearest within a quarter` });
  }
  if (appeals === undefined) {
    const q = quartersBetween(quarterStart(isoFromEpochDay(epochDay(date) - 180)), date);
    const lodged = q.map((x) => figureOf(data, roles.appealsLodged, x.label));
    appeals = lodged.every((x) => x !== undefined) && lodged.length > 0 ? sum(lodged as number[]) : base.snapshot.awaitingAppealCases;
    derived.push({
      field: 'snapshot.awaitingAppealCases',
      value: appeals,
      how: `${shown(roles, 'appealsOutstanding')} is not recorded on ${date}: assumed equal to the appeals lodged in the two quarters before (about six months at the tribunal)`,
    });
  }
  derived.push({ field: 'snapshot.awaitingReturnCases', value: base.snapshot.awaitingReturnCases, how: 'no official stock is published: the baseline assumption' });
  return {
    ...base.snapshot,
    awaitingDecisionPeople: people,
    awaitingDecisionCases: Math.min(cases, people),
    over6mPeople: Math.min(over6m, people),
    legacyCases: legacy,
    inSupportPeople: support,
    awaitingAppealCases: appeals,
  };
}

/**
 * Dispersal places: at the start, everyone supported but those recorded in hotels; after it, the
 * record's people in dispersal accommodation where it has them (dispersal was full and hotels took
 * the overflow, so the people in it are the places), linear between dates. Without them the
 * calibration estimates the places (estimates.ts).
 */
function dispersalPath(data: ObservedData, roles: Roles, from: string, to: string, start: number, derived: Derivation[]): SchedulePoint[] | undefined {
  const recorded = hasSeries(data, roles.dispersalPeople)
    ? data.series(roles.dispersalPeople).filter((o) => parsePeriod(o.period)?.kind === 'date' && o.period >= from && o.period <= to)
    : [];
  if (recorded.length === 0) return undefined;
  derived.push({
    field: 'accommodation.dispersalPlaces',
    value: recorded.length,
    how: `from the record (${shown(roles, 'dispersalPeople')}, people in dispersal accommodation at each date, taken as the places), linear from the observed start (${Math.round(start)}); held after the last date`,
  });
  return [{ date: from, value: start }, ...recorded.map((o) => ({ date: o.period, value: o.value }))];
}

/** People recorded in hotels on a date (none recorded: none in hotels — hotels as contingency began in 2020). */
function hotelsAt(data: ObservedData, roles: Roles, date: string): number {
  return figureOf(data, roles.hotelPeople, date) ?? 0;
}

/** The first day of the quarter an ISO date falls in. */
function quarterStart(iso: string): string {
  const m = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
}

/**
 * Policies that decided which claims could be decided, as they happened: applied to every backtest,
 * since a backtest is driven by what happened (like the record's headcount). Dated, with sources;
 * shown in the report's derived inputs when they fall inside the run.
 */
export const POLICY_TIMELINE = [
  {
    path: 'decisions.hold.released',
    date: '2024-08-01',
    value: 1,
    what: 'claims held under the Illegal Migration Act 2023 released for decision: the Illegal Migration Act 2023 (Amendment) Regulations 2024, laid 23 July 2024, restarted their processing from the end of July 2024',
    source: 'https://childrenslegalcentre.wales/cy/briefing-note-asylum-after-the-general-election-where-are-we-now/',
  },
] as const;

/** The hold rules of a backtest: the scenario's, with the timeline's releases from their dates. */
function policyTimeline(base: Scenario, from: string, to: string, derived: Derivation[]): Scenario['decisions']['hold'] {
  const released: SchedulePoint[] = [{ date: from, value: 0 }];
  for (const p of POLICY_TIMELINE) {
    if (p.date > to) continue;
    // A policy in force before the run starts is its starting value.
    if (p.date <= from) released[0] = { date: from, value: p.value };
    else released.push({ date: p.date, value: p.value });
    derived.push({ field: p.path, value: p.value, how: `from ${p.date}: ${p.what} (${p.source})` });
  }
  return { ...base.decisions.hold, released };
}

/**
 * Enforced-returns capacity per quarter from the record: the record counts all enforced returns
 * (foreign national offenders and other immigration cases too), so the asylum share of them is
 * an explicit assumption (returns.asylumShareOfEnforced).
 */
function enforcedReturnsPath(data: ObservedData, roles: Roles, base: Scenario, quarters: readonly Quarter[], derived: Derivation[]): SchedulePoint[] {
  const share = base.returns.asylumShareOfEnforced;
  const path = quarterlyPath(data, quarters, [{ series: roles.returnsEnforced, value: (x) => (x * share) / 3 }]);
  derived.push({
    field: 'returns.enforcedPerMonth',
    value: path?.points.length ?? 0,
    how: path
      ? `per quarter from the record (${shown(roles, 'returnsEnforced')} × ${share} asylum share, an assumption ÷ 3); held after the last recorded quarter`
      : 'not in the record for these quarters: the baseline value',
  });
  return path?.points ?? [...base.returns.enforcedPerMonth];
}

/** The calendar periods a step schedule reads; finer ones win where two start on the same day (2023Q1 over 2023H1 over 2023). */
const FINENESS: Readonly<Record<string, number>> = { year: 0, half: 1, quarter: 2 };

/**
 * A step schedule of `value(series(…), period)` over every period of the record from year to
 * quarter that ends by `to`, starting on the period's first day (undefined when the record has
 * none of the series).
 */
function periodPath(data: ObservedData, series: readonly string[], to: string, value: (x: number, form: string, period: string) => number | undefined): SchedulePoint[] | undefined {
  const byDate = new Map<string, { fineness: number; value: number }>();
  for (const name of series) {
    if (!data.has(name)) continue;
    for (const o of data.series(name)) {
      const p = parsePeriod(o.period);
      const fineness = p && FINENESS[p.kind];
      if (!p || fineness === undefined || p.end > to) continue;
      const v = value(o.value, p.kind, o.period);
      if (v === undefined) continue;
      const before = byDate.get(p.start);
      if (!before || fineness > before.fineness) byDate.set(p.start, { fineness, value: v });
    }
  }
  if (byDate.size === 0) return undefined;
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, { value: v }]) => ({ date, value: v }));
}

/** The record's series of one nationality by period form (`claims_people_albania_year`, …); none without a pattern. */
const nationalitySeries = (pattern: string | undefined, nationality: Nationality) =>
  pattern === undefined ? [] : PERIOD_FORMS.map((period) => patternSeries(pattern, { nationality, period }));

/** A pattern as notes name it, `{nationality}` shown as `<nationality>`. */
const shownPattern = (pattern: string | undefined, role: PatternRole, period?: string) =>
  pattern === undefined ? `${role} (no pattern in the calibration map)` : patternSeries(pattern, { period });

/**
 * Who claimed and what they were granted, per period from the record where it has them (the
 * nationality tables: claims per year and half-year, grant rates per year, half-year and
 * quarter); the scenario's paths where it does not.
 */
function nationalityPaths(data: ObservedData, patterns: Patterns, base: Scenario, to: string, derived: Derivation[]): Pick<Scenario['arrivals'], 'nationalityMix'> & Pick<Scenario['decisions'], 'grantRate'> {
  const totals = patterns.claimsTotal;
  const total = (form: string, period: string) => figureOf(data, totals && patternSeries(totals, { period: form }), period);
  const mix = {} as Record<Nationality, readonly SchedulePoint[]>;
  const grantRate = {} as Record<Nationality, readonly SchedulePoint[]>;
  const fromRecord = { mix: 0, grant: 0 };
  for (const n of NATIONALITIES) {
    const claims = periodPath(data, nationalitySeries(patterns.claimsByNationality, n), to, (x, form, period) => {
      const all = total(form, period);
      return all ? x / all : undefined;
    });
    const granted = periodPath(data, nationalitySeries(patterns.grantRateByNationality, n), to, (x) => x / 100);
    if (claims) fromRecord.mix++;
    if (granted) fromRecord.grant++;
    mix[n] = claims ?? base.arrivals.nationalityMix[n];
    grantRate[n] = granted ?? base.decisions.grantRate[n];
  }
  derived.push(
    { field: 'arrivals.nationalityMix', value: fromRecord.mix, how: `nationalities whose share of claims is read per year or half-year from the record (${shownPattern(patterns.claimsByNationality, 'claimsByNationality', 'year')} ÷ ${shownPattern(patterns.claimsTotal, 'claimsTotal', 'year')}, or _half); the others keep the scenario's` },
    { field: 'decisions.grantRate', value: fromRecord.grant, how: `nationalities whose grant rate is read per year, half-year or quarter from the record (${shownPattern(patterns.grantRateByNationality, 'grantRateByNationality', 'year')}, _half or _quarter, the finest where periods start together); the others keep the scenario's` },
  );
  return { nationalityMix: mix, grantRate };
}

/**
 * The starting backlog's nationality mix: the record's cases awaiting a decision by nationality on
 * the day before the start where it has them all, else the claims' mix on the start date.
 */
function backlogNationalityMix(data: ObservedData, map: CalibrationMap, date: string, start: string, mix: Scenario['arrivals']['nationalityMix'], derived: Derivation[]): Scenario['snapshot']['nationalityMix'] {
  const all = data.figure(map.roles.backlogCases, date);
  const pattern = map.patterns.backlogByNationality;
  const named = NAMED_NATIONALITIES.map((nationality) => figureOf(data, pattern && patternSeries(pattern, { nationality }), date));
  if (all !== undefined && all > 0 && named.every((x) => x !== undefined)) {
    const counts = named as number[];
    return Object.fromEntries([...NAMED_NATIONALITIES.map((n, i) => [n, counts[i] / all]), ['other', Math.max(0, all - sum(counts)) / all]]) as Scenario['snapshot']['nationalityMix'];
  }
  derived.push({ field: 'snapshot.nationalityMix', value: NATIONALITIES.length, how: `${shownPattern(pattern, 'backlogByNationality')} is not recorded for every nationality on ${date}: the claims' mix on ${start}` });
  return Object.fromEntries(NATIONALITIES.map((n) => [n, scheduleValue(mix[n], 'step', start, 0)])) as Scenario['snapshot']['nationalityMix'];
}

/**
 * The backtest scenario: `base` (the calibrated baseline) started on `from` in the observed state
 * and driven to `to` by the record. Estimated parameters are applied afterwards (see estimates.ts).
 */
export function historicalScenario(base: Scenario, data: ObservedData, map: CalibrationMap, from: string, to: string): HistoricalScenario {
  const roles = map.roles;
  const quarters = quartersBetween(from, to);
  const derived: Derivation[] = [];
  const headcount = headcountPath(data, roles);
  if (headcount.length === 0) throw new InputError({ field: 'data', value: roles.headcount, allowed: 'at least one decision-maker headcount figure' }, 'backtest');
  if (headcount[0].date > from) {
    derived.push({ field: 'decisions.headcount', value: headcount[0].value, how: `no headcount recorded before ${headcount[0].date}: held at that first figure back to ${from}` });
  }
  const nationality = nationalityPaths(data, map.patterns, base, to, derived);
  const withNationality: Scenario = {
    ...base,
    arrivals: { ...base.arrivals, nationalityMix: nationality.nationalityMix },
    decisions: { ...base.decisions, grantRate: nationality.grantRate },
  };
  const arrivals = { ...arrivalsPaths(data, roles, base, quarters, derived), nationalityMix: nationality.nationalityMix };
  const outcomes = outcomeMultipliers(data, roles, withNationality, quarters);
  const show = (points: readonly SchedulePoint[]) => points.map((p) => `${p.date.slice(0, 7)} ×${p.value.toFixed(2)}`).join(', ');
  derived.push(
    { field: 'decisions.withdrawalScale', value: outcomes.withdrawal.length, how: `per quarter from the record (withdrawals ÷ decisions, over the scenario's withdrawal share), estimated directly, not fitted: ${show(outcomes.withdrawal)}` },
    { field: 'decisions.grantScale', value: outcomes.grant.length, how: `per quarter from the record (grants ÷ grants and refusals, over the scenario's grant share), estimated directly, not fitted: ${show(outcomes.grant)}` },
  );
  const snapshot = { ...startingState(data, roles, base, from, derived), nationalityMix: backlogNationalityMix(data, map, dayBefore(from), from, nationality.nationalityMix, derived) };
  const policy = policyTimeline(base, from, to, derived);
  // Dispersal at the start held everyone supported but those recorded in hotels.
  const dispersalAtStart = Math.max(0, snapshot.inSupportPeople - hotelsAt(data, roles, dayBefore(from)));
  const dispersal = dispersalPath(data, roles, from, to, dispersalAtStart, derived);
  const driven: Scenario = {
    ...base,
    name: 'backtest',
    title: `Backtest ${from} to ${to}`,
    description: `The model from the observed state on ${dayBefore(from)}, driven by the record's claims, headcount, decisions, outcome rates and tribunal to ${to}.`,
    start: from,
    horizonMonths: monthsBetween(from, to),
    snapshot,
    arrivals,
    decisions: { ...withNationality.decisions, headcount, withdrawalScale: outcomes.withdrawal, grantScale: outcomes.grant, hold: policy },
    appeals: tribunalPaths(data, roles, base, quarters, derived),
    returns: { ...base.returns, enforcedPerMonth: enforcedReturnsPath(data, roles, base, quarters, derived) },
    accommodation: { ...base.accommodation, dispersalPlaces: dispersal ?? [{ date: from, value: dispersalAtStart }] },
  };
  const productivityIndex = productivityPath(data, roles, driven, quarters);
  derived.push({
    field: 'decisions.productivityIndex',
    value: productivityIndex.length,
    how: `per quarter from the record: decided cases (${roles.decisions} ÷ the people per case of the backlog the quarter starts with, followed from the starting state through the record's claims and decisions) weighted by the work of their outcomes, over the productive decision-makers' capacity at index 1 and the default productivity; estimated directly, not fitted: ${show(productivityIndex)}`,
  });
  const scenario: Scenario = { ...driven, decisions: { ...driven.decisions, productivityIndex } };
  return { scenario, derived, quarters: quarters.map((q) => q.label), dispersalFromRecord: dispersal !== undefined };
}
