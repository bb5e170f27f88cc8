import Client from '@alicloud/bssopenapi20171214';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { aggregate } from '../../../../functions/cost/aggregate';
import { parseDecimal } from '../../../../functions/cost/decimal';
import { CostInputError } from '../../../../functions/cost/errors';
import { AlibabaBssSource, type AlibabaBssSourceOptions } from '../../../../functions/cost/sources/alibaba-bss';
import { CostSourceError } from '../../../../functions/cost/sources/errors';
import { RateLimiter } from '../../../../functions/cost/sources/rate-limiter';
import { BSS_ERRORS, startFakeBss, type FakeBillLine, type FakeBss, type FakeBssOptions } from '../../../fakes/bss-server';
import { collect, errorOf } from '../fixtures';

const day = (text: string) => Date.parse(`${text}T00:00:00Z`);

const fakes: FakeBss[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function start(options: FakeBssOptions): Promise<FakeBss> {
  const fake = await startFakeBss(options);
  fakes.push(fake);
  return fake;
}

function clientFor(fake: FakeBss, credentials: { accessKeyId?: string; accessKeySecret?: string } = {}): Client {
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: credentials.accessKeyId ?? fake.accessKeyId,
      accessKeySecret: credentials.accessKeySecret ?? fake.accessKeySecret,
      protocol: 'HTTP',
      endpoint: fake.endpoint,
    }),
  );
}

/** A clock that moves only when someone sleeps on it: the limiter's waits take no real time. */
function virtualClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

function sourceFor(fake: FakeBss, options: Partial<AlibabaBssSourceOptions> = {}): AlibabaBssSource {
  const clock = virtualClock();
  return new AlibabaBssSource({ client: clientFor(fake), rateLimiter: new RateLimiter({ requestsPerSecond: 10, ...clock }), ...options });
}

const rowsOf = (source: AlibabaBssSource, from: string, to: string) => collect(source.rows({ from: day(from), to: day(to), groupBy: [] }));

const ECS_LINE: FakeBillLine = {
  BillingDate: '2024-03-01',
  ProductCode: 'ecs',
  ProductName: 'Elastic Compute Service',
  PretaxAmount: '11.1',
  PretaxGrossAmount: '12.34',
  PaymentAmount: '5',
  Region: 'China (Hangzhou)',
  InstanceID: 'i-bp1abc',
  OwnerID: '1111111111111111',
  BillAccountID: '9999999999999999',
  Tag: 'key:env value:prod; key:team value:core',
};

