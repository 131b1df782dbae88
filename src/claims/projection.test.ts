/**
 * The UK's projection on the real model (small scenarios, so it runs in a second): the claims
 * file's overrides add only the extra caseworkers, dated from the base scenario's start, and more
 * caseworkers never leave more people waiting.
 */
import { describe, expect, it } from 'vitest';
import { loadOfficialData } from '../calibration/data-files.js';
import { compareWith } from '../experiment/compare.js';
import { applyOverrides } from '../model/schema.js';
import { simulate } from '../model/simulate.js';
import { loadPack } from '../pack/load.js';
import { smallScenario } from '../test-support/small.js';
import { buildLedger } from './ledger.js';
import { claimsPath, readClaimsFile } from './load.js';
import { projectionOverrides, variantOf, type ProjectionSpec } from './projection.js';

const data = loadOfficialData();
const file = readClaimsFile(claimsPath(loadPack('uk')), { series: data.names() });
const spec = file.projection as ProjectionSpec;

describe('caseworker projection', () => {
  const a = { ...smallScenario({ months: 24, headcount: 40, backlogCases: 2_500 }), name: 'small-status-quo' };
  const b = applyOverrides(a, { ...variantOf(spec, a), ...projectionOverrides(spec, a.start) }, 'test');

  it('adds only the extra decision-makers, ramped over six months from the start', () => {
    expect(b.name).toBe('small-status-quo-plus-1000-caseworkers');
    expect(b.decisions.extra.headcount).toEqual([
      { date: a.start, value: 0 },
      { date: '2024-01-01', value: 1_000 },
    ]);
    expect({ ...b, name: a.name, title: a.title, decisions: { ...b.decisions, extra: a.decisions.extra } }).toEqual(a);
  });

  it('leaves fewer people waiting after 24 months in every replication, and the claim reads the comparison', () => {
    const c = compareWith(simulate, a, b, { replications: 3, seed: 5, uncertainty: 'both', version: 'test' });
    expect(c.kpis.backlogPeopleAt24m.diff.p95 as number).toBeLessThan(0);
    const claim = buildLedger(file, { data, base: a, parameters: loadPack('uk').parameters, projection: c, symbol: '£' }).claims.find((x) => x.id === 'caseworkers-1000');
    expect(claim?.result.value).toBeLessThan(0);
    expect(claim?.result.text).toMatch(/backlog after 24 months -[\d,]+ \(P5 -[\d,]+ to P95 -[\d,]+\)/);
  });
});
