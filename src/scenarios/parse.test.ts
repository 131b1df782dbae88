import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { SCENARIO_LIMITS, parseJsonDocument, parseScenarioText } from './parse.js';
import { readScenarioFile } from './read-file.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const fixturePath = (name: string): string => new URL(name, FIXTURES).pathname;

/** A refusal must come this fast (ms); typical is well under 20 ms, the margin is for slow CI. */
const FAST_MS = 500;

function refusal(run: () => unknown): { error: InputError; ms: number } {
  const t0 = performance.now();
  try {
    run();
  } catch (e) {
    const ms = performance.now() - t0;
    if (!(e instanceof InputError)) throw new Error(`expected an InputError, got ${String(e)}`, { cause: e });
    return { error: e, ms };
  }
  throw new Error('expected a refusal, but the document was accepted');
}

/** One malformed fixture per failure mode, and the message it must be refused with. */
const MALFORMED: ReadonlyArray<[file: string, message: RegExp]> = [
  ['empty.yaml', /file: got an empty document; a YAML or JSON mapping of scenario fields$/],
  ['comments-only.yaml', /file: got a document with no data \(only comments or markers\)/],
  ['nul-byte.yaml', /file: got binary data \(a NUL byte at byte 15\); UTF-8 text \(YAML or JSON\)$/],
  ['invalid-utf8.yaml', /file: got bytes that are not valid UTF-8; UTF-8 text/],
  ['control-char.yaml', /line 1, column 11: got a control character U\+0007; text without control characters/],
  ['alias-bomb.yaml', /line 3, column 29: got more than 16 aliases; at most 16 YAML aliases \(\*name\)$/],
  ['alias-chain.yaml', /file: got aliases that expand too much; at most 16 YAML aliases, not nested in each other$/],
  ['alias-undefined.yaml', /line 2, column 8: got the alias \*hotels with no anchor &hotels before it/],
  ['alias-cycle.yaml', /loop\[1\]: got a value that contains itself \(an alias inside its own anchor\); data without cycles$/],
  ['alias-key.yaml', /line 2, column 1: got an alias used as a key; a plain key such as a name or a date$/],
  ['complex-key.yaml', /line 2, column 3: got a mapping or list used as a key; a plain key/],
  ['deep.yaml', /line 33, column 65: got nesting deeper than 32 levels; at most 32 levels of nested mappings and lists$/],
  ['deep.json', /line 1, column 161: got nesting deeper than 32 levels; at most 32 levels/],
  ['duplicate-key.yaml', /line 5, column 3: got duplicate key discipline; each key once in a mapping$/],
  ['duplicate-number-key.yaml', /line 3, column 3: got duplicate key 2024; each key once in a mapping$/],
  ['duplicate-key.json', /line 4, column 3: got duplicate key "name" \(first at line 2, column 3\); each key once in an object$/],
  ['multiple-documents.yaml', /line 2, column 1: got a second document; one YAML document per scenario/],
  ['top-level-list.yaml', /\(top level\): got a list; a mapping of scenario fields \(name: value\)$/],
  ['top-level-list.json', /\(top level\): got a list; a mapping of scenario fields/],
  ['top-level-scalar.yaml', /\(top level\): got a string "just some text"; a mapping of scenario fields/],
  ['syntax-error.yaml', /line 4, column 1: got a YAML syntax error \(.*\); valid YAML$/],
  ['syntax-error.json', /line 4, column 1: got invalid JSON; valid JSON: expected a "quoted" key$/],
  ['trailing-data.json', /line 2, column 1: got invalid JSON; valid JSON: expected the end of the text after the JSON value/],
  ['non-finite.yaml', /arrivals\.smallBoats\.perMonth: got Infinity; a finite number$/],
  ['nan.yaml', /costs\[2\]: got NaN; a finite number$/],
  ['non-finite.json', /arrivals\.perMonth: got Infinity; a finite number$/],
  ['tag-binary.yaml', /line 2, column 7: got an unsupported tag \(Unresolved tag: tag:yaml\.org,2002:binary\); plain YAML without tags/],
  ['custom-tag.yaml', /line 1, column 7: got an unsupported tag \(Unresolved tag: !shell\)/],
  ['yaml11-date.yaml', /start: got a value of type Date; plain data: text, numbers, true\/false, lists and mappings$/],
  ['proto-key.json', /decisions\.__proto__: got the key "__proto__"; a key other than __proto__$/],
];