describe('AlibabaBssSource rows', () => {
  it('map an instance bill line to FOCUS columns', async () => {
    const fake = await start({ bill: [{ ...ECS_LINE, Item: 'SubscriptionOrder', SubscriptionType: 'Subscription' }] });
    const [row] = await rowsOf(sourceFor(fake), '2024-03-01', '2024-03-02');
    expect(row).toEqual({
      BilledCost: parseDecimal('11.1'),
      EffectiveCost: parseDecimal('11.1'),
      ListCost: parseDecimal('12.34'),
      BillingCurrency: 'CNY',
      ChargePeriodStart: day('2024-03-01'),
      ChargePeriodEnd: day('2024-03-02'),
      ChargeCategory: 'Purchase',
      ServiceName: 'Elastic Compute Service',
      ServiceCategory: 'Compute',
      ProviderName: 'Alibaba Cloud',
      RegionId: 'cn-hangzhou',
      SubAccountId: '1111111111111111',
      ResourceId: 'i-bp1abc',
      Tags: { env: 'prod', team: 'core' },
      custom: { x_ProductCode: 'ecs', x_BillType: 'SubscriptionOrder', x_SubscriptionType: 'Subscription' },
      origin: { file: 'alibaba-bss DescribeInstanceBill 2024-03-01', line: 1 },
    });
  });

  it('map bill types to FOCUS charge categories', async () => {
    const types = ['PayAsYouGoBill', 'SubscriptionOrder', 'Refund', 'Adjustment', 'SomethingElse'];
    const fake = await start({ bill: types.map((Item) => ({ ...ECS_LINE, Item })) });
    const rows = await rowsOf(sourceFor(fake), '2024-03-01', '2024-03-02');
    expect(rows.map((row) => [row.custom.x_BillType, row.ChargeCategory])).toEqual([
      ['PayAsYouGoBill', 'Usage'],
      ['SubscriptionOrder', 'Purchase'],
      ['Refund', 'Purchase'],
      ['Adjustment', 'Adjustment'],
      ['SomethingElse', 'Adjustment'],
    ]);
  });

  it('keep amounts with more digits than a double holds exact, and total them to the last digit', async () => {
    const fake = await start({
      bill: [
        { BillingDate: '2024-03-01', ProductCode: 'ecs', PretaxAmount: '1234567.123456789012' },
        { BillingDate: '2024-03-01', ProductCode: 'oss', PretaxAmount: '0.000000000000000001' },
        { BillingDate: '2024-03-02', ProductCode: 'ecs', PretaxAmount: '-0.123456789012' },
      ],
    });
    const report = await aggregate(sourceFor(fake).rows({ from: day('2024-03-01'), to: day('2024-03-03'), groupBy: [] }), { granularity: 'month' });
    // 1234567.123456789012 + 0.000000000000000001 − 0.123456789012
    expect(report.reports[0].totals.BilledCost).toBe('1234567.000000000000000001');
  });

  it('keep each line in its own currency: one report per currency', async () => {
    const fake = await start({
      bill: [
        { BillingDate: '2024-03-01', ProductCode: 'ecs', PretaxAmount: '10.5' },
        { BillingDate: '2024-03-01', ProductCode: 'cdn', PretaxAmount: '1.25', Currency: 'USD' },
        { BillingDate: '2024-03-02', ProductCode: 'ecs', PretaxAmount: '0.5' },
        { BillingDate: '2024-03-02', ProductCode: 'waf', PretaxAmount: '3', Currency: 'USD' },
      ],
    });
    const report = await aggregate(sourceFor(fake).rows({ from: day('2024-03-01'), to: day('2024-03-03'), groupBy: ['ServiceCategory'] }), { groupBy: ['ServiceCategory'], granularity: 'day' });
    expect(report.reports.map((r) => [r.currency, r.totals.BilledCost, r.groups.map((g) => g.key.ServiceCategory)])).toEqual([
      ['CNY', '11', ['Compute']],
      ['USD', '4.25', ['Security', 'Networking']],
    ]);
  });

  it('group by a tag parsed from the documented Tag text', async () => {
    const fake = await start({
      bill: [
        { ...ECS_LINE, PretaxAmount: '1', Tag: 'key:env value:prod' },
        { ...ECS_LINE, PretaxAmount: '2', Tag: 'key:env value:dev; key:team value:' },
        { ...ECS_LINE, PretaxAmount: '4', Tag: '' },
      ],
    });
    const report = await aggregate(sourceFor(fake).rows({ from: day('2024-03-01'), to: day('2024-03-02'), groupBy: [] }), { groupBy: ['tag:env', 'tag:team'], granularity: 'day' });
    expect(report.reports[0].groups.map((g) => [g.key, g.BilledCost])).toEqual([
      [{ 'tag:env': null, 'tag:team': null }, '4'],
      [{ 'tag:env': 'dev', 'tag:team': '' }, '2'],
      [{ 'tag:env': 'prod', 'tag:team': null }, '1'],
    ]);
  });

  it('name the day and item of a line that cannot be read', async () => {
    const fake = await start({ bill: [ECS_LINE, { ...ECS_LINE, Currency: 'yuan' }] });
    const error = await errorOf(() => rowsOf(sourceFor(fake), '2024-03-01', '2024-03-02'));
    expect(error).toBeInstanceOf(CostInputError);
    expect(error.message).toBe('alibaba-bss DescribeInstanceBill 2024-03-01:2:BillingCurrency: Currency "yuan" is not an ISO 4217 currency code');
  });
});

