/**
 * The calibration map (packs/<name>/calibration.yaml): the UK's loads and names series of its
 * catalogue; a bad map is refused naming the file, the field, the value and what is allowed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seriesCatalogue } from '../calibration/data-files.js';
import { InputError } from '../model/errors.js';
import { checkCalibrationMap, OPTIONAL_ROLES, patternSeries, REQUIRED_ROLES } from './calibration-map.js';
import { calibrationMapPath, loadPack, readCalibrationMap } from './load.js';

const uk = loadPack('uk');
const catalogue = seriesCatalogue(uk.dataDir);
const origin = 'packs/uk/calibration.yaml';
const raw = () => parse(readFileSync(calibrationMapPath(uk), 'utf8')) as Record<string, Record<string, unknown>>;

/** The refusal of a map edited by `change`. */
function refusal(change: (map: Record<string, Record<string, unknown>>) => void): string {
  const map = raw();
  change(map);
  try {
    checkCalibrationMap(map, origin, catalogue);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the map was accepted');
}

describe("the UK's calibration map", () => {
  it('maps every role to a series of the catalogue, and compares nine series', () => {
    const map = readCalibrationMap(uk, catalogue, origin);
    expect(map.roles.claims).toBe('claims_people_quarter');
    expect(map.roles.decisions).toBe('initial_decisions_people_quarter');
    for (const role of [...REQUIRED_ROLES, ...OPTIONAL_ROLES]) expect(catalogue.has(map.roles[role]!), role).toBe(true);
    expect(map.compared.map((c) => c.series)).toContain('awaiting_initial_decision_people');
    expect(map.compared).toHaveLength(9);
    expect(map.compared.filter((c) => c.weight > 0).map((c) => c.model)).toEqual(['awaitingDecisionPeople', 'decisionsPeople', 'inSupportPeople', 'inHotelsPeople']);
    expect(patternSeries(map.patterns.claimsByNationality!, { nationality: 'syria', period: 'half' })).toBe('claims_people_syria_half');
    expect(catalogue.has(patternSeries(map.patterns.backlogByNationality!, { nationality: 'iran' }))).toBe(true);
  });
});

describe('a calibration map is refused, naming file, field, value and what is allowed', () => {
  it('a series the catalogue lacks, with the closest name', () => {
    expect(refusal((m) => (m.roles.claims = 'claims_peopel_quarter'))).toBe(
      `${origin}: roles.claims: got "claims_peopel_quarter"; a series of the pack's catalogue (packs/uk/data/catalogue/series.csv) — did you mean "claims_people_quarter"?`,
    );
    expect(refusal((m) => ((m.compared as unknown as Record<string, unknown>[])[2].series = 'asylum_support_peple'))).toMatch(/^packs\/uk\/calibration\.yaml: compared\.2\.series: got "asylum_support_peple"; .*did you mean "asylum_support_people"\?$/);
  });

  it('a required role left out, and an unknown one', () => {
    expect(refusal((m) => delete m.roles.headcount)).toBe(`${origin}: roles.headcount: got nothing; a series of the pack's catalogue (packs/uk/data/catalogue/series.csv): the backtest cannot run without this role`);
    expect(refusal((m) => (m.roles.claimz = 'claims_people_quarter'))).toMatch(/^packs\/uk\/calibration\.yaml: roles\.claimz: got an unknown field; one of claims, headcount, .* — did you mean "claims"\?$/);
    // An optional role may be left out.
    const map = raw();
    delete map.roles.returnsEnforced;
    expect(checkCalibrationMap(map, origin, catalogue).roles.returnsEnforced).toBeUndefined();
  });

  it('a model series that does not exist, and a kind other than stock or flow', () => {
    const compared = (m: Record<string, Record<string, unknown>>) => (m.compared as unknown as Record<string, unknown>[])[0];
    expect(refusal((m) => (compared(m).model = 'backlog'))).toMatch(/^packs\/uk\/calibration\.yaml: compared\.0\.model: got "backlog"; one of awaitingDecisionCases, awaitingDecisionPeople, /);
    expect(refusal((m) => (compared(m).kind = 'level'))).toBe(`${origin}: compared.0.kind: got "level"; one of stock, flow`);
    expect(refusal((m) => (m.compared as unknown as unknown[]).push(compared(m)))).toBe(`${origin}: compared.9.series: got "awaiting_initial_decision_people"; each series once; already compared.0`);
  });

  it('a pattern without its placeholders, or naming no series of the catalogue', () => {
    expect(refusal((m) => (m.patterns.claimsByNationality = 'claims_people_{period}'))).toBe(
      `${origin}: patterns.claimsByNationality: got "claims_people_{period}"; a series name with {nationality} and {period} in it, and no other placeholder`,
    );
    expect(refusal((m) => (m.patterns.claimsTotal = 'claims_people_{nationality}_{period}'))).toMatch(/patterns\.claimsTotal: got .*; a series name with \{period\} in it, and no other placeholder$/);
    expect(refusal((m) => (m.patterns.grantRateByNationality = 'grant_rate_{nationality}_{period}'))).toBe(
      `${origin}: patterns.grantRateByNationality: got "grant_rate_{nationality}_{period}"; a pattern naming at least one series of the pack's catalogue (packs/uk/data/catalogue/series.csv), e.g. grant_rate_afghanistan_year`,
    );
  });
});
