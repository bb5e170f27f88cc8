/**
 * A loopback fake of AWS Cost Explorer's `GetCostAndUsage`, driven by the real
 * `@aws-sdk/client-cost-explorer`: JSON 1.1 protocol (`POST /`, `X-Amz-Target:
 * AWSInsightsIndexService.GetCostAndUsage`, `application/x-amz-json-1.1`), answers shaped as the
 * API reference documents them (`ResultsByTime` with `TimePeriod`, `Total`, `Groups[].Keys`,
 * `Groups[].Metrics.<name>.{Amount,Unit}`, `Estimated`; `GroupDefinitions`; `NextPageToken`), and
 * errors as JSON 1.1 error bodies (`__type`, `Message`) with status 400.
 *
 * The test gives the bill as lines (day, service, account, region, record type, tags, amounts);
 * the fake sums them per day and group exactly and pages the (day, group) results.
 *
 * What passing tests against this fake does NOT prove about the real service:
 * - Authentication: only the access key id in the SigV4 `Credential=` scope (and its `ce` service
 *   and `us-east-1` region) is checked, not the signature, session tokens or IAM permissions.
 * - Page sizes and token format: the real service chooses its own page size and opaque tokens.
 * - Granularity: only DAILY is answered (MONTHLY and HOURLY are refused as unsupported here).
 * - Filters (`Filter`), cost categories, `BillingViewArn`, 14-month history limits and
 *   `DataUnavailableException` for recent days are not modelled; any `Filter` is refused.
 * - Metrics other than UnblendedCost and AmortizedCost are answered with the unblended amount
 *   (Blended/NetUnblended) or the amortised one (NetAmortized); usage metrics with 0.
 * - Currency: one group must hold one currency (the fake refuses a bill that mixes them in a
 *   group), as an AWS account is billed in one currency.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { addDecimal, formatDecimal, parseDecimal, ZERO, type Decimal } from '../../functions/cost/decimal';
import { listenOnLoopback, readBody } from './loopback-server';

/** One line of the fake's bill. */
export interface FakeCostLine {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** SERVICE value, e.g. `Amazon Elastic Compute Cloud - Compute`. */
  readonly service: string;
  /** LINKED_ACCOUNT value. */
  readonly account: string;
  /** REGION value; absent means `NoRegion`. */
  readonly region?: string;
  /** RECORD_TYPE value. @default 'Usage' */
  readonly recordType?: string;
  /** Cost allocation tags. */
  readonly tags?: Readonly<Record<string, string>>;
  /** UnblendedCost, decimal text. */
  readonly unblended: string;
  /** AmortizedCost, decimal text. @default the unblended amount */
  readonly amortized?: string;
  /** Unit of both amounts. @default 'USD' */
  readonly currency?: string;
}

/** A documented Cost Explorer error. */
export interface FakeCostExplorerError {
  /** Error name, e.g. `LimitExceededException`. */
  readonly type: string;
  readonly message: string;
  /** @default 400 */
  readonly status?: number;
}

