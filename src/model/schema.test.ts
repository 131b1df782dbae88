/**
 * Scenario validation (parseOverrides for structure, applyOverrides for the rules across fields):
 * a bad scenario is refused before any work with an InputError that names the field, the value
 * and what is allowed. One small malformed fixture per failure mode; each is a scenario document
 * as it would be read from YAML or JSON.
 */
import fc from 'fast-check';
import { NATIONALITIES } from './nationalities.js';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { LIMITS } from './limits.js';
import { PARAMETERS } from './parameters.js';
import { leaves, type ParamTree } from './declarations.js';
import { applyOverrides, expectedCases, parseOverrides, type Scenario } from './schema.js';
import { buildWorld, simulate } from './simulate.js';
import { baseline } from '../test-support/baseline.js';
import { seedArb, smallOverrides } from '../test-support/small.js';

const ORIGIN = 'fixture.yaml';

/** Validate a document as the CLI does: structure, then merge onto the baseline and check the whole. */
function validate(doc: unknown): Scenario {
  return applyOverrides(baseline(), parseOverrides(doc, ORIGIN), ORIGIN);
}

function rejection(doc: unknown): InputError {
  try {
    validate(doc);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`expected an InputError, got ${String(e)}`);
  }
  throw new Error('expected the scenario to be rejected, but it was accepted');
}

interface Fixture {
  readonly doc: unknown;
  readonly field: string;
  /** The value as the message shows it. */
  readonly value: string;
  /** Text the "what is allowed" part must contain. */
  readonly allowed: string;
}

const name = 'fixture';

