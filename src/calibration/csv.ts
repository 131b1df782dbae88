/**
 * A small, strict RFC 4180 CSV reader: comma-separated fields, optional double quotes around a
 * field (needed for commas, quotes and line breaks), `""` for a quote inside a quoted field,
 * LF or CRLF line ends. Pure (runs in a browser too) and strict: a stray quote is an error,
 * not something to guess around, because the data files are checked in and should be exact.
 *
 * Each record remembers the physical line it starts on, so errors can point at it even when an
 * earlier field spans lines.
 */

export interface CsvRecord {
  /** 1-based line number of the record's first character. */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`line ${line}, column ${column}: ${problem}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Split CSV text into records. A leading UTF-8 byte-order mark is ignored; a final line break
 * is optional; blank lines (outside quoted fields) are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  while (i < n) {
    // Skip blank lines between records.
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      i += text[i] === '\r' ? 2 : 1;
      line += 1;
      lineStart = i;
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        i += 1;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(openLine, openColumn, 'quoted field is never closed');
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (c === '\n') {
            line += 1;
            lineStart = i + 1;
          }
          value += c;
          i += 1;
        }
        const after = text[i];
        if (i < n && after !== ',' && after !== '\n' && !(after === '\r' && text[i + 1] === '\n')) {
          throw new CsvSyntaxError(line, i - lineStart + 1, `unexpected ${JSON.stringify(after)} after a closing quote`);
        }
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          if (text[i] === '"') {
            throw new CsvSyntaxError(line, i - lineStart + 1, 'a double quote inside an unquoted field (quote the whole field and double the quote)');
          }
          i += 1;
        }
        value = text.slice(start, i);
      }
      fields.push(value);
      if (i < n && text[i] === ',') {
        i += 1;
        continue;
      }
      break;
    }
    records.push({ line: recordLine, fields });
    if (i < n) {
      i += text[i] === '\r' ? 2 : 1;
      line += 1;
      lineStart = i;
    }
  }
  return records;
}
