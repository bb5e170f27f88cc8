import { parseDecimal } from '../../../functions/cost/decimal';
import { costQueryFor, MAX_RANGE_DAYS, parseReportRequest, parseSourceReportRequest, ReportRequestError } from '../../../functions/cost/report-request';

const MARCH = { from: '2024-03-01', to: '2024-04-01', granularity: 'day' };

function refusal(parse: () => unknown): { field: string; message: string } {
  try {
    parse();
  } catch (error) {
    if (error instanceof ReportRequestError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a ReportRequestError');
}

describe('a report request read from text fields', () => {
  it('turns every field into aggregation options and the query a source answers', () => {
    const request = parseSourceReportRequest({ ...MARCH, groupBy: 'ServiceName, tag:env', budget: 'USD=1000,CNY=7000.5', anomalyFloor: '2.5' });
    expect(request).toEqual({
      from: Date.UTC(2024, 2, 1),
      to: Date.UTC(2024, 3, 1),
      groupBy: ['ServiceName', 'tag:env'],
      granularity: 'day',
      budget: { USD: parseDecimal('1000'), CNY: parseDecimal('7000.5') },
      anomalyFloor: parseDecimal('2.5'),
    });
    expect(costQueryFor(request)).toEqual({ from: Date.UTC(2024, 2, 1), to: Date.UTC(2024, 3, 1), groupBy: ['ServiceName', 'tag:env'] });
  });

  it('reads one budget amount without a currency, and treats empty fields as absent', () => {
    expect(parseReportRequest({ granularity: 'month', budget: '1000', groupBy: '', from: '' })).toEqual({ groupBy: [], granularity: 'month', budget: parseDecimal('1000') });
  });

  it('accepts a file request without a range, and any range, but a source request only with both ends within the maximum', () => {
    expect(parseReportRequest({ granularity: 'week' })).toEqual({ groupBy: [], granularity: 'week' });
    expect(parseReportRequest({ granularity: 'week', from: '2020-01-01', to: '2024-01-01' }).to).toBe(Date.UTC(2024, 0, 1));
    expect(refusal(() => parseSourceReportRequest({ granularity: 'week', to: '2024-01-01' }))).toEqual({ field: 'from', message: 'from: is required (first day, YYYY-MM-DD)' });
    expect(refusal(() => parseSourceReportRequest({ granularity: 'week', from: '2024-01-01' })).field).toBe('to');
    // 2024 is a leap year: its 366 days are one range, one more day is not.
    expect(parseSourceReportRequest({ granularity: 'month', from: '2024-01-01', to: '2025-01-01' }).to).toBe(Date.UTC(2025, 0, 1));
    expect(refusal(() => parseSourceReportRequest({ granularity: 'month', from: '2024-01-01', to: '2025-01-02' }))).toEqual({
      field: 'to',
      message: `to: must be at most ${MAX_RANGE_DAYS} days after from (got 367); read longer histories from the FOCUS export files`,
    });
  });

  it.each([
    ['no granularity', { from: '2024-03-01', to: '2024-04-01' }, 'granularity', 'granularity: is required (one of day, week, month)'],
    ['an unknown granularity', { ...MARCH, granularity: 'hour' }, 'granularity', 'granularity: must be one of day, week, month (got "hour")'],
    ['an impossible date', { ...MARCH, from: '2024-02-30' }, 'from', 'from: "2024-02-30" is not a date (YYYY-MM-DD)'],
    ['a timestamp for a date', { ...MARCH, to: '2024-04-01T00:00:00Z' }, 'to', 'to: "2024-04-01T00:00:00Z" is not a date (YYYY-MM-DD)'],
    ['to equal to from', { ...MARCH, to: '2024-03-01' }, 'to', 'to: must be after from (to is exclusive: from=2024-03-01&to=2024-04-01 is March)'],
    ['three group columns', { ...MARCH, groupBy: 'ServiceName,RegionId,SubAccountId' }, 'groupBy', 'groupBy: takes at most 2 columns (got 3)'],
    ['an unknown group column', { ...MARCH, groupBy: 'Cost' }, 'groupBy', 'groupBy: cannot group by "Cost": use one of'],
    ['the same column twice', { ...MARCH, groupBy: 'RegionId,RegionId' }, 'groupBy', 'groupBy: columns must differ (got RegionId, RegionId)'],
    ['a budget with a thousands separator', { ...MARCH, budget: '1,000' }, 'budget', 'budget: "1,000" is not a decimal number'],
    ['a budget with a bad currency', { ...MARCH, budget: 'usd=10' }, 'budget', 'budget: "usd" is not an ISO 4217 currency code (e.g. USD=1000,CNY=7000)'],
    ['a budget amount that is not a number', { ...MARCH, budget: 'USD=ten' }, 'budget', 'budget: "ten" is not a decimal number'],
    ['a currency budgeted twice', { ...MARCH, budget: 'USD=1,USD=2' }, 'budget', 'budget: USD is given twice'],
    ['a negative budget', { ...MARCH, budget: '-5' }, 'budget', 'budget: must not be negative (got -5)'],
    ['an anomaly floor that is not a number', { ...MARCH, anomalyFloor: '1 USD' }, 'anomalyFloor', 'anomalyFloor: "1 USD" is not a decimal number'],
    ['an unknown field', { ...MARCH, groupby: 'ServiceName' }, 'groupby', 'groupby: is not a report field (use from, to, groupBy, granularity, budget, anomalyFloor)'],
    ['a field that is not text', { ...MARCH, from: 20240301 }, 'from', 'from: must be text'],
  ])('refuses %s, naming the field and the rule', (_case, fields, field, message) => {
    const error = refusal(() => parseReportRequest(fields));
    expect(error.field).toBe(field);
    expect(error.message.slice(0, message.length)).toBe(message);
  });
});
