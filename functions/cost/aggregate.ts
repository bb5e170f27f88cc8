/**
 * Streaming aggregation of normalised cost rows into a `CostReport`: one report per billing
 * currency, grouped by up to two columns, per day / ISO week / month (UTC).
 *
 * Rows are consumed one at a time; memory grows with groups × days, never with rows. A row counts
 * whole in the period of its ChargePeriodStart (no proration of multi-day charges), so every total
 * reconciles exactly with the sum of the input rows kept by the date filter.
 */
import { evaluateBudget } from './budget';
import { detectAnomalies } from './anomalies';
import { addDecimal, compareDecimal, formatDecimal, ZERO, type Decimal } from './decimal';
import { inBatches } from './flatten-batches';
import type { CostRow, GroupColumn } from './focus';
import { GroupDayTable, type GroupDays, type Sums } from './group-days';
import { weekOverWeekMovers } from './movers';
import { periodBounds, startOfDay, startOfPeriod, type Granularity } from './periods';
import type { CostReport, CurrencyReport, GroupCost, GroupKey } from './report-model';

/** Most columns a report groups by. */
export const MAX_GROUP_COLUMNS = 2;

/** What to aggregate and how. */
export interface AggregateOptions {
  /** Columns to group by, at most two. @default [] (one group holding everything) */
  readonly groupBy?: readonly GroupColumn[];
  /** Period size of each group's breakdown. */
  readonly granularity: Granularity;
  /** Keep rows whose ChargePeriodStart is at or after this UTC midnight (ms). @default no lower bound */
  readonly from?: number;
  /** Keep rows whose ChargePeriodStart is before this UTC midnight (ms): the bound is exclusive, as in Cost Explorer. @default no upper bound */
  readonly to?: number;
  /**
   * Monthly budget: one amount for a single-currency report, or amounts by currency code.
   * @default no budget
   */
  readonly budget?: Decimal | Readonly<Record<string, Decimal>>;
  /** Smallest |change| reported as an anomaly, in each report's currency. @default 1 */
  readonly anomalyFloor?: Decimal;
}

interface GroupAccumulator extends Sums {
  readonly values: readonly (string | null)[];
  readonly periods: Map<number, Sums>;
  readonly days: Map<number, Decimal>;
}

interface CurrencyAccumulator extends Sums {
  readonly groups: GroupAccumulator[];
  readonly days: Map<number, Decimal>;
  firstDay: number;
  lastDay: number;
}

/** Aggregates `rows` as `options` say; throws `RangeError` for options that cannot apply. */
export async function aggregate(rows: AsyncIterable<CostRow> | Iterable<CostRow>, options: AggregateOptions): Promise<CostReport> {
  const groupBy = options.groupBy ?? [];
  if (groupBy.length > MAX_GROUP_COLUMNS) throw new RangeError(`group by at most ${MAX_GROUP_COLUMNS} columns, got ${groupBy.length}`);
  if (new Set(groupBy).size !== groupBy.length) throw new RangeError(`group-by columns must differ, got ${groupBy.join(', ')}`);
  if (options.from !== undefined && options.to !== undefined && options.to <= options.from) {
    throw new RangeError('the to date must be after the from date (to is exclusive)');
  }
  const tables = new Map<string, GroupDayTable>();
  for await (const batch of inBatches(rows)) {
    for (const row of batch) {
      const start = row.ChargePeriodStart;
      if ((options.from !== undefined && start < options.from) || (options.to !== undefined && start >= options.to)) continue;
      let table = tables.get(row.BillingCurrency);
      if (!table) {
        table = new GroupDayTable(groupBy);
        tables.set(row.BillingCurrency, table);
      }
      table.add(row, startOfDay(start));
    }
  }
  const codes = [...tables.keys()].sort();
  const budgets = budgetsByCurrency(options.budget, codes);
  return {
    reports: codes.map((code) => currencyReport(code, rollUp(tables.get(code)!.groups, options.granularity), groupBy, options, budgets[code])),
  };
}

/** A currency's totals, daily costs and groups with their periods, from its groups' daily sums. */
function rollUp(found: readonly GroupDays[], granularity: Granularity): CurrencyAccumulator {
  const currency: CurrencyAccumulator = { billed: ZERO, effective: ZERO, groups: [], days: new Map(), firstDay: Infinity, lastDay: -Infinity };
  for (const { values, days } of found) {
    const group: GroupAccumulator = { values, billed: ZERO, effective: ZERO, periods: new Map(), days: new Map() };
    for (const [day, sums] of days) {
      addTo(group, sums);
      group.days.set(day, sums.effective);
      const periodStart = startOfPeriod(day, granularity);
      let period = group.periods.get(periodStart);
      if (!period) {
        period = { billed: ZERO, effective: ZERO };
        group.periods.set(periodStart, period);
      }
      addTo(period, sums);
      currency.days.set(day, addDecimal(currency.days.get(day) ?? ZERO, sums.effective));
      currency.firstDay = Math.min(currency.firstDay, day);
      currency.lastDay = Math.max(currency.lastDay, day);
    }
    addTo(currency, group);
    currency.groups.push(group);
  }
  return currency;
}

function addTo(sums: Sums, amounts: Sums): void {
  sums.billed = addDecimal(sums.billed, amounts.billed);
  sums.effective = addDecimal(sums.effective, amounts.effective);
}

function budgetsByCurrency(budget: AggregateOptions['budget'], codes: readonly string[]): Readonly<Record<string, Decimal>> {
  if (budget === undefined) return {};
  if (typeof budget !== 'bigint') return budget;
  if (codes.length > 1) {
    throw new RangeError(`a budget without a currency is ambiguous: the input bills in ${codes.join(', ')}; give one per currency (${codes.map((c) => `${c}=<amount>`).join(',')})`);
  }
  return codes.length ? { [codes[0]]: budget } : {};
}

function currencyReport(code: string, currency: CurrencyAccumulator, groupBy: readonly GroupColumn[], options: AggregateOptions, budget: Decimal | undefined): CurrencyReport {
  const keyOf = (values: readonly (string | null)[]): GroupKey => Object.fromEntries(groupBy.map((column, i) => [column, values[i]]));
  const ordered = [...currency.groups].sort((a, b) => compareDecimal(b.effective, a.effective) || compareValues(a.values, b.values));
  const dailySeries = ordered.map((group) => ({ key: keyOf(group.values), days: group.days }));
  const groups: GroupCost[] = ordered.map((group) => ({
    key: keyOf(group.values),
    BilledCost: formatDecimal(group.billed),
    EffectiveCost: formatDecimal(group.effective),
    periods: [...group.periods.entries()]
      .sort(([a], [b]) => a - b)
      .map(([start, sums]) => ({ ...periodBounds(start, options.granularity), BilledCost: formatDecimal(sums.billed), EffectiveCost: formatDecimal(sums.effective) })),
  }));
  return {
    currency: code,
    groups,
    totals: { BilledCost: formatDecimal(currency.billed), EffectiveCost: formatDecimal(currency.effective) },
    budget: budget === undefined ? null : evaluateBudget(currency.days, currency.lastDay, budget),
    anomalies: detectAnomalies(dailySeries, currency.firstDay, currency.lastDay, options.anomalyFloor),
    movers: weekOverWeekMovers(dailySeries, currency.firstDay, currency.lastDay),
  };
}

/** Orders group values as text, code point by code point, with "no value" first. */
function compareValues(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === null) return -1;
    if (b[i] === null) return 1;
    return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}
