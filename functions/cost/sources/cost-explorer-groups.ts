/**
 * How report group columns become Cost Explorer `GroupBy` definitions, and how the keys Cost
 * Explorer answers with become FOCUS values on a row.
 */
import type { GroupDefinition } from '@aws-sdk/client-cost-explorer';
import type { GroupColumn } from '../focus';
import { UnsupportedGroupColumnError } from './errors';
import { awsServiceCategory } from './service-category';

/** The FOCUS text columns and tags a Cost Explorer group key fills. */
export interface GroupedValues {
  ServiceName?: string;
  ServiceCategory?: string;
  RegionId?: string;
  SubAccountId?: string;
  ChargeCategory?: string;
  /** Cost Explorer's own RECORD_TYPE value, kept beside the FOCUS ChargeCategory it maps to. */
  recordType?: string;
  tags: Record<string, string>;
}

/** One `GroupBy` entry and how its keys set values. */
export interface CostExplorerGroup {
  readonly definition: GroupDefinition;
  /** Sets the values a key of this group stands for. */
  readonly apply: (values: GroupedValues, key: string) => void;
}

/** Group columns this source fills without asking Cost Explorer: every row carries them. */
const CONSTANT_COLUMNS = ['ProviderName', 'BillingCurrency', 'x_Estimated'] as const;

/** Group columns Cost Explorer can fill, in words, for error messages. */
const COST_EXPLORER_GROUP_COLUMNS = ['ServiceName', 'ServiceCategory', 'SubAccountId', 'RegionId', 'ChargeCategory', 'tag:<key>', ...CONSTANT_COLUMNS] as const;

/** Cost Explorer's value for costs not tied to a region. */
const NO_REGION = 'NoRegion';

/**
 * FOCUS ChargeCategory of each Cost Explorer RECORD_TYPE value. Usage, fees (purchases), tax and
 * credits map directly; negotiated discounts and Savings Plans negations, which lower what usage
 * cost, count as Credit; a refund corrects an earlier charge, an Adjustment.
 */
const CHARGE_CATEGORY_BY_RECORD_TYPE: Readonly<Record<string, string>> = {
  Usage: 'Usage',
  DiscountedUsage: 'Usage',
  SavingsPlanCoveredUsage: 'Usage',
  'Recurring reservation fee': 'Purchase',
  'Upfront reservation fee': 'Purchase',
  RIFee: 'Purchase',
  SavingsPlanRecurringFee: 'Purchase',
  SavingsPlanUpfrontFee: 'Purchase',
  Fee: 'Purchase',
  'Support fee': 'Purchase',
  Tax: 'Tax',
  Credit: 'Credit',
  SavingsPlanNegation: 'Credit',
  'Enterprise Discount Program Discount': 'Credit',
  'Private Rate Card Discount': 'Credit',
  'Bundled Discount': 'Credit',
  'Solution Provider Program Discount': 'Credit',
  'Distributor Discount': 'Credit',
  Refund: 'Adjustment',
};

/** FOCUS ChargeCategory for a RECORD_TYPE value; a value not listed is an `Adjustment` (its raw value stays in `x_RecordType`). */
function chargeCategoryOfRecordType(recordType: string): string {
  return CHARGE_CATEGORY_BY_RECORD_TYPE[recordType] ?? 'Adjustment';
}

function dimension(key: string, apply: CostExplorerGroup['apply']): CostExplorerGroup {
  return { definition: { Type: 'DIMENSION', Key: key }, apply };
}

const SERVICE = dimension('SERVICE', (values, key) => {
  values.ServiceName = key;
  values.ServiceCategory = awsServiceCategory(key);
});
const LINKED_ACCOUNT = dimension('LINKED_ACCOUNT', (values, key) => {
  values.SubAccountId = key;
});
const REGION = dimension('REGION', (values, key) => {
  if (key !== NO_REGION && key !== '') values.RegionId = key;
});
const RECORD_TYPE = dimension('RECORD_TYPE', (values, key) => {
  values.recordType = key;
  values.ChargeCategory = chargeCategoryOfRecordType(key);
});

/**
 * A tag group. Cost Explorer answers `key$value`, and `key$` for costs without the tag, which get
 * no tag (so they group under "no value", as untagged FOCUS rows do).
 */
function tagGroup(tagKey: string): CostExplorerGroup {
  return {
    definition: { Type: 'TAG', Key: tagKey },
    apply: (values, key) => {
      const prefix = `${tagKey}$`;
      const value = key.startsWith(prefix) ? key.slice(prefix.length) : key;
      if (value !== '') values.tags[tagKey] = value;
    },
  };
}

const GROUP_OF_COLUMN: Readonly<Record<string, CostExplorerGroup>> = {
  ServiceName: SERVICE,
  ServiceCategory: SERVICE,
  SubAccountId: LINKED_ACCOUNT,
  RegionId: REGION,
  ChargeCategory: RECORD_TYPE,
};

/**
 * The `GroupBy` for report columns: ServiceName and ServiceCategory both ask for SERVICE (the
 * category is derived from the name), columns every row carries ask for nothing. Throws
 * `UnsupportedGroupColumnError` for a column Cost Explorer cannot give.
 */
export function costExplorerGroups(source: string, columns: readonly GroupColumn[]): CostExplorerGroup[] {
  const groups: CostExplorerGroup[] = [];
  const refuse = (column: string, reason: string) => new UnsupportedGroupColumnError(source, column, reason, COST_EXPLORER_GROUP_COLUMNS);
  for (const column of columns) {
    if ((CONSTANT_COLUMNS as readonly string[]).includes(column)) continue;
    let group: CostExplorerGroup | undefined;
    if (column.startsWith('tag:')) group = tagGroup(column.slice(4));
    else if (column === 'ResourceId') {
      throw refuse(column, 'Cost Explorer gives resource-level costs only through GetCostAndUsageWithResources, for the last 14 days and after opting in; report on a FOCUS export instead');
    } else if (column.startsWith('x_')) {
      throw refuse(column, 'Cost Explorer has no custom columns besides x_Estimated');
    } else group = GROUP_OF_COLUMN[column];
    if (!group) throw refuse(column, 'Cost Explorer has no dimension for it');
    const definition = group.definition;
    if (!groups.some((known) => known.definition.Type === definition.Type && known.definition.Key === definition.Key)) groups.push(group);
  }
  return groups;
}
