/**
 * A loopback fake of Alibaba Cloud BSS OpenAPI (version 2017-12-14), driven by the real
 * `@alicloud/bssopenapi20171214` client: RPC style, the action in the `x-acs-action` header
 * (or an `Action` parameter), parameters in the query string or a form body, ACS3-HMAC-SHA256
 * signatures verified against the fake's AccessKey, and JSON answers in the documented envelope
 * (`RequestId`, `Code`, `Message`, `Success`, `Data`) with amounts as JSON numbers, written
 * digit for digit from the bill the test gives. Errors use the documented shape (`RequestId`,
 * `HostId`, `Code`, `Message`, `Recommend`) and the gateway's statuses.
 *
 * Operations: `DescribeInstanceBill` (DAILY and MONTHLY, `MaxResults`/`NextToken` pages,
 * `BillOwnerId`) and `QueryBillOverview` (per product, currency and subscription type; or an
 * overview the test gives, to model a mismatch).
 *
 * What passing tests against this fake does NOT prove about the real service:
 * - Signatures: only ACS3-HMAC-SHA256 (what the client sends by default) is checked; the older
 *   HMAC-SHA1 query signature, STS tokens, bearer tokens and RAM policies are not. `x-acs-date`
 *   and nonce reuse are not checked.
 * - Rate limits: the fake counts requests per second on the clock the test gives it and answers
 *   `Throttling.User` past `requestsPerSecond`; the real limit is per account and per operation
 *   and is shared with every other caller of that account.
 * - Data semantics: line items are what the test says; how Alibaba splits bills, the delay of
 *   about a day, the last day of a cycle missing from instance bills, and the 18-month history
 *   limit are not modelled. `IsBillingItem`, `ProductCode`/`SubscriptionType`/`InstanceID`
 *   filters and `IsHideZeroCharge` are ignored. Token format and error messages for bad
 *   parameters are the fake's own.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { addDecimal, formatDecimal, parseDecimal, ZERO, type Decimal } from '../../functions/cost/decimal';
import { listenOnLoopback, readBody } from './loopback-server';

/** One instance bill line; amounts are decimal text, sent as JSON numbers. Field names are the API's. */
export interface FakeBillLine {
  /** `YYYY-MM-DD`. */
  readonly BillingDate: string;
  readonly ProductCode: string;
  readonly ProductName?: string;
  readonly PretaxAmount: string;
  readonly PretaxGrossAmount?: string;
  readonly PaymentAmount?: string;
  /** @default 'CNY' */
  readonly Currency?: string;
  readonly Region?: string;
  readonly InstanceID?: string;
  /** @default 'PayAsYouGoBill' */
  readonly Item?: string;
  /** @default 'PayAsYouGo' */
  readonly SubscriptionType?: string;
  /** e.g. `key:env value:prod; key:team value:core`. */
  readonly Tag?: string;
  /** Member account that owns the resource (filters `BillOwnerId`). */
  readonly OwnerID?: string;
  /** @default the fake's account id */
  readonly BillAccountID?: string;
}

/** One bill overview line, as `QueryBillOverview` answers it. */
export interface FakeOverviewLine {
  readonly ProductCode: string;
  readonly PretaxAmount: string;
  /** @default 'CNY' */
  readonly Currency?: string;
  readonly ProductName?: string;
  readonly SubscriptionType?: string;
}

