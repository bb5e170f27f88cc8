import { invalidField } from './errors';

/**
 * When SLA clocks on business time run: working hours on working days in one time zone, less
 * holidays. Hours are local wall time, so a 09:00 start stays 09:00 across daylight-saving changes.
 */
export interface BusinessCalendar {
  /** IANA time zone the hours and holidays are in, e.g. `Europe/London`. */
  readonly timeZone: string;
  /** ISO weekdays that are worked: 1 = Monday … 7 = Sunday. */
  readonly workingDays: readonly number[];
  /** Start of the working day, `HH:MM` local time. */
  readonly start: string;
  /** End of the working day, `HH:MM` local time (`24:00` for midnight), after `start`. */
  readonly end: string;
  /** Local dates (`YYYY-MM-DD`) that are not worked. */
  readonly holidays: readonly string[];
}

/** Monday to Friday, 09:00–17:00 UTC, no holidays. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  workingDays: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
  holidays: [],
};

/** Every minute of every day. */
export const CALENDAR_24X7: BusinessCalendar = {
  timeZone: 'UTC',
  workingDays: [1, 2, 3, 4, 5, 6, 7],
  start: '00:00',
  end: '24:00',
  holidays: [],
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** addBusinessMinutes gives up after this many calendar days without enough working time. */
const MAX_SEARCH_DAYS = 366 * 100;

/** Business minutes between two instants (0 when `toIso` is not after `fromIso`). */
export function businessMinutesBetween(calendar: BusinessCalendar, fromIso: string, toIso: string): number {
  return businessMsBetween(calendar, Date.parse(fromIso), Date.parse(toIso)) / MINUTE_MS;
}

/** The instant at which `minutes` business minutes have passed since `fromIso`. */
export function addBusinessMinutes(calendar: BusinessCalendar, fromIso: string, minutes: number): string {
  return new Date(addBusinessMs(calendar, Date.parse(fromIso), minutes * MINUTE_MS)).toISOString();
}

/** Length of one working day in minutes (8 h = 480 for the default calendar). */
export function workingDayMinutes(calendar: BusinessCalendar): number {
  return minuteOfDay(calendar.end) - minuteOfDay(calendar.start);
}

/** Business milliseconds in [from, to), epoch milliseconds. */
export function businessMsBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  if (isAlwaysOpen(calendar)) return to - from;
  const tz = calendar.timeZone;
  let total = 0;
  for (let day = localDay(tz, from), last = localDay(tz, to); day <= last; day++) {
    const window = workingWindow(calendar, day);
    if (window) total += Math.max(0, Math.min(window[1], to) - Math.max(window[0], from));
  }
  return total;
}

/** The first instant at which `ms` business milliseconds have passed since `from` (epoch milliseconds). */
export function addBusinessMs(calendar: BusinessCalendar, from: number, ms: number): number {
  if (!(ms > 0)) return from;
  if (isAlwaysOpen(calendar)) return from + ms;
  let remaining = ms;
  const firstDay = localDay(calendar.timeZone, from);
  for (let day = firstDay; day < firstDay + MAX_SEARCH_DAYS; day++) {
    const window = workingWindow(calendar, day);
    if (!window) continue;
    const begin = Math.max(window[0], from);
    if (window[1] <= begin) continue;
    if (remaining <= window[1] - begin) return begin + remaining;
    remaining -= window[1] - begin;
  }
  throw new Error(`the business calendar has no working time within ${MAX_SEARCH_DAYS} days of ${new Date(from).toISOString()}`);
}

/**
 * Checks a calendar read from configuration (an object, or its JSON text). Missing fields take the
 * default calendar's value; anything wrong throws a 422 DomainError naming the field and the rule.
 */