/** Errors the API reference documents for GetCostAndUsage (and AWS's common errors), with their messages. */
export const COST_EXPLORER_ERRORS = {
  limitExceeded: { type: 'LimitExceededException', message: 'You made too many calls in a short period of time. Try again later.' },
  dataUnavailable: { type: 'DataUnavailableException', message: 'The requested data is unavailable.' },
  invalidNextToken: { type: 'InvalidNextTokenException', message: 'The pagination token is invalid. Try again without a pagination token.' },
  unrecognizedClient: { type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' },
  accessDenied: { type: 'AccessDeniedException', message: 'User: arn:aws:iam::111111111111:user/report is not authorized to perform: ce:GetCostAndUsage' },
} as const satisfies Record<string, FakeCostExplorerError>;

/** Options of a fake. */
export interface FakeCostExplorerOptions {
  readonly bill: readonly FakeCostLine[];
  /** Access key id the client must sign with. @default 'AKIDFAKECOSTEXPLORER' */
  readonly accessKeyId?: string;
  /** Most (day, group) results per page. @default 100 */
  readonly pageSize?: number;
  /** Days on or after this `YYYY-MM-DD` are answered with `Estimated: true`. @default none */
  readonly estimatedFrom?: string;
}

/** One request the fake received. */
export interface CostExplorerRequestRecord {
  readonly target: string;
  /** The parsed JSON request. */
  readonly body: Record<string, any>;
  /** HTTP status answered. */
  readonly status: number;
  /** Error type answered, if any. */
  readonly errorType?: string;
}

/** A running fake. */
export interface FakeCostExplorer {
  /** `http://127.0.0.1:<port>`, for the client's `endpoint`. */
  readonly endpoint: string;
  readonly accessKeyId: string;
  /** Every request, in order. */
  readonly requests: CostExplorerRequestRecord[];
  /** Answers the next `times` requests with `error`. */
  failNext(error: FakeCostExplorerError, times?: number): void;
  close(): Promise<void>;
}

const TARGET = 'AWSInsightsIndexService.GetCostAndUsage';
const DIMENSIONS = ['AZ', 'INSTANCE_TYPE', 'LEGAL_ENTITY_NAME', 'INVOICING_ENTITY', 'LINKED_ACCOUNT', 'OPERATION', 'PLATFORM', 'PURCHASE_TYPE', 'SERVICE', 'TENANCY', 'RECORD_TYPE', 'USAGE_TYPE', 'REGION'];
const METRICS = ['AmortizedCost', 'BlendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'NormalizedUsageAmount', 'UnblendedCost', 'UsageQuantity'];
const DAY_MS = 86_400_000;

class RequestError extends Error {
  constructor(readonly error: FakeCostExplorerError) {
    super(error.message);
  }
}

const validation = (message: string) => new RequestError({ type: 'ValidationException', message });

/** Starts a fake on a free loopback port. */
export async function startFakeCostExplorer(options: FakeCostExplorerOptions): Promise<FakeCostExplorer> {
  const accessKeyId = options.accessKeyId ?? 'AKIDFAKECOSTEXPLORER';
  const pageSize = options.pageSize ?? 100;
  const requests: CostExplorerRequestRecord[] = [];
  const failures: FakeCostExplorerError[] = [];

  const server: Server = createServer((req, res) => {
    readBody(req).then((bytes) => {
      const text = bytes.toString('utf8');
      const target = String(req.headers['x-amz-target'] ?? '');
      let body: Record<string, any> = {};
      try {
        body = text ? JSON.parse(text) : {};
        const answer = handle(req, target, body);
        requests.push({ target, body, status: 200 });
        send(res, 200, answer);
      } catch (error) {
        const known = error instanceof RequestError ? error.error : { type: 'InternalFailure', message: (error as Error).message, status: 500 };
        const status = known.status ?? 400;
        requests.push({ target, body, status, errorType: known.type });
        send(res, status, { __type: `com.amazonaws.awsinsightsindexservice#${known.type}`, Message: known.message }, known.type);
      }
    });
  });

  function handle(req: IncomingMessage, target: string, body: Record<string, any>): unknown {
    if (req.method !== 'POST') throw validation('only POST is accepted');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1')) throw new RequestError({ type: 'UnknownOperationException', message: 'expected Content-Type application/x-amz-json-1.1' });
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
    if (!scope || scope[1] !== accessKeyId) throw new RequestError(COST_EXPLORER_ERRORS.unrecognizedClient);
    if (scope[2] !== 'us-east-1' || scope[3] !== 'ce') throw new RequestError({ type: 'InvalidSignatureException', message: `Credential should be scoped to a valid region and service 'ce' in us-east-1, not ${scope[2]}/${scope[3]}.` });
    const failure = failures.shift();
    if (failure) throw new RequestError(failure);
    if (target !== TARGET) throw new RequestError({ type: 'UnknownOperationException', message: `the fake answers only ${TARGET}` });
    return getCostAndUsage(body);
  }

  function getCostAndUsage(body: Record<string, any>): unknown {
    const start = Date.parse(`${body.TimePeriod?.Start}T00:00:00Z`);
    const end = Date.parse(`${body.TimePeriod?.End}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(body.TimePeriod?.Start ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(body.TimePeriod?.End ?? '') || !(start < end)) {
      throw validation('Start date (and hour) should be before end date (and hour)');
    }
    if (body.Granularity !== 'DAILY') throw validation(`the fake answers only DAILY granularity, got ${body.Granularity}`);
    const metrics: string[] = body.Metrics ?? [];
    if (metrics.length === 0) throw validation('Metrics must be specified');
    const unknownMetric = metrics.find((metric) => !METRICS.includes(metric));
    if (unknownMetric) throw validation(`Invalid metric: ${unknownMetric}`);
    if (body.Filter) throw validation('the fake does not support Filter');
    const groupBy: { Type: string; Key: string }[] = body.GroupBy ?? [];
    if (groupBy.length > 2) throw validation('You can only group by up to two different groups');
    for (const group of groupBy) {
      if (group.Type === 'DIMENSION' && !DIMENSIONS.includes(group.Key)) throw validation(`Invalid group by dimension: ${group.Key}`);
      if (group.Type !== 'DIMENSION' && group.Type !== 'TAG') throw validation(`Group Definition Type ${group.Type} is not supported by the fake`);
    }

    const entries = resultEntries(start, end, groupBy);
    const offset = body.NextPageToken === undefined ? 0 : decodeToken(body.NextPageToken, body);
    const page = entries.slice(offset, offset + pageSize);
    const results: Record<string, unknown>[] = [];
    for (const entry of page) {
      let result = results.at(-1);
      if (!result || (result.TimePeriod as { Start: string }).Start !== entry.day) {
        result = { TimePeriod: { Start: entry.day, End: nextDay(entry.day) }, Total: {}, Groups: [], Estimated: options.estimatedFrom !== undefined && entry.day >= options.estimatedFrom };
        results.push(result);
      }
      if (!entry.sums) continue;
      const metricValues = Object.fromEntries(metrics.map((metric) => [metric, metricValue(metric, entry.sums!)]));
      if (groupBy.length) (result.Groups as unknown[]).push({ Keys: entry.keys, Metrics: metricValues });
      else result.Total = metricValues;
    }
    const more = offset + pageSize < entries.length;
    return {
      GroupDefinitions: groupBy,
      ResultsByTime: results,
      DimensionValueAttributes: [],
      ...(more ? { NextPageToken: encodeToken(offset + pageSize, body) } : {}),
    };
  }

  interface Sums {
    unblended: Decimal;
    amortized: Decimal;
    currency: string;
  }
  interface Entry {
    day: string;
    keys: string[];
    sums?: Sums;
  }

  /** One entry per (day, group) with cost, in day then key order; a day with no cost is one entry without sums. */
  function resultEntries(start: number, end: number, groupBy: readonly { Type: string; Key: string }[]): Entry[] {
    const entries: Entry[] = [];
    for (let ms = start; ms < end; ms += DAY_MS) {
      const day = new Date(ms).toISOString().slice(0, 10);
      const groups = new Map<string, Entry>();
      for (const line of options.bill.filter((candidate) => candidate.day === day)) {
        const keys = groupBy.map((group) => keyOf(line, group));
        const id = JSON.stringify(keys);
        let entry = groups.get(id);
        const currency = line.currency ?? 'USD';
        if (!entry) {
          entry = { day, keys, sums: { unblended: ZERO, amortized: ZERO, currency } };
          groups.set(id, entry);
        }
        const sums = entry.sums!;
        if (sums.currency !== currency) throw new Error(`fake bill mixes ${sums.currency} and ${currency} in one group on ${day}`);
        sums.unblended = addDecimal(sums.unblended, parseDecimal(line.unblended));
        sums.amortized = addDecimal(sums.amortized, parseDecimal(line.amortized ?? line.unblended));
      }
      if (groups.size === 0) entries.push({ day, keys: [] });
      else entries.push(...[...groups.values()].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1)));
    }
    return entries;
  }

  const { endpoint, close } = await listenOnLoopback(server);
  return {
    endpoint,
    accessKeyId,
    requests,
    failNext(error, times = 1) {
      for (let i = 0; i < times; i++) failures.push(error);
    },
    close,
  };
}

function keyOf(line: FakeCostLine, group: { Type: string; Key: string }): string {
  if (group.Type === 'TAG') return `${group.Key}$${line.tags?.[group.Key] ?? ''}`;
  switch (group.Key) {
    case 'SERVICE':
      return line.service;
    case 'LINKED_ACCOUNT':
      return line.account;
    case 'REGION':
      return line.region ?? 'NoRegion';
    case 'RECORD_TYPE':
      return line.recordType ?? 'Usage';
    default:
      return 'NoValue';
  }
}

function metricValue(metric: string, sums: { unblended: Decimal; amortized: Decimal; currency: string }): { Amount: string; Unit: string } {
  if (metric === 'UsageQuantity' || metric === 'NormalizedUsageAmount') return { Amount: '0', Unit: 'N/A' };
  const amount = metric.includes('Amortized') ? sums.amortized : sums.unblended;
  return { Amount: formatDecimal(amount), Unit: sums.currency };
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Tokens carry the offset and the request they continue, as the service refuses a token reused with other parameters. */
function requestShape(body: Record<string, any>): string {
  return JSON.stringify([body.TimePeriod, body.Granularity, body.Metrics, body.GroupBy ?? []]);
}

function encodeToken(offset: number, body: Record<string, any>): string {
  return Buffer.from(JSON.stringify({ offset, request: requestShape(body) })).toString('base64');
}

function decodeToken(token: string, body: Record<string, any>): number {
  let decoded: { offset?: unknown; request?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw new RequestError(COST_EXPLORER_ERRORS.invalidNextToken);
  }
  if (typeof decoded.offset !== 'number') throw new RequestError(COST_EXPLORER_ERRORS.invalidNextToken);
  if (decoded.request !== requestShape(body)) {
    throw new RequestError({ type: 'RequestChangedException', message: 'Your request parameters changed between pages. Try again with the old parameters or without a pagination token.' });
  }
  return decoded.offset;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': `fake-${Math.random().toString(16).slice(2)}`,
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}
