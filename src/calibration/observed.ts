/**
 * Observed (official) series: reading the tidy data files and looking figures up.
 *
 * The layout is documented in packs/uk/data/SOURCES.md ("Tidy format"): the columns
 * `series,period,value,unit,source,note,vintage`, one row per figure. Reading is strict and
 * every refusal names the file and line, because a silently skipped or misread figure would
 * quietly bend a calibration. Pure: no Node imports (data-files.ts reads the files).
 */
import { InputError, showValue } from '../model/errors.js';
import { didYouMean } from '../model/suggest.js';
import { csvText } from '../experiment/csv.js';
import { DataFileError, SERIES_NAME, csvRecords } from './data-rows.js';
import { PERIOD_FORMS, comparePeriods, parsePeriod, type Period } from './period.js';
import type { SeriesCatalogue } from './series-catalogue.js';

/** The columns of every data file, in order. */
export const OBSERVED_COLUMNS = ['series', 'period', 'value', 'unit', 'source', 'note', 'vintage'] as const;

export interface Observation {
  readonly series: string;
  readonly period: string;
  readonly value: number;
  readonly unit: string;
  /** Address of the page the figure comes from. */
  readonly source: string;
  readonly note: string;
  /** `as-published`, `revised`, or a release date `YYYY-MM` / `YYYY-MM-DD`. */
  readonly vintage: string;
  /** File and 1-based line the row was read from. */
  readonly file: string;
  readonly line: number;
}

/** A figure asked for that no data file holds. */
export class MissingObservationError extends Error {
  constructor(
    readonly series: string,
    readonly period: string,
    message: string,
  ) {
    super(message);
    this.name = 'MissingObservationError';
  }
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const RELEASE_DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const ADDRESS = /^https?:\/\/\S+$/;
const VINTAGES = "'as-published', 'revised', or a release date YYYY-MM or YYYY-MM-DD";

/** Check a vintage's form (a release date must be a real month or day). */
export function isVintage(text: string): boolean {
  if (text === 'as-published' || text === 'revised') return true;
  if (!RELEASE_DATE.test(text)) return false;
  const p = parsePeriod(text);
  return p !== undefined && (p.kind === 'month' || p.kind === 'date');
}

/** Rank for choosing one vintage: revised, then the latest release date, then as-published. */
function compareVintages(a: string, b: string): number {
  const rank = (v: string): number => (v === 'revised' ? 2 : v === 'as-published' ? 0 : 1);
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkHeader(fields: readonly string[], file: string, line: number): void {
  const fail = (allowed: string): never => {
    throw new DataFileError(file, line, { field: 'header', value: showValue(fields.join(',')), allowed });
  };
  const expected: readonly string[] = OBSERVED_COLUMNS;
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f)) fail(`each column once; "${f}" appears twice`);
    seen.add(f);
  }
  const unknown = fields.filter((f) => !expected.includes(f));
  const missing = expected.filter((c) => !seen.has(c));
  if (unknown.length > 0 || missing.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    if (unknown.length > 0) parts.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
    fail(`${parts.join('; ')}; the columns are ${expected.join(',')}`);
  }
  if (fields.some((f, i) => f !== expected[i])) fail(`the columns in the order ${expected.join(',')}`);
}

function checkPeriod(series: string, text: string): Period | string {
  const period = parsePeriod(text);
  if (!period) return `a period of the form ${PERIOD_FORMS}`;
  if (series.endsWith('_12m') && period.kind !== 'month') {
    return 'a month (YYYY-MM) for a series ending _12m: the 12 months ending that month';
  }
  return period;
}

/**
 * Why a row's series or unit does not fit the catalogue, or undefined when it does. A unit
 * outside the series' catalogue units is refused because the catalogue states the series'
 * basis: "cases" in a people series would be a different count under the same name.
 */
function checkAgainstCatalogue(series: string, unit: string, catalogue: SeriesCatalogue): { field: string; value: string; allowed: string } | undefined {
  const entry = catalogue.info(series);
  if (!entry) {
    const suggestion = didYouMean(series, catalogue.names(), 3);
    const hint = suggestion ? `; ${suggestion}` : '';
    return {
      field: 'series',
      value: series,
      allowed: `a series of the catalogue ${catalogue.file}${hint} (a new series needs a line there: series,basis,kind,units,status,description; see packs/uk/data/SOURCES.md)`,
    };
  }
  if (!entry.units.includes(unit)) {
    const shown = entry.units.map((u) => `"${u}"`).join(' or ');
    return {
      field: 'unit',
      value: unit,
      allowed: `the unit of ${series} (basis ${entry.basis}) in ${catalogue.file}:${entry.line}: ${shown} (if the figure is the same count, add the unit there, separated by |)`,
    };
  }
  return undefined;
}

