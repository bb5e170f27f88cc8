/**
 * Top movers week over week: which groups' EffectiveCost changed most between the last two complete
 * ISO weeks (Monday to Sunday, UTC) of the data.
 *
 * Rules:
 * - A week is complete when its Sunday is on or before the last day with charges in the currency
 *   report and its Monday on or after the first: data ending on a Wednesday leaves that week out,
 *   and data starting mid-week leaves the first week out. The week reported is the last complete
 *   week; it is compared with the week before, which must be complete too. Fewer than two complete
 *   weeks: no movers (`null`).
 * - Per group: previous and current = the group's EffectiveCost in each week (a day without charges
 *   counts as 0), change = current − previous. A group new this week has previous 0; a group gone
 *   this week has current 0. Groups whose change is 0 are not movers.
 * - changePercent = change ÷ |previous| × 100 (dividing by |previous| keeps its sign the sign of the
 *   change when previous is negative, i.e. a credit), rounded half to even to 2 decimals; `null`
 *   when previous is 0.
 * - Order: |change| descending, rises and falls mixed; equal |change| keep the order of the series
 *   given (the report passes its groups: EffectiveCost descending, then key); the first `limit`
 *   are listed.
 */
import type { DailySeries } from './anomalies';
import { absDecimal, addDecimal, compareDecimal, decimalFromUnits, formatDecimal, multiplyByRatio, subtractDecimal, ZERO, type Decimal } from './decimal';
import { DAY_MS, periodBounds, startOfPeriod } from './periods';
import type { CostMover, WeekOverWeek } from './report-model';

/** Movers listed when the caller does not say. */
export const DEFAULT_MOVERS_LIMIT = 10;

const WEEK_MS = 7 * DAY_MS;
/** Hundredths of a percent: change × 100 × 100 ÷ |previous|, then scaled back to 2 decimals. */
const PERCENT_HUNDREDTHS = 10_000n;
const HUNDREDTHS_TO_UNITS = 10n ** 16n;

/**
 * Compares the last complete ISO week between `firstDay` and `lastDay` (UTC midnights of the first
 * and last days with charges, inclusive) with the week before; `null` when there are not two.
 */
export function weekOverWeekMovers(series: readonly DailySeries[], firstDay: number, lastDay: number, limit: number = DEFAULT_MOVERS_LIMIT): WeekOverWeek | null {
  const currentStart = lastCompleteWeekStart(lastDay);
  const previousStart = currentStart - WEEK_MS;
  if (previousStart < firstDay) return null;

  const movers: { mover: CostMover; size: Decimal }[] = [];
  for (const { key, days } of series) {
    const previous = weekCost(days, previousStart);
    const current = weekCost(days, currentStart);
    const change = subtractDecimal(current, previous);
    if (change === ZERO) continue;
    movers.push({
      mover: {
        key,
        previous: formatDecimal(previous),
        current: formatDecimal(current),
        change: formatDecimal(change),
        changePercent: previous === ZERO ? null : percentOf(change, previous),
      },
      size: absDecimal(change),
    });
  }
  movers.sort((a, b) => compareDecimal(b.size, a.size)); // stable: ties keep the series' order
  return {
    week: periodBounds(currentStart, 'week'),
    previousWeek: periodBounds(previousStart, 'week'),
    groups: movers.slice(0, Math.max(0, limit)).map((entry) => entry.mover),
  };
}

/** Monday of the last week whose Sunday is on or before `lastDay`. */
function lastCompleteWeekStart(lastDay: number): number {
  const monday = startOfPeriod(lastDay, 'week');
  return lastDay - monday === 6 * DAY_MS ? monday : monday - WEEK_MS;
}

function weekCost(days: ReadonlyMap<number, Decimal>, monday: number): Decimal {
  let sum = ZERO;
  for (let day = monday; day < monday + WEEK_MS; day += DAY_MS) sum = addDecimal(sum, days.get(day) ?? ZERO);
  return sum;
}

function percentOf(change: Decimal, previous: Decimal): string {
  const hundredths = multiplyByRatio(change, PERCENT_HUNDREDTHS, absDecimal(previous));
  return formatDecimal(decimalFromUnits(hundredths * HUNDREDTHS_TO_UNITS));
}
