import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.js';

describe('parseCsv (RFC 4180)', () => {
  it('reads plain, quoted, empty and multi-line fields with their start lines', () => {
    const text = 'a,b,c\n1,"x, y",\n"say ""hi""","two\nlines",3\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', ''] },
      { line: 3, fields: ['say "hi"', 'two\nlines', '3'] },
    ]);
  });

  it('accepts CRLF, a byte-order mark, no final newline, and skips blank lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n\r\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('refuses an unclosed quote, naming where it opened', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(new CsvSyntaxError(2, 3, 'quoted field is never closed'));
  });

  it('refuses text after a closing quote and a quote inside an unquoted field', () => {
    expect(() => parseCsv('a,"b"c\n')).toThrow(/line 1, column 6: unexpected "c" after a closing quote/);
    expect(() => parseCsv('a,b\nx,the "y" z\n')).toThrow(/line 2, column 7: a double quote inside an unquoted field/);
  });
});