describe('parseJsonDocument: the strict JSON of a file, for documents that are not files', () => {
  it('names a nested duplicate key by its path, in objects and arrays', () => {
    const text = '{"a": [{"x": 1}, {"b": {"k": 1, "k": 2}}]}';
    expect(() => parseJsonDocument(text, '(body)')).toThrow(/^\(body\): line 1, column 33: got duplicate key "k" in a\[1\]\.b \(first at line 1, column 25\)/);
  });

  it('reads JSON only: a YAML flow mapping that a file could be is refused', () => {
    expect(() => parseJsonDocument('{a: 1}', '(body)')).toThrow(/^\(body\): line 1, column 2: got invalid JSON/);
    expect(parseScenarioText('{a: 1}', 'stdin')).toEqual({ a: 1 });
    expect(parseJsonDocument('{"a": [1, {"b": true}]}', '(body)')).toEqual({ a: [1, { b: true }] });
  });
});

describe('parseScenarioText: one malformed fixture per failure mode', () => {
  // Warm the parser up so the time limit measures the refusal, not module loading.
  parseScenarioText(readFileSync(fixturePath('valid.yaml')), 'warm-up.yaml');

  it.each(MALFORMED)('refuses %s, fast, naming the origin', (name, message) => {
    const origin = `fixtures/${name}`;
    const { error, ms } = refusal(() => parseScenarioText(readFileSync(fixturePath(name)), origin));
    expect(error.message.startsWith(`${origin}: `)).toBe(true);
    expect(error.message).toMatch(message);
    expect(error.problems).toHaveLength(1);
    expect(ms).toBeLessThan(FAST_MS);
  });

  it.each(MALFORMED)('refuses %s the same way when read from disk', (name, message) => {
    const path = fixturePath(name);
    const { error } = refusal(() => readScenarioFile(path));
    expect(error.message.startsWith(`${path}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });
});

describe('parseScenarioText: what gets through', () => {
  it('reads YAML into plain data, aliases expanded', () => {
    const data = parseScenarioText(readFileSync(fixturePath('valid.yaml')), 'valid.yaml') as Record<string, unknown>;
    expect(data).toEqual({
      name: 'fixture-valid',
      title: 'Valid: quoted, with a colon',
      description: 'Folded text with [brackets] and {braces} and a # that is not a comment, over two lines.\n',
      horizonMonths: 60,
      decisions: {
        discipline: 'legacy-first',
        caseworkers: [{ from: '2023-07-01', headcount: 1775 }, { from: '2023-09-01', headcount: 2500 }],
        shares: [0.5, 0.25, 0.25],
      },
      hotels: { closeBy: null, enabled: true },
      sites: { closeBy: null, enabled: true },
      '1': 'numeric-looking key',
    });
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  it('reads JSON, by name or by a leading brace', () => {
    const text = readFileSync(fixturePath('valid.json'), 'utf8');
    const data = parseScenarioText(text, 'valid.json') as Record<string, unknown>;
    expect(data).toMatchObject({ name: 'fixture-valid-json', decisions: { rate: -150 }, note: 'escapes " \\ é and [brackets]', empty: {}, none: [] });
    expect(parseScenarioText(text, 'request body')).toEqual(data);
  });

  it('reads a YAML flow mapping that starts with a brace when the name does not say JSON', () => {
    expect(parseScenarioText('{name: x, shares: [1, 2]}', 'request body')).toEqual({ name: 'x', shares: [1, 2] });
    expect(parseScenarioText('{name: x}', 'x.yaml')).toEqual({ name: 'x' });
    const { error } = refusal(() => parseScenarioText('{name: x}', 'x.json'));
    expect(error.message).toBe('x.json: line 1, column 2: got invalid JSON; valid JSON: expected a "quoted" key');
  });

  it('gives JSON-style messages to text that looks like JSON even when YAML cannot read it either', () => {
    const { error } = refusal(() => parseScenarioText('{"name": "x",, }', 'request body'));
    expect(error.message).toBe('request body: line 1, column 14: got invalid JSON; valid JSON: expected a "quoted" key');
  });

  it('accepts a byte-order mark, CRLF line ends and a document exactly at the depth limit', () => {
    expect(parseScenarioText('\uFEFFname: x\r\nn: 1\r\n', 'bom.yaml')).toEqual({ name: 'x', n: 1 });
    expect(parseScenarioText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31]), 'bom.yaml')).toEqual({ a: 1 });
    const text = Array.from({ length: 31 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n') + `\n${'  '.repeat(31)}k: 1\n`;
    let value = parseScenarioText(text, 'deep32.yaml');
    for (let i = 0; i < 32; i++) value = (value as Record<string, unknown>).k;
    expect(value).toBe(1);
    expect(parseScenarioText(`${'{"k":'.repeat(32)}1${'}'.repeat(32)}`, 'deep32.json')).toBeTypeOf('object');
  });

  it('takes other limits when given', () => {
    const limits = { ...SCENARIO_LIMITS, maxDepth: 2, maxNodes: 5 };
    expect(parseScenarioText('a: {b: 1}', 'x.yaml', limits)).toEqual({ a: { b: 1 } });
    expect(refusal(() => parseScenarioText('a: {b: {c: 1}}', 'x.yaml', limits)).error.message).toMatch(/nesting deeper than 2 levels/);
    expect(refusal(() => parseScenarioText('a: [1, 2, 3, 4, 5]', 'x.yaml', limits)).error.message).toMatch(/more than 5 values/);
  });
});

describe('parseScenarioText: huge and hostile documents are refused fast', () => {
  const cases: ReadonlyArray<[label: string, make: () => string | Uint8Array, origin: string, message: RegExp]> = [
    ['a string over the size limit', () => `a: ${'x'.repeat(SCENARIO_LIMITS.maxBytes)}`, 'big.yaml', /^big\.yaml: file: got 262,147 bytes; at most 262,144 bytes \(256 KiB\)$/],
    ['bytes over the size limit', () => new Uint8Array(SCENARIO_LIMITS.maxBytes + 1).fill(0x20), 'big.yaml', /file: got 262,145 bytes; at most 262,144 bytes/],
    ['multi-byte text over the size limit', () => `a: ${'é'.repeat(SCENARIO_LIMITS.maxBytes / 2)}`, 'big.yaml', /file: got 262,147 bytes/],
    ['200,000 open brackets', () => '['.repeat(200_000), 'deep.yaml', /line 1, column 64: got nesting deeper than 32 levels/],
    ['200,000 open brackets, as JSON', () => `{"a":${'['.repeat(200_000)}`, 'deep.json', /line 1, column 37: got nesting deeper than 32 levels/],
    ['brackets hidden behind a quoted string', () => `a: "${']'.repeat(100)}"\nb: ${'['.repeat(100_000)}`, 'deep.yaml', /line 2, column 67: got nesting deeper than 32 levels/],
    ['100,000 compact sequence entries', () => `${'- '.repeat(100_000)}x`, 'deep.yaml', /line 1, column 129: got nesting deeper than 32 levels/],
    ['nested flow mappings', () => '{a: '.repeat(60_000), 'deep.yaml', /got nesting deeper than 32 levels/],
    ['700 levels of indentation', () => Array.from({ length: 700 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), 'deep.yaml', /line 65, column 65: got nesting deeper than 32 levels/],
    ['100,000 values in a flow list', () => `[${Array(100_000).fill('1').join(',')}]`, 'many.yaml', /file: got more than 20,000 values; at most 20,000 values/],
    ['60,000 values in a block list', () => Array(60_000).fill('- 1').join('\n'), 'many.yaml', /file: got more than 20,000 values/],
    ['100,000 values in a JSON list', () => `{"a": [${Array(100_000).fill('1').join(',')}]}`, 'many.json', /file: got more than 20,000 values/],
    ['a JSON object with 10,000 keys (20,001 values)', () => `{${Array.from({ length: 10_000 }, (_, i) => `"k${i}": ${i}`).join(', ')}}`, 'keys.json', /file: got more than 20,000 values/],
    ['20,001 values that the pre-scan cannot see', () => `a: [${Array(20_001).fill('"x, y"').join(', ')}]`, 'many.yaml', /got more than 20,000 values/],
  ];

  it.each(cases)('refuses %s', (_label, make, origin, message) => {
    const input = make();
    const { error, ms } = refusal(() => parseScenarioText(input, origin));
    expect(error.message.startsWith(`${origin}: `)).toBe(true);
    expect(error.message).toMatch(message);
    expect(ms).toBeLessThan(FAST_MS * 2);
  });
});

describe('readScenarioFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asylum-sim-scenario-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and parses a file', () => {
    const path = join(dir, 'ok.yaml');
    writeFileSync(path, 'name: ok\n');
    expect(readScenarioFile(path)).toEqual({ name: 'ok' });
  });

  it('checks the size before reading: a 1 GiB (sparse) file is refused at once', () => {
    const path = join(dir, 'huge.yaml');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    const { error, ms } = refusal(() => readScenarioFile(path));
    expect(error.message).toBe(`${path}: file: got 1,073,741,824 bytes; at most 262,144 bytes (256 KiB)`);
    expect(ms).toBeLessThan(100);
  });

  it.skipIf(!existsSync('/dev/zero'))('reads no more than the limit from a device without a size', () => {
    const { error, ms } = refusal(() => readScenarioFile('/dev/zero'));
    expect(error.message).toBe('/dev/zero: file: got more than 262,144 bytes; at most 262,144 bytes (256 KiB)');
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('names a missing file and a folder', () => {
    expect(refusal(() => readScenarioFile(join(dir, 'nope.yaml'))).error.message).toBe(
      `${join(dir, 'nope.yaml')}: file: got no such file; the path of a YAML or JSON scenario file`,
    );
    expect(refusal(() => readScenarioFile(dir)).error.message).toBe(`${dir}: file: got a folder; the path of a YAML or JSON scenario file`);
  });
});

describe('parseScenarioText never throws anything but InputError, and never hangs (fuzz)', () => {
  /** Return normally or throw InputError, within a time bound. */
  const safely = (input: string | Uint8Array, origin: string): void => {
    const t0 = performance.now();
    try {
      const data = parseScenarioText(input, origin);
      expect(data !== null && typeof data === 'object' && !Array.isArray(data)).toBe(true);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      expect(e.message.startsWith(`${origin}: `)).toBe(true);
    }
    expect(performance.now() - t0).toBeLessThan(FAST_MS * 2);
  };

  const yamlPieces = ['a', 'b', '1', '-1.5', '.inf', '.nan', 'null', '~', 'true', ':', ': ', '- ', '? ', ',', '[', ']', '{', '}', '"', "'", '\\', '#', '&x ', '*x', '&y ', '*y', '!', '!!str ', '!!binary ',
    '|', '>', '\n', '\n  ', '\n    ', '  ', '\t', '---\n', '...\n', '%YAML 1.1\n', '<<: ', '__proto__', '\u0000', '\uFEFF', 'é', '\uD800'];
  const jsonPieces = ['{', '}', '[', ']', ',', ':', '"a"', '"a"', '"b"', '"__proto__"', '1', '-0', '1e999', '0.5', 'true', 'null', ' ', '\n', '"\\u00', '"\\"', '\\'];

  it('arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('f.yaml', 'f.json', 'body'), (text, origin) => safely(text, origin)), { numRuns: 400 });
  });

  it('arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('f.yaml', 'f.json', 'body'), (bytes, origin) => safely(bytes, origin)), { numRuns: 400 });
  });

  it('YAML-shaped text', () => {
    const arb = fc.array(fc.constantFrom(...yamlPieces), { maxLength: 80 }).map((parts) => parts.join(''));
    fc.assert(fc.property(arb, (text) => safely(text, 'f.yaml')), { numRuns: 1500 });
  });

  it('JSON-shaped text', () => {
    const arb = fc.array(fc.constantFrom(...jsonPieces), { maxLength: 80 }).map((parts) => `{${parts.join('')}`);
    fc.assert(fc.property(arb, fc.constantFrom('f.json', 'body'), (text, origin) => safely(text, origin)), { numRuns: 1500 });
  });

  it('real documents with random damage', () => {
    const base = readFileSync(fixturePath('valid.yaml'), 'utf8');
    const arb = fc.tuple(fc.nat(base.length), fc.nat(20), fc.constantFrom(...yamlPieces));
    fc.assert(fc.property(arb, ([at, cut, piece]) => safely(base.slice(0, at) + piece + base.slice(at + cut), 'f.yaml')), { numRuns: 800 });
  });
});
