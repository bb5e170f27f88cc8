import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { formatDecimal } from '../../../functions/cost/decimal';
import { CostInputError } from '../../../functions/cost/errors';
import { detectFormat, readFocusFile, readFocusFiles } from '../../../functions/cost/read-focus';
import type { CostRow } from '../../../functions/cost/focus';
import { ALIBABA_CSV_GZ, AWS_CSV, BAD_NUMBER_CSV, collect, errorOf, FIXTURES, MISSING_COLUMNS_CSV, tempFile } from './fixtures';
import { readCsvTable, writeParquetTable } from './parquet-files';

const HEADER = 'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ServiceName';

async function readError(file: string): Promise<CostInputError> {
  const error = await errorOf(() => collect(readFocusFile(file)));
  expect(error).toBeInstanceOf(CostInputError);
  return error as CostInputError;
}

describe('readFocusFile', () => {
  it('normalises every column of an AWS FOCUS export, keeping x_ columns and dropping other extras', async () => {
    const rows = await collect(readFocusFile(AWS_CSV));
    expect(rows).toHaveLength(8);
    const first = rows[0];
    expect(formatDecimal(first.BilledCost)).toBe('0.1');
    expect(formatDecimal(first.ListCost!)).toBe('0.12');
    expect(first).toMatchObject({
      BillingCurrency: 'USD',
      ChargePeriodStart: Date.UTC(2024, 2, 1),
      ChargePeriodEnd: Date.UTC(2024, 2, 2),
      ChargeCategory: 'Usage',
      ServiceName: 'Amazon EC2',
      ServiceCategory: 'Compute',
      ProviderName: 'AWS',
      RegionId: 'us-east-1',
      SubAccountId: '111111111111',
      ResourceId: 'i-0a',
      Tags: { env: 'prod', team: 'core' },
      custom: { x_UsageType: 'BoxUsage:m7g.large' },
    });
    expect(first).not.toHaveProperty('PricingQuantity');
    expect(formatDecimal(rows[2].BilledCost)).toBe('0.00000001');
    expect(rows[2].ListCost).toBeUndefined();
    expect(rows[3]).not.toHaveProperty('RegionId');
    expect(rows[7].Tags).toEqual({});
    expect(rows[7].custom).toEqual({});
  });

  it('reads a gzip export by its magic bytes, whatever its name, with Alibaba tags and offsets', async () => {
    const misnamed = tempFile('alibaba.csv', readFileSync(ALIBABA_CSV_GZ));
    expect(await detectFormat(misnamed)).toBe('csv.gz');
    const rows = await collect(readFocusFile(misnamed));
    expect(rows.map((row) => row.Tags)).toEqual([{ env: 'prod', team: 'core' }, { env: 'prod', team: 'core' }, { env: 'dev' }, {}]);
    expect(new Date(rows[3].ChargePeriodStart).toISOString()).toBe('2024-03-02T16:30:00.000Z');
  });

  it('yields the same rows from a gzip file and its plain text', async () => {
    const plain = tempFile('alibaba.txt', gunzipSync(readFileSync(ALIBABA_CSV_GZ)));
    expect(await detectFormat(plain)).toBe('csv');
    const withoutOrigin = (rows: CostRow[]) => rows.map(({ origin, ...row }) => row);
    const fromPlain = await collect(readFocusFile(plain));
    expect(withoutOrigin(fromPlain)).toEqual(withoutOrigin(await collect(readFocusFile(ALIBABA_CSV_GZ))));
    expect(fromPlain.map((row) => row.origin)).toEqual([2, 3, 4, 5].map((line) => ({ file: plain, line })));
  });

  it('reads several files as one stream, in order', async () => {
    const rows = await collect(readFocusFiles([AWS_CSV, ALIBABA_CSV_GZ]));
    expect(rows.map((row) => row.BillingCurrency).join(' ')).toBe('USD USD USD USD USD USD EUR USD CNY CNY CNY CNY');
  });

  it('refuses a file missing required columns, naming the file and every missing column', async () => {
    const error = await readError(MISSING_COLUMNS_CSV);
    expect(error.message).toBe(`${MISSING_COLUMNS_CSV}:1: missing required FOCUS column(s): EffectiveCost, ChargePeriodEnd`);
  });

  it('refuses an unparsable amount, naming file, line and column', async () => {
    const error = await readError(BAD_NUMBER_CSV);
    expect(error).toMatchObject({ file: BAD_NUMBER_CSV, line: 3, column: 'EffectiveCost' });
    expect(error.message).toMatch(new RegExp(`^${BAD_NUMBER_CSV.replace(/[.\\/]/g, '\\$&')}:3:EffectiveCost: "1,5" is not a decimal number`));
  });

  it('counts lines from the file, past blank lines and quoted line breaks', async () => {
    const file = tempFile('multi.csv', `${HEADER}\n1,1,USD,2024-03-01,2024-03-02,"two\nlines"\n\n1,1,USD,2024-03-01,2024-03-02,x\n1,1,USD,2024-03-32,2024-04-02,x\n`);
    expect(await readError(file)).toMatchObject({ line: 6, column: 'ChargePeriodStart', rule: '"2024-03-32" is not an ISO 8601 date-time' });
  });

  it.each([
    ['an empty required cell', '1,,USD,2024-03-01,2024-03-02,x', 'EffectiveCost', 'EffectiveCost is empty; it is required'],
    ['a lower-case currency', '1,1,usd,2024-03-01,2024-03-02,x', 'BillingCurrency', '"usd" is not an ISO 4217 currency code'],
    ['an end before the start', '1,1,USD,2024-03-02,2024-03-01,x', 'ChargePeriodEnd', 'ChargePeriodEnd is before ChargePeriodStart'],
    ['an amount with more than 18 decimals', '1.0000000000000000001,1,USD,2024-03-01,2024-03-02,x', 'BilledCost', 'more than 18 digits'],
  ])('refuses %s, naming the column', async (_case, line, column, rule) => {
    const error = await readError(tempFile('bad.csv', `${HEADER}\n${line}\n`));
    expect(error).toMatchObject({ line: 2, column });
    expect(error.rule).toContain(rule);
  });

  it('refuses malformed Tags on its line', async () => {
    const file = tempFile('tags.csv', `${HEADER},Tags\n1,1,USD,2024-03-01,2024-03-02,x,"{""env"":"\n`);
    expect(await readError(file)).toMatchObject({ line: 2, column: 'Tags', rule: 'Tags is not valid JSON object text' });
  });

  it('refuses a record with the wrong number of cells, naming its line', async () => {
    const error = await readError(tempFile('short.csv', `${HEADER}\n1,1,USD\n`));
    expect(error.line).toBe(2);
    expect(error.rule).toMatch(/^not valid CSV: /);
  });

  it('reads a Parquet export by its magic bytes, whatever its name, in one stream with gzip CSV', async () => {
    const misnamed = writeParquetTable('aws.csv', readCsvTable(AWS_CSV), { amounts: 'double', rowGroupRows: 3 });
    expect(await detectFormat(misnamed)).toBe('parquet');
    const rows = await collect(readFocusFiles([misnamed, ALIBABA_CSV_GZ]));
    const fromCsv = await collect(readFocusFiles([AWS_CSV, ALIBABA_CSV_GZ]));
    expect(rows.map(({ origin, ...row }) => row)).toEqual(fromCsv.map(({ origin, ...row }) => row));
    expect(rows.map((row) => row.origin!.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 2, 3, 4, 5]);
  });

  it('refuses a file that starts as Parquet but is cut short, naming the file', async () => {
    const file = tempFile('bill.csv', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(16)]));
    expect((await readError(file)).message).toBe(`${file}: is truncated or damaged: it starts as Parquet but does not end with the Parquet footer ("PAR1")`);
  });

  it('refuses an empty file, a truncated gzip file, a missing file and a directory, naming the file', async () => {
    expect((await readError(tempFile('empty.csv', ''))).rule).toBe('is empty; expected a FOCUS CSV header line');
    const gzip = gzipSync(`${HEADER}\n1,1,USD,2024-03-01,2024-03-02,x\n`);
    const truncated = tempFile('cut.csv.gz', gzip.subarray(0, gzip.length - 12));
    expect((await readError(truncated)).message).toMatch(/cut\.csv\.gz: not valid gzip/);
    expect((await readError('/nonexistent/bill.csv')).message).toBe('/nonexistent/bill.csv: no such file');
    expect((await readError(FIXTURES)).message).toBe(`${FIXTURES}: is a directory, not a file`);
  });

  it('reads a header written with a byte-order mark', async () => {
    const rows = await collect(readFocusFile(tempFile('bom.csv', `\uFEFF${HEADER}\n2,2,USD,2024-03-01,2024-03-02,x\n`)));
    expect(formatDecimal(rows[0].BilledCost)).toBe('2');
  });
});
