/**
 * The input boundary for scenario documents: YAML or JSON text (a file, an HTTP body, an
 * editor buffer) turned into plain data, or refused quickly with an InputError that names the
 * origin, the place and what is allowed. Nothing past this point has to worry about hostile
 * input: what comes out is a plain mapping of strings, finite numbers, booleans, null, lists
 * and mappings, at most SCENARIO_LIMITS deep and large. The scenario schema then checks fields.
 *
 * Order of checks, cheapest first: size; binary content (NUL and other control bytes, invalid
 * UTF-8); emptiness; a quick nesting pre-scan of the raw text (so that `[[[[…` cannot reach a
 * recursive parser); then, for YAML, the CST from the `yaml` package's iterative parser is
 * walked for exact depth, size and alias counts before anything recursive runs on it. JSON is
 * checked by a small validator that also finds duplicate keys (JSON.parse keeps the last one
 * silently), then read by JSON.parse. Pure: no Node imports (read-file.ts reads files).
 */
import { CST, Composer, Parser, isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import { InputError } from '../model/errors.js';

/** Refusal thresholds. Generous for any hand-written scenario, small enough to stay fast. */
export const SCENARIO_LIMITS = Object.freeze({
  /** Bytes of UTF-8 text (256 KiB). */
  maxBytes: 256 * 1024,
  /** Levels of nested mappings and lists; the top-level mapping is level 1. */
  maxDepth: 32,
  /** Values in the document: keys, items and scalars, aliases counted where they expand. */
  maxNodes: 20_000,
  /** YAML aliases (`*name`); a handful is plenty, and it keeps "billion laughs" out. */
  maxAliases: 16,
});
export type ScenarioLimits = { readonly [K in keyof typeof SCENARIO_LIMITS]: number };

const fmt = (n: number): string => n.toLocaleString('en-GB');

function refuse(origin: string, field: string, value: string, allowed: string): never {
  throw new InputError({ field, value, allowed }, origin);
}

/** `line L, column C` (1-based, columns in UTF-16 units) of an offset. */
function where(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return `line ${line}, column ${end - lineStart + 1}`;
}

/** The InputError for a document over the size limit (also used before reading a file). */
export function tooLargeError(origin: string, bytes: number, limits: ScenarioLimits = SCENARIO_LIMITS, atLeast = false): InputError {
  return new InputError({ field: 'file', value: `${atLeast ? 'more than ' : ''}${fmt(bytes)} bytes`, allowed: `at most ${fmt(limits.maxBytes)} bytes (${limits.maxBytes / 1024} KiB)` }, origin);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Size and binary checks; returns the text without a byte-order mark. */
function decode(input: string | Uint8Array, origin: string, limits: ScenarioLimits): string {
  let text: string;
  if (typeof input === 'string') {
    if (input.length > limits.maxBytes) throw tooLargeError(origin, utf8Length(input), limits);
    const bytes = utf8Length(input);
    if (bytes > limits.maxBytes) throw tooLargeError(origin, bytes, limits);
    text = input;
  } else {
    if (input.byteLength > limits.maxBytes) throw tooLargeError(origin, input.byteLength, limits);
    const nul = input.indexOf(0);
    if (nul >= 0) refuse(origin, 'file', `binary data (a NUL byte at byte ${fmt(nul + 1)})`, 'UTF-8 text (YAML or JSON)');
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      refuse(origin, 'file', 'bytes that are not valid UTF-8', 'UTF-8 text (YAML or JSON)');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0);
    const what = code === 0 ? 'binary data (a NUL character)' : `a control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    refuse(origin, where(text, control.index), what, 'text without control characters other than tab and line breaks');
  }
  return text;
}

/**
 * Quick look at the raw text, without parsing, so that hostile shapes never reach a parser:
 * nesting is estimated from flow brackets outside quotes and comments plus (YAML) block
 * indentation levels and compact `- ` / `? ` entries; `deepAt` is the offset where it first
 * exceeds `limit`, or -1. `values` estimates the number of values from commas in brackets and
 * content lines. Exact nesting for JSON; for YAML either may be off a little, so the caller
 * leaves a margin and the CST walk makes the exact checks.
 */
function prescan(text: string, json: boolean, limit: number): { deepAt: number; values: number } {
  const n = text.length;
  const indents: number[] = [];
  let values = 0;
  let flow = 0;
  let quote = 0;
  let blockScalarParent = -1;
  for (let i = 0; i < n; ) {
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = n;
    let j = i;
    let indent = 0;
    if (!json && quote === 0 && flow === 0) {
      while (j < eol && text.charCodeAt(j) === 0x20) j++;
      indent = j - i;
      const first = text.charCodeAt(j);
      const blank = j >= eol || first === 0x23 || first === 0x0d;
      if (blockScalarParent >= 0 && (blank || indent > blockScalarParent)) {
        i = eol + 1;
        continue;
      }
      blockScalarParent = -1;
      if (blank) {
        i = eol + 1;
        continue;
      }
      values += 1;
      while (indents.length > 0 && (indents[indents.length - 1] as number) > indent) indents.pop();
      if (indents.length === 0 || (indents[indents.length - 1] as number) < indent) indents.push(indent);
      for (;;) {
        const c = text.charCodeAt(j);
        const next = text.charCodeAt(j + 1);
        if ((c !== 0x2d && c !== 0x3f) || (j + 1 < eol && next !== 0x20 && next !== 0x0d)) break;
        j += 1;
        while (j < eol && text.charCodeAt(j) === 0x20) j++;
        indents.push(j - i);
        if (indents.length > limit) return { deepAt: j, values };
      }
      if (indents.length > limit) return { deepAt: j, values };
    }
    let contentEnd = eol;
    for (; j < eol; j++) {
      const c = text.charCodeAt(j);
      if (quote !== 0) {
        if (quote === 0x22 && c === 0x5c) j++;
        else if (c === quote) {
          if (quote === 0x27 && text.charCodeAt(j + 1) === 0x27) j++;
          else quote = 0;
        }
        continue;
      }
      const prev = j === i ? 0x20 : text.charCodeAt(j - 1);
      if (c === 0x22 || (c === 0x27 && !json)) {
        if (json || prev === 0x20 || prev === 0x09 || prev === 0x5b || prev === 0x7b || prev === 0x2c || prev === 0x3a || prev === 0x2d) quote = c;
      } else if (c === 0x23 && !json && (prev === 0x20 || prev === 0x09)) {
        contentEnd = j;
        break;
      } else if (c === 0x5b || c === 0x7b) {
        flow += 1;
        values += 1;
        if (indents.length + flow > limit) return { deepAt: j, values };
      } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow -= 1;
      else if (c === 0x2c && flow > 0) values += 1;
    }
    if (!json && quote === 0 && flow === 0 && /(^|[\s:-])[|>][-+0-9]*\s*$/.test(text.slice(i, contentEnd))) blockScalarParent = indent;
    i = eol + 1;
  }
  return { deepAt: -1, values };
}

const tooDeep = (limits: ScenarioLimits) => [`nesting deeper than ${limits.maxDepth} levels`, `at most ${limits.maxDepth} levels of nested mappings and lists`] as const;
const tooMany = (limits: ScenarioLimits) => [`more than ${fmt(limits.maxNodes)} values`, `at most ${fmt(limits.maxNodes)} values (keys, list items and scalars)`] as const;

// ---------------------------------------------------------------------------------------- JSON

const JSON_NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

type JsonProblem = { offset: number; expected: string } | { offset: number; duplicate: string; first: number; within: string };

/**
 * Validate JSON (RFC 8259) and find the first syntax error or duplicate key. Recursive, but
 * only run after the pre-scan has bounded the bracket depth (and it guards its own depth).
 */
function checkJson(text: string, maxDepth: number): JsonProblem | undefined {
  let i = 0;
  const n = text.length;
  class Stop {
    constructor(readonly problem: JsonProblem) {}
  }
  const expect = (expected: string): never => {
    throw new Stop({ offset: i, expected });
  };
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): string => {
    const start = i;
    i += 1;
    for (;;) {
      if (i >= n) expect('a closing " for the string');
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        if (!/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i + 1, i + 6))) expect('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u with four hex digits)');
        i += text[i + 1] === 'u' ? 6 : 2;
      } else if (c < 0x20) expect('no raw control characters or line breaks in a string (write \\n)');
      else i += 1;
    }
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (depth: number, within: string): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth > maxDepth) expect(`at most ${maxDepth} levels of nesting`);
      const object = c === '{';
      const keys = new Map<string, number>();
      let index = 0;
      i += 1;
      ws();
      if (text[i] === (object ? '}' : ']')) {
        i += 1;
        return;
      }
      for (;;) {
        if (object) {
          ws();
          if (text[i] !== '"') expect('a "quoted" key');
          const at = i;
          const key = string();
          const first = keys.get(key);
          if (first !== undefined) throw new Stop({ offset: at, duplicate: key, first, within });
          keys.set(key, at);
          ws();
          if (text[i] !== ':') expect("':' after the key");
          i += 1;
          value(depth + 1, within ? `${within}.${key}` : key);
        } else value(depth + 1, `${within}[${index}]`);
        index += 1;
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === (object ? '}' : ']')) {
          i += 1;
          return;
        } else expect(object ? "',' or '}'" : "',' or ']'");
      }
    }
    if (c === '"') {
      string();
      return;
    }
    JSON_NUMBER.lastIndex = i;
    if (JSON_NUMBER.test(text)) {
      i = JSON_NUMBER.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    expect(i >= n ? 'a value (the text ends too early)' : 'a value: an object, array, string, number, true, false or null');
  };
  try {
    value(1, '');
    ws();
    if (i < n) expect('the end of the text after the JSON value (one value per document)');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    throw e;
  }
}

function parseJson(text: string, origin: string, limits: ScenarioLimits): unknown {
  const problem = checkJson(text, limits.maxDepth);
  if (problem && 'duplicate' in problem) {
    const within = problem.within ? ` in ${problem.within}` : '';
    refuse(origin, where(text, problem.offset), `duplicate key ${JSON.stringify(problem.duplicate)}${within} (first at ${where(text, problem.first)})`, 'each key once in an object');
  }
  if (problem) refuse(origin, where(text, problem.offset), 'invalid JSON', `valid JSON: expected ${problem.expected}`);
  return JSON.parse(text) as unknown;
}

// ---------------------------------------------------------------------------------------- YAML

/** Exact depth, size and alias checks on the CST, before anything recursive runs. */
function checkCst(doc: CST.Document, text: string, origin: string, limits: ScenarioLimits): void {
  const stack: Array<[CST.Token, number]> = doc.value ? [[doc.value, 1]] : [];
  const aliases: number[] = [];
  let nodes = 0;
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [token, depth] = top;
    if (++nodes > limits.maxNodes) refuse(origin, 'file', ...tooMany(limits));
    if (token.type === 'alias') aliases.push(token.offset);
    if (!CST.isCollection(token)) continue;
    if (depth > limits.maxDepth) refuse(origin, where(text, token.offset), ...tooDeep(limits));
    for (const item of token.items) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  if (aliases.length > limits.maxAliases) {
    const first = aliases.sort((a, b) => a - b)[limits.maxAliases] as number;
    refuse(origin, where(text, first), `more than ${limits.maxAliases} aliases`, `at most ${limits.maxAliases} YAML aliases (*name)`);
  }
}

/**
 * Keys: plain scalars only, each once per mapping as JavaScript will see it (so `1` and "1"
 * clash). Done here in linear time: the yaml package's own uniqueKeys check is quadratic.
 */
function checkKeys(root: unknown, text: string, origin: string): void {
  const stack: unknown[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isSeq(node)) {
      stack.push(...node.items);
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as unknown;
        if (key !== null && !isScalar(key)) {
          const offset = (key as { range?: [number] }).range?.[0] ?? 0;
          refuse(origin, where(text, offset), isAlias(key) ? 'an alias used as a key' : 'a mapping or list used as a key', 'a plain key such as a name or a date');
        }
        const name = key === null || key.value === null ? '' : String(key.value);
        if (seen.has(name)) {
          refuse(origin, where(text, key?.range?.[0] ?? 0), `duplicate key ${name.length > 40 ? `${name.slice(0, 37)}...` : name}`, 'each key once in a mapping');
        }
        seen.add(name);
        stack.push(pair.value);
      }
    }
  }
}

function refuseYamlProblem(doc: Document.Parsed, text: string, origin: string, limits: ScenarioLimits): void {
  const error = doc.errors[0];
  if (error) {
    const at = where(text, error.pos[0]);
    if (error.code === 'RESOURCE_EXHAUSTION') refuse(origin, at, ...tooDeep(limits));
    refuse(origin, at, `a YAML syntax error (${error.message})`, 'valid YAML');
  }
  const warning = doc.warnings[0];
  if (warning) {
    const what = warning.code === 'TAG_RESOLVE_FAILED' ? `an unsupported tag (${warning.message})` : `a YAML warning (${warning.message})`;
    refuse(origin, where(text, warning.pos[0]), what, 'plain YAML without tags (!name)');
  }
}

function parseYaml(text: string, origin: string, limits: ScenarioLimits): unknown {
  const tokens = Array.from(new Parser().parse(text));
  const docs = tokens.filter((t): t is CST.Document => t.type === 'document');
  if (docs.length > 1) {
    refuse(origin, where(text, (docs[1] as CST.Document).offset), 'a second document', 'one YAML document per scenario (no second ---)');
  }
  if (docs[0]) checkCst(docs[0], text, origin, limits);
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, logLevel: 'silent', resolveKnownTags: false });
  const doc = Array.from(composer.compose(tokens))[0];
  if (!doc) refuse(origin, 'file', 'a document with no data (only comments or markers)', 'a YAML or JSON mapping of scenario fields');
  refuseYamlProblem(doc, text, origin, limits);
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '')) {
    refuse(origin, 'file', 'a document with no data (only comments or markers)', 'a YAML or JSON mapping of scenario fields');
  }
  checkKeys(contents, text, origin);
  try {
    return doc.toJS({ maxAliasCount: limits.maxAliases }) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(message);
    if (unresolved) {
      const name = unresolved[1] ?? '';
      refuse(origin, where(text, text.indexOf(`*${name}`)), `the alias *${name} with no anchor &${name} before it`, 'aliases to anchors defined earlier in the document');
    }
    if (/alias count/i.test(message)) refuse(origin, 'file', 'aliases that expand too much', `at most ${limits.maxAliases} YAML aliases, not nested in each other`);
    refuse(origin, 'file', `YAML that cannot be read (${message})`, 'plain YAML data');
  }
}

// ------------------------------------------------------------------------------ plain data check

type Frame = { readonly value: unknown; readonly depth: number; readonly parent?: Frame; readonly key?: string | number };

function pathOf(frame: Frame): string {
  const parts: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) {
    const k = f.key as string | number;
    parts.push(typeof k === 'number' ? `[${k}]` : /^[A-Za-z_][\w-]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
  }
  const path = parts.reverse().join('');
  return path.startsWith('.') ? path.slice(1) : path || '(top level)';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `a string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'object') return `a value of type ${Object.prototype.toString.call(value).slice(8, -1)}`;
  return `the ${typeof value} ${String(value)}`;
}

/**
 * Plain data only: a top-level mapping; finite numbers; no cycles, no exotic objects; depth and
 * size (keys included, aliases counted where they expand) within the limits.
 */
function checkPlainData(data: unknown, origin: string, limits: ScenarioLimits): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    refuse(origin, '(top level)', describe(data), 'a mapping of scenario fields (name: value)');
  }
  const stack: Frame[] = [{ value: data, depth: 1 }];
  let nodes = 0;
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (++nodes > limits.maxNodes) refuse(origin, 'file', ...tooMany(limits));
    const v = frame.value;
    if (typeof v === 'number' && !Number.isFinite(v)) refuse(origin, pathOf(frame), String(v), 'a finite number');
    if (v === null || typeof v !== 'object') continue;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) refuse(origin, pathOf(frame), describe(v), 'plain data: text, numbers, true/false, lists and mappings');
    if (frame.depth > limits.maxDepth) refuse(origin, pathOf(frame), ...tooDeep(limits));
    for (let f = frame.parent; f; f = f.parent) {
      if (f.value === v) refuse(origin, pathOf(frame), 'a value that contains itself (an alias inside its own anchor)', 'data without cycles');
    }
    const size = Array.isArray(v) ? v.length : Object.keys(v).length;
    if (!Array.isArray(v)) nodes += size; // the keys
    if (nodes + stack.length + size > limits.maxNodes) refuse(origin, 'file', ...tooMany(limits));
    const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, k) => [k, x]) : Object.entries(v);
    for (let k = entries.length - 1; k >= 0; k--) {
      const [key, child] = entries[k] as [string | number, unknown];
      const next: Frame = { value: child, depth: frame.depth + 1, parent: frame, key };
      if (key === '__proto__') refuse(origin, pathOf(next), 'the key "__proto__"', 'a key other than __proto__');
      stack.push(next);
    }
  }
}

