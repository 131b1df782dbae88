import { describe, expect, it } from 'vitest';
import { baseline } from '../test-support/baseline.js';
import { LEVERS, parseLevers } from './levers.js';

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
    expect(cost('decisions.headcount')).toBe(s.costs.caseworkerPerYear / 12);
    expect(cost('appeals.determinationsPerMonth')).toBe(s.costs.tribunalPerDetermination);
    expect(cost('returns.enforcedPerMonth')).toBe(s.costs.enforcedReturnCost);
    expect(cost('accommodation.dispersalPlaces')).toBe(s.costs.dispersalPerNight * (365.25 / 12));
    for (const l of LEVERS) expect(Number.isFinite(l.costPerUnitMonth(s)) && l.costPerUnitMonth(s) > 0, l.path).toBe(true);
  });
});
