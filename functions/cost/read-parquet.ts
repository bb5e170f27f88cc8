/**
 * Streams normalised rows from a FOCUS Parquet export (AWS Data Exports write Parquet by default).
 * Only the FOCUS columns cost reporting reads and custom `x_*` columns are read, one row group at a
 * time, through a file handle: memory holds one row group of those columns, never the whole file.
 * Every codec Parquet defines but LZO is read (snappy, gzip, zstd, brotli, lz4).
 *
 * Rows are numbered from 1 in file order; errors and `CostRow.origin` give that row number where a
 * CSV reader gives a line, so a bad cell reads `bill.parquet:42:BilledCost: <rule>`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetScan, type AsyncBuffer, type DecodedArray, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { CostInputError } from './errors';
import { flattenBatches } from './flatten-batches';
import { CUSTOM_COLUMN_PREFIX, FOCUS_COLUMNS, type CostRow } from './focus';
import { FocusNormaliser, readHeader, type FocusHeader, type TableRecord } from './normalise';
import { columnDecoding, TIMESTAMP_TEXT_PARSERS, type CellText } from './parquet-cells';

const PARQUET_MAGIC = 0x31524150; // "PAR1", little-endian
/** Magic at the start, footer length and magic at the end. */
const SMALLEST_PARQUET_BYTES = 12;
const READ_COLUMNS: ReadonlySet<string> = new Set(FOCUS_COLUMNS);

/**
 * Yields each row of a FOCUS Parquet file. Throws `CostInputError` naming the file for a file that
 * is not (or no longer) valid Parquet, naming every required column missing, or naming the row and
 * column of the first cell that cannot be read.
 */
export function readParquetFile(file: string): AsyncIterableIterator<CostRow> {
  return flattenBatches(parquetRowGroups(file));
}

/**
 * The rows of each row group in turn, as a lazy batch: a row is normalised when asked for. The file
 * stays open until the last batch is asked for or the stream is closed; errors as `readParquetFile`'s.
 */
export async function* parquetRowGroups(file: string): AsyncGenerator<Iterable<CostRow>> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new CostInputError(file, error.code === 'ENOENT' ? 'no such file' : `cannot be opened (${error.code ?? error.message})`);
  });
  try {
    const bytes = await fileBytes(file, handle);
    const table = parquetTable(file, await readMetadata(file, bytes));
    const scan = await parquetScan({
      file: bytes,
      metadata: table.metadata,
      columns: [...table.columns],
      compressors,
      parsers: TIMESTAMP_TEXT_PARSERS,
      utf8: !table.needsRawBytes,
    }).catch((error: unknown) => {
      throw notParquet(file, error);
    });
    const normaliser = new FocusNormaliser(file, table.header);
    for (const { rowStart, rowEnd } of scan.ranges) {
      const values = await Promise.all(table.columns.map((column) => readColumn(file, scan.readColumn, column, rowStart, rowEnd)));
      yield normalisedRows(normaliser, new ParquetRecord(values, table.texts), rowStart, rowEnd);
    }
  } finally {
    await handle.close();
  }
}

function* normalisedRows(normaliser: FocusNormaliser, record: ParquetRecord, rowStart: number, rowEnd: number): Generator<CostRow> {
  for (let row = 0; row < rowEnd - rowStart; row++) {
    record.row = row;
    yield normaliser.normalise(record, rowStart + row + 1);
  }
}

/** One row of a row group, read through each column's cell text; `row` moves it along. */
class ParquetRecord implements TableRecord {
  row = 0;

  constructor(
    private readonly values: readonly DecodedArray[],
    private readonly texts: readonly CellText[],
  ) {}

  field(index: number): string | undefined {
    const column = this.values[index];
    return column === undefined ? undefined : this.texts[index](column[this.row]);
  }
}

/** The columns read from a file, with how each is decoded and read, and where each sits in the header. */
interface ParquetTable {
  /** Metadata with the read columns' schema as they are to be decoded. */
  readonly metadata: FileMetaData;
  /** Names of the columns read, in the header's order. */
  readonly columns: readonly string[];
  readonly texts: readonly CellText[];
  readonly header: FocusHeader;
  readonly needsRawBytes: boolean;
}

