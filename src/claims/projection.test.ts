/**
 * The caseworker projection on the real model (small scenarios, so it runs in a second): the
 * overrides add only the extra caseworkers, and more caseworkers never leave more people waiting.
 */
import { describe, expect, it } from 'vitest';
import { compareWith } from '../experiment/compare.js';
import { applyOverrides } from '../model/schema.js';
import { simulate } from '../model/simulate.js';
import { smallScenario } from '../test-support/small.js';
import { caseworkersClaim, EXTRA_CASEWORKERS, extraCaseworkerOverrides, HIRING_RAMP_MONTHS } from './projection.js';

describe('caseworker projection', () => {
  const a = { ...smallScenario({ months: 24, headcount: 40, backlogCases: 2_500 }), name: 'small-status-quo' };
  const b = applyOverrides(a, { name: 'small-plus-caseworkers', ...extraCaseworkerOverrides(a.start) }, 'test');

  it('adds only the extra decision-makers, ramped from the start', () => {
    expect(b.decisions.extra.headcount).toEqual([
      { date: a.start, value: 0 },
      { date: '2024-01-01', value: EXTRA_CASEWORKERS },
    ]);
    expect(HIRING_RAMP_MONTHS).toBe(6);
    expect({ ...b, name: a.name, title: a.title, decisions: { ...b.decisions, extra: a.decisions.extra } }).toEqual(a);
  });

  it('leaves fewer people waiting after 24 months in every replication, and the claim reads the comparison', () => {
    const c = compareWith(simulate, a, b, { replications: 3, seed: 5, uncertainty: 'both', version: 'test' });
    expect(c.kpis.backlogPeopleAt24m.diff.p95 as number).toBeLessThan(0);
    const claim = caseworkersClaim(c);
    expect(claim.result.value).toBeLessThan(0);
    expect(claim.result.text).toMatch(/backlog after 24 months -[\d,]+ \(P5 -[\d,]+ to P95 -[\d,]+\)/);
  });
});
