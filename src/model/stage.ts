/**
 * The model's stages behind one small interface, and the default wiring (STYLE 7): the registry of
 * stages in a fixed order, buildStages() building those a pack's manifest lists, and wire() turning
 * the events they handle into the event loop's dispatch table. What follows an outcome is not here
 * either: stages hand cases on through the pack's routing table (routing.ts).
 */
import type { Handler } from '../engine/index.js';
import { Accommodation } from './accommodation.js';
import { Appeals } from './appeals.js';
import { Arrivals } from './arrivals.js';
import { bookCosts } from './costs.js';
import { Decisions } from './decisions.js';
import { InputError } from './errors.js';
import { EuDeal } from './eu-deal.js';
import { Kind, kindName, PRIORITY_MONTH_END, type KindName } from './events.js';
import { REQUIRED_STAGES, STAGES, type StageName } from './routing.js';
import { Returns } from './returns.js';
import { SafeRoutes } from './safe-routes.js';
import { seedSnapshot } from './snapshot.js';
import type { World } from './world.js';

/** Kinds the clock owns: stages act on them through the day, closeMonth and monthStart hooks. */
type ClockKind = 'day' | 'monthEnd';
export type StageKind = Exclude<KindName, ClockKind>;

/**
 * A stage of the model. `build` makes its state for one replication from the world (the scenario
 * as the replication runs it, the engine, the case table) and attaches it to the world where other
 * stages and the routing table reach it; the rest say what the stage does with that state, as
 * plain functions of it, so wiring allocates nothing per event.
 */
export interface ModelStage<T = unknown> {
  readonly name: StageName;
  /** `base`: the replication's keyed-random base (engine/keyed.ts). */
  build(w: World, base: number): T;
  /** The event kinds the stage owns, each with its handler (entity: the event's case). */
  readonly on?: { readonly [K in StageKind]?: (state: T, entity: number) => void };
  /** Start of each day, in DAY_ORDER among stages. */
  readonly day?: (state: T, day: number) => void;
  /** End of each month, before its stocks are observed. */
  readonly closeMonth?: (state: T) => void;
  /** Start of month `month` (1, 2, …), after the month before was observed. */
  readonly monthStart?: (state: T, month: number) => void;
  /** Once every stage is built and the routes are bound, before the first event. */
  readonly seed?: (state: T) => void;
  /** After the last event, before the results are read. */
  readonly finish?: (state: T) => void;
}

/** A stage of any state type (the registry's element: each entry is checked where it is defined). */
type AnyStage = ModelStage<never>;
const stage = <T>(s: ModelStage<T>): AnyStage => s as unknown as AnyStage;

/**
 * Every stage the model has, in routing.ts's STAGES order, which is also the build order: stations
 * are created in it (decisions, appeals, returns), and their capacity steps go on the calendar in
 * that order. The snapshot builds nothing of its own: it seeds the others once they exist.
 */
export const REGISTRY: readonly AnyStage[] = [
  stage<World>({ name: 'snapshot', build: (w) => w, seed: seedSnapshot }),
  stage<Arrivals>({ name: 'arrivals', build: (w) => (w.arrivals = new Arrivals(w)), day: (a, d) => a.day(d) }),
  stage<SafeRoutes>({ name: 'safeRoutes', build: (w) => (w.safeRoutes = new SafeRoutes(w)), day: (s, d) => s.day(d) }),
  stage<EuDeal>({ name: 'euDeal', build: (w, base) => (w.euDeal = new EuDeal(w, base)), day: (e, d) => e.day(d), on: { euReturn: (e, id) => e.returned(id) } }),
  stage<Accommodation>({
    name: 'accommodation',
    build: (w, base) => (w.accommodation = new Accommodation(w, base)),
    day: (a, d) => a.day(d),
    closeMonth: (a) => a.closeMonth(),
  }),
  stage<Decisions>({
    name: 'decisions',
    build: (w, base) => (w.decisions = new Decisions(w, base)),
    monthStart: (d, m) => d.monthStart(m),
    on: { decisionDone: (d, id) => d.done(id) },
  }),
  stage<Appeals>({
    name: 'appeals',
    build: (w, base) => (w.appeals = new Appeals(w, base)),
    day: (a, d) => a.day(d),
    on: { appealLodged: (a, id) => a.lodged(id), appealDone: (a, id) => a.done(id) },
  }),
  stage<Returns>({
    name: 'returns',
    build: (w, base) => (w.returns = new Returns(w, base)),
    on: { returnDone: (r, id) => r.done(id), departure: (r, id) => r.departure(id), thirdCountryDone: (r, id) => r.thirdCountryDone(id) },
  }),
  stage<World>({
    name: 'costs',
    build: (w) => w,
    // Booked from the monthly series after the run (costs.ts): a pack without this stage books none.
    finish: (w) => {
      const { decisions, scenario } = w;
      const inputs = { headcount: decisions.workforce.headcount, extraHeadcount: decisions.extraWorkforce.headcount, levers: scenario };
      w.costByFinancialYear = bookCosts(w.obs, scenario.costs, inputs, w.horizon);
    },
  }),
];

