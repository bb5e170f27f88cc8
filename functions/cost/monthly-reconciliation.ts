/**
 * The monthly check the scheduled job runs beside the weekly report on Alibaba Cloud: the last
 * closed billing month's bill overview (`QueryBillOverview`) against the sum of its daily instance
 * bills, per product and currency, written as JSON to `<prefix>reconciliation/<YYYY-MM>.json`.
 *
 * Provisional, not skipped: Alibaba Cloud issues a month's final bill around noon on the 2nd of
 * the next month (BSS OpenAPI reference), and instance bills lag up to a day behind it (the cycle's last day is often
 * missing until the bill closes). A run before `FINAL_BILL_DAY` of the month still reconciles, so a
 * gap shows early, but marks the result `provisional`; every weekly run of a month checks the same
 * month and overwrites the file, and each month has runs after that day, so the file ends final.
 */
import { formatDecimal, parseDecimal, type Decimal } from './decimal';
import { formatDay } from './periods';
import { DEFAULT_REPORT_PREFIX, type ScheduledRunOptions } from './scheduled-report';
import type { AlibabaBssSource } from './sources/alibaba-bss';
import { reconcileBillingCycle } from './sources/alibaba-reconcile';

/**
 * Day of the month (UTC) from which the previous month's bill is taken as final: the documented
 * issue of the final bill (the 2nd, 12:00 China time) plus two days for the instance bills to catch up.
 */
export const FINAL_BILL_DAY = 5;
/** Largest |difference| per product that still matches: the overview is rounded to the cent, lines are not. */
export const DEFAULT_RECONCILIATION_TOLERANCE = '0.01';

/** `source` is the BSS source whose client, member account and rate limiter both sides are read with. */
export interface MonthlyReconciliationOptions extends ScheduledRunOptions<AlibabaBssSource> {
  /** Largest |difference| that still matches, decimal text. @default `0.01` */
  readonly tolerance?: string;
}

/** One product and currency of the file. Amounts are decimal text. */
export interface ReconciledProduct {
  readonly productCode: string;
  readonly currency: string;
  /** The bill overview's `PretaxAmount`. */
  readonly overview: string;
  /** Sum of the month's daily instance bill lines. */
  readonly dailyLines: string;
  /** overview − dailyLines. */
  readonly difference: string;
  /** |difference| ≤ tolerance. */
  readonly matched: boolean;
}

/** What `<prefix>reconciliation/<YYYY-MM>.json` holds. */
export interface ReconciliationFile {
  /** `YYYY-MM`. */
  readonly billingCycle: string;
  /** `provisional` before `finalFrom`: Alibaba may still be closing the month's bill. */
  readonly status: 'provisional' | 'final';
  /** First day (UTC) a run takes the month's bill as final, `YYYY-MM-DD`. */
  readonly finalFrom: string;
  /** The run's time, ISO 8601. */
  readonly checkedAt: string;
  readonly source: string;
  readonly tolerance: string;
  /** Every product matched. */
  readonly matched: boolean;
  /** Ordered by product code, then currency. */
  readonly products: readonly ReconciledProduct[];
}

/** What a run wrote, for the caller's log. */
export interface MonthlyReconciliationResult {
  readonly billingCycle: string;
  readonly key: string;
  readonly status: ReconciliationFile['status'];
  readonly matched: boolean;
  /** The products that did not match, e.g. `ecs CNY` with their difference. */
  readonly differing: readonly { readonly productCode: string; readonly currency: string; readonly difference: string }[];
}

/** Reconciles the month before `clock()`'s month and writes the result to `sink`. */
export async function runMonthlyReconciliation(options: MonthlyReconciliationOptions): Promise<MonthlyReconciliationResult> {
  const tolerance: Decimal = parseDecimal(options.tolerance ?? DEFAULT_RECONCILIATION_TOLERANCE);
  const now = options.clock();
  const billingCycle = lastClosedBillingCycle(now);
  const finalFrom = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), FINAL_BILL_DAY);
  const reconciliation = await reconcileBillingCycle({ source: options.source, billingCycle, tolerance });
  const file: ReconciliationFile = {
    billingCycle,
    status: now.getTime() < finalFrom ? 'provisional' : 'final',
    finalFrom: formatDay(finalFrom),
    checkedAt: now.toISOString(),
    source: options.source.name,
    tolerance: formatDecimal(tolerance),
    matched: reconciliation.matches,
    products: reconciliation.products.map((product) => ({
      productCode: product.productCode,
      currency: product.currency,
      overview: product.overview,
      dailyLines: product.instanceBills,
      difference: product.difference,
      matched: product.matches,
    })),
  };
  const key = `${options.prefix ?? DEFAULT_REPORT_PREFIX}reconciliation/${billingCycle}.json`;
  await options.sink.put(key, `${JSON.stringify(file, null, 2)}\n`, 'application/json');
  return {
    billingCycle,
    key,
    status: file.status,
    matched: file.matched,
    differing: file.products.filter((product) => !product.matched).map(({ productCode, currency, difference }) => ({ productCode, currency, difference })),
  };
}

/** `YYYY-MM` of the calendar month (UTC) before `now`'s. */
export function lastClosedBillingCycle(now: Date): string {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${monthStart.getUTCFullYear()}-${String(monthStart.getUTCMonth() + 1).padStart(2, '0')}`;
}
