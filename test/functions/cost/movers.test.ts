import { aggregate } from '../../../functions/cost/aggregate';
import { parseDecimal, type Decimal } from '../../../functions/cost/decimal';
import type { CostRow } from '../../../functions/cost/focus';
import { weekOverWeekMovers } from '../../../functions/cost/movers';
import { parseDay } from '../../../functions/cost/periods';

const DAY = 86_400_000;
/** Monday 4 March 2024: weeks run 4–10, 11–17, 18–24, 25–31 March. */
const MON_4 = parseDay('2024-03-04')!;
const SUN_10 = parseDay('2024-03-10')!;
const SUN_17 = parseDay('2024-03-17')!;
const WED_20 = parseDay('2024-03-20')!;

/** A series with the given cost on each named day. */
function series(name: string | null, costs: Record<string, string>) {
  const days = new Map<number, Decimal>();
  for (const [day, cost] of Object.entries(costs)) days.set(parseDay(day)!, parseDecimal(cost));
  return { key: { ServiceName: name }, days };
}

/** A group costing `previousWeek` on Wednesday 6 March and `currentWeek` on Wednesday 13 March ('0': no charge). */
function weekly(name: string | null, previousWeek: string, currentWeek: string) {
  const costs: Record<string, string> = {};
  if (previousWeek !== '0') costs['2024-03-06'] = previousWeek;
  if (currentWeek !== '0') costs['2024-03-13'] = currentWeek;
  return series(name, costs);
}

describe('weekOverWeekMovers', () => {
  it('compares the last complete week with the week before, per group, biggest absolute change first', () => {
    const result = weekOverWeekMovers([weekly('EC2', '70', '84'), weekly('S3', '14', '7'), weekly('RDS', '35', '0'), weekly('Lambda', '7', '7')], MON_4, SUN_17);
    expect(result).toEqual({
      week: { start: '2024-03-11', end: '2024-03-18' },
      previousWeek: { start: '2024-03-04', end: '2024-03-11' },
      groups: [
        { key: { ServiceName: 'RDS' }, previous: '35', current: '0', change: '-35', changePercent: '-100' },
        { key: { ServiceName: 'EC2' }, previous: '70', current: '84', change: '14', changePercent: '20' },
        { key: { ServiceName: 'S3' }, previous: '14', current: '7', change: '-7', changePercent: '-50' },
      ],
    });
  });

  it('gives a group new this week a previous of 0 and no change percent', () => {
    const result = weekOverWeekMovers([weekly('EC2', '7', '7'), series('Bedrock', { '2024-03-15': '12.5' })], MON_4, SUN_17);
    expect(result!.groups).toEqual([{ key: { ServiceName: 'Bedrock' }, previous: '0', current: '12.5', change: '12.5', changePercent: null }]);
  });

  it('keeps the exact amounts and rounds the percent half to even at 2 decimals', () => {
    const result = weekOverWeekMovers([series('EC2', { '2024-03-05': '3', '2024-03-12': '4.000000000000000001' }), series('S3', { '2024-03-05': '8', '2024-03-12': '8.0001' })], MON_4, SUN_17);
    expect(result!.groups).toEqual([
      { key: { ServiceName: 'EC2' }, previous: '3', current: '4.000000000000000001', change: '1.000000000000000001', changePercent: '33.33' },
      // 0.0001 ÷ 8 × 100 = 0.00125 → 0 at 2 decimals: the change is listed even though its percent rounds to 0.
      { key: { ServiceName: 'S3' }, previous: '8', current: '8.0001', change: '0.0001', changePercent: '0' },
    ]);
    const percent = (current: string) => weekOverWeekMovers([series('EC2', { '2024-03-05': '8', '2024-03-12': current })], MON_4, SUN_17)!.groups[0].changePercent;
    expect(percent('8.0012')).toBe('0.02'); // 0.015 % → 0.02
    expect(percent('8.002')).toBe('0.02'); // 0.025 % → 0.02 (half to even)
  });

  it('measures the percent against |previous|, so a shrinking credit reads as a rise', () => {
    const result = weekOverWeekMovers([series('Credits', { '2024-03-05': '-20', '2024-03-12': '-5' })], MON_4, SUN_17);
    expect(result!.groups).toEqual([{ key: { ServiceName: 'Credits' }, previous: '-20', current: '-5', change: '15', changePercent: '75' }]);
  });

  it('keeps equal absolute changes, rises and falls alike, in the order the groups were given', () => {
    const result = weekOverWeekMovers([weekly('b', '7', '14'), weekly('a', '14', '7'), weekly(null, '0', '7'), weekly('c', '0', '70')], MON_4, SUN_17);
    expect(result!.groups.map((g) => [g.key.ServiceName, g.change])).toEqual([
      ['c', '70'],
      ['b', '7'],
      ['a', '-7'],
      [null, '7'],
    ]);
  });

  it('lists only the first `limit` movers', () => {
    const many = Array.from({ length: 15 }, (_, i) => weekly(`svc-${String(i).padStart(2, '0')}`, '7', String(7 * (i + 2))));
    expect(weekOverWeekMovers(many, MON_4, SUN_17)!.groups).toHaveLength(10);
    expect(weekOverWeekMovers(many, MON_4, SUN_17, 3)!.groups.map((g) => g.key.ServiceName)).toEqual(['svc-14', 'svc-13', 'svc-12']);
  });

  it('leaves out the week the data ends in when it ends before Sunday', () => {
    const result = weekOverWeekMovers([series('EC2', { '2024-03-05': '1', '2024-03-12': '2', '2024-03-20': '100' })], MON_4, WED_20);
    expect(result).toMatchObject({ week: { start: '2024-03-11' }, previousWeek: { start: '2024-03-04' } });
    expect(result!.groups[0]).toMatchObject({ previous: '1', current: '2' });
  });

  it.each([
    ['one complete week, data ending on the next Saturday', MON_4, SUN_17 - DAY],
    ['data ending on the first Sunday', MON_4, SUN_10],
    ['data starting mid-week, so the earlier week is incomplete', MON_4 + DAY, SUN_17],
  ])('reports no movers with fewer than two complete weeks: %s', (_case, firstDay, lastDay) => {
    expect(weekOverWeekMovers([weekly('EC2', '7', '14')], firstDay, lastDay)).toBeNull();
  });

  it('lists no groups when nothing changed', () => {
    expect(weekOverWeekMovers([weekly('EC2', '7', '7')], MON_4, SUN_17)).toEqual({
      week: { start: '2024-03-11', end: '2024-03-18' },
      previousWeek: { start: '2024-03-04', end: '2024-03-11' },
      groups: [],
    });
  });
});

