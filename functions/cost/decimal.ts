/**
 * Exact money arithmetic for cost data. A `Decimal` is a BigInt counting units of 10^-18
 * (`DECIMAL_SCALE` fractional digits), so sums of any number of bill lines are exact: FOCUS exports
 * carry at most 10–12 fractional digits (AWS) and 6–8 (Alibaba), well inside the scale.
 *
 * Accepted text: an optional sign, digits with an optional dot (`"1234.5678"`, `"-0.0000001"`,
 * `".5"`, `"5."`), and an optional exponent (`"1e-3"`, `"4.5E-7"`), because AWS exports write very
 * small amounts in scientific notation. Refused: empty text, spaces, `NaN`, `Infinity`, a decimal
 * comma or thousands separator (`"1,5"`), exponents beyond ±100, and any non-zero digit past the
 * 18th fractional place — an amount is never rounded silently on the way in.
 */

/** Fractional digits a Decimal holds exactly. */
export const DECIMAL_SCALE = 18;

const UNIT = 10n ** BigInt(DECIMAL_SCALE);
const MAX_EXPONENT = 100;
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

declare const decimalBrand: unique symbol;
/** An exact amount: a BigInt of 10^-18 units. Build with `parseDecimal` or `decimalFromUnits`. */
export type Decimal = bigint & { readonly [decimalBrand]: true };

/** The amount 0. */
export const ZERO = 0n as Decimal;

/** Text that is not an exact decimal amount; the message says which rule it breaks. */
export class DecimalFormatError extends Error {}

/** Wraps a count of 10^-18 units as a Decimal. */
export function decimalFromUnits(units: bigint): Decimal {
  return units as Decimal;
}

/** 10^0 … 10^(DECIMAL_SCALE + MAX_EXPONENT): every shift the short path can need. */
const POWERS_OF_TEN: readonly bigint[] = Array.from({ length: DECIMAL_SCALE + MAX_EXPONENT + 1 }, (_, i) => 10n ** BigInt(i));
/** Digits a Number holds exactly (below 2^53). */
const EXACT_NUMBER_DIGITS = 15;

/** Parses decimal text exactly; throws `DecimalFormatError` naming the rule broken. */
export function parseDecimal(text: string): Decimal {
  return parseShortDecimal(text) ?? parseAnyDecimal(text);
}

/**
 * The common case, without a regular expression or digit strings: at most 15 digits (exact in a
 * Number), an optional exponent, no rounding needed. `undefined` for anything else, including
 * every malformed text, which `parseAnyDecimal` then refuses with its reason.
 */
function parseShortDecimal(text: string): Decimal | undefined {
  const length = text.length;
  let at = 0;
  let code = text.charCodeAt(0);
  const negative = code === 45; // -
  if (negative || code === 43) at = 1; // +
  let value = 0;
  let digits = 0;
  let fractionDigits = -1; // -1 until the dot
  for (; at < length; at++) {
    code = text.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      digits++;
      if (fractionDigits >= 0) fractionDigits++;
    } else if (code === 46 && fractionDigits < 0) {
      fractionDigits = 0;
    } else {
      break;
    }
  }
  if (digits === 0 || digits > EXACT_NUMBER_DIGITS) return undefined;
  let exponent = 0;
  if (at < length) {
    if (code !== 69 && code !== 101) return undefined; // E, e
    at++;
    const exponentSign = text.charCodeAt(at);
    if (exponentSign === 45 || exponentSign === 43) at++;
    if (at === length || length - at > 3) return undefined;
    for (; at < length; at++) {
      code = text.charCodeAt(at);
      if (code < 48 || code > 57) return undefined;
      exponent = exponent * 10 + (code - 48);
    }
    if (exponent > MAX_EXPONENT) return undefined;
    if (exponentSign === 45) exponent = -exponent;
  }
  const shift = DECIMAL_SCALE + exponent - Math.max(fractionDigits, 0);
  if (shift < 0) return undefined;
  const units = BigInt(value) * POWERS_OF_TEN[shift];
  return (negative ? -units : units) as Decimal;
}

function parseAnyDecimal(text: string): Decimal {
  const match = DECIMAL_TEXT.exec(text);
  if (text === '' || !match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new DecimalFormatError(`${JSON.stringify(text)} is not a decimal number (digits with an optional dot and exponent; no spaces, commas or thousands separators)`);
  }
  const [, sign, whole, fraction = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) {
    throw new DecimalFormatError(`${JSON.stringify(text)} has an exponent beyond ±${MAX_EXPONENT}`);
  }
  // Value = digits × 10^(exponent − fraction.length); shift it to 10^-DECIMAL_SCALE units.
  const digits = BigInt(`${whole}${fraction}` || '0');
  const shift = DECIMAL_SCALE + exponent - fraction.length;
  let units: bigint;
  if (shift >= 0) {
    units = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    if (digits % divisor !== 0n) {
      throw new DecimalFormatError(`${JSON.stringify(text)} has more than ${DECIMAL_SCALE} digits after the decimal point; amounts are not rounded`);
    }
    units = digits / divisor;
  }
  return (sign === '-' ? -units : units) as Decimal;
}

/** Formats as plain decimal text with trailing fractional zeros trimmed: `"1234.5678"`, `"12"`, `"-0.5"`, `"0"`. */
export function formatDecimal(value: Decimal): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / UNIT;
  const fraction = (magnitude % UNIT).toString().padStart(DECIMAL_SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  return (a + b) as Decimal;
}

/** a − b, exactly. */
export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  return (a - b) as Decimal;
}

/** |a|. */
export function absDecimal(a: Decimal): Decimal {
  return (a < 0n ? -a : a) as Decimal;
}

/** −1, 0 or 1 as a is below, equal to or above b (usable as a sort comparator). */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * a × numerator / denominator, rounded to the 18th fractional digit half to even (banker's
 * rounding, so repeated forecasts carry no upward bias). Used for forecasts and averages.
 */
export function multiplyByRatio(a: Decimal, numerator: bigint, denominator: bigint): Decimal {
  if (denominator === 0n) throw new RangeError('multiplyByRatio: denominator must not be 0');
  let product = a * numerator;
  let divisor = denominator;
  if (divisor < 0n) {
    product = -product;
    divisor = -divisor;
  }
  const quotient = product / divisor; // truncates toward zero
  const remainder = product % divisor; // same sign as product
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twiceRemainder < divisor || (twiceRemainder === divisor && quotient % 2n === 0n)) return quotient as Decimal;
  return (quotient + (product < 0n ? -1n : 1n)) as Decimal;
}
