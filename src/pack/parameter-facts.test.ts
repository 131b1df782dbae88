/**
 * A pack's parameters.yaml: the UK's and the example's load, every parameter of the stages a pack
 * runs has a default, a range and a source, and each way a file can be wrong is refused with the
 * file, the parameter's path, the value and what is allowed (one malformed case per failure mode).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/errors.js';
import { PARAMETERS } from '../model/parameters.js';
import { leaves, type ParamTree } from '../model/declarations.js';
import { STAGES } from '../model/routing.js';
import { sampleParameters } from '../model/uncertainty.js';
import { uncertainParameters } from '../experiment/uncertain-parameters.js';
import { loadScenario } from '../scenarios/catalogue.js';
import { loadPack, packsDir } from './load.js';
import { checkPackParameters, provenanceMarkdown, provenanceText, rangesOf, type ParameterContext } from './parameter-facts.js';

const ALL = leaves(PARAMETERS as unknown as ParamTree).map((l) => l.path);
const TWO: ParameterContext = { stages: ['arrivals', 'decisions'] };
const example = () => parse(readFileSync(join(packsDir(), 'example', 'parameters.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;

/** The message of the InputError `f` throws. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('the packs’ parameters', () => {
  it('the UK gives every parameter of the model a default, a range (but choices) and a source', () => {
    const uk = loadPack('uk').parameters;
    expect([...uk.keys()]).toEqual(ALL);
    for (const [path, facts] of uk) {
      const kind = leaves(PARAMETERS as unknown as ParamTree).find((l) => l.path === path)!.def.kind;
      expect(facts.range === undefined, path).toBe(kind === 'choice');
      if (facts.provenance.kind === 'source') for (const s of facts.provenance.sources) expect(s.link, path).toMatch(/^https:\/\//);
    }
  });

  it('the example gives only its two stages and kpi, under one assumption', () => {
    const ex = loadPack('example').parameters;
    expect([...ex.keys()]).toEqual(ALL.filter((p) => ['arrivals', 'decisions', 'kpi'].includes(p.split('.')[0])));
    expect(new Set([...ex.values()].map((f) => f.provenance.kind))).toEqual(new Set(['assumption']));
    expect(rangesOf(ex)['arrivals.nationalityMix.syria']).toEqual([0.8, 1.25]);
  });

  it('renders a source as text with its links, and as Markdown links', () => {
    const p = { kind: 'source', sources: [{ title: 'Act', link: 'https://example.org/a' }, { title: 'Table', link: 'https://example.org/t' }], note: 'A note.' } as const;
    expect(provenanceText(p)).toBe('Act (https://example.org/a); Table (https://example.org/t). A note.');
    expect(provenanceMarkdown(p)).toBe('[Act](https://example.org/a); [Table](https://example.org/t). A note.');
    expect(provenanceText({ kind: 'assumption', text: 'none published.' })).toBe('Assumption: none published.');
    expect(provenanceText({ kind: 'policy', text: 'off in the status quo.' })).toBe('Policy lever: off in the status quo.');
  });
});

describe('checkPackParameters refuses', () => {
  const check = (raw: unknown, ctx: ParameterContext = TWO) => () => checkPackParameters(raw, 'atlantis/parameters.yaml', ctx);

  it('an unknown parameter, with a "did you mean"', () => {
    const raw = example();
    raw.decisions.productivty = raw.decisions.productivity;
    expect(refusal(check(raw))).toMatch(/^atlantis\/parameters\.yaml: decisions\.productivty: got .*; a parameter or group of decisions \(.*\) — did you mean "productivity"\?/);
  });

  it('an unknown field of a parameter', () => {
    const raw = example();
    raw.decisions.workCv = { default: 0.8, range: [0.5, 1.2], sauce: 'x' };
    expect(refusal(check(raw))).toMatch(/decisions\.workCv\.sauce: got "x"; one of default, range, source, assumption, policy, note — did you mean "source"\?/);
  });

  it('a default outside the bounds, or not an option', () => {
    const raw = example();
    raw.decisions.decisionShare = { default: 1.5, range: [0.4, 0.75] };
    raw.decisions.discipline = { default: 'random' };
    const message = refusal(check(raw));
    expect(message).toMatch(/decisions\.decisionShare\.default: got 1\.5; a number from 0 to 1 \(share \(0–1\)\)/);
    expect(message).toMatch(/and 1 more problem/);
  });

  it('a range outside the bounds, reversed, or on a choice', () => {
    const raw = example();
    raw.decisions.decisionShare = { default: 0.5, range: [0.4, 1.2] };
    expect(refusal(check(raw))).toMatch(/decisions\.decisionShare\.range: got \[0\.4,1\.2\]; \[low, high\] with 0 ≤ low ≤ high ≤ 1/);
    raw.decisions.decisionShare = { default: 0.5, range: [0.7, 0.4] };
    expect(refusal(check(raw))).toMatch(/decisions\.decisionShare\.range: got \[0\.7,0\.4\]/);
    raw.decisions.decisionShare = { default: 0.5, range: [0.4, 0.7] };
    raw.decisions.discipline = { default: 'fifo', range: [0, 1] };
    expect(refusal(check(raw))).toMatch(/decisions\.discipline\.range: got \[0,1\]; nothing: a choice has no plausible range/);
  });

  it('a parameter with no range or no source, here or above', () => {
    const raw = example();
    raw.decisions.workCv = { default: 0.8 };
    expect(refusal(check(raw))).toMatch(/decisions\.workCv\.range: got nothing; a plausible range/);
    const bare = example();
    delete bare.assumption;
    expect(refusal(check(bare))).toMatch(/arrivals\.claimsPeoplePerYear\.source: got nothing; a source \{ title, link \} \(or a list, with an optional note\), an assumption or a policy/);
  });

  it('a source without a link, two kinds of source at once, a note beside an assumption', () => {
    const raw = example();
    raw.decisions.workCv = { default: 0.8, range: [0.5, 1.2], source: { title: 'NAO' } };
    expect(refusal(check(raw))).toMatch(/decisions\.workCv\.source: got \{"title":"NAO"\}; \{ title, link \} with a non-empty title and an http\(s\) link/);
    raw.decisions.workCv = { default: 0.8, range: [0.5, 1.2], source: { title: 'NAO', link: 'https://www.nao.org.uk/' }, assumption: 'x' };
    expect(refusal(check(raw))).toMatch(/decisions\.workCv\.assumption: got "x"; one of source, assumption or policy \(source is given too\)/);
    raw.decisions.workCv = { default: 0.8, range: [0.5, 1.2], assumption: 'skewed', note: 'more' };
    expect(refusal(check(raw))).toMatch(/decisions\.workCv\.note: got "more"; a note only beside a source/);
  });

  it('a missing parameter of a stage the pack runs', () => {
    const raw = example();
    delete raw.decisions.workCv;
    expect(refusal(check(raw))).toMatch(/decisions\.workCv: got nothing; its default, range and source: the pack runs decisions/);
  });

  it('a parameter of a stage the pack does not run', () => {
    const raw = { ...example(), appeals: { certifiedShare: { default: 0.1, range: [0, 0.2] } } };
    expect(refusal(check(raw))).toMatch(/appeals: got set; parameters of the stages the pack runs \(arrivals, decisions\) and of kpi; appeals does not run/);
  });

  it('a schedule whose dates go backwards, and a figure that is not one', () => {
    const raw = example();
    raw.decisions.headcount = { default: [{ date: '2031-06-01', value: 80 }, { date: '2031-01-01', value: 90 }], range: [0.9, 1.1] };
    expect(refusal(check(raw))).toMatch(/decisions\.headcount\.default: got .*; .*a list of \{ date: YYYY-MM-DD, value \} in date order/);
    raw.decisions.headcount = { default: { series: 'Decision Makers', period: '2031' }, range: [0.9, 1.1] };
    expect(refusal(check(raw))).toMatch(/decisions\.headcount\.default: got .*or a figure of the pack's data/);
  });

  it('a file that is no mapping', () => {
    expect(refusal(check([1, 2]))).toMatch(/^atlantis\/parameters\.yaml: \(parameters\): got \[1,2\]; a mapping of the model's parameter groups/);
  });

  it('accepts the same file for a pack with every stage only when it gives them all', () => {
    expect(refusal(check(example(), { stages: [...STAGES] }))).toMatch(/snapshot\.awaitingDecisionCases: got nothing/);
  });
});

describe('the pack’s ranges travel with its scenarios', () => {
  it('a resolved scenario carries its pack’s ranges, and sensitivity analysis varies only those', () => {
    const steady = loadScenario('steady', {}, loadPack('example'));
    expect(steady.country.ranges['decisions.productivity']).toEqual([4, 9]);
    expect(steady.country.ranges['appeals.certifiedShare']).toBeUndefined();
    const paths = uncertainParameters(steady).map((p) => p.path);
    expect(paths).toContain('decisions.productivity');
    expect(paths.every((p) => ['arrivals', 'decisions'].includes(p.split('.')[0]))).toBe(true);
  });

  it('parametric uncertainty draws from the scenario’s ranges: a range narrowed to the value holds it', () => {
    const s = loadScenario('status-quo-2023');
    const drawn = Array.from({ length: 8 }, (_, r) => sampleParameters(s, 1, r).decisions.productivity);
    expect(new Set(drawn).size).toBeGreaterThan(1);
    const held = { ...s, country: { ...s.country, ranges: { ...s.country.ranges, 'decisions.productivity': [6, 6] as const } } };
    for (let r = 0; r < 8; r++) expect(sampleParameters(held, 1, r).decisions.productivity).toBe(6);
  });
});

describe('the template in docs/add-a-country.md', () => {
  it('is a parameters file whose only problems are the parameters it leaves out', () => {
    const doc = readFileSync(join(packsDir(), '..', 'docs', 'add-a-country.md'), 'utf8');
    const block = /## The parameters, `parameters\.yaml` \(template\)[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    try {
      checkPackParameters(parse(block!), 'template', TWO);
      throw new Error('the template gives every parameter: drop this test');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const problems = (e as InputError).problems.filter((p) => p.value !== 'nothing');
      expect(problems).toEqual([]);
    }
  });
});
