/**
 * Cost rows from Alibaba Cloud BSS OpenAPI instance bills: `DescribeInstanceBill` with
 * `Granularity=DAILY`, one `BillingDate` per day of the query, every page followed through
 * `NextToken`. Calls stay under the documented limit of 10 requests per second per account,
 * and a throttled call is retried after a pause before it is reported.
 *
 * Days: a `BillingDate` names a day of Alibaba Cloud's billing calendar. Rows keep that date as
 * their UTC day, so a day's costs land on the date the Alibaba console shows for them.
 *
 * `QueryBillOverview` (per billing cycle and product, no daily detail) is not a row source: rows
 * must be daily. It serves to reconcile a closed month's instance bills with the bill overview,
 * see `reconcileBillingCycle` in `alibaba-reconcile.ts`.
 */
import type Client from '@alicloud/bssopenapi20171214';
import type { CostRow } from '../focus';
import { DAY_MS, formatDay } from '../periods';
import { rowOfBillLine } from './alibaba-bill-lines';
import { callBss, listOf, textOf, type BssCaller } from './bss-call';
import { RateLimiter } from './rate-limiter';
import type { CostQuery, CostSource } from './source';

/** Documented limit of BSS OpenAPI bill queries: requests per second per account. */
export const BSS_REQUESTS_PER_SECOND = 10;
/** Most lines `DescribeInstanceBill` returns per page. */
const BSS_MAX_RESULTS = 300;

/** What an Alibaba BSS source needs. */
export interface AlibabaBssSourceOptions {
  /**
   * BSS OpenAPI client, e.g. `new Client(new $OpenApiUtil.Config({ accessKeyId, accessKeySecret,
   * endpoint: 'business.aliyuncs.com' }))` (`business.ap-southeast-1.aliyuncs.com` for the
   * international site).
   */
  readonly client: Client;
  /** Names the source in errors and row origins. @default 'alibaba-bss' */
  readonly name?: string;
  /** Member account whose bills to read (`BillOwnerId`). @default the caller's own account */
  readonly billOwnerId?: number;
  /** Lines per page, 1–300. @default 300 */
  readonly pageSize?: number;
  /**
   * Paces calls; share one between sources using the same account so together they stay under
   * the limit. @default a new limiter of 10 requests per second
   */
  readonly rateLimiter?: RateLimiter;
  /** Further attempts after a throttled call. @default 2 */
  readonly throttleRetries?: number;
  /** Pause before the first retry of a throttled call; doubled, tripled… for later ones. @default 1000 ms */
  readonly throttleBackoffMs?: number;
}

const OPERATION = 'DescribeInstanceBill';

/** Daily instance bill lines from Alibaba Cloud BSS OpenAPI. */
export class AlibabaBssSource implements CostSource {
  readonly name: string;
  private readonly caller: BssCaller;
  /** Member account whose bills are read, if not the caller's own. */
  readonly billOwnerId?: number;
  private readonly pageSize: number;

  constructor(options: AlibabaBssSourceOptions) {
    const pageSize = options.pageSize ?? BSS_MAX_RESULTS;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > BSS_MAX_RESULTS) {
      throw new RangeError(`pageSize must be a whole number from 1 to ${BSS_MAX_RESULTS}, got ${pageSize}`);
    }
    this.name = options.name ?? 'alibaba-bss';
    this.pageSize = pageSize;
    this.billOwnerId = options.billOwnerId;
    this.caller = {
      client: options.client,
      source: this.name,
      rateLimiter: options.rateLimiter ?? new RateLimiter({ requestsPerSecond: BSS_REQUESTS_PER_SECOND }),
      throttleRetries: options.throttleRetries ?? 2,
      throttleBackoffMs: options.throttleBackoffMs ?? 1000,
    };
  }

  /** The caller settings, for `reconcileBillingCycle` to share the client and rate limiter. */
  get bssCaller(): BssCaller {
    return this.caller;
  }

  /**
   * Yields every line of every day in `[from, to)`, in day order. The query's `groupBy` is not
   * needed: each line carries every column. Throws `CostSourceError` for a failed call and
   * `CostInputError` naming day and item of a line that cannot be read.
   */
  async *rows(query: CostQuery): AsyncGenerator<CostRow> {
    if (query.to <= query.from) throw new RangeError('the to date must be after the from date (to is exclusive)');
    for (let day = query.from; day < query.to; day += DAY_MS) {
      const billingDate = formatDay(day);
      const file = `${this.name} ${OPERATION} ${billingDate}`;
      let line = 0;
      let nextToken: string | undefined;
      do {
        const data = await callBss(this.caller, OPERATION, {
          BillingCycle: billingDate.slice(0, 7),
          Granularity: 'DAILY',
          BillingDate: billingDate,
          MaxResults: this.pageSize,
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          ...(this.billOwnerId === undefined ? {} : { BillOwnerId: this.billOwnerId }),
        });
        for (const item of listOf(data.Items)) {
          line += 1;
          yield rowOfBillLine(item, { file, line, day, billingDate });
        }
        nextToken = textOf(data, 'NextToken');
      } while (nextToken !== undefined);
    }
  }
}