describe('movers in the aggregated report', () => {
  function row(day: string, service: string, effective: string, currency = 'USD'): CostRow {
    const start = parseDay(day)!;
    return { BilledCost: parseDecimal(effective), EffectiveCost: parseDecimal(effective), BillingCurrency: currency, ChargePeriodStart: start, ChargePeriodEnd: start + DAY, ServiceName: service, Tags: {}, custom: {} };
  }

  it('are computed per currency from daily charges, whatever the granularity', async () => {
    const rows = [
      row('2024-03-04', 'EC2', '10'),
      row('2024-03-10', 'EC2', '5'),
      row('2024-03-13', 'EC2', '40'),
      row('2024-03-17', 'S3', '1'),
      row('2024-03-19', 'EC2', '999'), // the week of 18 March is incomplete
      row('2024-03-06', 'ECS', '7', 'CNY'),
      row('2024-03-12', 'ECS', '8', 'CNY'),
    ];
    const { reports } = await aggregate(rows, { groupBy: ['ServiceName'], granularity: 'month' });
    expect(reports.map((r) => [r.currency, r.movers])).toEqual([
      ['CNY', null], // CNY data ends on 12 March: one complete week at most
      [
        'USD',
        {
          week: { start: '2024-03-11', end: '2024-03-18' },
          previousWeek: { start: '2024-03-04', end: '2024-03-11' },
          groups: [
            { key: { ServiceName: 'EC2' }, previous: '15', current: '40', change: '25', changePercent: '166.67' },
            { key: { ServiceName: 'S3' }, previous: '0', current: '1', change: '1', changePercent: null },
          ],
        },
      ],
    ]);
  });
});
