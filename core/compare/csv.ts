// CSV export of the rollout rows, for a spreadsheet (RFC 4180: comma-separated, CRLF line ends, a
// field with a comma, a quote or a line break in double quotes with its quotes doubled).
// Formula-injection safe (OWASP "CSV injection"): a text cell starting with = + - @ (or a tab or
// carriage return, which some spreadsheets skip before reading a formula) gets a leading
// apostrophe, so an office named "=HYPERLINK(...)" shows as text. Numbers are written as numbers:
// a typed number cannot be a formula, so "days late: -3" stays numeric. The result is a string;
// with `bom` it starts with U+FEFF, which UTF-8 encodes as EF BB BF so Excel reads it as UTF-8.
// The adapter that saves the file encodes it as UTF-8.
// When adding a column to RolloutRow, add it to ROLLOUT_CSV_COLUMNS if the spreadsheet needs it.
import type { RolloutRow } from './rollout-rows';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (U+FEFF); default false. */
  bom?: boolean;
  /** Default CRLF (RFC 4180). */
  lineEnding?: '\r\n' | '\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, neutralised and quoted as needed. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  records: Iterable<readonly CsvValue[]>,
  options: CsvOptions = {},
): string {
  const lineEnding = options.lineEnding ?? '\r\n';
  const lines = [header.map(csvField).join(',')];
  for (const record of records) lines.push(record.map(csvField).join(','));
  return `${options.bom === true ? '\uFEFF' : ''}${lines.join(lineEnding)}${lineEnding}`;
}

export interface RolloutCsvColumn {
  id: string;
  /** The English header; pass `labels` to translate. */
  label: string;
  value: (row: RolloutRow) => CsvValue;
}

export const ROLLOUT_CSV_COLUMNS: readonly RolloutCsvColumn[] = [
  { id: 'office', label: 'Office', value: (row) => row.office },
  { id: 'runName', label: 'Run', value: (row) => row.runName },
  { id: 'kind', label: 'Kind', value: (row) => row.kind },
  { id: 'country', label: 'Country', value: (row) => row.country },
  { id: 'definitionId', label: 'Template', value: (row) => row.definitionId },
  { id: 'definitionVersion', label: 'Template version', value: (row) => row.definitionVersion },
  { id: 'percentComplete', label: 'Progress %', value: (row) => row.percentComplete },
  { id: 'decision', label: 'Gate', value: (row) => row.decision },
  { id: 'blockerCount', label: 'Open blockers', value: (row) => row.blockerCount },
  {
    id: 'blockers',
    label: 'Blocked items',
    value: (row) => row.blockers.map((blocker) => blocker.title).join('; '),
  },
  { id: 'plannedGoLive', label: 'Planned go-live', value: (row) => row.plannedGoLive },
  { id: 'expectedGoLive', label: 'Expected go-live', value: (row) => row.expectedGoLive },
  { id: 'daysLate', label: 'Days late', value: (row) => row.daysLate },
  {
    id: 'remainingEstimateMinutes',
    label: 'Remaining estimate (min)',
    value: (row) => row.remainingEstimateMinutes,
  },
  { id: 'actualToEstimate', label: 'Actual / estimate', value: (row) => row.actualToEstimate },
  { id: 'paceBasis', label: 'Pace', value: (row) => row.paceBasis },
  { id: 'signOff', label: 'Sign-off', value: (row) => row.signOff },
  { id: 'observedAt', label: 'As of', value: (row) => row.observedAt },
];

export interface RolloutCsvOptions extends CsvOptions {
  /** Column ids to export, in order; all of ROLLOUT_CSV_COLUMNS by default. */
  columns?: readonly string[];
  /** Header text by column id (translations); the English label otherwise. */
  labels?: Readonly<Record<string, string>>;
}

export function rolloutRowsToCsv(
  rows: Iterable<RolloutRow>,
  options: RolloutCsvOptions = {},
): string {
  const columns =
    options.columns === undefined
      ? ROLLOUT_CSV_COLUMNS
      : options.columns.map((id) => {
          const column = ROLLOUT_CSV_COLUMNS.find((candidate) => candidate.id === id);
          if (column === undefined) throw new RangeError(`Unknown CSV column: ${id}`);
          return column;
        });
  const header = columns.map((column) => options.labels?.[column.id] ?? column.label);
  const records = [...rows].map((row) => columns.map((column) => column.value(row)));
  return toCsv(header, records, options);
}
