/**
 * The FOCUS 1.2 columns cost reporting reads, and the normalised row every source produces
 * (FOCUS files now; Cost Explorer and BSS OpenAPI later map their answers onto the same row).
 */
import type { Decimal } from './decimal';

/** Amount columns, parsed as exact decimals. */
export const AMOUNT_COLUMNS = ['BilledCost', 'EffectiveCost', 'ListCost'] as const;
export type AmountColumn = (typeof AMOUNT_COLUMNS)[number];

/** Timestamp columns, ISO 8601 in UTC. */
export const PERIOD_COLUMNS = ['ChargePeriodStart', 'ChargePeriodEnd'] as const;

/** Text columns a report can group by (besides `x_*` custom columns and `tag:<key>`). */
export const DIMENSION_COLUMNS = [
  'BillingCurrency',
  'ChargeCategory',
  'ServiceName',
  'ServiceCategory',
  'ProviderName',
  'RegionId',
  'SubAccountId',
  'ResourceId',
] as const;
export type DimensionColumn = (typeof DIMENSION_COLUMNS)[number];

/** Every FOCUS column read; others in a file are ignored, except custom `x_*` columns, which are kept. */
export const FOCUS_COLUMNS = [...AMOUNT_COLUMNS, ...PERIOD_COLUMNS, ...DIMENSION_COLUMNS, 'Tags'] as const;

/** Columns a FOCUS file must have, and a row must fill. */
export const REQUIRED_COLUMNS = ['BilledCost', 'EffectiveCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd'] as const;

/** Prefix FOCUS reserves for provider- or user-defined columns. */
export const CUSTOM_COLUMN_PREFIX = 'x_';

/** One cost line, normalised. Amounts are in `BillingCurrency`; never add rows of different currencies. */
export interface CostRow {
  /** Amount invoiced for the line (after discounts, before amortisation). */
  readonly BilledCost: Decimal;
  /** Amortised cost: what the usage cost once upfront fees and commitments are spread. */
  readonly EffectiveCost: Decimal;
  /** Public-price cost; absent when the source has none. */
  readonly ListCost?: Decimal;
  /** ISO 4217 code of every amount on this row, e.g. `USD`, `CNY`. */
  readonly BillingCurrency: string;
  /** Inclusive start of the charge period, milliseconds since the epoch (UTC). */
  readonly ChargePeriodStart: number;
  /** Exclusive end of the charge period, milliseconds since the epoch (UTC). */
  readonly ChargePeriodEnd: number;
  /** Usage, Purchase, Tax, Credit or Adjustment. */
  readonly ChargeCategory?: string;
  readonly ServiceName?: string;
  readonly ServiceCategory?: string;
  /** e.g. `AWS`, `Alibaba Cloud`. */
  readonly ProviderName?: string;
  readonly RegionId?: string;
  /** Account (AWS) or member account (Alibaba) that incurred the cost. */
  readonly SubAccountId?: string;
  readonly ResourceId?: string;
  /** Resource tags; a tag without value maps to `""`. */
  readonly Tags: Readonly<Record<string, string>>;
  /** Custom `x_*` columns that had a value, by column name. */
  readonly custom: Readonly<Record<string, string>>;
  /** Where the row was read (file, or source name, and 1-based line or item), for errors found after reading. */
  readonly origin?: RowOrigin;
}

/** Where a row came from: a file and line, or a source (`aws-cost-explorer`) and item number. */
export interface RowOrigin {
  readonly file: string;
  readonly line: number;
}

/** Reference to a value a report can group by: a dimension column, a custom column, or one tag key. */
export type GroupColumn = DimensionColumn | `${typeof CUSTOM_COLUMN_PREFIX}${string}` | `tag:${string}`;

/** Checks a `--group-by` item; throws naming the item and what is accepted. */
export function parseGroupColumn(text: string): GroupColumn {
  if ((DIMENSION_COLUMNS as readonly string[]).includes(text)) return text as GroupColumn;
  if (/^x_\w+$/.test(text)) return text as GroupColumn;
  if (/^tag:.+$/.test(text)) return text as GroupColumn;
  throw new RangeError(`cannot group by ${JSON.stringify(text)}: use one of ${DIMENSION_COLUMNS.join(', ')}, a custom x_<name> column or tag:<key>`);
}

/** The row's value for a group column; `null` when the row has none. */
export function groupValue(row: CostRow, column: GroupColumn): string | null {
  if (column.startsWith('tag:')) return row.Tags[column.slice(4)] ?? null;
  if (column.startsWith(CUSTOM_COLUMN_PREFIX)) return row.custom[column] ?? null;
  return row[column as DimensionColumn] ?? null;
}
