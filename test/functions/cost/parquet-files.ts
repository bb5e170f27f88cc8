import { readFileSync } from 'node:fs';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parseDecimal } from '../../../functions/cost/decimal';
import { AMOUNT_COLUMNS, PERIOD_COLUMNS } from '../../../functions/cost/focus';
import { parseTimestamp } from '../../../functions/cost/periods';
import { parseTags } from '../../../functions/cost/tags';
import { tempFile } from './fixtures';

/** How a test Parquet file stores amounts, timestamps and tags, and how it is laid out. */
export interface ParquetLayout {
  /**
   * `decimal`: DECIMAL(18, 10) in INT64; `wide-decimal`: DECIMAL(38, 18) in a 16-byte
   * FIXED_LEN_BYTE_ARRAY; `double`: DOUBLE, as AWS Data Exports write them. @default 'decimal'
   */
  readonly amounts?: 'decimal' | 'wide-decimal' | 'double';
  /** @default 'millis' (TIMESTAMP_MILLIS, as AWS writes them) */
  readonly timestamps?: 'millis' | 'micros' | 'text';
  /** `map`: MAP<STRING, STRING> of the parsed tags; `text`: the CSV cell as written. @default 'map' */
  readonly tags?: 'map' | 'text';
  /** @default 'SNAPPY' */
  readonly codec?: 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'BROTLI';
  /** @default 1000 */
  readonly rowGroupRows?: number;
}

/** A table of CSV cells: a header and records of text, `''` for an empty cell. */
export interface TextTable {
  readonly header: readonly string[];
  readonly records: readonly (readonly string[])[];
}

const COMPRESSORS = { GZIP: (bytes: Uint8Array) => gzipSync(bytes), BROTLI: (bytes: Uint8Array) => brotliCompressSync(bytes) };
const AMOUNTS: ReadonlySet<string> = new Set(AMOUNT_COLUMNS);
const PERIODS: ReadonlySet<string> = new Set(PERIOD_COLUMNS);

/** Reads a CSV file, gzip-compressed when named `.gz`, into a text table. */
export function readCsvTable(file: string): TextTable {
  const bytes = readFileSync(file);
  const [header, ...records] = parse(file.endsWith('.gz') ? gunzipSync(bytes) : bytes, { bom: true }) as string[][];
  return { header, records };
}

/** The table as CSV text (header line first). */
export function csvText({ header, records }: TextTable): string {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [header, ...records].map((record) => record.map(quote).join(',')).join('\n') + '\n';
}

/** Writes the table as a Parquet file named `name` in a fresh temporary directory; returns its path. */
export function writeParquetTable(name: string, table: TextTable, layout: ParquetLayout = {}): string {
  const columns = table.header.map((column, index) => parquetColumn(column, table.records.map((record) => record[index]), layout));
  const bytes = parquetWriteBuffer({
    columnData: columns.map(({ name: columnName, data }) => ({ name: columnName, data })),
    schema: [{ name: 'root', num_children: columns.length }, ...columns.flatMap((column) => column.schema)],
    codec: layout.codec ?? 'SNAPPY',
    compressors: COMPRESSORS,
    rowGroupSize: layout.rowGroupRows ?? 1000,
  });
  return tempFile(name, Buffer.from(bytes));
}

interface ParquetColumn {
  readonly name: string;
  readonly data: unknown[];
  readonly schema: SchemaElement[];
}

function parquetColumn(name: string, cells: readonly string[], layout: ParquetLayout): ParquetColumn {
  const optional = { name, repetition_type: 'OPTIONAL' } as const;
  if (AMOUNTS.has(name)) {
    switch (layout.amounts ?? 'decimal') {
      case 'double':
        return { name, data: cells.map((cell) => (cell === '' ? null : Number(cell))), schema: [{ ...optional, type: 'DOUBLE' }] };
      case 'wide-decimal':
        return { name, data: cells.map((cell) => unscaled(cell, 18)), schema: [{ ...optional, type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', scale: 18, precision: 38 }] };
      default:
        return { name, data: cells.map((cell) => unscaled(cell, 10)), schema: [{ ...optional, type: 'INT64', converted_type: 'DECIMAL', scale: 10, precision: 18 }] };
    }
  }
  if (PERIODS.has(name) && (layout.timestamps ?? 'millis') !== 'text') {
    const data = cells.map((cell) => (cell === '' ? null : new Date(parseTimestamp(cell)!)));
    return { name, data, schema: [{ ...optional, type: 'INT64', converted_type: layout.timestamps === 'micros' ? 'TIMESTAMP_MICROS' : 'TIMESTAMP_MILLIS' }] };
  }
  if (name === 'Tags' && (layout.tags ?? 'map') === 'map') {
    return {
      name,
      data: cells.map((cell) => (cell === '' ? null : parseTags(cell))),
      schema: [
        { ...optional, converted_type: 'MAP', num_children: 1 },
        { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
        { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'value', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    };
  }
  return { name, data: cells.map((cell) => (cell === '' ? null : cell)), schema: [{ ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8' }] };
}

/** The unscaled integer of a DECIMAL with `scale` fractional digits; fails the test if the text needs more. */
function unscaled(cell: string, scale: number): bigint | null {
  if (cell === '') return null;
  const units = parseDecimal(cell) as bigint; // 10^-18 units
  const divisor = 10n ** BigInt(18 - scale);
  if (units % divisor !== 0n) throw new Error(`${cell} has more than ${scale} fractional digits`);
  return units / divisor;
}
