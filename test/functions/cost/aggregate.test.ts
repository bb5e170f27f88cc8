import { readFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { aggregate, type AggregateOptions } from '../../../functions/cost/aggregate';
import { parseDecimal } from '../../../functions/cost/decimal';
import type { CostRow } from '../../../functions/cost/focus';
import { parseDay } from '../../../functions/cost/periods';
import { readFocusFile, readFocusFiles } from '../../../functions/cost/read-focus';
import { ALIBABA_CSV_GZ, AWS_CSV, errorOf, tempFile } from './fixtures';

const both = () => readFocusFiles([AWS_CSV, ALIBABA_CSV_GZ]);
const report = (options: AggregateOptions, rows: AsyncIterable<CostRow> | Iterable<CostRow> = both()) => aggregate(rows, options);
const byCurrency = async (options: AggregateOptions) => Object.fromEntries((await report(options)).reports.map((r) => [r.currency, r]));

function row(day: string, service: string, effective: string, extra: Partial<CostRow> = {}): CostRow {
  const start = Date.parse(`${day}T00:00:00Z`);
  return {
    BilledCost: parseDecimal(effective),
    EffectiveCost: parseDecimal(effective),
    BillingCurrency: 'USD',
    ChargePeriodStart: start,
    ChargePeriodEnd: start + 86_400_000,
    ServiceName: service,
    Tags: {},
    custom: {},
    ...extra,
  };
}

describe('aggregate over the AWS and Alibaba fixtures', () => {
  it('writes one report per billing currency, ordered by code, never adding currencies together', async () => {
    const { reports } = await report({ groupBy: ['ServiceName'], granularity: 'month' });
    expect(reports.map((r) => [r.currency, r.totals])).toEqual([
      ['CNY', { BilledCost: '32.455', EffectiveCost: '29.975' }],
      ['EUR', { BilledCost: '5.5', EffectiveCost: '5.5' }],
      ['USD', { BilledCost: '299.0500166767', EffectiveCost: '8.7274360315' }],
    ]);
  });

  it('totals and groups reconcile exactly with the input rows, groups by EffectiveCost descending', async () => {
    const { USD } = await byCurrency({ groupBy: ['ServiceName'], granularity: 'month' });
    // Rows by hand: EC2 0.1 + 0.2 + 0 (9.6774193548 effective) − 1.25; S3 1.0E-8; Savings Plan 300 billed, 0 effective; Lambda 0.0000166667.
    expect(USD.groups).toEqual([
      { key: { ServiceName: 'Amazon EC2' }, BilledCost: '-0.95', EffectiveCost: '8.7274193548', periods: [{ start: '2024-03-01', end: '2024-04-01', BilledCost: '-0.95', EffectiveCost: '8.7274193548' }] },
      { key: { ServiceName: 'AWS Lambda' }, BilledCost: '0.0000166667', EffectiveCost: '0.0000166667', periods: [{ start: '2024-03-01', end: '2024-04-01', BilledCost: '0.0000166667', EffectiveCost: '0.0000166667' }] },
      { key: { ServiceName: 'Amazon S3' }, BilledCost: '0.00000001', EffectiveCost: '0.00000001', periods: [{ start: '2024-03-01', end: '2024-04-01', BilledCost: '0.00000001', EffectiveCost: '0.00000001' }] },
      { key: { ServiceName: 'Savings Plans for AWS Compute usage' }, BilledCost: '300', EffectiveCost: '0', periods: [{ start: '2024-03-01', end: '2024-04-01', BilledCost: '300', EffectiveCost: '0' }] },
    ]);
    expect(USD).toMatchObject({ totals: { BilledCost: '299.0500166767', EffectiveCost: '8.7274360315' }, budget: null, anomalies: [] });
  });

  it('breaks groups down by ISO week starting on Monday, periods ascending', async () => {
    const { USD } = await byCurrency({ groupBy: ['ServiceName'], granularity: 'week' });
    expect(USD.groups[0].periods).toEqual([
      { start: '2024-02-26', end: '2024-03-04', BilledCost: '0.3', EffectiveCost: '0.3' },
      { start: '2024-03-04', end: '2024-03-11', BilledCost: '-1.25', EffectiveCost: '8.4274193548' },
    ]);
  });

  it('buckets by UTC day, so a charge at 00:30 +08:00 falls on the previous day', async () => {
    const { CNY } = await byCurrency({ groupBy: ['ServiceName'], granularity: 'day' });
    expect(CNY.groups.find((g) => g.key.ServiceName === 'Object Storage Service')!.periods).toEqual([
      { start: '2024-03-02', end: '2024-03-03', BilledCost: '7.775', EffectiveCost: '7.775' },
    ]);
  });

  it('groups by a tag and a column, with null for rows lacking the tag', async () => {
    const { USD, CNY } = await byCurrency({ groupBy: ['tag:env', 'SubAccountId'], granularity: 'month' });
    expect(USD.groups.map((g) => [g.key, g.BilledCost, g.EffectiveCost])).toEqual([
      [{ 'tag:env': 'prod', SubAccountId: '111111111111' }, '0.3', '9.9774193548'],
      [{ 'tag:env': null, SubAccountId: '222222222222' }, '0.0000166667', '0.0000166667'],
      [{ 'tag:env': 'dev', SubAccountId: '111111111111' }, '0.00000001', '0.00000001'],
      [{ 'tag:env': null, SubAccountId: '111111111111' }, '298.75', '-1.25'],
    ]);
    expect(CNY.groups.map((g) => [g.key['tag:env'], g.EffectiveCost])).toEqual([
      ['prod', '22.2'],
      [null, '7.77'],
      ['dev', '0.005'],
    ]);
  });

  it('groups by a custom x_ column', async () => {
    const { EUR } = await byCurrency({ groupBy: ['x_UsageType'], granularity: 'month' });
    expect(EUR.groups.map((g) => g.key)).toEqual([{ x_UsageType: 'EUC1-BoxUsage:m7g.large' }]);
  });

  it('keeps rows starting from the from date (inclusive) up to the to date (exclusive)', async () => {
    const reports = await byCurrency({ granularity: 'month', from: parseDay('2024-03-02'), to: parseDay('2024-03-05') });
    // Kept: 2 Mar EC2 0.2 and S3 1.0E-8, 4 Mar EC2 0 / 9.6774193548. Dropped: 1 Mar rows, the 5 Mar credit, 8 Mar Lambda.
    expect(reports.USD.totals).toEqual({ BilledCost: '0.20000001', EffectiveCost: '9.8774193648' });
    expect(reports.USD.groups).toHaveLength(1);
    expect(reports.USD.groups[0].key).toEqual({});
    expect(reports.CNY.totals).toEqual({ BilledCost: '20.115', EffectiveCost: '18.875' });
    expect(reports.EUR.totals).toEqual({ BilledCost: '5.5', EffectiveCost: '5.5' });
  });

  it('gives identical reports from the gzip file and its plain text', async () => {
    const plain = tempFile('alibaba.csv', gunzipSync(readFileSync(ALIBABA_CSV_GZ)));
    const options: AggregateOptions = { groupBy: ['ServiceName', 'RegionId'], granularity: 'day', budget: parseDecimal('30') };
    expect(await aggregate(readFocusFile(plain), options)).toEqual(await aggregate(readFocusFile(ALIBABA_CSV_GZ), options));
  });

  it('evaluates a budget per currency on the month of the last charge', async () => {
    const { USD, CNY, EUR } = await byCurrency({ granularity: 'month', budget: { USD: parseDecimal('30'), CNY: parseDecimal('500') } });
    // USD: 8.7274360315 effective over 1–8 March → × 31 / 8.
    expect(USD.budget).toEqual({ month: '2024-03', amount: '30', actual: '8.7274360315', forecast: '33.8188146220625', daysElapsed: 8, daysInMonth: 31, status: 'forecast_over' });
    expect(CNY.budget).toMatchObject({ actual: '29.975', daysElapsed: 2, status: 'ok' });
    expect(EUR.budget).toBeNull();
  });

  it('refuses a budget without currency when the input bills in several', async () => {
    const error = await errorOf(() => report({ granularity: 'month', budget: parseDecimal('100') }));
    expect(error.message).toBe('a budget without a currency is ambiguous: the input bills in CNY, EUR, USD; give one per currency (CNY=<amount>,EUR=<amount>,USD=<amount>)');
    const single = await aggregate(readFocusFile(ALIBABA_CSV_GZ), { granularity: 'month', budget: parseDecimal('500') });
    expect(single.reports[0].budget).toMatchObject({ amount: '500', forecast: '464.6125', status: 'ok' });
  });
});

describe('aggregate options and ordering', () => {
  it('orders groups of equal EffectiveCost by key, a missing value first', async () => {
    const rows = [row('2024-03-01', 'b', '1'), row('2024-03-01', 'a', '1'), row('2024-03-01', 'c', '2'), { ...row('2024-03-01', 'x', '1'), ServiceName: undefined }];
    const { reports } = await aggregate(rows, { groupBy: ['ServiceName'], granularity: 'day' });
    expect(reports[0].groups.map((g) => g.key.ServiceName)).toEqual(['c', null, 'a', 'b']);
  });

  it('reports daily anomalies per group whatever the granularity', async () => {
    const days = Array.from({ length: 8 }, (_, i) => `2024-03-0${i + 1}`);
    const rows = [...days.map((d, i) => row(d, 'EC2', i === 7 ? '50' : '10')), ...days.map((d) => row(d, 'S3', '3'))];
    const { reports } = await aggregate(rows, { groupBy: ['ServiceName'], granularity: 'month' });
    expect(reports[0].anomalies).toEqual([{ key: { ServiceName: 'EC2' }, day: '2024-03-08', cost: '50', baseline: '10', change: '40' }]);
  });

  it.each([
    [{ groupBy: ['ServiceName', 'RegionId', 'SubAccountId'] }, 'group by at most 2 columns, got 3'],
    [{ groupBy: ['RegionId', 'RegionId'] }, 'group-by columns must differ, got RegionId, RegionId'],
    [{ from: parseDay('2024-03-02'), to: parseDay('2024-03-02') }, 'the to date must be after the from date (to is exclusive)'],
  ])('refuses %j', async (options, message) => {
    const error = await errorOf(() => aggregate([], { granularity: 'day', ...(options as Partial<AggregateOptions>) }));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(message);
  });

  it('keeps groups apart whose values would run together as text, and "null" apart from no value', async () => {
    const rows = [
      row('2024-03-01', 'a,b', '1', { RegionId: 'c' }),
      row('2024-03-01', 'a', '2', { RegionId: 'b,c' }),
      row('2024-03-01', 'null', '4'),
      row('2024-03-01', 'null', '8', { RegionId: 'null' }),
      { ...row('2024-03-01', '', '16'), ServiceName: undefined },
      row('2024-03-02', 'a,b', '32', { RegionId: 'c' }),
    ];
    const { reports } = await aggregate(rows, { groupBy: ['ServiceName', 'RegionId'], granularity: 'month' });
    expect(reports[0].groups.map((group) => [group.key, group.EffectiveCost])).toEqual([
      [{ ServiceName: 'a,b', RegionId: 'c' }, '33'],
      [{ ServiceName: null, RegionId: null }, '16'],
      [{ ServiceName: 'null', RegionId: 'null' }, '8'],
      [{ ServiceName: 'null', RegionId: null }, '4'],
      [{ ServiceName: 'a', RegionId: 'b,c' }, '2'],
    ]);
  });

  it('writes no report for an input with no rows in range', async () => {
    expect(await aggregate([row('2024-03-01', 'a', '1')], { granularity: 'day', from: parseDay('2024-04-01') })).toEqual({ reports: [] });
  });

  describe('memory', () => {
    // gc is exposed so heap samples measure live objects, not garbage not yet collected.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;

    /** Passes `rows` through, recording the largest live-heap growth seen every `every` rows. */
    function measured(rows: AsyncIterable<CostRow> | Iterable<CostRow>, every: number) {
      const probe = { rows: 0, peakBytes: 0 };
      gc();
      const baseline = process.memoryUsage().heapUsed;
      async function* pass(): AsyncGenerator<CostRow> {
        for await (const r of rows) {
          if (++probe.rows % every === 0) {
            gc();
            probe.peakBytes = Math.max(probe.peakBytes, process.memoryUsage().heapUsed - baseline);
          }
          yield r;
        }
      }
      return { probe, rows: pass() };
    }

    it('aggregates a 200k-row stream exactly while the heap stays flat', async () => {
      function* synthetic(): Generator<CostRow> {
        for (let i = 0; i < 200_000; i++) {
          yield row(new Date(Date.UTC(2024, 0, 1) + (i % 90) * 86_400_000).toISOString().slice(0, 10), `service-${i % 20}`, '0.01', {
            EffectiveCost: parseDecimal('0.005'),
            ResourceId: `resource-${i}`,
            Tags: { row: String(i) },
          });
        }
      }
      const { probe, rows } = measured(synthetic(), 20_000);
      const { reports } = await aggregate(rows, { groupBy: ['ServiceName'], granularity: 'day' });
      expect(probe.rows).toBe(200_000);
      expect(reports[0].totals).toEqual({ BilledCost: '2000', EffectiveCost: '1000' });
      expect(reports[0].groups).toHaveLength(20);
      // 200k kept rows would take tens of MB: each holds two BigInts, three strings and two objects.
      expect(probe.peakBytes).toBeLessThan(8 * 1024 * 1024);
    });

    it('reads a 50k-row CSV file without holding its rows', async () => {
      const lines = ['BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ServiceName,ResourceId,Tags'];
      for (let i = 0; i < 50_000; i++) {
        const day = new Date(Date.UTC(2024, 0, 1) + (i % 90) * 86_400_000).toISOString();
        lines.push(`0.01,0.005,USD,${day},${day},service-${i % 20},resource-${i},"{""row"":""${i}""}"`);
      }
      const file = tempFile('big.csv', `${lines.join('\n')}\n`);
      lines.length = 0;
      const { probe, rows } = measured(readFocusFile(file), 5_000);
      const { reports } = await aggregate(rows, { groupBy: ['ServiceName'], granularity: 'month' });
      expect(reports[0].totals).toEqual({ BilledCost: '500', EffectiveCost: '250' });
      expect(probe.peakBytes).toBeLessThan(4 * 1024 * 1024);
    });

    it('keeps no read text alive through the group values it reports', async () => {
      // Every ~1 MB read brings new groups: if a group value were a view into the text read, each would keep its read alive.
      const lines = ['BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ResourceId,Tags'];
      for (let i = 0; i < 60_000; i++) lines.push(`1,1,USD,2024-03-01T00:00:00Z,2024-03-02T00:00:00Z,arn:aws:ec2:eu-west-1:111122223333:instance/i-${String(Math.floor(i / 100)).padStart(17, '0')},"{""owner"":""team-${Math.floor(i / 100)}""}"`);
      const file = tempFile('resources.csv', `${lines.join('\n')}\n`);
      lines.length = 0;
      // Text decoded from a read of ~1 MB lives outside the JavaScript heap (an external string): count both.
      const used = () => {
        gc();
        const { heapUsed, external } = process.memoryUsage();
        return heapUsed + external;
      };
      const before = used();
      const byResource = await aggregate(readFocusFile(file), { groupBy: ['ResourceId'], granularity: 'month' });
      const byTag = await aggregate(readFocusFile(file), { groupBy: ['tag:owner'], granularity: 'month' });
      const retained = used() - before;
      expect([byResource.reports[0].groups.length, byTag.reports[0].groups.length]).toEqual([600, 600]);
      // 2 × 600 groups with their values and one period each take well under 2 MB; the file's text is ~9 MB.
      expect(retained).toBeLessThan(2 * 1024 * 1024);
    });
  });
});
