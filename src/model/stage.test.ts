/**
 * The stage interface and its wiring, as a specification:
 *   - the stages built are exactly those the pack's manifest lists, in registry order, whatever
 *     order the manifest gives; a stage the pack does not run is not built (nor its events handled);
 *   - every event kind a run emits has exactly one handler, that of the stage that owns it;
 *   - the day's work runs in DAY_ORDER;
 *   - an event nothing handles fails loudly, as a RunError naming the kind, never silently.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulation } from '../engine/index.js';
import { loadPack } from '../pack/load.js';
import { countryOf } from '../scenarios/catalogue.js';
import { smallScenario } from '../test-support/small.js';
import { Accommodation } from './accommodation.js';
import { Appeals } from './appeals.js';
import { Arrivals } from './arrivals.js';
import { EuDeal } from './eu-deal.js';
import { RunError } from './errors.js';
import { Kind, type KindName } from './events.js';
import { STAGES, type StageName } from './routing.js';
import { runErrorOf } from './run-error.js';
import type { Scenario } from './schema.js';
import { SafeRoutes } from './safe-routes.js';
import { buildWorld, runWorld, simulate } from './simulate.js';
import { DAY_ORDER, ownerOf, REGISTRY, type StageKind } from './stage.js';
import type { World } from './world.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const options = { seed: 5, replication: 0 } as const;
const KINDS = Object.keys(Kind) as KindName[];

/** A small UK scenario run by the stages `stages` (bypassing the manifest check, as a handed-over scenario may). */
function withStages(s: Scenario, stages: readonly StageName[]): Scenario {
  return { ...s, country: { ...s.country, stages } };
}

function exampleCountry(s: Scenario): Scenario {
  return { ...s, country: countryOf(loadPack('example')) };
}

/** Run `w` and return the error that leaves the run, as simulate() reports it. */
function failure(w: World): RunError {
  try {
    runWorld(w);
  } catch (e) {
    const r = runErrorOf(w, e);
    expect(r).toBeInstanceOf(RunError);
    return r as RunError;
  }
  throw new Error('the run did not fail');
}

describe('the registry', () => {
  it('has every stage of the model once, in STAGES order (the build order)', () => {
    expect(REGISTRY.map((s) => s.name)).toEqual([...STAGES]);
  });

  it('gives every event kind but the clock’s (day, monthEnd) exactly one owning stage', () => {
    const owned = KINDS.filter((k) => k !== 'day' && k !== 'monthEnd') as StageKind[];
    for (const kind of owned) expect(REGISTRY.filter((s) => s.on?.[kind]).map((s) => s.name), kind).toEqual([ownerOf(kind)]);
    expect(ownerOf('appealLodged')).toBe('appeals');
    expect(ownerOf('euReturn')).toBe('euDeal');
  });

  it('orders every stage that acts each day in DAY_ORDER, the day’s capacities before its claims', () => {
    const daily = REGISTRY.filter((s) => s.day).map((s) => s.name);
    expect([...DAY_ORDER].sort()).toEqual([...daily].sort());
    expect(DAY_ORDER.indexOf('accommodation')).toBeLessThan(DAY_ORDER.indexOf('arrivals'));
  });
});

