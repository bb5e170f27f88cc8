/**
 * A cost report request as text fields — a query string or environment variables — checked and
 * turned into aggregation options and the query a source answers. The API route reads requests
 * here and the scheduled job its `groupBy` and `budget`, so a field means the same thing in both.
 * (The CLI checks its own options, with messages naming them as `--options`.)
 *
 * Fields: `from` and `to` (`YYYY-MM-DD`, UTC; `to` exclusive, as in Cost Explorer), `groupBy`
 * (comma list of at most two group columns), `granularity` (`day`, `week` or `month`), `budget`
 * (`1000`, or per currency `USD=1000,CNY=7000`) and `anomalyFloor` (an amount).
 */
import * as z from 'zod/mini';
import { MAX_GROUP_COLUMNS, type AggregateOptions } from './aggregate';
import { compareDecimal, DecimalFormatError, parseDecimal, ZERO, type Decimal } from './decimal';
import { parseGroupColumn, type GroupColumn } from './focus';
import { DAY_MS, GRANULARITIES, parseDay, type Granularity } from './periods';
import type { CostQuery } from './sources/source';

/**
 * Longest range a source is asked for: a year, a leap year included. Cost Explorer keeps 14 months
 * of daily data and charges per result page, and a year of daily rows per group is what one request
 * can fetch and aggregate well within API Gateway's 30-second integration timeout. Longer histories
 * are read from the FOCUS export files (the CLI), which have no such limit.
 */
export const MAX_RANGE_DAYS = 366;

/** Names of the request fields, as the API's query parameters spell them. */
export const REPORT_FIELDS = ['from', 'to', 'groupBy', 'granularity', 'budget', 'anomalyFloor'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** A request field is unusable; `field` names it, `rule` says what it must be. */
export class ReportRequestError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'ReportRequestError';
  }
}

const fieldsSchema = z.strictObject(Object.fromEntries(REPORT_FIELDS.map((field) => [field, z.optional(z.string())])) as Record<ReportField, z.ZodMiniOptional<z.ZodMiniString>>);

/** The fields as text; absent and empty fields are the same. */
export type ReportFields = Partial<Record<ReportField, string>>;

/** A checked request: what to aggregate, and how. */
export interface ReportRequest extends AggregateOptions {
  readonly groupBy: readonly GroupColumn[];
}

/** A checked request with the date range a source must be asked for. */
export interface SourceReportRequest extends ReportRequest {
  readonly from: number;
  readonly to: number;
}

/**
 * Checks every field of a report request: `from` and `to` are optional, and any range is accepted.
 * Throws `ReportRequestError` for the first field at fault, and for a field the request does not know.
 */
export function parseReportRequest(input: Readonly<Record<string, unknown>>): ReportRequest {
  const fields = shapeOf(input);
  const granularity = granularityOf(fields.granularity);
  const groupBy = parseGroupBy(fields.groupBy);
  const from = dayOf('from', fields.from);
  const to = dayOf('to', fields.to);
  if (from !== undefined && to !== undefined && to <= from) throw new ReportRequestError('to', 'must be after from (to is exclusive: from=2024-03-01&to=2024-04-01 is March)');
  return {
    groupBy,
    granularity,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(fields.budget ? { budget: parseBudget(fields.budget) } : {}),
    ...(fields.anomalyFloor ? { anomalyFloor: amountOf('anomalyFloor', fields.anomalyFloor) } : {}),
  };
}

/**
 * Checks a report request a source will answer (the API route): as `parseReportRequest`, and `from`
 * and `to` are required and at most `MAX_RANGE_DAYS` apart.
 */
export function parseSourceReportRequest(input: Readonly<Record<string, unknown>>): SourceReportRequest {
  const request = parseReportRequest(input);
  if (request.from === undefined) throw new ReportRequestError('from', 'is required (first day, YYYY-MM-DD)');
  if (request.to === undefined) throw new ReportRequestError('to', 'is required (day after the last day, YYYY-MM-DD)');
  const days = (request.to - request.from) / DAY_MS;
  if (days > MAX_RANGE_DAYS) throw new ReportRequestError('to', `must be at most ${MAX_RANGE_DAYS} days after from (got ${days}); read longer histories from the FOCUS export files`);
  return request as SourceReportRequest;
}

/** The query a source answers for `request`. */
export function costQueryFor(request: SourceReportRequest): CostQuery {
  return { from: request.from, to: request.to, groupBy: request.groupBy };
}

function shapeOf(input: Readonly<Record<string, unknown>>): ReportFields {
  const result = fieldsSchema.safeParse(input);
  if (result.success) return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined && value !== '')) as ReportFields;
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') throw new ReportRequestError(issue.keys[0], `is not a report field (use ${REPORT_FIELDS.join(', ')})`);
  throw new ReportRequestError(issue.path.map(String).join('.'), 'must be text');
}

function granularityOf(text: string | undefined): Granularity {
  if (text === undefined) throw new ReportRequestError('granularity', `is required (one of ${GRANULARITIES.join(', ')})`);
  if (!(GRANULARITIES as readonly string[]).includes(text)) throw new ReportRequestError('granularity', `must be one of ${GRANULARITIES.join(', ')} (got ${JSON.stringify(text)})`);
  return text as Granularity;
}

/** Checks a `groupBy` field: a comma list of at most two distinct group columns; none when absent. */
export function parseGroupBy(text: string | undefined): GroupColumn[] {
  if (text === undefined) return [];
  const items = text.split(',').map((item) => item.trim());
  if (items.length > MAX_GROUP_COLUMNS) throw new ReportRequestError('groupBy', `takes at most ${MAX_GROUP_COLUMNS} columns (got ${items.length})`);
  const columns = items.map((item) => {
    try {
      return parseGroupColumn(item);
    } catch (error) {
      throw new ReportRequestError('groupBy', (error as Error).message);
    }
  });
  if (new Set(columns).size !== columns.length) throw new ReportRequestError('groupBy', `columns must differ (got ${columns.join(', ')})`);
  return columns;
}

function dayOf(field: 'from' | 'to', text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const day = parseDay(text);
  if (day === undefined) throw new ReportRequestError(field, `${JSON.stringify(text)} is not a date (YYYY-MM-DD)`);
  return day;
}

function amountOf(field: ReportField, text: string): Decimal {
  let amount: Decimal;
  try {
    amount = parseDecimal(text);
  } catch (error) {
    if (error instanceof DecimalFormatError) throw new ReportRequestError(field, error.message);
    throw error;
  }
  if (compareDecimal(amount, ZERO) < 0) throw new ReportRequestError(field, `must not be negative (got ${text})`);
  return amount;
}

/** Checks a `budget` field: one amount (`1000`) or amounts by currency (`USD=1000,CNY=7000`). */
export function parseBudget(text: string): Decimal | Record<string, Decimal> {
  if (!text.includes('=')) return amountOf('budget', text);
  const byCurrency: Record<string, Decimal> = {};
  for (const item of text.split(',')) {
    const [currency, amount = ''] = item.split('=', 2).map((part) => part.trim());
    if (!/^[A-Z]{3}$/.test(currency)) throw new ReportRequestError('budget', `${JSON.stringify(currency)} is not an ISO 4217 currency code (e.g. USD=1000,CNY=7000)`);
    if (currency in byCurrency) throw new ReportRequestError('budget', `${currency} is given twice`);
    byCurrency[currency] = amountOf('budget', amount);
  }
  return byCurrency;
}
