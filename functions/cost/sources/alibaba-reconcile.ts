/**
 * Reconciles a billing cycle's daily instance bills with `QueryBillOverview`, the bill overview
 * of that cycle per product. The overview is what Alibaba invoices; instance bills are split
 * from it, and the documentation warns they may lag (about a day, and the last day of a cycle
 * is often missing until the bill closes). Comparing the two per product and currency shows
 * whether a month read from instance bills is complete before it is reported as final.
 */
import { absDecimal, addDecimal, compareDecimal, DecimalFormatError, formatDecimal, parseDecimal, subtractDecimal, ZERO, type Decimal } from '../decimal';
import { CostInputError } from '../errors';
import { parseDay } from '../periods';
import type { AlibabaBssSource } from './alibaba-bss';
import { callBss, listOf, textOf } from './bss-call';

/** One product and currency of a billing cycle, both ways. Amounts are decimal text. */
export interface ProductReconciliation {
  readonly productCode: string;
  readonly currency: string;
  /** `PretaxAmount` of the bill overview. */
  readonly overview: string;
  /** Sum of the instance bill lines' BilledCost (their `PretaxAmount`). */
  readonly instanceBills: string;
  /** overview − instanceBills. */
  readonly difference: string;
  /** |difference| ≤ the tolerance. */
  readonly matches: boolean;
}

/** The outcome for one billing cycle. */
export interface BillingCycleReconciliation {
  /** `YYYY-MM`. */
  readonly billingCycle: string;
  /** Every product and currency found either way, ordered by product code then currency. */
  readonly products: readonly ProductReconciliation[];
  /** Every product matches. */
  readonly matches: boolean;
}

/** What to reconcile. */
export interface ReconcileOptions {
  /** Source whose client, member account (`billOwnerId`) and rate limiter are used. */
  readonly source: AlibabaBssSource;
  /** Billing cycle, `YYYY-MM`. */
  readonly billingCycle: string;
  /** Largest |difference| that still matches; the overview rounds to the cent, lines do not. @default 0.01 */
  readonly tolerance?: Decimal;
}

const OPERATION = 'QueryBillOverview';

/** Reads both sides of a billing cycle and compares them per product and currency. */
export async function reconcileBillingCycle(options: ReconcileOptions): Promise<BillingCycleReconciliation> {
  const { source, billingCycle } = options;
  const from = parseDay(`${billingCycle}-01`);
  if (!/^\d{4}-\d{2}$/.test(billingCycle) || from === undefined) throw new RangeError(`billingCycle must be YYYY-MM, got ${JSON.stringify(billingCycle)}`);
  const start = new Date(from);
  const to = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  const tolerance = options.tolerance ?? parseDecimal('0.01');

  const overview = new Map<string, Decimal>();
  const data = await callBss(source.bssCaller, OPERATION, {
    BillingCycle: billingCycle,
    ...(source.billOwnerId === undefined ? {} : { BillOwnerId: source.billOwnerId }),
  });
  const file = `${source.name} ${OPERATION} ${billingCycle}`;
  listOf(data.Items).forEach((item, index) => {
    const key = productKey(textOf(item, 'ProductCode') ?? '', textOf(item, 'Currency') ?? '');
    const text = textOf(item, 'PretaxAmount') ?? '0';
    let amount: Decimal;
    try {
      amount = parseDecimal(text);
    } catch (error) {
      if (error instanceof DecimalFormatError) throw new CostInputError(file, `PretaxAmount: ${error.message}`, index + 1, 'PretaxAmount');
      throw error;
    }
    overview.set(key, addDecimal(overview.get(key) ?? ZERO, amount));
  });

  const lines = new Map<string, Decimal>();
  for await (const row of source.rows({ from, to, groupBy: [] })) {
    const key = productKey(row.custom.x_ProductCode ?? '', row.BillingCurrency);
    lines.set(key, addDecimal(lines.get(key) ?? ZERO, row.BilledCost));
  }

  const keys = [...new Set([...overview.keys(), ...lines.keys()])].sort();
  const products = keys.map((key): ProductReconciliation => {
    const [productCode, currency] = JSON.parse(key) as [string, string];
    const billed = overview.get(key) ?? ZERO;
    const summed = lines.get(key) ?? ZERO;
    const difference = subtractDecimal(billed, summed);
    return {
      productCode,
      currency,
      overview: formatDecimal(billed),
      instanceBills: formatDecimal(summed),
      difference: formatDecimal(difference),
      matches: compareDecimal(absDecimal(difference), tolerance) <= 0,
    };
  });
  return { billingCycle, products, matches: products.every((product) => product.matches) };
}

function productKey(productCode: string, currency: string): string {
  return JSON.stringify([productCode, currency]);
}