/** One malformed document per failure mode. */
const FIXTURES: Record<string, Fixture> = {
  'unknown field in a group, close to a real one': {
    doc: { name, decisions: { productivty: 7 } },
    field: 'decisions.productivty',
    value: '7',
    allowed: 'unknown field — did you mean "productivity"?',
  },
  'unknown top-level field, close to a real one': {
    doc: { name, horizonMonth: 36 },
    field: 'horizonMonth',
    value: '36',
    allowed: 'did you mean "horizonMonths"?',
  },
  'a parameter outside its group': {
    doc: { name, productivity: 7 },
    field: 'productivity',
    value: '7',
    allowed: 'did you mean "decisions.productivity"?',
  },
  'a parameter under the name it had before it was renamed': {
    doc: { name, costs: { caseworkerPerYear: 50000 } },
    field: 'costs.caseworkerPerYear',
    value: '50000',
    allowed: 'a parameter renamed "costs.decisionMakerPerYear"',
  },
  'unknown field with nothing close': {
    doc: { name, decisions: { zzzzzzzz: 1 } },
    field: 'decisions.zzzzzzzz',
    value: '1',
    allowed: 'unknown field',
  },
  'negative count': {
    doc: { name, snapshot: { awaitingDecisionCases: -5 } },
    field: 'snapshot.awaitingDecisionCases',
    value: '-5',
    allowed: 'a whole number from 0 to 10,000,000',
  },
  'negative yearly flow': {
    doc: { name, arrivals: { claimsPeoplePerYear: -1000 } },
    field: 'arrivals.claimsPeoplePerYear',
    value: '-1000',
    allowed: 'from 0 to 10,000,000',
  },
  'share above 1': {
    doc: { name, decisions: { decisionShare: 1.5 } },
    field: 'decisions.decisionShare',
    value: '1.5',
    allowed: 'a number from 0 to 1 (share',
  },
  'share below 0': {
    doc: { name, accommodation: { supportShare: -0.1 } },
    field: 'accommodation.supportShare',
    value: '-0.1',
    allowed: 'from 0 to 1',
  },
  'non-integer where a whole number is required': {
    doc: { name, decisions: { trainingMonths: 2.5 } },
    field: 'decisions.trainingMonths',
    value: '2.5',
    allowed: 'a whole number from 0 to 24 (months)',
  },
  'text where a number is required': {
    doc: { name, decisions: { productivity: 'six' } },
    field: 'decisions.productivity',
    value: '"six"',
    allowed: 'a number from 0.01 to 200',
  },
  'a number where a group is required': {
    doc: { name, decisions: 5 },
    field: 'decisions',
    value: '5',
    allowed: 'a group of parameters',
  },
  'unknown choice': {
    doc: { name, decisions: { discipline: 'lifo' } },
    field: 'decisions.discipline',
    value: '"lifo"',
    allowed: 'one of fifo, legacy-first, streams-priority, streams-share',
  },
  'empty schedule': {
    doc: { name, decisions: { headcount: [] } },
    field: 'decisions.headcount',
    value: '[]',
    allowed: 'or a list of { date: YYYY-MM-DD, value }',
  },
  'schedule dates out of order': {
    doc: { name, decisions: { headcount: [{ date: '2024-01-01', value: 2500 }, { date: '2023-07-01', value: 2600 }] } },
    field: 'decisions.headcount[1].date',
    value: '2023-07-01',
    allowed: 'dates in increasing order (after 2024-01-01)',
  },
  'schedule with two points on one date': {
    doc: { name, appeals: { determinationsPerMonth: [{ date: '2024-01-01', value: 1 }, { date: '2024-01-01', value: 2 }] } },
    field: 'appeals.determinationsPerMonth[1].date',
    value: '2024-01-01',
    allowed: 'dates in increasing order',
  },
  'outcome shares adding above 1 (with the baseline inadmissible share)': {
    doc: { name, decisions: { withdrawShare: 0.95 } },
    field: 'decisions',
    value: 'shares adding to 1.020',
    allowed: 'withdrawShare + otherOutcomeShare must add up to at most 1',
  },
  'a backlog with no nationality': {
    doc: { name, snapshot: { nationalityMix: Object.fromEntries(NATIONALITIES.map((n) => [n, 0])) } },
    field: 'snapshot.nationalityMix',
    value: 'every share 0',
    allowed: 'at least one nationality with a share above 0 (the shares are weights)',
  },
  'horizon beyond the limit': {
    doc: { name, horizonMonths: LIMITS.maxHorizonMonths + 1 },
    field: 'horizonMonths',
    value: String(LIMITS.maxHorizonMonths + 1),
    allowed: `a whole number of months from 1 to ${LIMITS.maxHorizonMonths}`,
  },
  'horizon of zero months': {
    doc: { name, horizonMonths: 0 },
    field: 'horizonMonths',
    value: '0',
    allowed: 'from 1 to 240',
  },
  'a run whose expected cases exceed the limit': {
    doc: { name, horizonMonths: 240, arrivals: { claimsPeoplePerYear: 5_000_000 } },
    field: 'arrivals.claimsPeoplePerYear',
    value: 'cases over 240 months',
    allowed: `at most ${LIMITS.maxCasesPerReplication.toLocaleString('en-GB')} cases per replication`,
  },
  'fewer people than cases awaiting a decision': {
    doc: { name, snapshot: { awaitingDecisionCases: 100, awaitingDecisionPeople: 50, over6mPeople: 10 } },
    field: 'snapshot.awaitingDecisionPeople',
    value: '50',
    allowed: 'at least the number of cases (100)',
  },
  'more people over six months than awaiting': {
    doc: { name, snapshot: { over6mPeople: 9_000_000 } },
    field: 'snapshot.over6mPeople',
    value: '9,000,000',
    allowed: 'at most the people awaiting a decision',
  },
  'missing name': {
    doc: { decisions: { productivity: 7 } },
    field: 'name',
    value: 'nothing',
    allowed: 'lowercase letters, digits and hyphens',
  },
  'badly formed name': {
    doc: { name: 'My Horizon' },
    field: 'name',
    value: '"My Horizon"',
    allowed: 'lowercase letters, digits and hyphens',
  },
  'start not on the first of a month': {
    doc: { name, start: '2023-07-15' },
    field: 'start',
    value: '"2023-07-15"',
    allowed: 'the first day of a month, YYYY-MM-01',
  },
  'a list instead of a mapping': {
    doc: [{ name }],
    field: '(scenario)',
    value: '[{"name":"fixture"}]',
    allowed: 'a mapping of fields',
  },
  'nothing at all (an empty YAML file)': {
    doc: null,
    field: '(scenario)',
    value: 'null',
    allowed: 'a mapping of fields',
  },
};

