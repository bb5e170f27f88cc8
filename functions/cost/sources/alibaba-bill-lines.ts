/**
 * Maps one BSS OpenAPI instance bill line (`DescribeInstanceBill`, daily) to a FOCUS row.
 *
 * Amounts (see the BSS bill fields):
 * - ListCost = `PretaxGrossAmount`, the amount at list price before any discount.
 * - BilledCost = `PretaxAmount`, the amount payable: list price less discounts and coupons, before
 *   tax. It is what the invoice is based on; vouchers, prepaid cards and cash (`CashAmount`,
 *   `PaymentAmount`, `DeductedByCashCoupons`, `DeductedByPrepaidCard`) are how that amount is paid,
 *   not reductions of the charge, so they are not subtracted.
 * - EffectiveCost = `PretaxAmount` as well: instance bills are not amortised (a subscription order
 *   appears whole on the day it was placed). Amortised costs live in other BSS operations
 *   (`DescribeInstanceAmortizedCostByConsumePeriod`), not read here.
 *
 * Other columns: ServiceName = ProductName (ProductCode if absent), ServiceCategory from
 * ProductCode, RegionId = the Region's id, SubAccountId = OwnerID (the member account that owns
 * the resource) or else BillAccountID, ResourceId = InstanceID, ChargeCategory from the bill type
 * (`Item`), Tags from `Tag`. Custom columns keep ProductCode (`x_ProductCode`, used to reconcile
 * with the bill overview), the bill type (`x_BillType`) and SubscriptionType (`x_SubscriptionType`).
 */
import { DecimalFormatError, parseDecimal, type Decimal } from '../decimal';
import { CostInputError } from '../errors';
import type { CostRow } from '../focus';
import { DAY_MS } from '../periods';
import { alibabaRegionId } from './alibaba-regions';
import { parseAlibabaTags } from './alibaba-tags';
import { textOf, type BssObject } from './bss-call';
import { alibabaServiceCategory } from './service-category';

/** FOCUS ProviderName of every Alibaba row. */
const ALIBABA_PROVIDER_NAME = 'Alibaba Cloud';

/**
 * FOCUS ChargeCategory of each bill type. A refund returns unused subscription time: FOCUS files a
 * refund under the category of what it refunds, here a Purchase.
 */
const CHARGE_CATEGORY_BY_BILL_TYPE: Readonly<Record<string, string>> = {
  PayAsYouGoBill: 'Usage',
  SubscriptionOrder: 'Purchase',
  Refund: 'Purchase',
  Adjustment: 'Adjustment',
};

/** Where a line sits, for errors: `<source> DescribeInstanceBill <BillingDate>` and the 1-based item number that day. */
export interface BillLinePlace {
  readonly file: string;
  readonly line: number;
  /** UTC midnight of the billing date asked for. */
  readonly day: number;
  /** The billing date asked for, `YYYY-MM-DD`. */
  readonly billingDate: string;
}

/** The FOCUS row for a bill line; throws `CostInputError` naming the place and field of a value that cannot be read. */
export function rowOfBillLine(item: BssObject, place: BillLinePlace): CostRow {
  const { file, line } = place;
  const amount = (field: string, column: string): Decimal | undefined => {
    const text = textOf(item, field);
    if (text === undefined) return undefined;
    try {
      return parseDecimal(text);
    } catch (error) {
      if (error instanceof DecimalFormatError) throw new CostInputError(file, `${field}: ${error.message}`, line, column);
      throw error;
    }
  };
  const billed = amount('PretaxAmount', 'BilledCost');
  if (billed === undefined) throw new CostInputError(file, 'PretaxAmount is missing; it is required', line, 'BilledCost');
  const currency = textOf(item, 'Currency');
  if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
    throw new CostInputError(file, `Currency ${JSON.stringify(currency ?? null)} is not an ISO 4217 currency code`, line, 'BillingCurrency');
  }
  const billingDate = textOf(item, 'BillingDate');
  if (billingDate !== undefined && billingDate !== place.billingDate) {
    throw new CostInputError(file, `the line is for BillingDate ${billingDate}, not the ${place.billingDate} asked for`, line, 'ChargePeriodStart');
  }
  let tags: Record<string, string> = {};
  const tagText = textOf(item, 'Tag');
  if (tagText !== undefined) {
    try {
      tags = parseAlibabaTags(tagText);
    } catch (error) {
      throw new CostInputError(file, (error as Error).message, line, 'Tags');
    }
  }
  const productCode = textOf(item, 'ProductCode');
  const billType = textOf(item, 'Item');
  const subscriptionType = textOf(item, 'SubscriptionType');
  const region = textOf(item, 'Region');
  const custom: Record<string, string> = {};
  if (productCode !== undefined) custom.x_ProductCode = productCode;
  if (billType !== undefined) custom.x_BillType = billType;
  if (subscriptionType !== undefined) custom.x_SubscriptionType = subscriptionType;

  const row: Record<string, unknown> = {
    BilledCost: billed,
    EffectiveCost: billed,
    BillingCurrency: currency,
    ChargePeriodStart: place.day,
    ChargePeriodEnd: place.day + DAY_MS,
    ProviderName: ALIBABA_PROVIDER_NAME,
    Tags: tags,
    custom,
    origin: { file, line },
  };
  const listCost = amount('PretaxGrossAmount', 'ListCost');
  if (listCost !== undefined) row.ListCost = listCost;
  if (billType !== undefined) row.ChargeCategory = CHARGE_CATEGORY_BY_BILL_TYPE[billType] ?? 'Adjustment';
  const serviceName = textOf(item, 'ProductName') ?? productCode;
  if (serviceName !== undefined) row.ServiceName = serviceName;
  if (productCode !== undefined) row.ServiceCategory = alibabaServiceCategory(productCode);
  if (region !== undefined) row.RegionId = alibabaRegionId(region);
  const account = textOf(item, 'OwnerID') ?? textOf(item, 'BillAccountID');
  if (account !== undefined) row.SubAccountId = account;
  const resource = textOf(item, 'InstanceID');
  if (resource !== undefined) row.ResourceId = resource;
  return row as unknown as CostRow;
}
