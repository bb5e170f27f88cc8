/**
 * The cost report as written to JSON (and flattened to CSV). Every amount is decimal text
 * (`"1234.5678"`), never a JSON number, so nothing is lost to binary floating point.
 */
import type { PeriodBounds } from './periods';

/** Costs of one group (or one currency) in one period `[start, end)`. */
export interface PeriodCost {
  /** First day of the period, `YYYY-MM-DD`. */
  readonly start: string;
  /** Day after the last day of the period (exclusive), `YYYY-MM-DD`. */
  readonly end: string;
  readonly BilledCost: string;
  readonly EffectiveCost: string;
}

/** The value of each grouped column (`null` when rows had none), by column (`ServiceName`, `tag:env`). */
export type GroupKey = Readonly<Record<string, string | null>>;

/** Costs of one group over the report, and per period (only periods with charges, ascending). */
export interface GroupCost {
  readonly key: GroupKey;
  readonly BilledCost: string;
  readonly EffectiveCost: string;
  readonly periods: readonly PeriodCost[];
}

/** Budget state for the last month of the report. See `budget.ts` for the rules. */
export interface BudgetStatus {
  /** Month evaluated, `YYYY-MM`. */
  readonly month: string;
  /** Monthly budget, in the report's currency. */
  readonly amount: string;
  /** EffectiveCost charged in the month so far. */
  readonly actual: string;
  /** Linear forecast of the month's EffectiveCost at month end. */
  readonly forecast: string;
  /** Days from the 1st through the last day with charges, inclusive. */
  readonly daysElapsed: number;
  readonly daysInMonth: number;
  /** `over`: actual already above budget; `forecast_over`: forecast above it; else `ok`. */
  readonly status: 'ok' | 'forecast_over' | 'over';
}

/** A day on which a group's EffectiveCost departed from its trailing baseline. See `anomalies.ts`. */
export interface CostAnomaly {
  readonly key: GroupKey;
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** EffectiveCost of the group that day. */
  readonly cost: string;
  /** Mean EffectiveCost of the 7 days before. */
  readonly baseline: string;
  /** cost − baseline: positive for a spike, negative for a drop. */
  readonly change: string;
}

/** One group's EffectiveCost in two consecutive ISO weeks. See `movers.ts`. */
export interface CostMover {
  readonly key: GroupKey;
  /** EffectiveCost in the previous week. */
  readonly previous: string;
  /** EffectiveCost in the week reported. */
  readonly current: string;
  /** current − previous: positive when cost went up. */
  readonly change: string;
  /** change ÷ |previous| × 100, rounded half to even to 2 decimals; `null` when previous is 0. */
  readonly changePercent: string | null;
}

/** Top movers week over week: the last complete ISO week of the data against the week before. */
export interface WeekOverWeek {
  /** The last complete week, Monday to the next Monday (exclusive), `YYYY-MM-DD`. */
  readonly week: PeriodBounds;
  /** The week before it. */
  readonly previousWeek: PeriodBounds;
  /** Groups whose cost changed, biggest |change| first, then key. */
  readonly groups: readonly CostMover[];
}

/** Everything reported for one billing currency; amounts of different currencies are never added. */
export interface CurrencyReport {
  /** ISO 4217 code of every amount in this report. */
  readonly currency: string;
  /** Ordered by EffectiveCost descending, then key. */
  readonly groups: readonly GroupCost[];
  readonly totals: { readonly BilledCost: string; readonly EffectiveCost: string };
  /** `null` when no budget was given for this currency. */
  readonly budget: BudgetStatus | null;
  /** Ordered by day, then size of change descending, then key. */
  readonly anomalies: readonly CostAnomaly[];
  /** `null` when the data holds fewer than two complete ISO weeks. */
  readonly movers: WeekOverWeek | null;
}

/** One report per billing currency found, ordered by currency code. */
export interface CostReport {
  readonly reports: readonly CurrencyReport[];
}
