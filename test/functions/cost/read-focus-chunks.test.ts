import { gzipSync } from 'node:zlib';
import { addDecimal, formatDecimal, ZERO } from '../../../functions/cost/decimal';
import { CostInputError } from '../../../functions/cost/errors';
import { readFocusFile, readFocusFiles } from '../../../functions/cost/read-focus';
import { collect, errorOf, tempFile } from './fixtures';

const HEADER = 'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ServiceName,Tags,x_Note';

/** A FOCUS CSV of `rows` lines, CRLF-terminated, with quoted tags and a quoted note spanning two lines on every 7th row. */
function bigCsv(rows: number): { text: string; lineOfRow: number[] } {
  const lines = [HEADER];
  const lineOfRow: number[] = [];
  let line = 1;
  for (let i = 0; i < rows; i++) {
    const note = i % 7 === 0 ? `"row ${i}, first line\r\nsecond ""line"""` : `row ${i}`;
    lines.push(`0.${String(i % 1000).padStart(3, '0')},0.001,USD,2024-03-01T00:00:00Z,2024-03-01T01:00:00Z,svc-${i % 5},"{""env"":""e${i % 3}""}",${note}`);
    line += i % 7 === 0 ? 2 : 1;
    lineOfRow.push(line);
  }
  return { text: `${lines.join('\r\n')}\r\n`, lineOfRow };
}

describe('readFocusFile on files larger than one read', () => {
  const rows = 60_000; // ~6 MB: several reads, records and quoted line breaks cut between them
  const { text, lineOfRow } = bigCsv(rows);

  it.each([
    ['plain', () => tempFile('big.csv', text)],
    ['gzip', () => tempFile('big.csv.gz', gzipSync(text))],
  ])('reads every row of a %s file, with its values and the line it ends on', async (_format, write) => {
    const read = await collect(readFocusFile(write()));
    expect(read).toHaveLength(rows);
    expect(read.map((row) => row.origin!.line)).toEqual(lineOfRow);
    expect(read[7].custom).toEqual({ x_Note: 'row 7, first line\r\nsecond "line"' });
    expect(read[8].custom).toEqual({ x_Note: 'row 8' });
    expect(read.map((row) => row.Tags.env)).toEqual(read.map((_, i) => `e${i % 3}`));
    const total = read.reduce((sum, row) => addDecimal(sum, row.BilledCost), ZERO);
    expect(formatDecimal(total)).toBe('29970'); // 60 × (0 + 0.001 + … + 0.999)
  });

  it('names the column of a field with a stray quote, past the first read', async () => {
    const file = tempFile('stray.csv', `${text}1,1,USD,2024-03-01,2024-03-02,svc-"x",,\r\n`);
    const error = await errorOf(() => collect(readFocusFile(file)));
    expect(error).toBeInstanceOf(CostInputError);
    expect(error.message).toBe(`${file}:${lineOfRow[rows - 1] + 1}:ServiceName: not valid CSV: field 6 has a quote but does not start with one; quote the whole field and write a quote inside it as ""`);
  });

  it('stops reading when the consumer stops, and reads the next file from its start', async () => {
    const first = tempFile('first.csv', text);
    const second = tempFile('second.csv', `${HEADER}\n9,9,EUR,2024-03-01,2024-03-02,x,,\n`);
    const seen: string[] = [];
    for await (const row of readFocusFiles([first])) {
      seen.push(row.BillingCurrency);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['USD', 'USD', 'USD']);
    const next = await collect(readFocusFile(second));
    expect(next.map((row) => [row.BillingCurrency, formatDecimal(row.BilledCost)])).toEqual([['EUR', '9']]);
  });
});

describe('rows sharing a tag set', () => {
  it('cannot change each other’s tags', async () => {
    const rows = await collect(readFocusFile(tempFile('tags.csv', `${HEADER}\n1,1,USD,2024-03-01,2024-03-02,a,env:prod,\n2,2,USD,2024-03-01,2024-03-02,b,env:prod,\n`)));
    expect(() => {
      (rows[0].Tags as Record<string, string>).env = 'dev';
    }).toThrow(TypeError);
    expect(rows[1].Tags).toEqual({ env: 'prod' });
  });
});