describe('each malformed fixture is rejected with the field, the value and what is allowed', () => {
  for (const [mode, f] of Object.entries(FIXTURES)) {
    it(mode, () => {
      const e = rejection(f.doc);
      expect(e.name).toBe('InputError');
      const problem = e.problems[0];
      expect(problem.field).toBe(f.field);
      expect(problem.value).toContain(f.value);
      expect(problem.allowed).toContain(f.allowed);
      // The one-line message carries all three, after the file it came from.
      expect(e.message.startsWith(`${ORIGIN}: ${f.field}: got `)).toBe(true);
      expect(e.message).toContain(f.value);
      expect(e.message).toContain(f.allowed);
      expect(e.message).not.toContain('\n');
    });
  }

  it('every problem of a document is reported, not just the first', () => {
    const e = rejection({ name, decisions: { productivity: -1, trainingMonths: 0.5 }, horizonMonths: 999 });
    expect(e.problems.map((p) => p.field).sort()).toEqual(['decisions.productivity', 'decisions.trainingMonths', 'horizonMonths']);
    expect(e.message).toContain('(and 2 more problems)');
  });

  it('the expected-cases limit counts the snapshot and the claims at their highest scaling', () => {
    const s = validate({ name, horizonMonths: 120, arrivals: { smallBoatScale: [{ date: '2023-07-01', value: 1 }, { date: '2030-01-01', value: 3 }] } });
    const a = s.arrivals;
    const perYear = (a.claimsPeoplePerYear / a.peoplePerCase) * (a.smallBoatShare * 3 * (1 + a.seasonalAmplitude) + (1 - a.smallBoatShare));
    const sn = s.snapshot;
    const otherAppealsPerYear = 12 * Math.max(...s.appeals.otherPerMonth.map((p) => p.value));
    expect(expectedCases(s)).toBeCloseTo(sn.awaitingDecisionCases + sn.awaitingAppealCases + sn.awaitingReturnCases + (perYear + otherAppealsPerYear) * 10, 6);
  });
});

describe('schedule points', () => {
  it('a bare number is a constant schedule from the start', () => {
    const s = validate({ name, decisions: { headcount: 3_000 } });
    expect(s.decisions.headcount).toEqual([{ date: s.start, value: 3_000 }]);
  });

  // Once failed: errors inside a point looked the parameter up with the point's own key
  // ('decisions.headcount.date'), so "what is allowed" fell back to "a group of parameters".
  it('a point whose date is not a date names the point and says a date is required', () => {
    const e = rejection({ name, decisions: { headcount: [{ date: '2023-13-01', value: 2500 }] } });
    expect(e.problems[0].field).toBe('decisions.headcount[0].date');
    expect(e.problems[0].value).toBe('"2023-13-01"');
    expect(e.problems[0].allowed).toContain('YYYY-MM-DD');
  });

  it('a point with a negative value names the point and the allowed values', () => {
    const e = rejection({ name, decisions: { headcount: [{ date: '2023-07-01', value: -1 }] } });
    expect(e.problems[0].field).toBe('decisions.headcount[0].value');
    expect(e.problems[0].allowed).toContain('from 0 to 100,000');
  });

  it('a point that is no date at all is rejected (field and value named)', () => {
    const e = rejection({ name, decisions: { headcount: [{ date: 'soon', value: 2500 }] } });
    expect(e.problems[0].field).toBe('decisions.headcount[0].date');
    expect(e.problems[0].value).toBe('"soon"');
  });

  // Once failed: the path was joined with dots ("decisions.headcount.0.note").
  it('an unknown key in a point is named with the point index in brackets', () => {
    const e = rejection({ name, decisions: { headcount: [{ date: '2023-07-01', value: 1, note: 'x' }] } });
    expect(e.problems[0].field).toBe('decisions.headcount[0].note');
  });
});

