import { readFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parquetMetadata, type SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { aggregate } from '../../../functions/cost/aggregate';
import { addDecimal, formatDecimal, parseDecimal, ZERO } from '../../../functions/cost/decimal';
import { CostInputError } from '../../../functions/cost/errors';
import type { CostRow } from '../../../functions/cost/focus';
import { readFocusFile } from '../../../functions/cost/read-focus';
import { readParquetFile } from '../../../functions/cost/read-parquet';
import { ALIBABA_CSV_GZ, AWS_CSV, collect, errorOf, tempFile } from './fixtures';
import { csvText, readCsvTable, writeParquetTable, type ParquetLayout, type TextTable } from './parquet-files';

const HEADER = ['BilledCost', 'EffectiveCost', 'ListCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd', 'ServiceName', 'ResourceId', 'Tags', 'PricingQuantity', 'x_UsageType'];
const DAY_MS = 86_400_000;

/** `rows` bill lines over 60 days: amounts with up to 10 fractional digits, some negative, some cells empty. */
function billTable(rows: number): TextTable {
  const records = Array.from({ length: rows }, (_, i) => {
    const start = new Date(Date.UTC(2024, 0, 1) + (i % 60) * DAY_MS).toISOString().replace('.000', '');
    const end = new Date(Date.UTC(2024, 0, 2) + (i % 60) * DAY_MS).toISOString().replace('.000', '');
    const billed = `${i % 50 === 49 ? '-' : ''}${i % 7}.${String((i * 7919) % 10_000_000_000).padStart(10, '0')}`;
    return [
      billed,
      `0.${String((i * 104_729) % 10_000_000_000).padStart(10, '0')}`,
      i % 3 === 0 ? '' : `${i % 11}.25`,
      i % 10 === 0 ? 'EUR' : 'USD',
      start,
      end,
      `service-${i % 20}`,
      i % 4 === 0 ? '' : `resource-${i}`,
      i % 5 === 0 ? '' : JSON.stringify({ env: i % 2 ? 'prod' : 'dev', team: `t${i % 3}` }),
      String(i),
      `usage-${i % 9}`,
    ];
  });
  return { header: HEADER, records };
}

/** Sums of the table's BilledCost and EffectiveCost cells in `currency`, added as text by BigInt. */
function cellTotals({ header, records }: TextTable, currency: string) {
  const at = (column: string) => header.indexOf(column);
  const sum = (column: string) => formatDecimal(records.filter((record) => record[at('BillingCurrency')] === currency).reduce((total, record) => addDecimal(total, parseDecimal(record[at(column)])), ZERO));
  return { BilledCost: sum('BilledCost'), EffectiveCost: sum('EffectiveCost') };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

const withoutOrigin = (rows: CostRow[]) => rows.map(({ origin, ...row }) => row);

async function readError(file: string): Promise<CostInputError> {
  const error = await errorOf(() => collect(readParquetFile(file)));
  expect(error).toBeInstanceOf(CostInputError);
  return error as CostInputError;
}

/** The table with the cell of `column` in record `index` (0-based) replaced. */
function withCell(table: TextTable, index: number, column: string, cell: string): TextTable {
  const at = table.header.indexOf(column);
  return { header: table.header, records: table.records.map((record, i) => (i === index ? record.map((old, j) => (j === at ? cell : old)) : record)) };
}

describe('readParquetFile', () => {
  const bill = billTable(1_500);
  const billCsv = tempFile('bill.csv', csvText(bill));

  it.each<[string, ParquetLayout]>([
    ['DECIMAL(18,10) amounts in INT64, snappy', { amounts: 'decimal', codec: 'SNAPPY' }],
    ['DECIMAL(38,18) amounts in a fixed-length byte array, uncompressed', { amounts: 'wide-decimal', codec: 'UNCOMPRESSED' }],
    ['DOUBLE amounts, as AWS writes them, gzip', { amounts: 'double', codec: 'GZIP' }],
    ['microsecond timestamps and tags as JSON text, brotli', { timestamps: 'micros', tags: 'text', codec: 'BROTLI' }],
    ['timestamps as text', { timestamps: 'text' }],
  ])('yields the same rows as the CSV of the same table, in several row groups: %s', async (_case, layout) => {
    const file = writeParquetTable('bill.parquet', bill, { rowGroupRows: 500, ...layout });
    expect(parquetMetadata(readFileSync(file)).row_groups).toHaveLength(3);
    const fromParquet = await collect(readParquetFile(file));
    expect(withoutOrigin(fromParquet)).toEqual(withoutOrigin(await collect(readFocusFile(billCsv))));
    expect(fromParquet[1_499].origin).toEqual({ file, line: 1_500 });
  });

  it('reports exactly the totals of the same data as CSV', async () => {
    const file = writeParquetTable('bill.parquet', bill, { amounts: 'double' });
    const options = { groupBy: ['ServiceName' as const], granularity: 'week' as const };
    const fromParquet = await aggregate(readParquetFile(file), options);
    expect(fromParquet).toEqual(await aggregate(readFocusFile(billCsv), options));
    expect(fromParquet.reports.map((report) => [report.currency, report.totals])).toEqual(['EUR', 'USD'].map((currency) => [currency, cellTotals(bill, currency)]));
  });

  it.each<[string, string]>([
    ['an AWS export', AWS_CSV],
    ['an Alibaba export with key:value tags and offsets', ALIBABA_CSV_GZ],
  ])('reads %s like its CSV: x_ columns kept, other extras dropped, nulls as empty cells', async (_case, csv) => {
    const table = readCsvTable(csv);
    const rows = await collect(readParquetFile(writeParquetTable('export.parquet', table, { amounts: 'double' })));
    expect(withoutOrigin(rows)).toEqual(withoutOrigin(await collect(readFocusFile(csv))));
  });

  it('keeps the exact amount of each DOUBLE, written as its shortest text', async () => {
    const table = readCsvTable(AWS_CSV);
    const rows = await collect(readParquetFile(writeParquetTable('aws.parquet', table, { amounts: 'double' })));
    expect(rows.map((row) => formatDecimal(row.EffectiveCost))).toEqual(['0.1', '0.2', '0.00000001', '0', '9.6774193548', '0.0000166667', '5.5', '-1.25']);
    expect(rows[0]).toMatchObject({ Tags: { env: 'prod', team: 'core' }, custom: { x_UsageType: 'BoxUsage:m7g.large' } });
    expect(rows[0]).not.toHaveProperty('PricingQuantity');
  });

  it('reads DECIMAL in INT32 and in variable-length bytes, DATE periods, and text without a string annotation', async () => {
    const optional = (name: string, element: Omit<SchemaElement, 'name'>): SchemaElement => ({ name, repetition_type: 'OPTIONAL', ...element });
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'BilledCost', data: [12_345n, -5n, 0n] },
        { name: 'EffectiveCost', data: [123_456_789_012_345_678_901_234_567n, -1n, 0n] },
        { name: 'BillingCurrency', data: [utf8('USD'), utf8('USD'), utf8('EUR')] },
        { name: 'ChargePeriodStart', data: [new Date('2024-03-01'), new Date('2024-03-02'), new Date('2024-03-03')] },
        { name: 'ChargePeriodEnd', data: [new Date('2024-03-02'), new Date('2024-03-03'), new Date('2024-03-04')] },
        { name: 'x_Note', data: [utf8('größe'), null, utf8('')] },
      ],
      schema: [
        { name: 'root', num_children: 6 },
        optional('BilledCost', { type: 'INT32', converted_type: 'DECIMAL', scale: 3, precision: 9 }),
        optional('EffectiveCost', { type: 'BYTE_ARRAY', converted_type: 'DECIMAL', scale: 18, precision: 38 }),
        optional('BillingCurrency', { type: 'BYTE_ARRAY' }),
        optional('ChargePeriodStart', { type: 'INT32', converted_type: 'DATE' }),
        optional('ChargePeriodEnd', { type: 'INT32', converted_type: 'DATE' }),
        optional('x_Note', { type: 'BYTE_ARRAY' }),
      ],
    });
    const rows = await collect(readParquetFile(tempFile('types.parquet', Buffer.from(bytes))));
    expect(rows.map((row) => [formatDecimal(row.BilledCost), formatDecimal(row.EffectiveCost), row.BillingCurrency, row.ChargePeriodStart, row.custom])).toEqual([
      ['12.345', '123456789.012345678901234567', 'USD', Date.UTC(2024, 2, 1), { x_Note: 'größe' }],
      ['-0.005', '-0.000000000000000001', 'USD', Date.UTC(2024, 2, 2), {}],
      ['0', '0', 'EUR', Date.UTC(2024, 2, 3), {}],
    ]);
  });

  it('refuses a file missing required columns, naming the file and every missing column', async () => {
    const keep = [0, 3, 4, 6];
    const table = { header: keep.map((i) => HEADER[i]), records: bill.records.slice(0, 10).map((record) => keep.map((i) => record[i])) };
    const file = writeParquetTable('short.parquet', table);
    const error = await readError(file);
    expect(error.message).toBe(`${file}: missing required FOCUS column(s): EffectiveCost, ChargePeriodEnd`);
    expect(error.line).toBeUndefined();
  });

  it.each<[string, string, string, ParquetLayout, string]>([
    ['a currency that is not an ISO code', 'BillingCurrency', 'usd', {}, '"usd" is not an ISO 4217 currency code'],
    ['an empty required amount', 'EffectiveCost', '', {}, 'EffectiveCost is empty; it is required'],
    ['a DOUBLE that is not a number', 'BilledCost', 'NaN', { amounts: 'double' }, '"NaN" is not a decimal number'],
    ['a text timestamp that is not a date', 'ChargePeriodStart', '2024-02-30T00:00:00Z', { timestamps: 'text' }, '"2024-02-30T00:00:00Z" is not an ISO 8601 date-time'],
    ['malformed JSON tags', 'Tags', '{"env":', { tags: 'text' }, 'Tags is not valid JSON object text'],
  ])('refuses %s, naming the file, the row (counted from 1) and the column', async (_case, column, cell, layout, rule) => {
    const file = writeParquetTable('bad.parquet', withCell(bill, 1_199, column, cell), { rowGroupRows: 500, ...layout });
    const error = await readError(file);
    expect(error).toMatchObject({ file, line: 1_200, column });
    expect(error.message.startsWith(`${file}:1200:${column}: ${rule}`)).toBe(true);
  });

  describe('damaged files', () => {
    const good = readFileSync(writeParquetTable('good.parquet', readCsvTable(AWS_CSV)));

    it('refuses a truncated file in plain words, naming the file', async () => {
      const file = tempFile('cut.parquet', good.subarray(0, good.length - 100));
      expect((await readError(file)).message).toBe(`${file}: is truncated or damaged: it starts as Parquet but does not end with the Parquet footer ("PAR1")`);
      const tiny = tempFile('tiny.parquet', good.subarray(0, 8));
      expect((await readError(tiny)).message).toBe(`${tiny}: is truncated: 8 bytes is too short for a Parquet file`);
    });

    it('refuses a file whose footer claims more bytes than it holds', async () => {
      const damaged = Buffer.from(good);
      damaged.writeUInt32LE(good.length, good.length - 8);
      const file = tempFile('footer.parquet', damaged);
      expect((await readError(file)).rule).toBe('is damaged: its Parquet footer claims more bytes than the file holds');
    });

    it('refuses damaged column data, naming the column and rows, without a stack trace in the message', async () => {
      const damaged = Buffer.from(good);
      damaged.fill(0xff, 40, 56); // inside BilledCost's snappy-compressed page
      const error = await readError(tempFile('pages.parquet', damaged));
      expect(error.rule).toMatch(/^not valid Parquet \(column BilledCost, rows 1–8\): \S/);
      expect(error.message).not.toMatch(/\n\s+at /);
    });

    it('refuses damaged footer metadata', async () => {
      const damaged = Buffer.from(good);
      const footerLength = good.readUInt32LE(good.length - 8);
      damaged.fill(0xff, good.length - 8 - footerLength, good.length - 8 - footerLength + 8);
      expect((await readError(tempFile('meta.parquet', damaged))).rule).toMatch(/^not valid Parquet \(footer\): /);
    });
  });

  describe('memory', () => {
    // gc is exposed so heap samples measure live objects, not garbage not yet collected.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;

    it('reads a 30k-row file one row group at a time, without holding its rows', async () => {
      const file = writeParquetTable('big.parquet', billTable(30_000), { rowGroupRows: 1_500 });
      let rows = 0;
      let peakBytes = 0;
      const currencies = new Set<string>();
      // Twice, a turn apart: garbage the writer left is not all collectable on the first pass.
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const baseline = process.memoryUsage().heapUsed;
      for await (const row of readParquetFile(file)) {
        if (++rows % 5_000 === 2_500) {
          gc();
          peakBytes = Math.max(peakBytes, process.memoryUsage().heapUsed - baseline);
        }
        currencies.add(row.BillingCurrency);
      }
      expect(rows).toBe(30_000);
      expect([...currencies].sort()).toEqual(['EUR', 'USD']);
      // 30k kept rows would take over 10 MB; one row group of decoded columns takes about one.
      expect(peakBytes).toBeLessThan(4 * 1024 * 1024);
    });
  });
});