function parquetTable(file: string, metadata: FileMetaData): ParquetTable {
  // Top-level columns follow the root element; nested columns' elements follow their parent's.
  const schema = [...metadata.schema];
  const columns: string[] = [];
  const texts: CellText[] = [];
  let needsRawBytes = false;
  let topLevel = schema[0]?.num_children ?? 0;
  for (let at = 1; at < schema.length && topLevel > 0; topLevel--) {
    const element = schema[at];
    if (READ_COLUMNS.has(element.name) || element.name.startsWith(CUSTOM_COLUMN_PREFIX)) {
      const decoding = columnDecoding(element);
      schema[at] = decoding.element;
      columns.push(element.name);
      texts.push(decoding.text);
      needsRawBytes ||= decoding.needsRawBytes;
    }
    at += elementsUnder(schema, at);
  }
  let header: FocusHeader;
  try {
    header = readHeader(file, columns);
  } catch (error) {
    // The header's rule, without the CSV header's line 1: a Parquet file's columns are in its footer.
    if (error instanceof CostInputError) throw new CostInputError(file, error.rule);
    throw error;
  }
  return { metadata: { ...metadata, schema }, columns, texts, header, needsRawBytes };
}

/** Schema elements of the column at `at`, itself included. */
function elementsUnder(schema: FileMetaData['schema'], at: number): number {
  let count = 1;
  for (let child = 0; child < (schema[at].num_children ?? 0); child++) count += elementsUnder(schema, at + count);
  return count;
}

async function readColumn(
  file: string,
  read: (options: { column: string; rowStart: number; rowEnd: number }) => Promise<DecodedArray>,
  column: string,
  rowStart: number,
  rowEnd: number,
): Promise<DecodedArray> {
  let values: DecodedArray;
  try {
    values = await read({ column, rowStart, rowEnd });
  } catch (error) {
    throw notParquet(file, error, `column ${column}, rows ${rowStart + 1}–${rowEnd}`);
  }
  if (values.length !== rowEnd - rowStart) {
    throw new CostInputError(file, `not valid Parquet: column ${column} holds ${values.length} values for rows ${rowStart + 1}–${rowEnd}`);
  }
  return values;
}

/** The file as hyparquet reads it: byte ranges read on demand through `handle`. */
async function fileBytes(file: string, handle: FileHandle): Promise<AsyncBuffer> {
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const buffer = new ArrayBuffer(end - start);
      const view = new Uint8Array(buffer);
      for (let filled = 0; filled < view.length; ) {
        const { bytesRead } = await handle.read(view, filled, view.length - filled, start + filled);
        if (bytesRead === 0) throw new CostInputError(file, `ended at byte ${start + filled} while being read; was it changed during the run?`);
        filled += bytesRead;
      }
      return buffer;
    },
  };
}

/** The footer's metadata, after checking the file ends as Parquet does, so a cut-off file gets a plain message. */
async function readMetadata(file: string, bytes: AsyncBuffer): Promise<FileMetaData> {
  if (bytes.byteLength < SMALLEST_PARQUET_BYTES) {
    throw new CostInputError(file, `is truncated: ${bytes.byteLength} bytes is too short for a Parquet file`);
  }
  const tail = new DataView(await bytes.slice(bytes.byteLength - 8, bytes.byteLength));
  if (tail.getUint32(4, true) !== PARQUET_MAGIC) {
    throw new CostInputError(file, 'is truncated or damaged: it starts as Parquet but does not end with the Parquet footer ("PAR1")');
  }
  if (tail.getUint32(0, true) > bytes.byteLength - SMALLEST_PARQUET_BYTES) {
    throw new CostInputError(file, 'is damaged: its Parquet footer claims more bytes than the file holds');
  }
  try {
    return await parquetMetadataAsync(bytes);
  } catch (error) {
    throw notParquet(file, error, 'footer');
  }
}

/** A CostInputError for whatever hyparquet (or a decompressor) threw; one already a CostInputError is kept. */
function notParquet(file: string, error: unknown, where?: string): CostInputError {
  if (error instanceof CostInputError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new CostInputError(file, `not valid Parquet${where ? ` (${where})` : ''}: ${reason}`);
}
