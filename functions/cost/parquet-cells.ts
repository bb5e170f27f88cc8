/**
 * Turns the values hyparquet decodes from a Parquet column into the cell text `FocusNormaliser`
 * reads, so a Parquet row is checked by the same rules as a CSV line. Amounts stay exact:
 * - DECIMAL (INT32, INT64 or FIXED_LEN_BYTE_ARRAY holding the unscaled integer) becomes its exact
 *   decimal text; hyparquet's own DECIMAL conversion goes through a float64 and is bypassed.
 * - DOUBLE and FLOAT become their shortest round-trip text (`String(n)`): as exact as the file, which
 *   holds a binary fraction. AWS Data Exports write FOCUS amounts as DOUBLE.
 * - Timestamps (TIMESTAMP millis, micros or nanos, INT96, DATE) become ISO 8601 text in UTC,
 *   to the millisecond, as the CSV reader keeps them.
 * - A MAP, LIST or struct (e.g. `Tags` as MAP<STRING,STRING>) becomes JSON object or array text.
 * - A null becomes `""`, which the normaliser reads as an empty cell.
 */
import type { ParquetParsers, SchemaElement } from 'hyparquet';

/** Gives one column's cell text for a decoded value. */
export type CellText = (value: unknown) => string;

/** What one column's values are decoded as, and how they become text. */
export interface ColumnDecoding {
  /** The schema element hyparquet should decode the column with. */
  readonly element: SchemaElement;
  readonly text: CellText;
  /** The column's values are raw bytes that need `utf8: false` to reach `text` undecoded. */
  readonly needsRawBytes: boolean;
}

const utf8 = new TextDecoder();

/**
 * How to decode and read one top-level column. A DECIMAL column is handed to hyparquet without its
 * annotation, so its unscaled integers arrive untouched, and scaled here.
 */
export function columnDecoding(element: SchemaElement): ColumnDecoding {
  const scale = decimalScale(element);
  if (scale === undefined || element.num_children) return { element, text: cellText, needsRawBytes: false };
  return {
    element: { ...element, converted_type: undefined, logical_type: undefined },
    text: decimalCellText(scale),
    needsRawBytes: element.type === 'BYTE_ARRAY',
  };
}

/** The DECIMAL scale of a column, `undefined` when it is not DECIMAL. */
function decimalScale(element: SchemaElement): number | undefined {
  const logical = element.logical_type;
  if (logical?.type === 'DECIMAL') return logical.scale ?? 0;
  if (element.converted_type === 'DECIMAL') return element.scale ?? 0;
  return undefined;
}

/** Text of any value that is not a top-level DECIMAL; timestamps arrive as text (see `TIMESTAMP_TEXT_PARSERS`). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
  }
  if (value instanceof Uint8Array) return utf8.decode(value);
  if (value instanceof Date) return isoText(value.getTime());
  return jsonText(value);
}

/** JSON text of a MAP, LIST or struct value; a replacer slows every call, so it is used only when needed. */
function jsonText(value: unknown): string {
  try {
    if (!hasBinary(value)) return JSON.stringify(value);
  } catch {
    // A BigInt inside: written below as its digits.
  }
  return JSON.stringify(value, (_key, nested: unknown) => (typeof nested === 'bigint' ? String(nested) : nested instanceof Uint8Array ? utf8.decode(nested) : nested));
}

/** Whether a value holds bytes, which plain JSON.stringify would write as an object of numbers. */
function hasBinary(value: unknown): boolean {
  if (value instanceof Uint8Array) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] === 'object' && hasBinary((value as Record<string, unknown>)[key])) return true;
  return false;
}

function decimalCellText(scale: number): CellText {
  return (value) => {
    if (value === null || value === undefined) return '';
    const unscaled = value instanceof Uint8Array ? twosComplement(value) : (value as number | bigint);
    return scaledText(String(unscaled), scale);
  };
}

/** A big-endian two's-complement integer, as DECIMAL stores it in byte arrays. */
function twosComplement(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return bytes.length && bytes[0] & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/** `"-123456"` at scale 4 → `"-12.3456"`; a negative scale appends zeros. */
function scaledText(integer: string, scale: number): string {
  if (scale <= 0) return integer === '0' ? integer : integer + '0'.repeat(-scale);
  const negative = integer.charCodeAt(0) === 45; // -
  const digits = (negative ? integer.slice(1) : integer).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const DAY_MS = 86_400_000;
/** Largest distance from the epoch a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/**
 * Parsers that decode Parquet timestamps and dates straight to the ISO text the normaliser reads,
 * without a Date per value. Sub-millisecond digits are dropped, as the CSV reader drops them.
 */
export const TIMESTAMP_TEXT_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis: bigint) => isoText(Number(millis)),
  timestampFromMicroseconds: (micros: bigint) => isoText(Number(micros / 1000n)),
  timestampFromNanoseconds: (nanos: bigint) => isoText(Number(nanos / 1_000_000n)),
  dateFromDays: (days: number) => isoText(days * DAY_MS),
};

// Exports repeat one timestamp on thousands of rows in a row: remember the last one formatted.
let lastMs = Number.NaN;
let lastText = '';

/** `2024-03-01T00:00:00Z` for whole seconds (the form the normaliser reads fastest), else with milliseconds. */
function isoText(ms: number): string {
  if (ms === lastMs) return lastText;
  // Text that names the value, so the normaliser's refusal says what was found.
  if (!(Math.abs(ms) <= MAX_DATE_MS)) return `${ms} ms from 1970-01-01`;
  const iso = new Date(ms).toISOString();
  lastMs = ms;
  lastText = ms % 1000 === 0 && iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso;
  return lastText;
}