describe('values a YAML file can hold but JSON cannot', () => {
  // Once failed: NaN and Infinity (YAML .nan, .inf) were shown as "null".
  it('NaN and Infinity are rejected and shown as such', () => {
    const nan = rejection({ name, decisions: { productivity: Number.NaN } }).problems[0];
    expect(nan.field).toBe('decisions.productivity');
    expect(nan.value).toBe('NaN');
    const inf = rejection({ name, decisions: { productivity: Infinity } }).problems[0];
    expect(inf.field).toBe('decisions.productivity');
    expect(inf.value).toBe('Infinity');
  });
});

describe('a scenario the schema accepts can be built', () => {
  // Once failed: stream shares could be 0, which the engine's share discipline refuses, so
  // buildWorld threw a RangeError instead of the scenario being refused with an InputError.
  it('a zero stream share under streams-share is refused or runs', () => {
    const doc = { name, ...smallOverrides({ discipline: 'streams-share' }, { decisions: { streamShares: { legacy: 0 } } }) };
    let scenario: Scenario;
    try {
      scenario = validate(doc);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return;
    }
    expect(() => buildWorld(scenario, { seed: 1, replication: 0 })).not.toThrow();
  });
});

describe('any small scenario the schema accepts runs', () => {
  // Sizes (snapshot, claims, capacities) stay those of a small scenario; every other parameter may
  // take any allowed value, bounds included.
  const SIZE = /^snapshot\.|claimsPeoplePerYear|headcount|determinationsPerMonth|enforcedPerMonth|Places$|backlogThreshold/;
  const free = leaves(PARAMETERS as unknown as ParamTree).filter((l) => !SIZE.test(l.path));
  const setting = fc.constantFrom(...free).chain(({ path, def }): fc.Arbitrary<readonly [string, unknown]> => {
    if (def.kind === 'choice') return fc.constantFrom(...def.options).map((v) => [path, v] as const);
    const hi = def.kind === 'schedule' ? Math.min(def.max, 20) : def.max;
    const value = def.kind === 'number' && def.integer ? fc.integer({ min: def.min, max: hi }) : fc.oneof(fc.constantFrom(def.min, hi), fc.double({ min: def.min, max: hi, noNaN: true }));
    return value.map((v) => [path, v] as const);
  });

  it('validation refuses it with an InputError, or it builds and runs', () => {
    fc.assert(
      fc.property(fc.array(setting, { maxLength: 6 }), seedArb, (settings, seed) => {
        const doc = { name, ...smallOverrides({ months: 12 }) } as Record<string, unknown>;
        for (const [path, value] of settings) setAt(doc, path, value);
        let scenario: Scenario;
        try {
          scenario = validate(doc);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          return;
        }
        const r = simulate(scenario, { seed, replication: 0 });
        expect(r.months.length).toBe(12);
      }),
      { numRuns: 40 },
    );
  });
});

/** Set a dotted path in a document, copying the groups on the way (the document's own stay intact). */
function setAt(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = doc;
  for (const k of keys.slice(0, -1)) {
    const next = node[k];
    node[k] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

describe('fuzzed documents are rejected with an InputError or accepted, never anything else', () => {
  const paths = leaves(PARAMETERS as unknown as ParamTree).map((l) => l.path);

  it('one parameter set to an arbitrary JSON value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const doc: Record<string, unknown> = { name };
        setAt(doc, path, value);
        try {
          validate(doc);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InputError).problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary documents', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }))), (doc) => {
        try {
          validate(doc);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
