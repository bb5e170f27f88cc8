import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The committed FOCUS fixtures. */
export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'cost');
/** AWS export, plain CSV: USD rows and one EUR row, March 2024. */
export const AWS_CSV = path.join(FIXTURES, 'aws-2024-03.csv');
/** Alibaba export, gzip-compressed CSV: CNY rows, `k:v;k:v` tags, offsets in timestamps. */
export const ALIBABA_CSV_GZ = path.join(FIXTURES, 'alibaba-2024-03.csv.gz');
export const MISSING_COLUMNS_CSV = path.join(FIXTURES, 'missing-columns.csv');
export const BAD_NUMBER_CSV = path.join(FIXTURES, 'bad-number.csv');

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `cost-${prefix}-`));
}

/** Writes `content` to a new file under a fresh temporary directory and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(tempDir('file'), name);
  writeFileSync(file, content);
  return file;
}

/** Collects an async iterable (tests only: the code under test never does this). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The error an async function throws; fails when it resolves. */
export async function errorOf(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
