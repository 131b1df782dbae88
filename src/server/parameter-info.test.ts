import { describe, expect, it } from 'vitest';
import { LEVERS } from '../experiment/levers.js';
import { parameterInfo } from './parameter-info.js';

describe('parameterInfo: the editor groups of the UK pack (pack.yaml, dashboard.groups)', () => {
  const section = (path: string) => parameterInfo().find((p) => p.path === path)?.section;

  it('puts each parameter in the first listed group whose prefix it has, less the exceptions', () => {
    expect(section('decisions.headcount')).toEqual({ title: 'Decision-makers and decisions', order: 0 });
    expect(section('returns.enforcedPerMonth')).toEqual({ title: 'Returns unit', order: 1 });
    expect(section('returns.thirdCountry.removalsPerYear')).toEqual({ title: 'Third-country scheme', order: 5 });
    expect(section('kpi.backlogThresholdPeople')).toEqual({ title: 'Reporting', order: 10 });
  });

  it('marks the policy levers with what prices them, the same parameters the optimiser pulls', () => {
    const levers = parameterInfo().filter((p) => p.lever);
    expect(levers.map((p) => p.path).sort()).toEqual(LEVERS.map((l) => l.path).sort());
    expect(parameterInfo().find((p) => p.path === 'decisions.headcount')?.lever).toEqual({ label: 'Extra decision-makers', cost: { parameter: 'costs.decisionMakerPerYear', per: 'year' } });
    expect(parameterInfo().find((p) => p.path === 'decisions.productivity')?.lever).toBeUndefined();
  });

  it('leaves no parameter out of a group', () => {
    expect(parameterInfo().every((p) => p.section.order < 11)).toBe(true);
  });
});
