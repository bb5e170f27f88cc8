import { formatDay, parseDay, parseTimestamp, periodBounds, startOfPeriod } from '../../../functions/cost/periods';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseTimestamp', () => {
  it.each([
    ['2024-03-01T00:00:00Z', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T00:00:00.123456Z', '2024-03-01T00:00:00.123Z'],
    ['2024-03-01 00:00:00', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T08:30', '2024-03-01T08:30:00.000Z'],
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-03-03T00:30:00+08:00', '2024-03-02T16:30:00.000Z'],
    ['2024-03-01T00:00:00-0500', '2024-03-01T05:00:00.000Z'],
  ])('reads %s as %s UTC (no offset means UTC)', (text, expected) => {
    expect(iso(parseTimestamp(text))).toBe(expected);
  });

  it.each([['2024-02-30'], ['2023-02-29T00:00:00Z'], ['2024-13-01'], ['2024-03-01T24:00:00Z'], ['03/01/2024'], ['yesterday'], ['']])(
    'refuses %j',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );

  it.each([
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['2024-12-31 23:59:59', '2024-12-31T23:59:59.000Z'],
    ['1970-01-01', '1970-01-01T00:00:00.000Z'],
    ['1969-12-31T23:59:59Z', '1969-12-31T23:59:59.000Z'],
  ])('reads the forms exports write on every line: %s', (text, expected) => {
    expect(iso(parseTimestamp(text))).toBe(expected);
  });

  it.each([['1900-02-29'], ['2100-02-29T00:00:00Z'], ['2024-04-31 00:00:00'], ['2024-03-01T00:60:00Z'], ['2024-03-01T00:00:60Z'], ['2024-03-01t00:00:00Z'], ['2024-03-01T00:00:00z'], ['2024-3-01T00:00:00Z'], ['２０２４-03-01']])(
    'refuses %j in those forms too',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );

  it('parseDay takes only a bare date', () => {
    expect(iso(parseDay('2024-02-29'))).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDay('2024-02-29T00:00:00Z')).toBeUndefined();
  });
});

describe('periods', () => {
  const at = (text: string) => parseTimestamp(text)!;

  it('starts an ISO week on Monday, across a month and a year boundary', () => {
    expect(formatDay(startOfPeriod(at('2024-03-03T23:59:59Z'), 'week'))).toBe('2024-02-26'); // a Sunday
    expect(formatDay(startOfPeriod(at('2024-03-04T00:00:00Z'), 'week'))).toBe('2024-03-04'); // a Monday
    expect(periodBounds(startOfPeriod(at('2025-01-01T12:00:00Z'), 'week'), 'week')).toEqual({ start: '2024-12-30', end: '2025-01-06' });
  });

  it('gives months their own length, leap February included', () => {
    expect(periodBounds(startOfPeriod(at('2024-02-29T10:00:00Z'), 'month'), 'month')).toEqual({ start: '2024-02-01', end: '2024-03-01' });
    expect(periodBounds(startOfPeriod(at('2024-12-31T23:00:00Z'), 'month'), 'month')).toEqual({ start: '2024-12-01', end: '2025-01-01' });
  });

  it('buckets days in UTC, whatever offset the source wrote', () => {
    expect(periodBounds(startOfPeriod(at('2024-03-03T00:30:00+08:00'), 'day'), 'day')).toEqual({ start: '2024-03-02', end: '2024-03-03' });
  });
});
