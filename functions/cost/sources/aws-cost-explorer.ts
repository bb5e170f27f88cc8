/**
 * Cost rows from AWS Cost Explorer `GetCostAndUsage`: daily, grouped server-side by up to two of
 * the report's columns, every page followed through `NextPageToken`.
 *
 * Metrics: BilledCost is `UnblendedCost`, EffectiveCost is `AmortizedCost`.
 * - FOCUS BilledCost is the basis of the invoice, excluding amortisation: that is the unblended
 *   cost, the rate each account was actually charged (blended cost averages rates across an
 *   organisation and is never invoiced).
 * - FOCUS EffectiveCost spreads upfront and recurring commitment fees (Reserved Instances,
 *   Savings Plans) over the usage they cover: that is the amortised cost.
 * - The `Net*` metrics fold negotiated discounts into each line; they are not used because the
 *   plain metrics keep those discounts as their own (Credit) lines, so totals are the same and
 *   the discount stays visible, and they need no discount programme to be meaningful.
 * - ListCost is absent: Cost Explorer has no public-price metric.
 *
 * Every row has ProviderName `AWS`, the day as its charge period, the currency from each metric's
 * `Unit`, and the custom column `x_Estimated` (`true` while AWS has not finalised the day).
 */
import {
  GetCostAndUsageCommand,
  type CostExplorerClient,
  type GetCostAndUsageCommandOutput,
  type MetricValue,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { DecimalFormatError, parseDecimal, type Decimal } from '../decimal';
import { CostInputError } from '../errors';
import type { CostRow } from '../focus';
import { formatDay, parseDay } from '../periods';
import { costExplorerGroups, type CostExplorerGroup, type GroupedValues } from './cost-explorer-groups';
import { costExplorerError } from './cost-explorer-errors';
import type { CostQuery, CostSource } from './source';

/** Metric read as BilledCost. */
const BILLED_COST_METRIC = 'UnblendedCost';
/** Metric read as EffectiveCost. */
const EFFECTIVE_COST_METRIC = 'AmortizedCost';

const OPERATION = 'GetCostAndUsage';

/** What a Cost Explorer source needs. */
export interface CostExplorerSourceOptions {
  /**
   * The client to call. Cost Explorer has one endpoint, in us-east-1: create it with
   * `new CostExplorerClient({ region: 'us-east-1' })`. Its retry settings decide how often a
   * throttled call is retried before this source reports it.
   */
  readonly client: CostExplorerClient;
  /** Names the source in errors and row origins. @default 'aws-cost-explorer' */
  readonly name?: string;
}

/** Daily cost rows from AWS Cost Explorer, grouped as the query's `groupBy` asks. */
export class CostExplorerSource implements CostSource {
  readonly name: string;
  private readonly client: CostExplorerClient;

  constructor(options: CostExplorerSourceOptions) {
    this.client = options.client;
    this.name = options.name ?? 'aws-cost-explorer';
  }

  /**
   * Yields one row per day and group. Throws `UnsupportedGroupColumnError` (before any call) for
   * a group column Cost Explorer cannot fill, `CostSourceError` for a failed call, and
   * `CostInputError` naming the day and group of an amount that cannot be read.
   */
  async *rows(query: CostQuery): AsyncGenerator<CostRow> {
    const groups = costExplorerGroups(this.name, query.groupBy);
    if (query.to <= query.from) throw new RangeError('the to date must be after the from date (to is exclusive)');
    let nextPageToken: string | undefined;
    do {
      let page: GetCostAndUsageCommandOutput;
      try {
        page = await this.client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: formatDay(query.from), End: formatDay(query.to) },
            Granularity: 'DAILY',
            Metrics: [BILLED_COST_METRIC, EFFECTIVE_COST_METRIC],
            GroupBy: groups.length ? groups.map((group) => group.definition) : undefined,
            NextPageToken: nextPageToken,
          }),
        );
      } catch (error) {
        throw costExplorerError(this.name, OPERATION, error);
      }
      for (const result of page.ResultsByTime ?? []) yield* this.rowsOfDay(result, groups);
      nextPageToken = page.NextPageToken || undefined;
    } while (nextPageToken);
  }

  private *rowsOfDay(result: ResultByTime, groups: readonly CostExplorerGroup[]): Generator<CostRow> {
    const day = result.TimePeriod?.Start ?? '';
    const file = `${this.name} ${OPERATION} ${day}`;
    const start = parseDay(day);
    const end = parseDay(result.TimePeriod?.End ?? '');
    if (start === undefined || end === undefined || end <= start) {
      throw new CostInputError(file, `the result's TimePeriod ${JSON.stringify(result.TimePeriod ?? null)} is not a day range`);
    }
    const estimated = result.Estimated === true ? 'true' : 'false';
    const lines = groups.length
      ? (result.Groups ?? []).map((group) => ({ keys: group.Keys ?? [], metrics: group.Metrics ?? {} }))
      : [{ keys: [] as string[], metrics: result.Total ?? {} }];
    let line = 0;
    for (const { keys, metrics } of lines) {
      line += 1;
      const values: GroupedValues = { tags: {} };
      groups.forEach((group, i) => group.apply(values, keys[i] ?? ''));
      const billed = readMetric(file, line, 'BilledCost', BILLED_COST_METRIC, metrics[BILLED_COST_METRIC]);
      const effective = readMetric(file, line, 'EffectiveCost', EFFECTIVE_COST_METRIC, metrics[EFFECTIVE_COST_METRIC]);
      if (billed.currency !== effective.currency) {
        throw new CostInputError(file, `${BILLED_COST_METRIC} is in ${billed.currency} but ${EFFECTIVE_COST_METRIC} in ${effective.currency}`, line, 'BillingCurrency');
      }
      const { tags, recordType, ...dimensions } = values;
      const custom: Record<string, string> = { x_Estimated: estimated };
      if (recordType !== undefined) custom.x_RecordType = recordType;
      yield {
        BilledCost: billed.amount,
        EffectiveCost: effective.amount,
        BillingCurrency: billed.currency,
        ChargePeriodStart: start,
        ChargePeriodEnd: end,
        ProviderName: 'AWS',
        ...dimensions,
        Tags: tags,
        custom,
        origin: { file, line },
      };
    }
  }
}

function readMetric(file: string, line: number, column: string, metric: string, value: MetricValue | undefined): { amount: Decimal; currency: string } {
  if (value?.Amount === undefined || value.Unit === undefined) {
    throw new CostInputError(file, `the answer has no ${metric} amount and unit`, line, column);
  }
  if (!/^[A-Z]{3}$/.test(value.Unit)) {
    throw new CostInputError(file, `${metric} unit ${JSON.stringify(value.Unit)} is not an ISO 4217 currency code`, line, 'BillingCurrency');
  }
  try {
    return { amount: parseDecimal(value.Amount), currency: value.Unit };
  } catch (error) {
    if (error instanceof DecimalFormatError) throw new CostInputError(file, `${metric}: ${error.message}`, line, column);
    throw error;
  }
}
