import { CostExplorerClient, type CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';
import { aggregate } from '../../../../functions/cost/aggregate';
import type { GroupColumn } from '../../../../functions/cost/focus';
import { CostExplorerSource } from '../../../../functions/cost/sources/aws-cost-explorer';
import { CostSourceError, UnsupportedGroupColumnError } from '../../../../functions/cost/sources/errors';
import { FocusFileSource } from '../../../../functions/cost/sources/focus-files';
import { COST_EXPLORER_ERRORS, startFakeCostExplorer, type FakeCostExplorer, type FakeCostExplorerOptions, type FakeCostLine } from '../../../fakes/cost-explorer-server';
import { collect, errorOf, tempFile } from '../fixtures';

const MARCH_1 = Date.UTC(2024, 2, 1);
const day = (n: number) => MARCH_1 + (n - 1) * 86_400_000;

const fakes: FakeCostExplorer[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function start(options: FakeCostExplorerOptions): Promise<FakeCostExplorer> {
  const fake = await startFakeCostExplorer(options);
  fakes.push(fake);
  return fake;
}

function sourceFor(fake: FakeCostExplorer, config: Partial<CostExplorerClientConfig> = {}): CostExplorerSource {
  const client = new CostExplorerClient({
    region: 'us-east-1',
    endpoint: fake.endpoint,
    credentials: { accessKeyId: fake.accessKeyId, secretAccessKey: 'fake-secret' },
    ...config,
  });
  return new CostExplorerSource({ client });
}

const rowsOf = (source: CostExplorerSource, groupBy: GroupColumn[], from = day(1), to = day(4)) => collect(source.rows({ from, to, groupBy }));

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const S3 = 'Amazon Simple Storage Service';

/** A small bill whose sums are worked out by hand below. */
const SMALL_BILL: FakeCostLine[] = [
  { day: '2024-03-01', service: EC2, account: '111111111111', region: 'us-east-1', unblended: '10.0000000001', amortized: '8.5', tags: { env: 'prod' } },
  { day: '2024-03-01', service: EC2, account: '111111111111', region: 'us-east-1', unblended: '0.0000000009', amortized: '0.0000000009', tags: { env: 'dev' } },
  { day: '2024-03-01', service: S3, account: '222222222222', region: 'eu-west-1', unblended: '0.023', tags: { env: 'prod' } },
  { day: '2024-03-02', service: S3, account: '222222222222', unblended: '1.977' },
  { day: '2024-03-03', service: 'Tax', account: '111111111111', recordType: 'Tax', unblended: '2.4' },
];

describe('CostExplorerSource rows', () => {
  it('aggregate to the bill total exactly, to the last digit', async () => {
    const fake = await start({ bill: SMALL_BILL });
    const report = await aggregate(sourceFor(fake).rows({ from: day(1), to: day(4), groupBy: ['ServiceName'] }), { groupBy: ['ServiceName'], granularity: 'day' });
    // billed: 10.0000000001 + 0.0000000009 + 0.023 + 1.977 + 2.4 = 14.400000001; amortised: 8.5 + 0.0000000009 + 0.023 + 1.977 + 2.4
    expect(report.reports.map((r) => [r.currency, r.totals])).toEqual([['USD', { BilledCost: '14.400000001', EffectiveCost: '12.9000000009' }]]);
    expect(report.reports[0].groups.map((g) => [g.key.ServiceName, g.BilledCost])).toEqual([
      [EC2, '10.000000001'],
      ['Tax', '2.4'],
      [S3, '2'],
    ]);
  });

  it('give the same report as a FOCUS file holding the same lines', async () => {
    const services = [EC2, S3, 'Amazon Relational Database Service'];
    const bill: FakeCostLine[] = [];
    for (let d = 1; d <= 20; d++) {
      services.forEach((service, s) => {
        for (const account of ['111111111111', '222222222222']) {
          bill.push({ day: `2024-03-${String(d).padStart(2, '0')}`, service, account, unblended: `${d * (s + 1)}.${String(d * 7919 + s * 104729).padStart(10, '0')}`, amortized: `${d}.${s}5` });
        }
      });
    }
    const csv = [
      'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ServiceName,SubAccountId',
      ...bill.map((line) => {
        const start = `${line.day}T00:00:00Z`;
        const end = new Date(Date.parse(start) + 86_400_000).toISOString();
        return [line.unblended, line.amortized, 'USD', start, end, line.service, line.account].join(',');
      }),
    ].join('\n');
    const fileSource = new FocusFileSource([tempFile('same-lines.csv', csv)]);
    const fake = await start({ bill, pageSize: 7 });
    const groupBy: GroupColumn[] = ['ServiceName', 'SubAccountId'];
    const query = { from: day(1), to: day(21), groupBy };
    const options = { groupBy, granularity: 'week' as const };
    const fromExplorer = await aggregate(sourceFor(fake).rows(query), options);
    const fromFile = await aggregate(fileSource.rows(query), options);
    expect(fromExplorer).toEqual(fromFile);
    expect(fromExplorer.reports[0].groups).toHaveLength(6);
  });

  it('follow NextPageToken through every page, with the same parameters on each', async () => {
    const fake = await start({ bill: SMALL_BILL, pageSize: 2 });
    const rows = await rowsOf(sourceFor(fake), ['ServiceName', 'tag:env']);
    expect(rows).toHaveLength(5);
    const bodies = fake.requests.map((request) => request.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[0].NextPageToken).toBeUndefined();
    expect(bodies.slice(1).every((body) => typeof body.NextPageToken === 'string')).toBe(true);
    for (const body of bodies) {
      expect(body).toMatchObject({ TimePeriod: { Start: '2024-03-01', End: '2024-03-04' }, Granularity: 'DAILY', Metrics: ['UnblendedCost', 'AmortizedCost'] });
    }
  });

  it('carry the day as the charge period, ProviderName AWS and where each row came from', async () => {
    const fake = await start({ bill: SMALL_BILL });
    const [first] = await rowsOf(sourceFor(fake), ['SubAccountId']);
    expect(first).toMatchObject({
      ChargePeriodStart: day(1),
      ChargePeriodEnd: day(2),
      ProviderName: 'AWS',
      SubAccountId: '111111111111',
      BillingCurrency: 'USD',
      origin: { file: 'aws-cost-explorer GetCostAndUsage 2024-03-01', line: 1 },
    });
  });

  it('mark days AWS has not finalised with x_Estimated', async () => {
    const fake = await start({ bill: SMALL_BILL, estimatedFrom: '2024-03-02' });
    const rows = await rowsOf(sourceFor(fake), []);
    expect(rows.map((row) => [row.ChargePeriodStart, row.custom.x_Estimated])).toEqual([
      [day(1), 'false'],
      [day(2), 'true'],
      [day(3), 'true'],
    ]);
  });

  it('keep each row in the currency of its metrics Unit', async () => {
    const fake = await start({
      bill: [
        { day: '2024-03-01', service: EC2, account: '111111111111', unblended: '1.5' },
        { day: '2024-03-01', service: EC2, account: '333333333333', unblended: '2.25', currency: 'EUR' },
      ],
    });
    const report = await aggregate(sourceFor(fake).rows({ from: day(1), to: day(2), groupBy: ['SubAccountId'] }), { groupBy: ['SubAccountId'], granularity: 'month' });
    expect(report.reports.map((r) => [r.currency, r.totals.BilledCost])).toEqual([
      ['EUR', '2.25'],
      ['USD', '1.5'],
    ]);
  });
});

describe('CostExplorerSource group-by mapping', () => {
  const groupByOf = async (columns: GroupColumn[]) => {
    const fake = await start({ bill: SMALL_BILL });
    const rows = await rowsOf(sourceFor(fake), columns);
    return { groupBy: fake.requests[0].body.GroupBy, rows };
  };

  it('asks for SERVICE once for ServiceName and ServiceCategory, and derives the category', async () => {
    const { groupBy, rows } = await groupByOf(['ServiceName', 'ServiceCategory']);
    expect(groupBy).toEqual([{ Type: 'DIMENSION', Key: 'SERVICE' }]);
    expect(rows.map((row) => [row.ServiceName, row.ServiceCategory])).toContainEqual([EC2, 'Compute']);
    expect(rows.map((row) => [row.ServiceName, row.ServiceCategory])).toContainEqual([S3, 'Storage']);
  });

  it('maps SubAccountId to LINKED_ACCOUNT and RegionId to REGION, leaving NoRegion costs without a region', async () => {
    const { groupBy, rows } = await groupByOf(['SubAccountId', 'RegionId']);
    expect(groupBy).toEqual([
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      { Type: 'DIMENSION', Key: 'REGION' },
    ]);
    expect(rows.map((row) => [row.SubAccountId, row.RegionId ?? null])).toEqual([
      ['111111111111', 'us-east-1'],
      ['222222222222', 'eu-west-1'],
      ['222222222222', null],
      ['111111111111', null],
    ]);
  });

  it('maps ChargeCategory to RECORD_TYPE and record types to FOCUS categories, keeping the raw value', async () => {
    const fake = await start({
      bill: ['Usage', 'DiscountedUsage', 'SavingsPlanUpfrontFee', 'Tax', 'Credit', 'Enterprise Discount Program Discount', 'Refund', 'Something New'].map((recordType) => ({
        day: '2024-03-01',
        service: EC2,
        account: '111111111111',
        recordType,
        unblended: '1',
      })),
    });
    const rows = await rowsOf(sourceFor(fake), ['ChargeCategory'], day(1), day(2));
    expect(fake.requests[0].body.GroupBy).toEqual([{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }]);
    expect(Object.fromEntries(rows.map((row) => [row.custom.x_RecordType, row.ChargeCategory]))).toEqual({
      Usage: 'Usage',
      DiscountedUsage: 'Usage',
      SavingsPlanUpfrontFee: 'Purchase',
      Tax: 'Tax',
      Credit: 'Credit',
      'Enterprise Discount Program Discount': 'Credit',
      Refund: 'Adjustment',
      'Something New': 'Adjustment',
    });
  });

  it('maps tag:<key> to a TAG group; untagged costs (key$) get no tag and group under null', async () => {
    const fake = await start({ bill: SMALL_BILL });
    const source = sourceFor(fake);
    const report = await aggregate(source.rows({ from: day(1), to: day(4), groupBy: ['tag:env'] }), { groupBy: ['tag:env'], granularity: 'month' });
    expect(fake.requests[0].body.GroupBy).toEqual([{ Type: 'TAG', Key: 'env' }]);
    expect(Object.fromEntries(report.reports[0].groups.map((g) => [String(g.key['tag:env']), g.BilledCost]))).toEqual({
      prod: '10.0230000001',
      dev: '0.0000000009',
      null: '4.377',
    });
  });

  it('asks for no grouping for columns every row carries, reading each day total', async () => {
    const { groupBy, rows } = await groupByOf(['ProviderName', 'BillingCurrency']);
    expect(groupBy).toBeUndefined();
    expect(rows.map((row) => row.BilledCost > 0n)).toEqual([true, true, true]);
  });
});

describe('CostExplorerSource errors', () => {
  it('refuses ResourceId before calling, naming the column and what it can group by', async () => {
    const fake = await start({ bill: SMALL_BILL });
    const error = await errorOf(() => rowsOf(sourceFor(fake), ['ServiceName', 'ResourceId']));
    expect(error).toBeInstanceOf(UnsupportedGroupColumnError);
    expect(error.message).toBe(
      'aws-cost-explorer cannot group by ResourceId: Cost Explorer gives resource-level costs only through GetCostAndUsageWithResources, for the last 14 days and after opting in; report on a FOCUS export instead; it can group by ServiceName, ServiceCategory, SubAccountId, RegionId, ChargeCategory, tag:<key>, ProviderName, BillingCurrency, x_Estimated',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses custom columns it does not have', async () => {
    const fake = await start({ bill: SMALL_BILL });
    const error = (await errorOf(() => rowsOf(sourceFor(fake), ['x_UsageType']))) as UnsupportedGroupColumnError;
    expect(error).toBeInstanceOf(UnsupportedGroupColumnError);
    expect([error.column, error.reason]).toEqual(['x_UsageType', 'Cost Explorer has no custom columns besides x_Estimated']);
  });

  it('reports throttling that outlasts the client retries as a throttled CostSourceError', async () => {
    const fake = await start({ bill: SMALL_BILL });
    fake.failNext(COST_EXPLORER_ERRORS.limitExceeded, 10);
    const error = (await errorOf(() => rowsOf(sourceFor(fake, { maxAttempts: 3 }), []))) as CostSourceError;
    expect(error).toBeInstanceOf(CostSourceError);
    expect([error.failure, error.code]).toEqual(['throttled', 'LimitExceededException']);
    expect(error.message).toBe(
      'aws-cost-explorer GetCostAndUsage failed (LimitExceededException): Cost Explorer is throttling this account; try again later (after 3 attempts): You made too many calls in a short period of time. Try again later.',
    );
    expect(fake.requests.map((request) => request.errorType)).toEqual(Array(3).fill('LimitExceededException'));
  });

  it('rides out a single throttled call through the client retry', async () => {
    const fake = await start({ bill: SMALL_BILL });
    fake.failNext(COST_EXPLORER_ERRORS.limitExceeded);
    expect(await rowsOf(sourceFor(fake, { maxAttempts: 3 }), [])).toHaveLength(3);
    expect(fake.requests.map((request) => request.status)).toEqual([400, 200]);
  });

  it('reports unknown credentials as denied, without retrying', async () => {
    const fake = await start({ bill: SMALL_BILL });
    const source = sourceFor(fake, { credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' } });
    const error = (await errorOf(() => rowsOf(source, []))) as CostSourceError;
    expect([error.failure, error.code]).toEqual(['denied', 'UnrecognizedClientException']);
    expect(error.message).toContain('check the credentials and that they allow ce:GetCostAndUsage');
    expect(error.message).toContain('The security token included in the request is invalid.');
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a refused request as invalid-request with the service message', async () => {
    const fake = await start({ bill: SMALL_BILL });
    fake.failNext(COST_EXPLORER_ERRORS.dataUnavailable);
    const error = (await errorOf(() => rowsOf(sourceFor(fake), []))) as CostSourceError;
    expect([error.failure, error.code, error.detail]).toEqual(['invalid-request', 'DataUnavailableException', 'Cost Explorer refused the request: The requested data is unavailable.']);
  });

  it('reports an unreachable endpoint as unavailable', async () => {
    const fake = await start({ bill: SMALL_BILL });
    await fake.close();
    fakes.splice(fakes.indexOf(fake), 1);
    const error = (await errorOf(() => rowsOf(sourceFor(fake, { maxAttempts: 1 }), []))) as CostSourceError;
    expect(error).toBeInstanceOf(CostSourceError);
    expect(error.failure).toBe('unavailable');
  });

  it('refuses a query whose end is not after its start', async () => {
    const fake = await start({ bill: SMALL_BILL });
    await expect(rowsOf(sourceFor(fake), [], day(2), day(2))).rejects.toThrow('the to date must be after the from date (to is exclusive)');
  });
});
