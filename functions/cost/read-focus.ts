/**
 * Streams normalised rows from a FOCUS export: CSV, plain or gzip-compressed, or Parquet. The format
 * is told by the file's first bytes, not its name. Rows are yielded one at a time: memory stays flat
 * however large the file. Parquet is read by `read-parquet.ts`.
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvFormatError, csvChunks, type CsvRecord, type CsvSplitter } from './csv-records';
import { CostInputError } from './errors';
import { flattenBatches } from './flatten-batches';
import type { CostRow } from './focus';
import { FocusNormaliser, readHeader } from './normalise';
import { parquetRowGroups } from './read-parquet';

const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"
/** Bytes read (or inflated) at a time: large chunks mean fewer records split across two. */
const CHUNK_BYTES = 1024 * 1024;

/** How a file's bytes are laid out, from its magic bytes. */
export type FocusFileFormat = 'csv' | 'csv.gz' | 'parquet';

/** Tells CSV, gzip-compressed CSV and Parquet apart by the file's first bytes. */
export async function detectFormat(file: string): Promise<FocusFileFormat> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new CostInputError(file, error.code === 'ENOENT' ? 'no such file' : `cannot be opened (${error.code ?? error.message})`);
  });
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0).catch((error: NodeJS.ErrnoException) => {
      throw new CostInputError(file, error.code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${error.code ?? error.message})`);
    });
    const startsWith = (magic: number[]) => bytesRead >= magic.length && magic.every((byte, i) => head[i] === byte);
    if (startsWith(GZIP_MAGIC)) return 'csv.gz';
    if (startsWith(PARQUET_MAGIC)) return 'parquet';
    return 'csv';
  } finally {
    await handle.close();
  }
}

/**
 * Yields each row of a FOCUS CSV (plain or gzip) or Parquet file. Throws `CostInputError` for a
 * header missing required columns, or the first cell that cannot be read, naming its line (for a
 * record with quoted line breaks, the line it ends on; for Parquet, its row number) and column.
 */
export function readFocusFile(file: string): AsyncIterableIterator<CostRow> {
  return readFocusFiles([file]);
}

/** Yields the rows of several files in turn, as one stream; errors as `readFocusFile`'s. */
export function readFocusFiles(files: readonly string[]): AsyncIterableIterator<CostRow> {
  return flattenBatches(rowsByChunk(files));
}

/** The rows of each chunk read, as a lazy batch: a row is normalised when asked for, so a chunk's rows are never all held. */
async function* rowsByChunk(files: readonly string[]): AsyncGenerator<Iterable<CostRow>> {
  for (const file of files) {
    const bytes = await openFocusCsv(file);
    if (bytes === 'parquet') {
      yield* parquetRowGroups(file);
      continue;
    }
    const table: FocusTable = { file, normaliser: undefined, headerNames: undefined };
    try {
      for await (const records of csvChunks(bytes)) yield normalised(table, records);
    } catch (error) {
      throw asCostInputError(file, error, table.headerNames);
    } finally {
      bytes.destroy();
    }
    if (!table.normaliser) throw new CostInputError(file, 'is empty; expected a FOCUS CSV header line');
  }
}

/** What is known of a file's table once its header is read. */
interface FocusTable {
  readonly file: string;
  normaliser: FocusNormaliser | undefined;
  headerNames: string[] | undefined;
}

function* normalised(table: FocusTable, records: Pick<CsvSplitter, 'next'>): Generator<CostRow> {
  try {
    for (let record = records.next(); record; record = records.next()) {
      if (table.normaliser) yield table.normaliser.normalise(record, record.line);
      else table.normaliser = new FocusNormaliser(table.file, readHeader(table.file, (table.headerNames = fieldsOf(record))));
    }
  } catch (error) {
    throw asCostInputError(table.file, error, table.headerNames);
  }
}

/** The file's CSV bytes, inflated when gzip-compressed; `'parquet'` for a Parquet file, read otherwise. */
async function openFocusCsv(file: string): Promise<Readable | 'parquet'> {
  const format = await detectFormat(file);
  if (format === 'parquet') return format;
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  if (format === 'csv') return raw;
  const inflated = raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES }));
  // `pipe` neither forwards errors nor ends the source when the destination is destroyed.
  raw.once('error', (error) => inflated.destroy(error));
  inflated.once('close', () => raw.destroy());
  return inflated;
}

function asCostInputError(file: string, error: unknown, headerNames: readonly string[] | undefined): CostInputError {
  if (error instanceof CostInputError) return error;
  if (error instanceof CsvFormatError) {
    const column = error.field === undefined ? undefined : (headerNames?.[error.field]?.trim() ?? `field ${error.field + 1}`);
    return new CostInputError(file, `not valid CSV: ${error.message}`, error.line, column);
  }
  if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) return new CostInputError(file, `not valid gzip: ${(error as Error).message}`);
  return new CostInputError(file, `cannot be read: ${(error as Error).message}`);
}

function fieldsOf(record: CsvRecord): string[] {
  return Array.from({ length: record.length }, (_, i) => record.field(i)!);
}