/** A documented error: code, message and HTTP status. */
export interface FakeBssError {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

/** Errors Alibaba Cloud's gateway and BSS OpenAPI document, with their statuses. */
export const BSS_ERRORS = {
  throttlingUser: { code: 'Throttling.User', message: 'Request was denied due to user flow control.', status: 400 },
  accessKeyNotFound: { code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.', status: 404 },
  signatureDoesNotMatch: { code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched with our calculation.', status: 400 },
  incompleteSignature: { code: 'IncompleteSignature', message: 'The request signature does not conform to Aliyun standards.', status: 400 },
  invalidParameter: (name: string) => ({ code: 'InvalidParameter', message: `The specified parameter ${name} is not valid.`, status: 400 }),
  missingParameter: (name: string) => ({ code: `Missing${name}`, message: `${name} is mandatory for this action.`, status: 400 }),
  invalidAction: (action: string) => ({ code: 'InvalidAction.NotFound', message: `Specified api ${action} is not found, please check your url and method.`, status: 404 }),
  /** A RAM identity whose policy lacks the operation's action; BSS documents the code, the status and message are the fake's. */
  notAuthorized: { code: 'NotAuthorized', message: 'This API is not authorized for caller.', status: 400 },
  serviceUnavailable: { code: 'ServiceUnavailable', message: 'The request has failed due to a temporary failure of the server.', status: 503 },
} as const;

/** Options of a fake. */
export interface FakeBssOptions {
  readonly bill: readonly FakeBillLine[];
  /** Overview lines by billing cycle (`YYYY-MM`). @default summed from `bill` */
  readonly overview?: Readonly<Record<string, readonly FakeOverviewLine[]>>;
  /** @default 'LTAIfakeBssAccessKey' */
  readonly accessKeyId?: string;
  /** @default 'fake-bss-secret' */
  readonly accessKeySecret?: string;
  /** Account id answered as `AccountID` and default `BillAccountID`. @default '1234567890123456' */
  readonly accountId?: string;
  /** Requests answered in any 1,000 ms window before `Throttling.User`. @default unlimited */
  readonly requestsPerSecond?: number;
  /** The fake's clock, for the rate limit and request records. @default Date.now */
  readonly now?: () => number;
}

/** One request the fake received. */
export interface BssRequestRecord {
  readonly action: string;
  /** Query and form parameters, as text. */
  readonly params: Readonly<Record<string, string>>;
  readonly method: string;
  readonly contentType?: string;
  /** `ACS3-HMAC-SHA256`, or what else the client sent. */
  readonly signatureAlgorithm?: string;
  /** The fake's clock when the request arrived. */
  readonly at: number;
  readonly status: number;
  readonly code: string;
}

/** A running fake. */
export interface FakeBss {
  /** `127.0.0.1:<port>`, for the client's `endpoint` (with `protocol: 'HTTP'`). */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Every request, in order. */
  readonly requests: BssRequestRecord[];
  /**
   * Answers the next `times` requests (after authentication) with `error`; with `action`, only
   * requests for that operation, e.g. to deny `QueryBillOverview` as a RAM policy without it would.
   */
  failNext(error: FakeBssError, times?: number, action?: string): void;
  close(): Promise<void>;
}

const VERSION = '2017-12-14';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const AMOUNT_FIELDS = new Set(['PretaxAmount', 'PretaxGrossAmount', 'PaymentAmount', 'InvoiceDiscount', 'DeductedByCoupons', 'DeductedByCashCoupons', 'DeductedByPrepaidCard', 'OutstandingAmount', 'CashAmount', 'AdjustAmount', 'AfterDiscountAmount']);

class BssRequestError extends Error {
  constructor(readonly error: FakeBssError) {
    super(error.message);
  }
}

/** Starts a fake on a free loopback port. */
export async function startFakeBss(options: FakeBssOptions): Promise<FakeBss> {
  for (const line of [...options.bill, ...Object.values(options.overview ?? {}).flat()]) {
    for (const [field, value] of Object.entries(line)) {
      if (AMOUNT_FIELDS.has(field) && !/^-?\d+(\.\d+)?$/.test(String(value))) throw new Error(`fake bill amount ${field}=${JSON.stringify(value)} is not plain decimal text`);
    }
  }
  const accessKeyId = options.accessKeyId ?? 'LTAIfakeBssAccessKey';
  const accessKeySecret = options.accessKeySecret ?? 'fake-bss-secret';
  const accountId = options.accountId ?? '1234567890123456';
  const now = options.now ?? Date.now;
  const requests: BssRequestRecord[] = [];
  const failures: { readonly error: FakeBssError; readonly action?: string }[] = [];
  const recentStarts: number[] = [];
  let requestCount = 0;

  const server: Server = createServer((req, res) => {
    readBody(req).then((body) => {
      const at = now();
      const requestId = `FAKE-${String(++requestCount).padStart(8, '0')}`;
      const url = new URL(req.url ?? '/', 'http://fake');
      const params: Record<string, string> = Object.fromEntries(url.searchParams);
      const contentType = req.headers['content-type'];
      if (body.length && String(contentType ?? '').startsWith('application/x-www-form-urlencoded')) Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
      const action = String(req.headers['x-acs-action'] ?? params.Action ?? '');
      const authorization = String(req.headers.authorization ?? '');
      const record = (status: number, code: string) =>
        requests.push({ action, params, method: req.method ?? '', contentType, signatureAlgorithm: authorization.split(' ')[0] || undefined, at, status, code });
      try {
        verifySignature(req, url, body);
        if (options.requestsPerSecond !== undefined) {
          while (recentStarts.length && at - recentStarts[0] >= 1000) recentStarts.shift();
          if (recentStarts.length >= options.requestsPerSecond) throw new BssRequestError(BSS_ERRORS.throttlingUser);
          recentStarts.push(at);
        }
        const failure = failures.findIndex((entry) => entry.action === undefined || entry.action === action);
        if (failure >= 0) throw new BssRequestError(failures.splice(failure, 1)[0].error);
        const version = String(req.headers['x-acs-version'] ?? params.Version ?? '');
        if (version !== VERSION) throw new BssRequestError(BSS_ERRORS.invalidParameter('Version'));
        const data = operation(action, params);
        record(200, 'Success');
        send(res, 200, { RequestId: requestId, Code: 'Success', Message: 'Successful!', Success: true, Data: data });
      } catch (error) {
        const known = error instanceof BssRequestError ? error.error : { code: 'InternalError', message: (error as Error).message, status: 500 };
        record(known.status, known.code);
        send(res, known.status, {
          RequestId: requestId,
          HostId: 'business.aliyuncs.com',
          Code: known.code,
          Message: known.message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${known.code}&product=BssOpenApi`,
        });
      }
    });
  });

  /** Checks the ACS3-HMAC-SHA256 `Authorization` header as Alibaba Cloud's V3 signature documents it. */
  function verifySignature(req: IncomingMessage, url: URL, body: Buffer): void {
    const header = String(req.headers.authorization ?? '');
    const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(header);
    if (!match) throw new BssRequestError(BSS_ERRORS.incompleteSignature);
    const [, credential, signedHeaders, signature] = match;
    if (credential !== accessKeyId) throw new BssRequestError(BSS_ERRORS.accessKeyNotFound);
    const payloadHash = createHash('sha256').update(body).digest('hex');
    if (req.headers['x-acs-content-sha256'] !== payloadHash) throw new BssRequestError(BSS_ERRORS.signatureDoesNotMatch);
    const query = [...url.searchParams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
      .join('&');
    const names = signedHeaders.split(';');
    if (!names.includes('host') || !names.includes('x-acs-date') || !names.includes('x-acs-content-sha256')) throw new BssRequestError(BSS_ERRORS.incompleteSignature);
    const headers = names.map((name) => `${name}:${String(req.headers[name] ?? '').trim()}\n`).join('');
    const canonicalRequest = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    const expected = createHmac('sha256', accessKeySecret).update(stringToSign).digest('hex');
    if (expected !== signature) throw new BssRequestError(BSS_ERRORS.signatureDoesNotMatch);
  }

  function operation(action: string, params: Record<string, string>): unknown {
    if (action === 'DescribeInstanceBill') return describeInstanceBill(params);
    if (action === 'QueryBillOverview') return queryBillOverview(params);
    throw new BssRequestError(BSS_ERRORS.invalidAction(action));
  }

  function describeInstanceBill(params: Record<string, string>): unknown {
    const cycle = params.BillingCycle;
    if (cycle === undefined) throw new BssRequestError(BSS_ERRORS.missingParameter('BillingCycle'));
    if (!MONTH.test(cycle)) throw new BssRequestError(BSS_ERRORS.invalidParameter('BillingCycle'));
    const granularity = params.Granularity ?? 'MONTHLY';
    if (granularity !== 'DAILY' && granularity !== 'MONTHLY') throw new BssRequestError(BSS_ERRORS.invalidParameter('Granularity'));
    const date = params.BillingDate;
    if (granularity === 'DAILY' && (date === undefined || !DAY.test(date) || !date.startsWith(cycle))) throw new BssRequestError(BSS_ERRORS.invalidParameter('BillingDate'));
    const maxResults = params.MaxResults === undefined ? 20 : Number(params.MaxResults);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 300) throw new BssRequestError(BSS_ERRORS.invalidParameter('MaxResults'));
    const lines = options.bill.filter(
      (line) =>
        (granularity === 'DAILY' ? line.BillingDate === date : line.BillingDate.startsWith(cycle)) &&
        (params.BillOwnerId === undefined || line.OwnerID === params.BillOwnerId),
    );
    const queryShape = JSON.stringify([cycle, granularity, date, params.BillOwnerId]);
    let offset = 0;
    if (params.NextToken !== undefined && params.NextToken !== '') {
      const token = decodeToken(params.NextToken);
      if (token?.query !== queryShape) throw new BssRequestError(BSS_ERRORS.invalidParameter('NextToken'));
      offset = token.offset;
    }
    const page = lines.slice(offset, offset + maxResults);
    const end = offset + page.length;
    return {
      AccountID: accountId,
      AccountName: 'fake@example.com',
      BillingCycle: cycle,
      MaxResults: maxResults,
      TotalCount: lines.length,
      NextToken: end < lines.length ? Buffer.from(JSON.stringify({ offset: end, query: queryShape })).toString('base64') : '',
      Items: page.map((line) => ({
        BillingDate: granularity === 'DAILY' ? line.BillingDate : undefined,
        BillAccountID: line.BillAccountID ?? accountId,
        BillAccountName: 'fake@example.com',
        OwnerID: line.OwnerID ?? line.BillAccountID ?? accountId,
        ProductCode: line.ProductCode,
        ProductName: line.ProductName,
        ProductType: '',
        PipCode: line.ProductCode,
        CommodityCode: line.ProductCode,
        InstanceID: line.InstanceID ?? '',
        Region: line.Region ?? '',
        Currency: line.Currency ?? 'CNY',
        Item: line.Item ?? 'PayAsYouGoBill',
        SubscriptionType: line.SubscriptionType ?? 'PayAsYouGo',
        Tag: line.Tag ?? '',
        PretaxAmount: line.PretaxAmount,
        PretaxGrossAmount: line.PretaxGrossAmount ?? line.PretaxAmount,
        PaymentAmount: line.PaymentAmount ?? line.PretaxAmount,
        InvoiceDiscount: '0',
        DeductedByCoupons: '0',
        DeductedByCashCoupons: '0',
        DeductedByPrepaidCard: '0',
        OutstandingAmount: '0',
        AdjustAmount: '0',
      })),
    };
  }

  function queryBillOverview(params: Record<string, string>): unknown {
    const cycle = params.BillingCycle;
    if (cycle === undefined) throw new BssRequestError(BSS_ERRORS.missingParameter('BillingCycle'));
    if (!MONTH.test(cycle)) throw new BssRequestError(BSS_ERRORS.invalidParameter('BillingCycle'));
    const given = options.overview?.[cycle];
    const lines: FakeOverviewLine[] = given ? [...given] : summedOverview(cycle, params.BillOwnerId);
    return {
      AccountID: accountId,
      AccountName: 'fake@example.com',
      BillingCycle: cycle,
      Items: {
        Item: lines.map((line) => ({
          ProductCode: line.ProductCode,
          ProductName: line.ProductName ?? line.ProductCode,
          Currency: line.Currency ?? 'CNY',
          SubscriptionType: line.SubscriptionType ?? 'PayAsYouGo',
          BillAccountID: accountId,
          PretaxAmount: line.PretaxAmount,
          PretaxGrossAmount: line.PretaxAmount,
          PaymentAmount: line.PretaxAmount,
          OutstandingAmount: '0',
        })),
      },
    };
  }

  function summedOverview(cycle: string, owner: string | undefined): FakeOverviewLine[] {
    const sums = new Map<string, { line: FakeOverviewLine; amount: Decimal }>();
    for (const line of options.bill) {
      if (!line.BillingDate.startsWith(cycle) || (owner !== undefined && line.OwnerID !== owner)) continue;
      const key = JSON.stringify([line.ProductCode, line.Currency ?? 'CNY', line.SubscriptionType ?? 'PayAsYouGo']);
      const entry = sums.get(key) ?? { line: { ProductCode: line.ProductCode, ProductName: line.ProductName, Currency: line.Currency, SubscriptionType: line.SubscriptionType, PretaxAmount: '0' }, amount: ZERO };
      entry.amount = addDecimal(entry.amount, parseDecimal(line.PretaxAmount));
      sums.set(key, entry);
    }
    return [...sums.values()].map(({ line, amount }) => ({ ...line, PretaxAmount: formatDecimal(amount) }));
  }

  const { endpoint, close } = await listenOnLoopback(server);
  return {
    endpoint: new URL(endpoint).host,
    accessKeyId,
    accessKeySecret,
    requests,
    failNext(error, times = 1, action) {
      for (let i = 0; i < times; i++) failures.push({ error, action });
    },
    close,
  };
}

function decodeToken(token: string): { offset: number; query: string } | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return typeof decoded.offset === 'number' && typeof decoded.query === 'string' ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 3986 percent-encoding, as the V3 signature's canonical query string requires. */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Writes JSON with amount fields as bare numbers, exactly the digits of their decimal text. */
function toJson(body: unknown): string {
  const marker = '\u0001amount:';
  const text = JSON.stringify(body, (key, value) => {
    if (AMOUNT_FIELDS.has(key) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return `${marker}${value}`;
    return value;
  });
  return text.replace(/"\\u0001amount:(-?\d+(?:\.\d+)?)"/g, '$1');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = toJson(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
