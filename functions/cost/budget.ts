/**
 * Monthly budget check on EffectiveCost (amortised, so an upfront commitment purchase does not get
 * multiplied by the linear forecast as if it recurred daily).
 *
 * Rules:
 * - The month evaluated is the month of the last day with charges in the report (its latest
 *   ChargePeriodStart): exports lag by a day or two, so the data, not the clock, says how far the
 *   month has gone.
 * - actual = EffectiveCost of every charge starting in that month.
 * - daysElapsed = days from the 1st through that last day with charges, inclusive.
 * - forecast = actual ÷ daysElapsed × daysInMonth, rounded half to even at 18 fractional digits;
 *   once the month is complete it equals actual.
 * - status: `over` when actual > budget, else `forecast_over` when forecast > budget, else `ok`
 *   (spending exactly the budget is within it).
 */
import { addDecimal, compareDecimal, formatDecimal, multiplyByRatio, ZERO, type Decimal } from './decimal';
import { DAY_MS, daysInMonth, formatDay, startOfPeriod } from './periods';
import type { BudgetStatus } from './report-model';

/**
 * Evaluates `budget` against daily EffectiveCost totals (keyed by the day's UTC midnight, ms).
 * `lastDay` is the last day with charges; the caller passes it since days may net to zero.
 */
export function evaluateBudget(dailyEffectiveCost: ReadonlyMap<number, Decimal>, lastDay: number, budget: Decimal): BudgetStatus {
  const monthStart = startOfPeriod(lastDay, 'month');
  let actual = ZERO;
  for (const [day, cost] of dailyEffectiveCost) {
    if (day >= monthStart && day <= lastDay) actual = addDecimal(actual, cost);
  }
  const daysElapsed = Math.round((lastDay - monthStart) / DAY_MS) + 1;
  const monthDays = daysInMonth(monthStart);
  const forecast = multiplyByRatio(actual, BigInt(monthDays), BigInt(daysElapsed));
  const status = compareDecimal(actual, budget) > 0 ? 'over' : compareDecimal(forecast, budget) > 0 ? 'forecast_over' : 'ok';
  return {
    month: formatDay(monthStart).slice(0, 7),
    amount: formatDecimal(budget),
    actual: formatDecimal(actual),
    forecast: formatDecimal(forecast),
    daysElapsed,
    daysInMonth: monthDays,
    status,
  };
}
