import {
  addBusinessMinutes,
  businessMinutesBetween,
  CALENDAR_24X7,
  DEFAULT_BUSINESS_CALENDAR,
  parseCalendar,
} from '../../../functions/ticketing';
import { domainError } from './fixtures';

describe('business minutes on the default calendar (Monday–Friday 09:00–17:00 UTC)', () => {
  const cal = DEFAULT_BUSINESS_CALENDAR;

  it('counts only working hours within a day', () => {
    expect(businessMinutesBetween(cal, '2026-03-02T08:00:00Z', '2026-03-02T18:00:00Z')).toBe(480);
    expect(businessMinutesBetween(cal, '2026-03-02T10:15:00Z', '2026-03-02T11:00:00Z')).toBe(45);
  });

  it('skips the night between two working days', () => {
    expect(businessMinutesBetween(cal, '2026-03-02T16:00:00Z', '2026-03-03T10:00:00Z')).toBe(120);
  });

  it('skips the weekend', () => {
    expect(businessMinutesBetween(cal, '2026-03-06T16:00:00Z', '2026-03-09T10:00:00Z')).toBe(120);
    expect(businessMinutesBetween(cal, '2026-03-07T10:00:00Z', '2026-03-08T18:00:00Z')).toBe(0);
  });

  it('is zero when the end is not after the start', () => {
    expect(businessMinutesBetween(cal, '2026-03-02T12:00:00Z', '2026-03-02T10:00:00Z')).toBe(0);
  });

  it('adds minutes across the night and the weekend', () => {
    expect(addBusinessMinutes(cal, '2026-03-02T16:30:00.000Z', 60)).toBe('2026-03-03T09:30:00.000Z');
    expect(addBusinessMinutes(cal, '2026-03-06T16:00:00.000Z', 120)).toBe('2026-03-09T10:00:00.000Z');
    expect(addBusinessMinutes(cal, '2026-03-07T12:00:00.000Z', 30)).toBe('2026-03-09T09:30:00.000Z');
  });

  it('lands on the end of the working day when the minutes run out exactly there', () => {
    expect(addBusinessMinutes(cal, '2026-03-02T09:00:00.000Z', 480)).toBe('2026-03-02T17:00:00.000Z');
  });
});

describe('business minutes with holidays and a local time zone', () => {
  const london = parseCalendar({ timeZone: 'Europe/London', holidays: ['2026-04-03', '2026-04-06'] });

  it('skips a holiday', () => {
    // Thursday 2 April 16:00 BST to Tuesday 7 April 10:00 BST: Good Friday and Easter Monday are off.
    expect(businessMinutesBetween(london, '2026-04-02T15:00:00Z', '2026-04-07T09:00:00Z')).toBe(120);
    expect(addBusinessMinutes(london, '2026-04-02T15:00:00.000Z', 120)).toBe('2026-04-07T09:00:00.000Z');
  });

  it('keeps 09:00 local across the clocks going forward (Sunday 29 March 2026)', () => {
    // Friday 16:00 GMT (16:00Z) → Monday 10:00 BST (09:00Z): one hour each side.
    expect(businessMinutesBetween(london, '2026-03-27T16:00:00Z', '2026-03-30T09:00:00Z')).toBe(120);
    expect(addBusinessMinutes(london, '2026-03-27T16:30:00.000Z', 60)).toBe('2026-03-30T08:30:00.000Z');
  });

  it('keeps 09:00 local across the clocks going back (Sunday 25 October 2026)', () => {
    // Friday 16:00 BST (15:00Z) → Monday 10:00 GMT (10:00Z).
    expect(businessMinutesBetween(london, '2026-10-23T15:00:00Z', '2026-10-26T10:00:00Z')).toBe(120);
  });

  it('counts a 23-hour and a 25-hour local day on the days the clocks change', () => {
    const sundays = parseCalendar({ timeZone: 'Europe/London', workingDays: [7], start: '00:00', end: '24:00' });
    expect(businessMinutesBetween(sundays, '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z')).toBe(23 * 60);
    expect(businessMinutesBetween(sundays, '2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z')).toBe(25 * 60);
  });

  it('reads a working-day start that the clocks skip as the same time after the change', () => {
    const early = parseCalendar({ timeZone: 'Europe/London', workingDays: [7], start: '01:30', end: '03:00' });
    // 01:30 local does not exist on 29 March: the window runs 02:30–03:00 BST (01:30Z–02:00Z).
    expect(businessMinutesBetween(early, '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(30);
    expect(addBusinessMinutes(early, '2026-03-28T12:00:00.000Z', 1)).toBe('2026-03-29T01:31:00.000Z');
  });

  it('counts every minute on the 24×7 calendar', () => {
    expect(businessMinutesBetween(CALENDAR_24X7, '2026-03-06T16:00:00Z', '2026-03-09T10:00:00Z')).toBe(66 * 60);
    expect(addBusinessMinutes(CALENDAR_24X7, '2026-03-07T23:50:00.000Z', 15)).toBe('2026-03-08T00:05:00.000Z');
  });
});

describe('parseCalendar', () => {
  it('fills missing fields from the default calendar and accepts JSON text', () => {
    expect(parseCalendar('{"timeZone":"Europe/Berlin","holidays":["2026-12-25","2026-12-24"]}')).toEqual({
      timeZone: 'Europe/Berlin',
      workingDays: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '17:00',
      holidays: ['2026-12-24', '2026-12-25'],
    });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'is not an IANA time zone'],
    [{ start: '9am' }, 'start', 'is not a time of day'],
    [{ start: '17:00', end: '09:00' }, 'end', 'must be after start (17:00)'],
    [{ start: '09:00', end: '09:00' }, 'end', 'must be after start (09:00)'],
    [{ end: '24:30' }, 'end', 'is not a time of day'],
    [{ workingDays: [] }, 'workingDays', 'non-empty'],
    [{ workingDays: [1, 8] }, 'workingDays.1', 'is not an ISO weekday'],
    [{ workingDays: [1, 1] }, 'workingDays.1', 'listed twice'],
    [{ holidays: ['2026-12-25', '2026-02-30'] }, 'holidays.1', 'is not a date YYYY-MM-DD'],
    [{ holidays: ['25/12/2026'] }, 'holidays.0', 'is not a date YYYY-MM-DD'],
    [{ timezone: 'UTC' }, 'timezone', 'is not a calendar field'],
  ])('rejects %j, naming %s', (input, field, rule) => {
    const error = domainError(() => parseCalendar(input));
    expect(error).toMatchObject({ status: 422, code: 'invalid_calendar', field });
    expect(error.message).toContain(`${field}: `);
    expect(error.message).toContain(rule);
  });

  it('rejects text that is not JSON and values that are not objects', () => {
    expect(domainError(() => parseCalendar('{timeZone')).field).toBe('calendar');
    expect(domainError(() => parseCalendar([1, 2])).field).toBe('calendar');
  });
});
