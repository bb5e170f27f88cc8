/**
 * Streams normalised rows from a FOCUS CSV export, plain or gzip-compressed. The format is told by
 * the file's first bytes, not its name. Rows are yielded one at a time: memory stays flat however
 * large the file. Parquet exports are recognised and refused with a clear error (not supported yet).
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import { CostInputError } from './errors';
import type { CostRow } from './focus';
import { normaliseRecord, readHeader, type FocusHeader } from './normalise';

const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

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
 * Yields each row of a FOCUS CSV file (plain or gzip). Throws `CostInputError` for a Parquet file,
 * a header missing required columns, or the first cell that cannot be read, naming its line (for a
 * record with quoted line breaks, the line it ends on) and column.
 */
export async function* readFocusFile(file: string): AsyncGenerator<CostRow> {
  const format = await detectFormat(file);
  if (format === 'parquet') {
    throw new CostInputError(file, 'is a Parquet file; only FOCUS CSV exports (plain or gzip) are supported for now, export as CSV');
  }
  const parser = parse({ bom: true, skip_empty_lines: true, info: true });
  // An error in any stage (unreadable file, corrupt gzip) destroys the parser, ending the loop below with it.
  const ignore = () => undefined;
  if (format === 'csv.gz') pipeline(createReadStream(file), createGunzip(), parser, ignore);
  else pipeline(createReadStream(file), parser, ignore);

  let header: FocusHeader | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) header = readHeader(file, record);
      else yield normaliseRecord(file, info.lines, header, record);
    }
  } catch (error) {
    if (error instanceof CostInputError) throw error;
    if (error instanceof CsvError) throw new CostInputError(file, `not valid CSV: ${error.message}`, (error as CsvError & { lines?: number }).lines);
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw new CostInputError(file, `not valid gzip: ${(error as Error).message}`);
    throw new CostInputError(file, `cannot be read: ${(error as Error).message}`);
  } finally {
    parser.destroy();
  }
  if (!header) throw new CostInputError(file, 'is empty; expected a FOCUS CSV header line');
}

/** Yields the rows of several files in turn, as one stream. */
export async function* readFocusFiles(files: readonly string[]): AsyncGenerator<CostRow> {
  for (const file of files) yield* readFocusFile(file);
}
