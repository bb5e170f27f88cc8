/**
 * Turns the header and cells of a FOCUS table (any tabular source: CSV now, Parquet or Athena
 * results later) into `CostRow`s, refusing what cannot be read exactly.
 */
import { DecimalFormatError, parseDecimal, type Decimal } from './decimal';
import { CostInputError } from './errors';
import { CUSTOM_COLUMN_PREFIX, DIMENSION_COLUMNS, REQUIRED_COLUMNS, type CostRow } from './focus';
import { parseTimestamp } from './periods';
import { parseTags } from './tags';

/** Where each column read sits in a table's records. */
export interface FocusHeader {
  /** Index of each FOCUS column present, by name. */
  readonly index: ReadonlyMap<string, number>;
  /** Custom `x_*` columns present, with their index. */
  readonly custom: readonly (readonly [name: string, index: number])[];
}

/** Reads a header record; throws `CostInputError` naming the file and every required column missing. */
export function readHeader(file: string, names: readonly string[]): FocusHeader {
  const index = new Map<string, number>();
  const custom: (readonly [string, number])[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (name.startsWith(CUSTOM_COLUMN_PREFIX)) custom.push([name, i]);
    else if (!index.has(name)) index.set(name, i);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !index.has(column));
  if (missing.length) throw new CostInputError(file, `missing required FOCUS column(s): ${missing.join(', ')}`, 1);
  return { index, custom };
}

/** Normalises one record; throws `CostInputError` naming file, line and column of the first bad cell. */
export function normaliseRecord(file: string, line: number, header: FocusHeader, cells: readonly string[]): CostRow {
  const cell = (column: string): string | undefined => {
    const at = header.index.get(column);
    const value = at === undefined ? undefined : cells[at];
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (column: string): string => {
    const value = cell(column);
    if (value === undefined) throw new CostInputError(file, `${column} is empty; it is required`, line, column);
    return value;
  };
  const amount = (column: string, text: string): Decimal => {
    try {
      return parseDecimal(text);
    } catch (error) {
      if (error instanceof DecimalFormatError) throw new CostInputError(file, error.message, line, column);
      throw error;
    }
  };
  const timestamp = (column: string): number => {
    const text = required(column);
    const ms = parseTimestamp(text);
    if (ms === undefined) throw new CostInputError(file, `${JSON.stringify(text)} is not an ISO 8601 date-time`, line, column);
    return ms;
  };

  const currency = required('BillingCurrency');
  if (!/^[A-Z]{3}$/.test(currency)) throw new CostInputError(file, `${JSON.stringify(currency)} is not an ISO 4217 currency code`, line, 'BillingCurrency');
  const start = timestamp('ChargePeriodStart');
  const end = timestamp('ChargePeriodEnd');
  if (end < start) throw new CostInputError(file, 'ChargePeriodEnd is before ChargePeriodStart', line, 'ChargePeriodEnd');
  const listCost = cell('ListCost');
  let tags: Record<string, string> = {};
  const tagText = cell('Tags');
  if (tagText !== undefined) {
    try {
      tags = parseTags(tagText);
    } catch (error) {
      throw new CostInputError(file, (error as Error).message, line, 'Tags');
    }
  }
  const custom: Record<string, string> = {};
  for (const [name, at] of header.custom) {
    const value = cells[at];
    if (value !== undefined && value !== '') custom[name] = value;
  }
  const row: Record<string, unknown> = {
    BilledCost: amount('BilledCost', required('BilledCost')),
    EffectiveCost: amount('EffectiveCost', required('EffectiveCost')),
    BillingCurrency: currency,
    ChargePeriodStart: start,
    ChargePeriodEnd: end,
    Tags: tags,
    custom,
    origin: { file, line },
  };
  if (listCost !== undefined) row.ListCost = amount('ListCost', listCost);
  for (const column of DIMENSION_COLUMNS) {
    const value = column === 'BillingCurrency' ? undefined : cell(column);
    if (value !== undefined) row[column] = value;
  }
  return row as unknown as CostRow;
}
