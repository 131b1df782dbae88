/**
 * The claims file as a specification of what the loader accepts: the UK's file loads, and each
 * way of getting a file wrong is refused before any work with the file, the field, the value and
 * what is allowed (with "did you mean" where a name is close to a known one).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadOfficialData } from '../calibration/data-files.js';
import { InputError } from '../model/errors.js';
import { loadPack } from '../pack/load.js';
import { claimsPath, packClaims, readClaimsFile } from './load.js';
import { checkClaimsFile } from './spec.js';

const SERIES = ['small_boat_arrivals_ytd', 'backlog_initial_people', 'backlog_initial_cases'];
const ORIGIN = 'packs/test/claims.yaml';

/** A small valid file: one record claim, checked by the generic methods. */
function valid() {
  return {
    title: 'a test ledger',
    base: 'status-quo-2023',
    claims: [
      {
        id: 'backlog',
        speaker: 'a reporter',
        kind: 'record',
        statement: 'More than 175,000 people are waiting.',
        claimed: 'more than 175,000',
        computation: 'The official count.',
        inputs: [
          { name: 'claimed', claimed: 175_000, unit: 'people', where: 'the article' },
          { name: 'people', series: 'backlog_initial_people', period: '2023-06-30' },
        ],
        derive: [{ name: 'over', method: 'above', of: ['people', 'claimed'] }],
        result: { value: 'people', unit: 'people', text: '{count:people} people' },
        verdict: { if: 'over', then: 'accurate', else: 'misleading' },
        reasoning: 'The count was {over?just over|under} 175,000.',
        assumptions: ['people include dependants'],
      },
    ],
  };
}

type File = ReturnType<typeof valid>;