/**
 * Read one data file. `file` is the name used in messages (and kept on each observation).
 * With a catalogue, a row whose series it lacks, or whose unit is not one of that series'
 * units, is refused (loadOfficialData always passes one). Throws DataFileError for the first
 * problem found.
 */
export function parseObservedCsv(text: string, file: string, catalogue?: SeriesCatalogue): Observation[] {
  const records = csvRecords(text, file);
  const header = records[0];
  if (!header) throw new DataFileError(file, 1, { field: 'header', value: 'an empty file', allowed: `a header line ${OBSERVED_COLUMNS.join(',')}` });
  checkHeader(header.fields, file, header.line);

  const out: Observation[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records.slice(1)) {
    const { line, fields } = record;
    const fail = (field: string, value: string, allowed: string): never => {
      throw new DataFileError(file, line, { field, value: showValue(value), allowed });
    };
    if (fields.length !== OBSERVED_COLUMNS.length) {
      throw new DataFileError(file, line, {
        field: 'row',
        value: `${fields.length} field${fields.length === 1 ? '' : 's'}`,
        allowed: `${OBSERVED_COLUMNS.length} fields (${OBSERVED_COLUMNS.join(',')})`,
      });
    }
    const [series, periodText, valueText, unit, source, note, vintage] = fields as [string, string, string, string, string, string, string];
    if (!SERIES_NAME.test(series)) fail('series', series, 'a snake_case name: lower-case letters, digits and _, starting with a letter');
    const misfit = catalogue && checkAgainstCatalogue(series, unit, catalogue);
    if (misfit) fail(misfit.field, misfit.value, misfit.allowed);
    const period = checkPeriod(series, periodText);
    if (typeof period === 'string') fail('period', periodText, period);
    if (!PLAIN_NUMBER.test(valueText)) {
      fail('value', valueText, valueText.trim() === ''
        ? 'a number (figures not found are left out of the file and listed in SOURCES.md)'
        : 'a plain decimal number such as 1234 or 47.6 (no thousands separators, %, or exponent)');
    }
    if (unit.trim() === '') fail('unit', unit, 'a unit such as people, cases or GBP (see SOURCES.md, "Units")');
    if (!ADDRESS.test(source)) fail('source', source, 'the http(s) address of the page the figure comes from');
    if (!isVintage(vintage)) fail('vintage', vintage, VINTAGES);
    const key = `${series}\u0000${periodText}\u0000${vintage}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      fail('row', `${series} ${periodText} ${vintage}`, `each (series, period, vintage) once; already on line ${earlier} (give one of them another vintage)`);
    }
    firstLine.set(key, line);
    out.push({ series, period: periodText, value: Number(valueText), unit, source, note, vintage, file, line });
  }
  return out;
}

interface Cell {
  /** All vintages of one series and period, best (preferred) first. */
  readonly rows: Observation[];
  readonly period: Period;
}

/**
 * Observations of several files, looked up by series and period. When a series and period
 * has several vintages, lookups take `revised`, else the latest release date, else
 * `as-published`, unless a vintage is asked for. Asking for a series no file holds is an
 * InputError with close names; asking for a period a known series lacks is a
 * MissingObservationError (or undefined from `get`).
 */
export class ObservedData {
  private readonly cells = new Map<string, Map<string, Cell>>();

  constructor(observations: readonly Observation[]) {
    for (const o of observations) {
      let bySeries = this.cells.get(o.series);
      if (!bySeries) this.cells.set(o.series, (bySeries = new Map()));
      let cell = bySeries.get(o.period);
      if (!cell) {
        const period = parsePeriod(o.period);
        if (!period) throw new DataFileError(o.file, o.line, { field: 'period', value: showValue(o.period), allowed: `a period of the form ${PERIOD_FORMS}` });
        bySeries.set(o.period, (cell = { rows: [], period }));
      }
      const twin = cell.rows.find((r) => r.vintage === o.vintage);
      if (twin) {
        throw new DataFileError(o.file, o.line, {
          field: 'row',
          value: showValue(`${o.series} ${o.period} ${o.vintage}`),
          allowed: `each (series, period, vintage) once across files; already in ${twin.file}:${twin.line}`,
        });
      }
      cell.rows.push(o);
      cell.rows.sort((a, b) => compareVintages(b.vintage, a.vintage));
    }
  }

  /** All series names, sorted. */
  names(): string[] {
    return [...this.cells.keys()].sort();
  }

  has(series: string): boolean {
    return this.cells.has(series);
  }

  /**
   * The observations of a series sorted by period (start, then end): by default one per
   * period, the preferred vintage; with `allVintages`, every row, preferred first within a period.
   */
  series(name: string, options: { allVintages?: boolean } = {}): Observation[] {
    const cells = [...this.known(name).values()].sort((a, b) => comparePeriods(a.period, b.period));
    return cells.flatMap((c) => (options.allVintages ? c.rows : c.rows.slice(0, 1)));
  }

  /** The row for a series and period (preferred vintage unless one is given), or undefined. */
  observation(series: string, period: string, vintage?: string): Observation | undefined {
    const cell = this.known(series).get(period);
    if (!cell) return undefined;
    return vintage === undefined ? cell.rows[0] : cell.rows.find((r) => r.vintage === vintage);
  }

  /** The value for a series and period, or undefined when that period is absent. */
  get(series: string, period: string, vintage?: string): number | undefined {
    return this.observation(series, period, vintage)?.value;
  }

  /** The value for a series and period, or undefined when the data lack the series or the period (an input a release may not carry). */
  figure(series: string, period: string): number | undefined {
    return this.has(series) ? this.get(series, period) : undefined;
  }

  /** The value for a series and period; throws MissingObservationError naming both when absent. */
  value(series: string, period: string, vintage?: string): number {
    const found = this.observation(series, period, vintage);
    if (found) return found.value;
    const cell = this.cells.get(series)?.get(period);
    if (cell && vintage !== undefined) {
      const have = cell.rows.map((r) => r.vintage).join(', ');
      throw new MissingObservationError(series, period, `no ${vintage} value of ${series} for ${period} (vintages: ${have})`);
    }
    const periods = this.series(series).map((o) => o.period);
    const shown = periods.length <= 8 ? periods.join(', ') : `${periods.slice(0, 4).join(', ')}, …, ${periods.slice(-3).join(', ')}`;
    throw new MissingObservationError(series, period, `no value of ${series} for ${period} (it has ${periods.length} period${periods.length === 1 ? '' : 's'}: ${shown})`);
  }

  private known(series: string): Map<string, Cell> {
    const cells = this.cells.get(series);
    if (cells) return cells;
    const suggestion = didYouMean(series, this.cells.keys(), 3);
    throw new InputError(
      {
        field: 'series',
        value: showValue(series),
        allowed: suggestion
          ? `one of the ${this.cells.size} series in the data files; ${suggestion}`
          : `one of the ${this.cells.size} series in the data files (see packs/uk/data/SOURCES.md)`,
      },
      'official data',
    );
  }
}

/** Build ObservedData from several files' texts, each checked against the catalogue if one is given. */
export function observedFromTexts(files: ReadonlyArray<{ readonly file: string; readonly text: string }>, catalogue?: SeriesCatalogue): ObservedData {
  return new ObservedData(files.flatMap(({ file, text }) => parseObservedCsv(text, file, catalogue)));
}

/** A number as a plain decimal (PLAIN_NUMBER's form): String() would give 1e+21 or 1e-7. */
function plainNumber(value: number): string {
  if (Object.is(value, -0)) return '-0';
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign = '', lead = '', fraction = '', exponentText = '0'] = m;
  const exponent = Number(exponentText);
  const digits = lead + fraction;
  if (exponent >= 0) {
    return digits.length > exponent + 1
      ? `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`
      : `${sign}${digits.padEnd(exponent + 1, '0')}`;
  }
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

/**
 * Write observations as a data file (header line, one row each, LF line ends) that
 * parseObservedCsv reads back to the same rows: how a new release is written in this format.
 */
export function formatObservedCsv(observations: readonly Observation[]): string {
  return csvText(OBSERVED_COLUMNS, observations.map((o) => [o.series, o.period, plainNumber(o.value), o.unit, o.source, o.note, o.vintage]));
}
