/**
 * Converts rows billed in other currencies into one report currency, at rates the caller states.
 *
 * Without a report currency every billing currency gets its own report and nothing is converted:
 * amounts of different currencies are never added. With one, each row billed in another currency
 * needs a rate (report-currency units per one unit of the row's currency); a row without one stops
 * the report with an error naming its file, line and BillingCurrency, rather than being dropped or
 * added unconverted. Converted amounts are rounded half to even at the 18th fractional digit
 * (`multiplyByRatio`), so the only rounding is the conversion itself. The row's own currency is
 * kept in the custom column `x_SourceCurrency`, so a converted report can still group by it.
 */
import { multiplyByRatio, type Decimal } from './decimal';
import { CostInputError } from './errors';
import type { CostRow } from './focus';

/** Custom column holding the currency a converted row was billed in. */
export const SOURCE_CURRENCY_COLUMN = 'x_SourceCurrency';

const CURRENCY_CODE = /^[A-Z]{3}$/;
/** A Decimal counts 10^-18 units: a rate r multiplies by r / 10^18. */
const UNIT = 10n ** 18n;

/** The report currency and the rates into it. */
export interface CurrencyConversion {
  /** ISO 4217 code every amount of the report is in. */
  readonly currency: string;
  /** Units of `currency` per one unit of each other currency, by code (`{ CNY: 0.1385 }` for USD). */
  readonly rates: Readonly<Record<string, Decimal>>;
}

/** Checks codes and rates; throws `RangeError` naming the currency at fault. */
export function checkConversion(conversion: CurrencyConversion): void {
  if (!CURRENCY_CODE.test(conversion.currency)) {
    throw new RangeError(`currency ${JSON.stringify(conversion.currency)} is not an ISO 4217 code (three capital letters, e.g. USD)`);
  }
  for (const [code, rate] of Object.entries(conversion.rates)) {
    if (!CURRENCY_CODE.test(code)) throw new RangeError(`rate for ${JSON.stringify(code)}: not an ISO 4217 code (e.g. CNY=0.1385)`);
    if (code === conversion.currency) throw new RangeError(`rate for ${code}: it is the report currency; give rates for the other currencies only`);
    if (rate <= 0n) throw new RangeError(`rate for ${code}: must be greater than 0`);
  }
}

/** Yields `rows` with every amount in `conversion.currency`; throws `CostInputError` for a currency without a rate. */
export async function* convertCurrency(rows: AsyncIterable<CostRow> | Iterable<CostRow>, conversion: CurrencyConversion): AsyncGenerator<CostRow> {
  checkConversion(conversion);
  const target = conversion.currency;
  for await (const row of rows) {
    if (row.BillingCurrency === target) {
      yield row;
      continue;
    }
    const rate = conversion.rates[row.BillingCurrency];
    if (rate === undefined) {
      throw new CostInputError(
        row.origin?.file ?? 'input',
        `billed in ${row.BillingCurrency}, but the report is in ${target} and no rate was given for ${row.BillingCurrency} (add ${row.BillingCurrency}=<${target} per ${row.BillingCurrency}> to the rates)`,
        row.origin?.line,
        'BillingCurrency',
      );
    }
    const convert = (amount: Decimal) => multiplyByRatio(amount, rate, UNIT);
    yield {
      ...row,
      BilledCost: convert(row.BilledCost),
      EffectiveCost: convert(row.EffectiveCost),
      ...(row.ListCost === undefined ? {} : { ListCost: convert(row.ListCost) }),
      BillingCurrency: target,
      custom: { ...row.custom, [SOURCE_CURRENCY_COLUMN]: row.BillingCurrency },
    };
  }
}
