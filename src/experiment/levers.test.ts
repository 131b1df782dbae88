import { describe, expect, it } from 'vitest';
import { baseline } from '../test-support/baseline.js';
import { LEVERS, leversOf, parseLevers } from './levers.js';

describe('LEVERS: the parameters declared with lever metadata', () => {
  it('are the seed plan’s levers, in its order', () => {
    expect(LEVERS.map((l) => [l.path, l.label, l.unit])).toEqual([
      ['decisions.headcount', 'Extra decision-makers', 'staff'],
      ['appeals.determinationsPerMonth', 'Extra tribunal determinations', 'determinations/month'],
      ['returns.enforcedPerMonth', 'Extra enforced returns', 'returns/month'],
      ['accommodation.dispersalPlaces', 'Extra dispersal places', 'places'],
      ['accommodation.largeSitePlaces', 'Extra large-site places', 'places'],
    ]);
  });

  it('cost a unit a month from the scenario’s own cost parameters: a year’s twelfth, a month, 365.25/12 nights', () => {
    const s = baseline();
    const cost = (path: string) => parseLevers(path)[0]!.costPerUnitMonth(s);
    expect(cost('decisions.headcount')).toBe(s.costs.decisionMakerPerYear / 12);
    expect(cost('appeals.determinationsPerMonth')).toBe(s.costs.tribunalPerDetermination);
    expect(cost('returns.enforcedPerMonth')).toBe(s.costs.enforcedReturnCost);
    expect(cost('accommodation.dispersalPlaces')).toBe(s.costs.dispersalPerNight * (365.25 / 12));
    for (const l of LEVERS) expect(Number.isFinite(l.costPerUnitMonth(s)) && l.costPerUnitMonth(s) > 0, l.path).toBe(true);
  });

  it('are a pack’s only where it runs the lever’s stage and the costs stage that prices it', () => {
    expect(leversOf(['snapshot', 'arrivals', 'decisions', 'appeals', 'returns', 'accommodation', 'costs'])).toEqual(LEVERS);
    expect(leversOf(['arrivals', 'decisions', 'costs']).map((l) => l.path)).toEqual(['decisions.headcount']);
    expect(leversOf(['arrivals', 'decisions'])).toEqual([]);
    expect(() => parseLevers('appeals.determinationsPerMonth', leversOf(['arrivals', 'decisions', 'costs']))).toThrow(
      '--levers: got "appeals.determinationsPerMonth"; a comma-separated list of decisions.headcount',
    );
    expect(() => parseLevers('decisions.headcount', [])).toThrow(/no lever: the pack does not run a stage a lever moves together with the costs stage/);
  });
});
