/** UTC calendar arithmetic for cost periods: timestamps, days, ISO weeks (Monday) and months. */

export const DAY_MS = 86_400_000;

/** Report period sizes. */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** A half-open period `[start, end)`, both as `YYYY-MM-DD`. */
export interface PeriodBounds {
  readonly start: string;
  readonly end: string;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 timestamp (`2024-03-01T00:00:00Z`, `2024-03-01 00:00:00`, `2024-03-01T08:00:00+08:00`,
 * `2024-03-01`) to epoch milliseconds. Without an offset the time is taken as UTC, as FOCUS requires.
 * Returns `undefined` for anything else, including impossible dates such as `2024-02-30`.
 */
export function parseTimestamp(text: string): number | undefined {
  return parseCommonTimestamp(text) ?? parseAnyTimestamp(text);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The shapes exports write on every line (`2024-03-01T00:00:00Z`, `2024-03-01 00:00:00`,
 * `2024-03-01`), read without a regular expression. `undefined` for any other text, valid or not:
 * `parseAnyTimestamp` then decides.
 */
function parseCommonTimestamp(text: string): number | undefined {
  const length = text.length;
  if (length !== 10 && length !== 19 && !(length === 20 && text.charCodeAt(19) === 90)) return undefined; // Z
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // -
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (length > 10) {
    const separator = text.charCodeAt(10);
    if ((separator !== 84 && separator !== 32) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined; // T or space, :
    hour = digitsAt(text, 11, 2);
    minute = digitsAt(text, 14, 2);
    second = digitsAt(text, 17, 2);
  }
  const leapDay = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  // NaN (a non-digit) fails every comparison. Years below 100 are left to the general path, which reads them as Date.UTC does.
  const valid = year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month - 1] + leapDay && hour <= 23 && minute <= 59 && second <= 59;
  return valid ? ((daysSinceEpoch(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 : undefined;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`), without building a Date. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The number written with `count` decimal digits at `at`; NaN if any is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function parseAnyTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(utc).getUTCDate() !== day) return undefined;
  const offset = m[8];
  if (!offset || offset === 'Z') return utc;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** Parses a `YYYY-MM-DD` date to the epoch milliseconds of its UTC midnight; `undefined` if not a real date. */
export function parseDay(text: string): number | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseTimestamp(text) : undefined;
}

/** `YYYY-MM-DD` of the UTC day containing `ms`. */
export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch milliseconds of the UTC midnight starting the day containing `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Start of the period of `granularity` containing `ms`: the day, the ISO week's Monday, or the 1st of the month. */
export function startOfPeriod(ms: number, granularity: Granularity): number {
  const day = startOfDay(ms);
  if (granularity === 'day') return day;
  const date = new Date(day);
  if (granularity === 'week') return day - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Start of the period after the one starting at `periodStart`. */
export function nextPeriodStart(periodStart: number, granularity: Granularity): number {
  if (granularity === 'day') return periodStart + DAY_MS;
  if (granularity === 'week') return periodStart + 7 * DAY_MS;
  const date = new Date(periodStart);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** The period of `granularity` starting at `periodStart`, as dates. */
export function periodBounds(periodStart: number, granularity: Granularity): PeriodBounds {
  return { start: formatDay(periodStart), end: formatDay(nextPeriodStart(periodStart, granularity)) };
}

/** Number of days in the UTC month containing `ms`. */
export function daysInMonth(ms: number): number {
  const date = new Date(ms);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}