/**
 * The order of the stages' start-of-day work, which is part of the model: the day's capacities
 * apply before its claims are housed, and new cases take case ids (and so their keyed random
 * numbers) in this order — claims, then other appeals, then quota admissions.
 */
export const DAY_ORDER: readonly StageName[] = ['accommodation', 'arrivals', 'appeals', 'euDeal', 'safeRoutes'];

/** A stage built for one replication: its definition and its state. */
export interface BuiltStage {
  readonly stage: AnyStage;
  readonly state: never;
}

/**
 * Build the stages the world's pack runs (scenario.country.stages), in registry order, each
 * attached to the world; the others are not built. Refuses a list without the stages every pack
 * runs (its manifest is checked for this, but a scenario may be handed over whole).
 */
export function buildStages(w: World, base: number): BuiltStage[] {
  const runs = w.scenario.country.stages;
  const lacking = REQUIRED_STAGES.filter((s) => !runs.includes(s));
  if (lacking.length) throw new InputError({ field: 'country.stages', value: runs.join(', '), allowed: `a list with ${REQUIRED_STAGES.join(' and ')} (lacks ${lacking.join(', ')})` });
  return REGISTRY.filter((s) => runs.includes(s.name)).map((s) => ({ stage: s, state: s.build(w, base) as never }));
}

/** Seed the built stages' starting stocks (the snapshot), in registry order. */
export function seedStages(built: readonly BuiltStage[]): void {
  for (const { stage: s, state } of built) s.seed?.(state);
}

/** The stage that owns each kind (the clock owns day and monthEnd), from the registry. */
export function ownerOf(kind: StageKind): StageName {
  const owner = REGISTRY.find((s) => s.on?.[kind]);
  if (!owner) throw new Error(`event ${kind}: no stage of the registry handles it`);
  return owner.name;
}

type Call = (state: never, entity: number) => void;

/** The event loop's side of a world: what each event kind calls, and the work after the last event. */
export interface Dispatch {
  /** The engine's handler: one array lookup and one call per event, nothing allocated. */
  readonly handle: Handler;
  /** Run the built stages' end-of-run work (costs). */
  finish(): void;
  /** The stage (or `clock`) that handles each kind, by kind code ('' for none). */
  readonly owners: readonly string[];
  /** The stages built, in registry order. */
  readonly stages: readonly StageName[];
}

/**
 * The dispatch table of a world's built stages: kind → the owning stage's handler and its state.
 * A kind whose stage the pack does not run, or a number that is no kind at all, fails loudly (a
 * stage scheduled an event nothing will handle) instead of being dropped.
 */
