// CSV export: RFC 4180 quoting, formula-injection neutralised in text cells (not in numbers),
// an optional UTF-8 BOM, and the rollout rows round-tripping through a strict parser.
import { describe, expect, it } from 'vitest';
import {
  buildRolloutRows,
  csvField,
  observeRollouts,
  ROLLOUT_CSV_COLUMNS,
  rolloutRowsToCsv,
  toCsv,
} from '../../../../core/compare';
import { generateWorld } from './generate';

/** A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let isQuoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (isQuoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') isQuoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') isQuoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
    i += 1;
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no line end');
  return records;
}

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('')).toBe('');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+49 30 1234')).toBe("'+49 30 1234");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes numbers and booleans as they are, and nothing for missing values', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF and adds a BOM on request', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
    expect(toCsv(['a'], [['x']], { lineEnding: '\n' })).toBe('a\nx\n');
    const bytes = new TextEncoder().encode(toCsv(['Zürich'], [], { bom: true }));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('rolloutRowsToCsv', () => {
  const world = generateWorld({ offices: 12, items: 40 });
  const rows = buildRolloutRows(observeRollouts(world.sources, world.catalog), {
    today: world.today,
  });
  const hostile = [
    { ...rows[0]!, office: '=HYPERLINK("http://evil","click")', runName: 'Zürich, "Main"\nfloor' },
    { ...rows[1]!, office: '@SUM(1)', runName: '-1+2' },
    ...rows.slice(2),
  ];

  it('writes a header and one record per row that read back as written', () => {
    const records = parseCsv(rolloutRowsToCsv(hostile));
    expect(records[0]).toEqual(ROLLOUT_CSV_COLUMNS.map((column) => column.label));
    expect(records).toHaveLength(rows.length + 1);
    expect(records[1]?.[0]).toBe('\'=HYPERLINK("http://evil","click")');
    expect(records[1]?.[1]).toBe('Zürich, "Main"\nfloor');
    expect(records[2]?.slice(0, 2)).toEqual(["'@SUM(1)", "'-1+2"]);
    const daysLate = ROLLOUT_CSV_COLUMNS.findIndex((column) => column.id === 'daysLate');
    records.slice(1).forEach((record, index) => {
      expect(record).toHaveLength(ROLLOUT_CSV_COLUMNS.length);
      expect(record[daysLate]).toBe(String(hostile[index]!.daysLate));
    });
    expect(rows.some((row) => row.daysLate < 0)).toBe(true);
  });

  it('exports the chosen columns with translated headers', () => {
    const text = rolloutRowsToCsv(rows.slice(0, 2), {
      columns: ['office', 'blockers', 'actualToEstimate'],
      labels: { office: 'Oficina' },
      bom: true,
    });
    expect(text.startsWith('\uFEFFOficina,Blocked items,Actual / estimate\r\n')).toBe(true);
    expect(() => rolloutRowsToCsv(rows, { columns: ['nope'] })).toThrow(RangeError);
  });

  it('joins the blocked items of a row in one cell', () => {
    const blocked = rows.find((row) => row.blockerCount > 1)!;
    const [, record] = parseCsv(rolloutRowsToCsv([blocked], { columns: ['blockers'] }));
    expect(record).toEqual([blocked.blockers.map((b) => b.title).join('; ')]);
  });
});