export function parseCalendar(json: unknown): BusinessCalendar {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw invalidField('calendar', 'must be valid JSON', 'invalid_calendar');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidField('calendar', 'must be an object with timeZone, workingDays, start, end and holidays', 'invalid_calendar');
  }
  const input = value as Record<string, unknown>;
  const known = new Set(Object.keys(DEFAULT_BUSINESS_CALENDAR));
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw invalidField(unknown[0], 'is not a calendar field (known: timeZone, workingDays, start, end, holidays)', 'invalid_calendar');

  const timeZone = input.timeZone ?? DEFAULT_BUSINESS_CALENDAR.timeZone;
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
    throw invalidField('timeZone', `${JSON.stringify(timeZone)} is not an IANA time zone (e.g. Europe/London)`, 'invalid_calendar');
  }

  const workingDays = input.workingDays ?? DEFAULT_BUSINESS_CALENDAR.workingDays;
  if (!Array.isArray(workingDays) || workingDays.length === 0) {
    throw invalidField('workingDays', 'must be a non-empty list of ISO weekdays (1 = Monday … 7 = Sunday)', 'invalid_calendar');
  }
  workingDays.forEach((day, index) => {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw invalidField(`workingDays.${index}`, `${JSON.stringify(day)} is not an ISO weekday (1 = Monday … 7 = Sunday)`, 'invalid_calendar');
    }
    if (workingDays.indexOf(day) !== index) throw invalidField(`workingDays.${index}`, `${day} is listed twice`, 'invalid_calendar');
  });

  const start = input.start ?? DEFAULT_BUSINESS_CALENDAR.start;
  if (typeof start !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(start)) {
    throw invalidField('start', `${JSON.stringify(start)} is not a time of day HH:MM (00:00–23:59)`, 'invalid_calendar');
  }
  const end = input.end ?? DEFAULT_BUSINESS_CALENDAR.end;
  if (typeof end !== 'string' || !/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(end)) {
    throw invalidField('end', `${JSON.stringify(end)} is not a time of day HH:MM (00:00–24:00)`, 'invalid_calendar');
  }
  if (minuteOfDay(end) <= minuteOfDay(start)) {
    throw invalidField('end', `must be after start (${start}); overnight working days are not supported`, 'invalid_calendar');
  }

  const holidays = input.holidays ?? DEFAULT_BUSINESS_CALENDAR.holidays;
  if (!Array.isArray(holidays)) throw invalidField('holidays', 'must be a list of local dates YYYY-MM-DD', 'invalid_calendar');
  holidays.forEach((date, index) => {
    if (typeof date !== 'string' || dayNumberOf(date) === undefined) {
      throw invalidField(`holidays.${index}`, `${JSON.stringify(date)} is not a date YYYY-MM-DD`, 'invalid_calendar');
    }
  });

  return {
    timeZone,
    workingDays: [...workingDays].sort((a, b) => a - b),
    start,
    end,
    holidays: [...new Set(holidays as string[])].sort(),
  };
}

/** Whether every instant is working time, whatever the time zone: lets the 24×7 case skip the day walk. */
function isAlwaysOpen(calendar: BusinessCalendar): boolean {
  return calendar.workingDays.length === 7 && calendar.holidays.length === 0 && minuteOfDay(calendar.start) === 0 && minuteOfDay(calendar.end) === 24 * 60;
}

/** [start, end) of the working hours on a local day (days since 1970-01-01), or undefined on a day off. */
function workingWindow(calendar: BusinessCalendar, day: number): [number, number] | undefined {
  const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1;
  if (!calendar.workingDays.includes(isoWeekday) || holidaySet(calendar).has(day)) return undefined;
  return [localToUtc(calendar.timeZone, day, minuteOfDay(calendar.start)), localToUtc(calendar.timeZone, day, minuteOfDay(calendar.end))];
}

const holidayCache = new WeakMap<BusinessCalendar, Set<number>>();
function holidaySet(calendar: BusinessCalendar): Set<number> {
  let days = holidayCache.get(calendar);
  if (!days) {
    days = new Set(calendar.holidays.map(dayNumberOf).filter((day): day is number => day !== undefined));
    holidayCache.set(calendar, days);
  }
  return days;
}

function minuteOfDay(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date, else undefined. */
function dayNumberOf(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : undefined;
}

function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Local wall time minus UTC at an instant, in milliseconds (+3 600 000 for British Summer Time). */
function offsetMs(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The local day (days since 1970-01-01 in wall time) an instant falls on. */
function localDay(timeZone: string, instant: number): number {
  return Math.floor((instant + offsetMs(timeZone, instant)) / DAY_MS);
}

/**
 * The instant a local wall time occurs. A time skipped by a clock change is read with the offset
 * before the change (01:30 on a spring-forward night becomes 02:30); a time that occurs twice
 * resolves to the earlier one.
 */
function localToUtc(timeZone: string, day: number, minutes: number): number {
  const wall = day * DAY_MS + minutes * MINUTE_MS;
  const offsetBefore = offsetMs(timeZone, wall - DAY_MS);
  const offsetAfter = offsetMs(timeZone, wall + DAY_MS);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((instant) => offsetMs(timeZone, instant) === wall - instant);
  return candidates.length > 0 ? Math.min(...candidates) : wall - offsetBefore;
}
