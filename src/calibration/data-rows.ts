/**
 * What every data file shares, the observed series (observed.ts) and the series catalogue
 * (series-catalogue.ts) alike: the error that names the file and line, the form of a series name,
 * and reading CSV records with syntax errors turned into that error. Pure: no Node imports.
 */
import { InputError, type InputProblem } from '../model/errors.js';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv.js';

/** A data file that breaks the tidy format: names the file, the line and what is wrong. */
export class DataFileError extends InputError {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: InputProblem,
  ) {
    super(problem, `${file}:${line}`);
    this.name = 'DataFileError';
  }
}

/** The form of a series name. */
export const SERIES_NAME = /^[a-z][a-z0-9_]*$/;

/** The CSV records of a data file; a syntax error becomes a DataFileError naming the file, line and column. */
export function csvRecords(text: string, file: string): CsvRecord[] {
  try {
    return parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      throw new DataFileError(file, e.line, { field: `column ${e.column}`, value: 'malformed CSV', allowed: `RFC 4180 CSV: ${e.problem}` });
    }
    throw e;
  }
}