describe('AlibabaBssSource requests', () => {
  it('ask for each day with Granularity DAILY, its BillingDate and BillingCycle, across a month end', async () => {
    const fake = await start({ bill: [] });
    await rowsOf(sourceFor(fake, { billOwnerId: 1111111111111111 }), '2024-02-28', '2024-03-02');
    expect(fake.requests.map((request) => request.params)).toEqual(
      ['2024-02-28', '2024-02-29', '2024-03-01'].map((date) => ({
        BillingCycle: date.slice(0, 7),
        Granularity: 'DAILY',
        BillingDate: date,
        MaxResults: '300',
        BillOwnerId: '1111111111111111',
      })),
    );
    expect(fake.requests.every((request) => request.action === 'DescribeInstanceBill' && request.method === 'POST' && request.signatureAlgorithm === 'ACS3-HMAC-SHA256')).toBe(true);
  });

  it('follow NextToken through every page of a day, numbering items across pages', async () => {
    const bill = Array.from({ length: 5 }, (_, i): FakeBillLine => ({ BillingDate: '2024-03-01', ProductCode: 'ecs', InstanceID: `i-${i + 1}`, PretaxAmount: `${i + 1}` }));
    const fake = await start({ bill });
    const rows = await rowsOf(sourceFor(fake, { pageSize: 2 }), '2024-03-01', '2024-03-02');
    expect(rows.map((row) => [row.ResourceId, row.origin?.line])).toEqual([
      ['i-1', 1],
      ['i-2', 2],
      ['i-3', 3],
      ['i-4', 4],
      ['i-5', 5],
    ]);
    const tokens = fake.requests.map((request) => request.params.NextToken);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toBeUndefined();
    expect(tokens.slice(1).every((token) => typeof token === 'string' && token !== '')).toBe(true);
  });

  it('stay within 10 requests per second: the fake, enforcing the documented limit, never throttles', async () => {
    const clock = virtualClock();
    const bill = Array.from({ length: 30 }, (_, i): FakeBillLine => ({ BillingDate: '2024-03-01', ProductCode: 'ecs', PretaxAmount: '1', InstanceID: `i-${i}` }));
    const fake = await start({ bill, requestsPerSecond: 10, now: clock.now });
    const source = new AlibabaBssSource({ client: clientFor(fake), pageSize: 1, throttleRetries: 0, rateLimiter: new RateLimiter({ requestsPerSecond: 10, ...clock }) });
    expect(await rowsOf(source, '2024-03-01', '2024-03-02')).toHaveLength(30);
    expect(fake.requests.map((request) => request.code)).toEqual(Array(30).fill('Success'));
    const starts = fake.requests.map((request) => request.at);
    expect(Math.max(...starts.map((t) => starts.filter((s) => s >= t && s < t + 1000).length))).toBe(10);
  });

  it('would be throttled by that limit if it paced calls faster (the check above can fail)', async () => {
    const clock = virtualClock();
    const bill = Array.from({ length: 30 }, (_, i): FakeBillLine => ({ BillingDate: '2024-03-01', ProductCode: 'ecs', PretaxAmount: '1', InstanceID: `i-${i}` }));
    const fake = await start({ bill, requestsPerSecond: 10, now: clock.now });
    const source = new AlibabaBssSource({ client: clientFor(fake), pageSize: 1, throttleRetries: 0, rateLimiter: new RateLimiter({ requestsPerSecond: 100, ...clock }) });
    const error = (await errorOf(() => rowsOf(source, '2024-03-01', '2024-03-02'))) as CostSourceError;
    expect([error.failure, error.code]).toEqual(['throttled', 'Throttling.User']);
    expect(fake.requests).toHaveLength(11);
  });
});

