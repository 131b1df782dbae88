/**
 * Determinism and common random numbers.
 *
 * A replication is a pure function of (scenario, seed, replication): the same three give
 * byte-identical results whatever ran before; another seed or replication gives other results.
 *
 * Common random numbers: with the same seed, scenarios that differ only in capacity see the same
 * claims (arrival streams do not depend on the decision stage) and each case needs the same work
 * (keyed by the case). So adding caseworkers, everything else equal, never leaves a larger
 * backlog at any month — a property over random small scenarios, for every queue discipline, with
 * flat and with changing headcounts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import type { RunResult } from './result.js';
import type { Scenario } from './schema.js';
import { DISCIPLINES, seedArb, smallKnobs, smallScenario } from '../test-support/small.js';
import { runKeepingWorld } from '../test-support/world.js';

/** The result as JSON text, series as plain arrays (what the CLI and the cache would store). */
function json(r: RunResult): string {
  const series = Object.fromEntries(Object.entries(r.series).map(([k, v]) => [k, Array.from(v)]));
  return JSON.stringify({ ...r, series });
}

describe('determinism', () => {
  const scenario = smallScenario({ discipline: 'legacy-first' });

  it('the same scenario, seed and replication give byte-identical results, whatever ran in between', () => {
    const a = simulate(scenario, { seed: 42, replication: 3 });
    simulate(smallScenario({ headcount: 10, discipline: 'streams-share' }), { seed: 7, replication: 0 });
    const b = simulate(scenario, { seed: 42, replication: 3 });
    expect(json(b)).toBe(json(a));
    for (const [name, xs] of Object.entries(a.series)) {
      const bytes = (x: Float64Array) => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
      expect(bytes(b.series[name as keyof RunResult['series']]), name).toEqual(bytes(xs));
    }
  });

  it('different seeds, or different replications of one seed, give different results', () => {
    const base = json(simulate(scenario, { seed: 42, replication: 3 }));
    const otherSeed = simulate(scenario, { seed: 43, replication: 3 });
    const otherReplication = simulate(scenario, { seed: 42, replication: 4 });
    expect(json(otherSeed)).not.toBe(base);
    expect(json(otherReplication)).not.toBe(base);
    // Not just somewhere: the arrivals themselves differ.
    expect(Array.from(otherSeed.series.arrivalsPeople)).not.toEqual(Array.from(simulate(scenario, { seed: 42, replication: 3 }).series.arrivalsPeople));
  });
});

/** A scenario with `extra` caseworkers on every point of its headcount path. */
type Headcount = (extra: number) => Scenario;

function neverLargerBacklog(more: Headcount, seed: number, extra: number): void {
  const a = simulate(more(0), { seed, replication: 0 });
  const b = simulate(more(extra), { seed, replication: 0 });
  // The same claims arrive in both (the arrivals stream does not depend on capacity).
  expect(Array.from(b.series.arrivalsPeople)).toEqual(Array.from(a.series.arrivalsPeople));
  for (let m = 0; m < a.months.length; m++) {
    expect(b.series.decisionMakersProductive[m]).toBeGreaterThanOrEqual(a.series.decisionMakersProductive[m]);
    expect(b.series.awaitingDecisionCases[m], `awaiting decision in ${a.months[m]} with +${extra} caseworkers`).toBeLessThanOrEqual(
      a.series.awaitingDecisionCases[m],
    );
  }
}

describe('common random numbers: adding caseworkers never leaves a larger backlog at any month', () => {
  for (const discipline of DISCIPLINES) {
    it(`${discipline}, flat headcount`, () => {
      fc.assert(
        fc.property(smallKnobs, seedArb, fc.integer({ min: 1, max: 80 }), (knobs, seed, extra) => {
          neverLargerBacklog((x) => smallScenario({ ...knobs, discipline, headcount: knobs.headcount + x }), seed, extra);
        }),
        { numRuns: 10 },
      );
    });

    it(`${discipline}, headcount that changes during the run (hiring, cuts)`, () => {
      const path = fc.record({
        later: fc.integer({ min: 0, max: 150 }),
        date: fc.constantFrom('2023-09-01', '2024-01-01', '2024-04-01'),
      });
      fc.assert(
        fc.property(smallKnobs, path, seedArb, fc.integer({ min: 1, max: 80 }), (knobs, { later, date }, seed, extra) => {
          const headcount = (x: number) => [
            { date: '2023-07-01', value: knobs.headcount + x },
            { date, value: later + x },
          ];
          neverLargerBacklog((x) => smallScenario({ ...knobs, discipline }, { decisions: { headcount: headcount(x) } }), seed, extra);
        }),
        { numRuns: 10 },
      );
    });
  }

  it('the two scenarios create the very same cases (rows of the case table)', () => {
    const a = runKeepingWorld(smallScenario({ headcount: 20 }), { seed: 5, replication: 1 }).world.cases;
    const b = runKeepingWorld(smallScenario({ headcount: 90 }), { seed: 5, replication: 1 }).world.cases;
    expect(b.count).toBe(a.count);
    const rows = (t: typeof a) => ({
      arrival: Array.from(t.arrival.subarray(0, t.count)),
      people: Array.from(t.people.subarray(0, t.count)),
      nationality: Array.from(t.nationality.subarray(0, t.count)),
      route: Array.from(t.route.subarray(0, t.count)),
    });
    expect(rows(b)).toEqual(rows(a));
  });
});