export function wire(w: World, built: readonly BuiltStage[]): Dispatch {
  const size = Math.max(...Object.values(Kind)) + 1;
  const calls: Call[] = Array.from({ length: size }, (): Call => unhandled);
  const states: unknown[] = Array.from({ length: size }, (_, k) => k);
  const owners: string[] = Array.from({ length: size }, () => '');
  // Each kind has one owner in the registry (checked when this module loads), so no kind is set twice.
  for (const { stage: s, state } of built) {
    for (const [name, call] of Object.entries(s.on ?? {}) as [StageKind, Call][]) {
      const kind = Kind[name];
      calls[kind] = call;
      states[kind] = state;
      owners[kind] = s.name;
    }
  }
  calls[Kind.day] = clockDay;
  calls[Kind.monthEnd] = clockMonthEnd;
  states[Kind.day] = states[Kind.monthEnd] = clockOf(w, built);
  owners[Kind.day] = owners[Kind.monthEnd] = 'clock';
  const handle: Handler = (kind, entity) => {
    const call = calls[kind];
    if (call === undefined) throw new Error(`event kind ${kind} is not a kind of the model (events.ts)`);
    call(states[kind] as never, entity);
  };
  const finish = () => {
    for (const { stage: s, state } of built) s.finish?.(state);
  };
  return { handle, finish, owners, stages: built.map((b) => b.stage.name) };
}

/** A kind no built stage handles; its state is the kind's code. */
function unhandled(state: never, entity: number): void {
  const kind = state as number;
  const name = kindName(kind) as StageKind;
  throw new Error(`event ${name} (kind ${kind}, entity ${entity}) has no handler: the ${ownerOf(name)} stage handles it, and the pack does not run it`);
}

/** The clock: the hooks of the built stages, each list in its order, and what it observes. */
interface Clock {
  readonly w: World;
  readonly day: readonly Call[];
  readonly dayStates: readonly never[];
  readonly closeMonth: readonly ((state: never) => void)[];
  readonly closeStates: readonly never[];
  readonly monthStart: readonly Call[];
  readonly startStates: readonly never[];
}

function clockOf(w: World, built: readonly BuiltStage[]): Clock {
  const daily = DAY_ORDER.flatMap((name) => built.filter((b) => b.stage.name === name && b.stage.day));
  const closing = built.filter((b) => b.stage.closeMonth);
  const starting = built.filter((b) => b.stage.monthStart);
  return {
    w,
    day: daily.map((b) => b.stage.day as Call),
    dayStates: daily.map((b) => b.state),
    closeMonth: closing.map((b) => b.stage.closeMonth as (state: never) => void),
    closeStates: closing.map((b) => b.state),
    monthStart: starting.map((b) => b.stage.monthStart as Call),
    startStates: starting.map((b) => b.state),
  };
}

/** Start of a day: the stages' work in DAY_ORDER, then the next day (one day event at a time). */
function clockDay(state: never, day: number): void {
  const c = state as Clock;
  for (let i = 0; i < c.day.length; i++) c.day[i](c.dayStates[i], day);
  if (day + 1 < c.w.horizon.horizonDays) c.w.sim.at(day + 1, Kind.day, day + 1);
}

/**
 * End of month `month`: stages close it (accommodation books its nights), its stocks are observed,
 * then stages start the next month (held claims released) and the next month end is scheduled.
 */
function clockMonthEnd(state: never, month: number): void {
  const c = state as Clock;
  const { obs, sim, horizon } = c.w;
  for (let i = 0; i < c.closeMonth.length; i++) c.closeMonth[i](c.closeStates[i]);
  obs.closeMonth();
  if (month + 1 >= horizon.months) return;
  for (let i = 0; i < c.monthStart.length; i++) c.monthStart[i](c.startStates[i], month + 1);
  sim.at(horizon.bounds[month + 2], Kind.monthEnd, month + 1, PRIORITY_MONTH_END);
}

/** Every kind some stage of the registry owns: each once (checked when the module loads). */
for (const name of Object.keys(Kind) as KindName[]) {
  if (name === 'day' || name === 'monthEnd') continue;
  const owners = REGISTRY.filter((s) => s.on?.[name]).map((s) => s.name);
  if (owners.length !== 1) throw new Error(`event ${name}: owned by ${owners.length ? owners.join(' and ') : 'no stage'}; each kind needs exactly one`);
}
for (const s of REGISTRY) if (s.day && !DAY_ORDER.includes(s.name)) throw new Error(`stage ${s.name} acts each day but is not in DAY_ORDER`);
if (REGISTRY.map((s) => s.name).join() !== STAGES.join()) throw new Error('the stage registry is not in STAGES order');
