/**
 * Turns the header and records of a FOCUS table (any tabular source: CSV now, Parquet or Athena
 * results later) into `CostRow`s, refusing what cannot be read exactly.
 */
import { DecimalFormatError, parseDecimal, type Decimal } from './decimal';
import { CostInputError } from './errors';
import { CUSTOM_COLUMN_PREFIX, DIMENSION_COLUMNS, REQUIRED_COLUMNS, type CostRow } from './focus';
import { parseTimestamp } from './periods';
import { parseTags } from './tags';
import { TextMemo } from './text-memo';

/** Where each column read sits in a table's records. */
export interface FocusHeader {
  /** Index of each FOCUS column present, by name. */
  readonly index: ReadonlyMap<string, number>;
  /** Custom `x_*` columns present, with their index. */
  readonly custom: readonly (readonly [name: string, index: number])[];
}

/** One record of a table: its cells by 0-based index, `undefined` past the last. */
export interface TableRecord {
  field(index: number): string | undefined;
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

const NONE: Readonly<Record<string, string>> = Object.freeze({});
const CURRENCY_CODE = /^[A-Z]{3}$/;
/** Dimension columns copied as they are (BillingCurrency is checked on its own). */
const PLAIN_DIMENSIONS = DIMENSION_COLUMNS.filter((column) => column !== 'BillingCurrency');

/**
 * Normalises the records of one table. Tag sets repeat on many lines of an export, so each
 * distinct text is parsed once (see `TextMemo`). Rows share their `Tags` object, and an
 * empty `custom`, so those are frozen.
 */
export class FocusNormaliser {
  private readonly billedCost: number;
  private readonly effectiveCost: number;
  private readonly listCost: number;
  private readonly currency: number;
  private readonly start: number;
  private readonly end: number;
  private readonly tags: number;
  private readonly dimensions: readonly (readonly [column: string, index: number])[];
  private readonly tagSets = new TextMemo((text) => Object.freeze(parseTags(text)));

  constructor(
    private readonly file: string,
    private readonly header: FocusHeader,
  ) {
    const at = (column: string) => header.index.get(column) ?? -1;
    this.billedCost = at('BilledCost');
    this.effectiveCost = at('EffectiveCost');
    this.listCost = at('ListCost');
    this.currency = at('BillingCurrency');
    this.start = at('ChargePeriodStart');
    this.end = at('ChargePeriodEnd');
    this.tags = at('Tags');
    this.dimensions = PLAIN_DIMENSIONS.filter((column) => header.index.has(column)).map((column) => [column, at(column)] as const);
  }

  /** Normalises one record read on `line`; throws `CostInputError` naming file, line and column of the first bad cell. */
  normalise(record: TableRecord, line: number): CostRow {
    const currency = this.required(record, this.currency, 'BillingCurrency', line);
    if (!CURRENCY_CODE.test(currency)) throw new CostInputError(this.file, `${JSON.stringify(currency)} is not an ISO 4217 currency code`, line, 'BillingCurrency');
    const start = this.timestamp(record, this.start, 'ChargePeriodStart', line);
    const end = this.timestamp(record, this.end, 'ChargePeriodEnd', line);
    if (end < start) throw new CostInputError(this.file, 'ChargePeriodEnd is before ChargePeriodStart', line, 'ChargePeriodEnd');
    let tags = NONE;
    const tagText = cell(record, this.tags);
    if (tagText !== undefined) {
      try {
        tags = this.tagSets.get(tagText)!;
      } catch (error) {
        throw new CostInputError(this.file, (error as Error).message, line, 'Tags');
      }
    }
    let custom: Record<string, string> | undefined;
    for (const [name, index] of this.header.custom) {
      const value = cell(record, index);
      if (value !== undefined) (custom ??= {})[name] = value;
    }
    // Effective and list cost are often written exactly as billed cost: the same text is the same amount.
    const billedText = this.required(record, this.billedCost, 'BilledCost', line);
    const billed = this.amount(billedText, 'BilledCost', line);
    const effectiveText = this.required(record, this.effectiveCost, 'EffectiveCost', line);
    const row: Record<string, unknown> = {
      BilledCost: billed,
      EffectiveCost: effectiveText === billedText ? billed : this.amount(effectiveText, 'EffectiveCost', line),
      BillingCurrency: currency,
      ChargePeriodStart: start,
      ChargePeriodEnd: end,
      Tags: tags,
      custom: custom ?? NONE,
      origin: { file: this.file, line },
    };
    const listCost = cell(record, this.listCost);
    if (listCost !== undefined) row.ListCost = listCost === billedText ? billed : this.amount(listCost, 'ListCost', line);
    for (const [column, index] of this.dimensions) {
      const value = cell(record, index);
      if (value !== undefined) row[column] = value;
    }
    return row as unknown as CostRow;
  }

  private required(record: TableRecord, index: number, column: string, line: number): string {
    const value = cell(record, index);
    if (value === undefined) throw new CostInputError(this.file, `${column} is empty; it is required`, line, column);
    return value;
  }

  private amount(text: string, column: string, line: number): Decimal {
    try {
      return parseDecimal(text);
    } catch (error) {
      if (error instanceof DecimalFormatError) throw new CostInputError(this.file, error.message, line, column);
      throw error;
    }
  }

  private timestamp(record: TableRecord, index: number, column: string, line: number): number {
    const text = this.required(record, index, column, line);
    const ms = parseTimestamp(text);
    if (ms === undefined) throw new CostInputError(this.file, `${JSON.stringify(text)} is not an ISO 8601 date-time`, line, column);
    return ms;
  }
}

/** The cell's text, or `undefined` when the column is absent (index -1) or the cell empty. */
function cell(record: TableRecord, index: number): string | undefined {
  if (index < 0) return undefined;
  const value = record.field(index);
  return value === '' ? undefined : value;
}
