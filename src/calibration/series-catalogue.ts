/**
 * The series catalogue (`packs/uk/data/catalogue/series.csv`): every series name a data file may use,
 * with what it counts. A data row naming a series the catalogue lacks is refused, so a typo in
 * a new release cannot quietly become a new series that nothing compares. Pure: no Node
 * imports (data-files.ts reads the file).
 *
 * Columns `series,basis,kind,units,status,description`; the vocabularies are those of
 * packs/uk/data/SOURCES.md ("Series: what is counted").
 */
import { showValue } from '../model/errors.js';
import { DataFileError, SERIES_NAME, csvRecords } from './data-rows.js';

export const CATALOGUE_COLUMNS = ['series', 'basis', 'kind', 'units', 'status', 'description'] as const;

/**
 * What one unit of a series counts. `people`: main applicants plus dependants (or persons);
 * `cases`: main applicants only; `applicants`: EU statistics, which count persons; `as-noted`:
 * each row's note says; `unclear`: the source does not say.
 */
export const BASES = ['people', 'cases', 'applicants', 'appeals', 'staff', 'money', 'places', 'hotels', 'boats', 'as-noted', 'unclear'] as const;
/** Stock: a level at a date; flow: a count over a period; cumulative: a flow from a stated start up to a date. */
export const KINDS = ['stock', 'flow', 'cumulative', 'share', 'rate', 'money', 'price', 'capacity', 'duration'] as const;
/** `in-data`: some shipped data file holds it; `expected`: none does yet (a later release will). */
export const STATUSES = ['in-data', 'expected'] as const;

export type Basis = (typeof BASES)[number];
export type Kind = (typeof KINDS)[number];
export type SeriesStatus = (typeof STATUSES)[number];

export interface SeriesEntry {
  readonly series: string;
  readonly basis: Basis;
  readonly kind: Kind;
  /** The `unit` texts its rows may carry (the catalogue separates several with `|`). */
  readonly units: readonly string[];
  readonly status: SeriesStatus;
  /** What is counted, in one line. */
  readonly description: string;
  /** Catalogue file and 1-based line. */
  readonly file: string;
  readonly line: number;
}

/** The entries of a catalogue file, looked up by series name. */
export class SeriesCatalogue {
  private readonly byName: ReadonlyMap<string, SeriesEntry>;

  constructor(
    /** The name of the catalogue file, as messages give it. */
    readonly file: string,
    entries: readonly SeriesEntry[],
  ) {
    this.byName = new Map(entries.map((e) => [e.series, e]));
  }

  /** Every entry, sorted by series name. */
  entries(): SeriesEntry[] {
    return [...this.byName.values()].sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : 0));
  }

  names(): string[] {
    return this.entries().map((e) => e.series);
  }

  info(series: string): SeriesEntry | undefined {
    return this.byName.get(series);
  }

  has(series: string): boolean {
    return this.byName.has(series);
  }
}

function oneOf<T extends string>(allowed: readonly T[], text: string): text is T {
  return (allowed as readonly string[]).includes(text);
}

/** Read a catalogue file strictly; `file` is the name used in messages. Throws DataFileError. */
export function parseSeriesCatalogue(text: string, file: string): SeriesCatalogue {
  const records = csvRecords(text, file);
  const header = records[0];
  const columns = CATALOGUE_COLUMNS.join(',');
  if (!header || header.fields.join(',') !== columns) {
    throw new DataFileError(file, header?.line ?? 1, {
      field: 'header',
      value: header ? showValue(header.fields.join(',')) : 'an empty file',
      allowed: `the columns ${columns}, in that order`,
    });
  }
  const entries: SeriesEntry[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, fields } of records.slice(1)) {
    const fail = (field: string, value: string, allowed: string): never => {
      throw new DataFileError(file, line, { field, value: showValue(value), allowed });
    };
    if (fields.length !== CATALOGUE_COLUMNS.length) {
      throw new DataFileError(file, line, { field: 'row', value: `${fields.length} field${fields.length === 1 ? '' : 's'}`, allowed: `${CATALOGUE_COLUMNS.length} fields (${columns})` });
    }
    const [series, basis, kind, unitsText, status, description] = fields as [string, string, string, string, string, string];
    if (!SERIES_NAME.test(series)) fail('series', series, 'a snake_case name: lower-case letters, digits and _, starting with a letter');
    const earlier = firstLine.get(series);
    if (earlier !== undefined) fail('series', series, `each series once; already on line ${earlier}`);
    if (!oneOf(BASES, basis)) fail('basis', basis, `one of ${BASES.join(', ')}`);
    if (!oneOf(KINDS, kind)) fail('kind', kind, `one of ${KINDS.join(', ')}`);
    const units = unitsText.split('|').map((u) => u.trim());
    if (units.some((u) => u === '')) fail('units', unitsText, 'one or more units such as people or GBP, separated by |, none blank');
    if (!oneOf(STATUSES, status)) fail('status', status, `one of ${STATUSES.join(', ')}`);
    if (description.trim() === '') fail('description', description, 'a line saying what is counted');
    firstLine.set(series, line);
    entries.push({ series, basis: basis as Basis, kind: kind as Kind, units, status: status as SeriesStatus, description, file, line });
  }
  return new SeriesCatalogue(file, entries);
}