/** The problems of a file changed by `edit`, as "field: got value; allowed". */
function refusal(edit: (f: File & Record<string, unknown>) => void): string {
  const f = valid() as File & Record<string, unknown>;
  edit(f);
  try {
    checkClaimsFile(f, ORIGIN, { series: SERIES });
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error('accepted');
}

const claim = (f: File) => f.claims[0] as File['claims'][number] & Record<string, unknown>;

describe('claims file', () => {
  it('accepts a valid file, and the UK pack\'s', () => {
    expect(checkClaimsFile(valid(), ORIGIN, { series: SERIES }).claims).toHaveLength(1);
    const uk = readClaimsFile(claimsPath(loadPack('uk')), { series: loadOfficialData().names() });
    expect(uk.claims.map((c) => c.id)).toContain('eu-quota-124614');
  });

  it('accepts the example of docs/add-a-country.md', () => {
    const doc = readFileSync(new URL('../../docs/add-a-country.md', import.meta.url), 'utf8');
    const block = /## The claims ledger[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const file = checkClaimsFile(parse(block), 'docs/add-a-country.md', { series: loadOfficialData().names() });
    expect(file.claims[0]?.id).toBe('backlog-175000');
  });

  it('refuses an unknown method, naming the file, the field and the methods there are', () => {
    const m = refusal((f) => ((claim(f).derive as { method: string }[])[0] = { ...(claim(f).derive as object[])[0], method: 'greater' } as never));
    expect(m).toMatch(/^packs\/test\/claims\.yaml: claims\[0\]\.derive\[0\]\.method: got "greater"; one of the methods sum, product, .*above/);
  });

  it('refuses an unknown series with "did you mean"', () => {
    const m = refusal((f) => (claim(f).inputs[1] = { name: 'people', series: 'backlog_initial_peeple', period: '2023-06-30' }));
    expect(m).toContain('claims[0].inputs[1].series: got "backlog_initial_peeple"; a series of the pack\'s data — did you mean "backlog_initial_people"?');
  });

  it('refuses a missing field, naming it', () => {
    expect(refusal((f) => delete (claim(f) as Partial<File['claims'][number]>).speaker)).toMatch(/claims\[0\]\.speaker: got nothing; /);
    expect(refusal((f) => delete (f as Partial<File>).base)).toMatch(/^packs\/test\/claims\.yaml: base: got nothing; /);
    expect(refusal((f) => (claim(f).inputs[0] = { name: 'claimed', claimed: 175_000, unit: 'people' } as never))).toContain('claims[0].inputs[0].where: got nothing; who or where the claim was made');
    expect(refusal((f) => delete (claim(f) as Partial<File['claims'][number]>).reasoning)).toContain('claims[0].reasoning: got nothing; a reasoning (or a bespoke code: method that gives it)');
  });

  it('refuses an input of no kind or of two kinds', () => {
    expect(refusal((f) => (claim(f).inputs[1] = { name: 'p', series: 'backlog_initial_people', value: 3 } as never))).toContain(
      'claims[0].inputs[1]: got {"name":"p","series":"backlog_initial_people","value":3}; exactly one of claimed, series, value, parameter, projection (has series and value)',
    );
    expect(refusal((f) => (claim(f).inputs[1] = { name: 'p', series: 'backlog_initial_people', period: '2023-06-30', where: 'x' } as never))).toContain(
      'claims[0].inputs[1].where: got "x"; not a field of a series input (one has name, series, period, vintage)',
    );
    expect(refusal((f) => (claim(f).inputs[1] = { name: 'p', unit: 'people' } as never))).toContain('claims[0].inputs[1]: got {"name":"p","unit":"people"}; exactly one of claimed, series, value, parameter, projection (has none)');
  });

  it('refuses a name that is no input or earlier derived value, with "did you mean"', () => {
    expect(refusal((f) => (claim(f).derive = [{ name: 'over', method: 'above', of: ['peeple', 'claimed'] }]))).toContain('claims[0].derive[0].of[0]: got "peeple"; an input or an earlier derived value of the claim — did you mean "people"?');
    expect(refusal((f) => (claim(f).result = { value: 'overr', unit: 'people', text: 'x' }))).toContain('claims[0].result.value: got "overr"');
    expect(refusal((f) => (claim(f).reasoning = 'The count was {count:peple}.'))).toContain('claims[0].reasoning: got "peple"; an input or an earlier derived value of the claim — did you mean "people"?');
  });

  it('refuses a parameter the model does not have, with "did you mean"', () => {
    expect(refusal((f) => (claim(f).inputs[1] = { name: 'cost', parameter: 'costs.decisionMakerPerYer' } as never))).toContain(
      'claims[0].inputs[1].parameter: got "costs.decisionMakerPerYer"; a numeric parameter of the model, as a dotted path — did you mean "costs.decisionMakerPerYear"?',
    );
  });

  it('refuses numbers, a result or reasoning beside a bespoke method, which gives them itself', () => {
    expect(refusal((f) => (claim(f).code = 'eu-quota-population-bases'))).toContain('claims[0].derive: got set; nothing: the bespoke method eu-quota-population-bases gives the claim\'s numbers, result and reasoning');
    expect(refusal((f) => (claim(f).code = 'population-bases'))).toContain('claims[0].code: got "population-bases"; one of the bespoke methods eu-quota-population-bases');
  });

  it('refuses a method given the wrong number of operands, saying how many it takes', () => {
    expect(refusal((f) => (claim(f).derive = [{ name: 'over', method: 'above', of: ['people'] }]))).toContain('claims[0].derive[0].of: got ["people"]; 2 operands for above');
  });

  it('refuses an unknown template format, and projection placeholders in a file without a projection', () => {
    expect(refusal((f) => (claim(f).reasoning = '{cuont:people}'))).toContain('claims[0].reasoning: got "{cuont:people}"; a format of count, countAbs, money');
    expect(refusal((f) => (claim(f).computation = '{scenario:a} against {scenario:b}'))).toContain('claims[0].computation: got "{scenario:a}"; a {scenario:…} placeholder only in a file with a projection: block');
    expect(refusal((f) => (claim(f).reasoning = 'ends {when:people}'))).toContain('claims[0].reasoning: got "{when:people}"; a {when:…} placeholder only in a file with a projection: block');
  });

  it('refuses a projection date that is not relative to the start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claims-'));
    const path = join(dir, 'claims.yaml');
    const f = { ...valid(), projection: { nameSuffix: '-more', titleSuffix: ', more', overrides: { decisions: { extra: { headcount: [{ date: '2024-01-01', value: 1 }] } } } } };
    writeFileSync(path, JSON.stringify(f));
    expect(() => readClaimsFile(path, { series: SERIES })).toThrow(`${path}: projection.overrides.decisions.extra.headcount[0].date: got "2024-01-01"; "start" or "start + N months"`);
  });

  it('refuses the ledger of a pack without a claims file, naming the packs that have one', () => {
    expect(() => packClaims(loadPack('example'), { series: [] })).toThrow('--pack: got "example"; a pack with a claims ledger (packs/<name>/claims.yaml): uk; the example pack has none');
  });
});