// ------------------------------------------------------------------------------------ the entry

/**
 * Parse a scenario document into plain data. `origin` names it in messages (a path, `stdin`,
 * `request body`); it also picks the syntax: `.json` is JSON, `.yaml`/`.yml` is YAML, and
 * anything else is JSON when it starts with `{` (falling back to YAML, which can also read a
 * `{a: 1}` flow mapping) and YAML otherwise. Throws only InputError.
 */
export function parseScenarioText(text: string | Uint8Array, origin: string, limits: ScenarioLimits = SCENARIO_LIMITS): unknown {
  return parseText(text, origin, limits, false);
}

/**
 * A JSON document that carries scenarios (an HTTP request body), read as strictly as a scenario
 * file: size, depth and value limits, duplicate keys refused (JSON.parse would keep the last),
 * non-finite numbers and `__proto__` keys refused. JSON only, never YAML. Throws only InputError.
 */
export function parseJsonDocument(text: string, origin: string, limits: ScenarioLimits = SCENARIO_LIMITS): unknown {
  return parseText(text, origin, limits, true);
}

function parseText(text: string | Uint8Array, origin: string, limits: ScenarioLimits, jsonOnly: boolean): unknown {
  try {
    const source = decode(text, origin, limits);
    if (source.trim() === '') refuse(origin, 'file', 'an empty document', jsonOnly ? 'a JSON object' : 'a YAML or JSON mapping of scenario fields');
    const byName = jsonOnly || /\.json$/i.test(origin);
    const json = byName || (!/\.ya?ml$/i.test(origin) && source.trimStart().startsWith('{'));
    const { deepAt, values } = prescan(source, json, json ? limits.maxDepth : 2 * limits.maxDepth);
    if (deepAt >= 0) refuse(origin, where(source, deepAt), ...tooDeep(limits));
    if (values > limits.maxNodes) refuse(origin, 'file', ...tooMany(limits));
    let data: unknown;
    if (json) {
      try {
        data = parseJson(source, origin, limits);
      } catch (jsonError) {
        if (byName) throw jsonError;
        try {
          data = parseYaml(source, origin, limits);
        } catch {
          throw jsonError;
        }
      }
    } else {
      data = parseYaml(source, origin, limits);
    }
    checkPlainData(data, origin, limits);
    return data;
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof RangeError) refuse(origin, 'file', ...tooDeep(limits));
    refuse(origin, 'file', `a document that cannot be read (${e instanceof Error ? e.message : String(e)})`, 'a YAML or JSON mapping of scenario fields');
  }
}