describe('AlibabaBssSource errors', () => {
  it('retries a throttled call after a pause and carries on', async () => {
    const clock = virtualClock();
    const fake = await start({ bill: [ECS_LINE] });
    fake.failNext(BSS_ERRORS.throttlingUser);
    const source = new AlibabaBssSource({ client: clientFor(fake), rateLimiter: new RateLimiter({ requestsPerSecond: 10, ...clock }) });
    expect(await rowsOf(source, '2024-03-01', '2024-03-02')).toHaveLength(1);
    expect(fake.requests.map((request) => request.code)).toEqual(['Throttling.User', 'Success']);
    expect(clock.now()).toBe(1000);
  });

  it('reports throttling that outlasts the retries, with the service code and message', async () => {
    const fake = await start({ bill: [ECS_LINE] });
    fake.failNext(BSS_ERRORS.throttlingUser, 5);
    const error = (await errorOf(() => rowsOf(sourceFor(fake, { throttleRetries: 2 }), '2024-03-01', '2024-03-02'))) as CostSourceError;
    expect(error).toBeInstanceOf(CostSourceError);
    expect([error.failure, error.code, error.operation]).toEqual(['throttled', 'Throttling.User', 'DescribeInstanceBill']);
    expect(error.message).toMatch(
      /^alibaba-bss DescribeInstanceBill failed \(Throttling\.User\): BSS OpenAPI is throttling this account; try again later \(after 3 attempts\): Request was denied due to user flow control\. \(request id FAKE-\d+\)$/,
    );
    expect(fake.requests).toHaveLength(3);
  });

  it('reports an unknown AccessKey as denied', async () => {
    const fake = await start({ bill: [ECS_LINE] });
    const source = new AlibabaBssSource({ client: clientFor(fake, { accessKeyId: 'LTAIunknown' }) });
    const error = (await errorOf(() => rowsOf(source, '2024-03-01', '2024-03-02'))) as CostSourceError;
    expect([error.failure, error.code]).toEqual(['denied', 'InvalidAccessKeyId.NotFound']);
    expect(error.message).toContain('check the AccessKey and that its RAM identity has read-only billing access');
    expect(error.message).toContain('Specified access key is not found.');
  });

  it('reports a wrong AccessKey secret as denied (the fake checks the signature)', async () => {
    const fake = await start({ bill: [ECS_LINE] });
    const source = new AlibabaBssSource({ client: clientFor(fake, { accessKeySecret: 'not-the-secret' }) });
    const error = (await errorOf(() => rowsOf(source, '2024-03-01', '2024-03-02'))) as CostSourceError;
    expect([error.failure, error.code]).toEqual(['denied', 'SignatureDoesNotMatch']);
  });

  it('reports a refused parameter as invalid-request, naming it', async () => {
    const fake = await start({ bill: [ECS_LINE] });
    fake.failNext(BSS_ERRORS.invalidParameter('BillingCycle'));
    const error = (await errorOf(() => rowsOf(sourceFor(fake), '2024-03-01', '2024-03-02'))) as CostSourceError;
    expect([error.failure, error.code]).toEqual(['invalid-request', 'InvalidParameter']);
    expect(error.message).toContain('The specified parameter BillingCycle is not valid.');
  });

  it('treats a 200 answer whose Code is not Success as an error, not as an empty bill', async () => {
    const fake = await start({ bill: [ECS_LINE] });
    fake.failNext({ code: 'NotAuthorized', message: 'This account is not authorized.', status: 200 });
    const error = (await errorOf(() => rowsOf(sourceFor(fake), '2024-03-01', '2024-03-02'))) as CostSourceError;
    expect([error.failure, error.code]).toEqual(['denied', 'NotAuthorized']);
  });

  it('reports a server failure as unavailable', async () => {
    const fake = await start({ bill: [ECS_LINE] });
    fake.failNext(BSS_ERRORS.serviceUnavailable);
    const error = (await errorOf(() => rowsOf(sourceFor(fake), '2024-03-01', '2024-03-02'))) as CostSourceError;
    expect([error.failure, error.code]).toEqual(['unavailable', 'ServiceUnavailable']);
  });

  it('refuses a page size the API does not allow', () => {
    expect(() => new AlibabaBssSource({ client: {} as Client, pageSize: 301 })).toThrow('pageSize must be a whole number from 1 to 300, got 301');
  });
});
