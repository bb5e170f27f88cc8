import { evaluateBudget } from '../../../functions/cost/budget';
import { parseDecimal, type Decimal } from '../../../functions/cost/decimal';

const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
const daily = (entries: Record<string, string>) => new Map<number, Decimal>(Object.entries(entries).map(([d, cost]) => [day(d), parseDecimal(cost)]));

/** Ten days of 10.00 from 1 March, after a February that must not count. */
const MARCH_TO_THE_10TH = daily({
  '2024-02-28': '500',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`2024-03-${String(i + 1).padStart(2, '0')}`, '10.00'])),
});

describe('evaluateBudget', () => {
  it('forecasts the last month linearly from the days with charges: 100 over 10 of 31 days is 310', () => {
    expect(evaluateBudget(MARCH_TO_THE_10TH, day('2024-03-10'), parseDecimal('300'))).toEqual({
      month: '2024-03',
      amount: '300',
      actual: '100',
      forecast: '310',
      daysElapsed: 10,
      daysInMonth: 31,
      status: 'forecast_over',
    });
  });

  it('is over once actual passes the budget, and ok when the forecast lands exactly on it', () => {
    expect(evaluateBudget(MARCH_TO_THE_10TH, day('2024-03-10'), parseDecimal('99.99')).status).toBe('over');
    expect(evaluateBudget(MARCH_TO_THE_10TH, day('2024-03-10'), parseDecimal('310')).status).toBe('ok');
    expect(evaluateBudget(MARCH_TO_THE_10TH, day('2024-03-10'), parseDecimal('100')).status).toBe('forecast_over');
  });

  it('counts days elapsed up to the last day with charges, even when days between are empty', () => {
    const sparse = daily({ '2024-03-01': '30' });
    const status = evaluateBudget(sparse, day('2024-03-03'), parseDecimal('1000'));
    expect(status).toMatchObject({ actual: '30', daysElapsed: 3, forecast: '310' });
  });

  it('rounds the forecast half to even at 18 fractional digits', () => {
    const status = evaluateBudget(daily({ '2024-03-01': '100' }), day('2024-03-03'), parseDecimal('2000'));
    expect(status.forecast).toBe('1033.333333333333333333');
    const twoThirds = evaluateBudget(daily({ '2024-02-01': '1' }), day('2024-02-03'), parseDecimal('20'));
    expect(twoThirds).toMatchObject({ daysInMonth: 29, forecast: '9.666666666666666667' });
  });

  it('forecasts the actual once the month is complete', () => {
    const status = evaluateBudget(daily({ '2024-02-01': '40', '2024-02-29': '2.5' }), day('2024-02-29'), parseDecimal('42.5'));
    expect(status).toMatchObject({ month: '2024-02', actual: '42.5', forecast: '42.5', daysElapsed: 29, status: 'ok' });
  });
});
