import { detectAnomalies } from '../../../functions/cost/anomalies';
import { parseDecimal, type Decimal } from '../../../functions/cost/decimal';

const DAY = 86_400_000;
const FIRST = Date.UTC(2024, 2, 1);

/** A daily series from 1 March 2024; `null` is a day without charges. */
function series(name: string, costs: (string | null)[]) {
  const days = new Map<number, Decimal>();
  costs.forEach((cost, i) => cost !== null && days.set(FIRST + i * DAY, parseDecimal(cost)));
  return { key: { ServiceName: name }, days };
}

const lastDayOf = (costs: unknown[]) => FIRST + (costs.length - 1) * DAY;

describe('detectAnomalies', () => {
  it('flags a spike over a steady baseline with its cost, baseline and change', () => {
    const costs = ['10', '10', '10', '10', '10', '10', '10', '25'];
    expect(detectAnomalies([series('EC2', costs)], FIRST, lastDayOf(costs))).toEqual([
      { key: { ServiceName: 'EC2' }, day: '2024-03-08', cost: '25', baseline: '10', change: '15' },
    ]);
  });

  it('flags a drop to zero, counting a day without charges as 0', () => {
    const costs = ['10', '10', '10', '10', '10', '10', '10', null];
    expect(detectAnomalies([series('EC2', costs)], FIRST, lastDayOf(costs))).toEqual([
      { key: { ServiceName: 'EC2' }, day: '2024-03-08', cost: '0', baseline: '10', change: '-10' },
    ]);
  });

  it('does not flag a change within 20 % of the mean on a steady series', () => {
    const costs = ['10', '10', '10', '10', '10', '10', '10', '12'];
    expect(detectAnomalies([series('EC2', costs)], FIRST, lastDayOf(costs))).toEqual([]);
  });

  it('does not flag a change within 3 × MAD on a noisy series, and does past it', () => {
    // mean 10, MAD (8,12 alternating around 10 → |±2|, and one 10) = 12/7 ≈ 1.714; 3 × MAD ≈ 5.14 > 20 % of mean.
    const noisy = ['8', '12', '8', '12', '8', '12', '10'];
    expect(detectAnomalies([series('EC2', [...noisy, '15'])], FIRST, lastDayOf([...noisy, '15']))).toEqual([]);
    expect(detectAnomalies([series('EC2', [...noisy, '15.2'])], FIRST, lastDayOf([...noisy, '15.2']))).toMatchObject([{ day: '2024-03-08', change: '5.2' }]);
  });

  it('ignores changes below the floor, however large in relative terms', () => {
    const costs = ['0.01', '0.01', '0.01', '0.01', '0.01', '0.01', '0.01', '0.9'];
    expect(detectAnomalies([series('S3', costs)], FIRST, lastDayOf(costs))).toEqual([]);
    expect(detectAnomalies([series('S3', costs)], FIRST, lastDayOf(costs), parseDecimal('0.5'))).toMatchObject([{ day: '2024-03-08', cost: '0.9', baseline: '0.01' }]);
  });

  it('evaluates no day without seven days of history before it in the report', () => {
    const costs = ['10', '10', '10', '10', '10', '10', '90'];
    expect(detectAnomalies([series('EC2', costs)], FIRST, lastDayOf(costs))).toEqual([]);
  });

  it('flags a group that starts spending mid-report against a baseline of zeros', () => {
    const costs = [null, null, null, null, null, null, null, '5'];
    expect(detectAnomalies([series('Lambda', costs)], FIRST, lastDayOf(costs))).toEqual([
      { key: { ServiceName: 'Lambda' }, day: '2024-03-08', cost: '5', baseline: '0', change: '5' },
    ]);
  });

  it('orders anomalies by day, then size of change, then key', () => {
    const steady = ['10', '10', '10', '10', '10', '10', '10'];
    const found = detectAnomalies(
      [series('b', [...steady, '30', '10']), series('a', [...steady, '30', '10']), series('c', [...steady, '50', '10'])],
      FIRST,
      FIRST + 8 * DAY,
    );
    expect(found.map((a) => `${a.day} ${a.key.ServiceName} ${a.change}`)).toEqual(['2024-03-08 c 40', '2024-03-08 a 20', '2024-03-08 b 20']);
  });
});
