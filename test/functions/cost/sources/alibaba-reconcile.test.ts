import Client from '@alicloud/bssopenapi20171214';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { parseDecimal } from '../../../../functions/cost/decimal';
import { AlibabaBssSource } from '../../../../functions/cost/sources/alibaba-bss';
import { reconcileBillingCycle } from '../../../../functions/cost/sources/alibaba-reconcile';
import { RateLimiter } from '../../../../functions/cost/sources/rate-limiter';
import { startFakeBss, type FakeBillLine, type FakeBss, type FakeBssOptions } from '../../../fakes/bss-server';

const fakes: FakeBss[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function sourceOn(options: FakeBssOptions): Promise<{ fake: FakeBss; source: AlibabaBssSource }> {
  const fake = await startFakeBss(options);
  fakes.push(fake);
  let now = 0;
  const client = new Client(new $OpenApiUtil.Config({ accessKeyId: fake.accessKeyId, accessKeySecret: fake.accessKeySecret, protocol: 'HTTP', endpoint: fake.endpoint }));
  const rateLimiter = new RateLimiter({ requestsPerSecond: 10, now: () => now, sleep: async (ms) => void (now += ms) });
  return { fake, source: new AlibabaBssSource({ client, rateLimiter }) };
}

/** February 2024 (29 days): ECS every day in CNY, CDN on two days in USD. */
const FEBRUARY: FakeBillLine[] = [
  ...Array.from({ length: 29 }, (_, i): FakeBillLine => ({ BillingDate: `2024-02-${String(i + 1).padStart(2, '0')}`, ProductCode: 'ecs', PretaxAmount: '1.005' })),
  { BillingDate: '2024-02-10', ProductCode: 'cdn', PretaxAmount: '0.25', Currency: 'USD' },
  { BillingDate: '2024-02-20', ProductCode: 'cdn', PretaxAmount: '0.5', Currency: 'USD' },
  { BillingDate: '2024-03-01', ProductCode: 'ecs', PretaxAmount: '100' },
];

describe('reconcileBillingCycle', () => {
  it('matches when the daily instance bills add up to the bill overview, product by product', async () => {
    const { fake, source } = await sourceOn({ bill: FEBRUARY });
    const result = await reconcileBillingCycle({ source, billingCycle: '2024-02' });
    expect(result).toEqual({
      billingCycle: '2024-02',
      matches: true,
      products: [
        { productCode: 'cdn', currency: 'USD', overview: '0.75', instanceBills: '0.75', difference: '0', matches: true },
        { productCode: 'ecs', currency: 'CNY', overview: '29.145', instanceBills: '29.145', difference: '0', matches: true },
      ],
    });
    expect(fake.requests.filter((request) => request.action === 'QueryBillOverview').map((request) => request.params)).toEqual([{ BillingCycle: '2024-02' }]);
    expect(fake.requests.filter((request) => request.action === 'DescribeInstanceBill')).toHaveLength(29);
  });

  it('shows the products whose instance bills fall short of the overview, and by how much', async () => {
    const { source } = await sourceOn({
      bill: FEBRUARY,
      overview: { '2024-02': [{ ProductCode: 'ecs', PretaxAmount: '30.15' }, { ProductCode: 'cdn', PretaxAmount: '0.75', Currency: 'USD' }, { ProductCode: 'oss', PretaxAmount: '2' }] },
    });
    const result = await reconcileBillingCycle({ source, billingCycle: '2024-02' });
    expect(result.matches).toBe(false);
    expect(result.products.map((p) => [p.productCode, p.difference, p.matches])).toEqual([
      ['cdn', '0', true],
      ['ecs', '1.005', false],
      ['oss', '2', false],
    ]);
  });

  it('tolerates differences up to the tolerance, a cent by default', async () => {
    const overview = { '2024-02': [{ ProductCode: 'ecs', PretaxAmount: '29.15' }, { ProductCode: 'cdn', PretaxAmount: '0.75', Currency: 'USD' }] };
    const { source } = await sourceOn({ bill: FEBRUARY, overview });
    expect((await reconcileBillingCycle({ source, billingCycle: '2024-02' })).matches).toBe(true);
    expect((await reconcileBillingCycle({ source, billingCycle: '2024-02', tolerance: parseDecimal('0.001') })).matches).toBe(false);
  });

  it('refuses a billing cycle that is not YYYY-MM', async () => {
    const { source } = await sourceOn({ bill: [] });
    await expect(reconcileBillingCycle({ source, billingCycle: '2024-2' })).rejects.toThrow('billingCycle must be YYYY-MM, got "2024-2"');
  });
});