describe('buildStages: a world has the stages its pack runs, and only those', () => {
  const uk = smallScenario({ months: 3 });

  it('builds every stage of the UK pack, in registry order', () => {
    const w = buildWorld(uk, options);
    expect(w.dispatch.stages).toEqual([...STAGES]);
    expect(w.accommodation && w.appeals && w.returns && w.euDeal && w.safeRoutes).toBeTruthy();
  });

  it('builds in registry order whatever order the manifest lists them in', () => {
    const w = buildWorld(withStages(uk, ['returns', 'decisions', 'costs', 'appeals', 'arrivals', 'accommodation', 'snapshot']), options);
    expect(w.dispatch.stages).toEqual(['snapshot', 'arrivals', 'accommodation', 'decisions', 'appeals', 'returns', 'costs']);
    expect(w.euDeal).toBeUndefined();
    expect(w.safeRoutes).toBeUndefined();
  });

  it('builds only arrivals and decisions for the example pack: no support, appeals, returns, deal, routes or costs', () => {
    const w = buildWorld(exampleCountry(smallScenario({ months: 3, backlogCases: 0, appealCases: 0, returnCases: 0 })), options);
    expect(w.dispatch.stages).toEqual(['arrivals', 'decisions']);
    for (const absent of [w.accommodation, w.appeals, w.returns, w.euDeal, w.safeRoutes]) expect(absent).toBeUndefined();
    // Their events have no handler: the owners table names only the clock and decisions.
    expect(new Set(w.dispatch.owners.filter(Boolean))).toEqual(new Set(['clock', 'decisions']));
    const result = runWorld(w);
    expect(result.costByFinancialYear).toEqual([]);
    expect(result.kpis.totalCostGbp).toBe(0);
  });

  it('refuses a stage list without arrivals and decisions, naming the field', () => {
    expect(() => buildWorld(withStages(uk, ['arrivals', 'costs']), options)).toThrow(/country\.stages.*lacks decisions/s);
  });
});

describe('wire: every event kind emitted has one handler', () => {
  it('dispatches each kind a UK run emits — all of them, with the deal and the third-country scheme on — to its owning stage', () => {
    const seen = new Set<number>();
    const run = Simulation.prototype.run;
    vi.spyOn(Simulation.prototype, 'run').mockImplementation(function (this: Simulation, until, handler) {
      return run.call(this, until, (kind, entity) => {
        seen.add(kind);
        handler(kind, entity);
      });
    });
    const scenario = smallScenario(
      { months: 12 },
      {
        euDeal: { returnShare: 0.3, returnDays: 10 },
        returns: { thirdCountry: { inadmissibleShare: [{ date: '2023-07-01', value: 0.3 }], removalsPerYear: [{ date: '2023-07-01', value: 600 }] } },
      },
    );
    const w = buildWorld(scenario, options);
    runWorld(w);
    expect([...seen].sort((a, b) => a - b)).toEqual(Object.values(Kind).sort((a, b) => a - b));
    for (const kind of KINDS) {
      const expected = kind === 'day' || kind === 'monthEnd' ? 'clock' : ownerOf(kind);
      expect(w.dispatch.owners[Kind[kind]], kind).toBe(expected);
    }
  });

  it('runs the day’s work in DAY_ORDER, each built stage once a day', () => {
    const calls: string[] = [];
    for (const [name, proto] of [
      ['accommodation', Accommodation.prototype],
      ['arrivals', Arrivals.prototype],
      ['appeals', Appeals.prototype],
      ['euDeal', EuDeal.prototype],
      ['safeRoutes', SafeRoutes.prototype],
    ] as const) {
      const day = proto.day as (this: unknown, d: number) => void;
      vi.spyOn(proto, 'day').mockImplementation(function (this: unknown, d: number) {
        if (d === 0) calls.push(name);
        day.call(this, d);
      });
    }
    simulate(smallScenario({ months: 1 }), options);
    expect(calls).toEqual([...DAY_ORDER]);
  });
});

describe('wire: an event nothing handles fails loudly', () => {
  it('an unknown kind: a RunError naming the kind and the date, not a silent drop', () => {
    const w = buildWorld(smallScenario({ months: 2 }), options);
    w.sim.at(3.5, 99, 7);
    const r = failure(w);
    expect(r.stage).toBe('event kind 99');
    expect(r.day).toBe(3.5);
    expect(r.message).toMatch(/event kind 99 is not a kind of the model/);
  });

  it('a kind whose stage the pack does not run: a RunError naming the stage that would handle it', () => {
    const w = buildWorld(exampleCountry(smallScenario({ months: 2, backlogCases: 0, appealCases: 0, returnCases: 0 })), options);
    w.sim.at(2, Kind.appealDone, 0);
    const r = failure(w);
    expect(r.stage).toBe('appeals');
    expect(r.caseId).toBe(0);
    expect(r.message).toMatch(/event appealDone \(kind 3, entity 0\) has no handler: the appeals stage handles it, and the pack does not run it/);
  });
});
