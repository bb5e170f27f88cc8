/**
 * Text for the HTML cost report: escaping, and amounts, percentages and dates formatted for people.
 * Amounts are rounded from their exact decimal text, never through binary floating point.
 */
import { decimalFromUnits, DECIMAL_SCALE, formatDecimal, multiplyByRatio, parseDecimal, type Decimal } from './decimal';
import type { GroupKey } from './report-model';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** What a missing group value (`null`) is shown as. */
export const NO_VALUE = '(none)';

/** Text safe inside HTML elements and quoted attributes (and in SVG). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Rounds `value` half to even to `places` fractional digits and writes it with thousands separators:
 * `fixed(d("1234.565"), 2)` → `"1,234.56"`, `fixed(d("-0.001"), 2)` → `"0.00"` (no negative zero).
 * With `signed`, a positive result gets a leading `+`.
 */
export function formatFixed(value: Decimal, places: number, signed = false): string {
  const steps = multiplyByRatio(value, 1n, 10n ** BigInt(DECIMAL_SCALE - places));
  const negative = steps < 0n;
  const digits = (negative ? -steps : steps).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places).replace(/\B(?=(\d{3})+$)/g, ',');
  const fraction = places ? `.${digits.slice(digits.length - places)}` : '';
  const sign = negative ? '-' : signed && steps > 0n ? '+' : '';
  return `${sign}${whole}${fraction}`;
}

/** An amount's decimal text rounded to cents with separators (`"1234.5678"` → `"1,234.57"`). */
export function formatAmount(text: string, signed = false): string {
  return formatFixed(parseDecimal(text), 2, signed);
}

/**
 * An amount as table-cell content: rounded to cents, and when that hides digits, the exact value
 * in a tooltip (`title`), so `0.00000001` shows `0.00` and still tells what it is.
 */
export function amountCell(text: string, signed = false): string {
  const exact = formatDecimal(parseDecimal(text));
  const shown = formatAmount(text, signed);
  return (exact.split('.')[1] ?? '').length <= 2 ? shown : `<span title="${escapeHtml(exact)}">${shown}</span>`;
}

/** `part ÷ whole × 100` to one decimal (`"12.5%"`); `undefined` when `whole` is not positive. */
export function formatShare(part: Decimal, whole: Decimal): string | undefined {
  if (whole <= 0n) return undefined;
  return `${formatFixed(decimalFromUnits(multiplyByRatio(part, 10n ** BigInt(DECIMAL_SCALE + 2), whole)), 1)}%`;
}

/** A percentage given as decimal text (`"166.67"`) to one decimal with a sign (`"+166.7%"`). */
export function formatPercent(text: string): string {
  return `${formatFixed(parseDecimal(text), 1, true)}%`;
}

/** A group's key for people: its values joined with ` · `, `(none)` for a missing one, `All costs` for no grouping. */
export function groupLabel(key: GroupKey): string {
  const values = Object.values(key);
  return values.length ? values.map((value) => value ?? NO_VALUE).join(' · ') : 'All costs';
}

/** `"2024-03-04"` → `"4 Mar 2024"`; anything else is returned as given. */
export function formatDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : day;
}

/** `"2024-03-04"` → `"4 Mar"` (day and week bars) or `"Mar 2024"` (month bars). */
export function formatPeriodLabel(day: string, monthly: boolean): string {
  const [dayOfMonth, month, year] = formatDate(day).split(' ');
  return monthly ? `${month} ${year}` : `${dayOfMonth} ${month}`;
}

/** The day before a `YYYY-MM-DD` date: the last day of a half-open period. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** An ISO 8601 timestamp as `"Mon 1 Apr 2024 06:00 UTC"`; unparsable text is returned as given. */
export function formatTimestamp(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  const date = new Date(ms);
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${WEEKDAYS[date.getUTCDay()]} ${formatDate(date.toISOString().slice(0, 10))} ${time} UTC`;
}
