/**
 * Daily cost anomalies per group.
 *
 * Rule: for each group and each day d whose 7 preceding days all lie in the report (d − 7 ≥ the
 * currency report's first day with charges) up to its last day with charges, take x = the group's EffectiveCost on d
 * and the trailing window w = its EffectiveCost on d−7 … d−1 (a day without charges counts as 0).
 * mean = Σw ÷ 7; MAD = Σ|wᵢ − mean| ÷ 7 (mean absolute deviation). The day is an anomaly when
 *   |x − mean| > max(3 × MAD, 20 % × |mean|)  and  |x − mean| ≥ floor,
 * i.e. it departs from the baseline by more than its usual day-to-day noise, by a share of its level,
 * and by an amount worth a look (the floor, in the report's currency, default 1). Drops are flagged
 * as well as spikes (a service that stops costing may have stopped working).
 */
import { absDecimal, addDecimal, compareDecimal, formatDecimal, multiplyByRatio, parseDecimal, subtractDecimal, ZERO, type Decimal } from './decimal';
import { DAY_MS, formatDay } from './periods';
import type { CostAnomaly, GroupKey } from './report-model';

/** Days in the trailing baseline window. */
export const BASELINE_DAYS = 7;
/** Default smallest |change| reported, in the report's currency. */
export const DEFAULT_ANOMALY_FLOOR = parseDecimal('1');

/** One group's daily EffectiveCost, keyed by the day's UTC midnight (ms). */
export interface DailySeries {
  readonly key: GroupKey;
  readonly days: ReadonlyMap<number, Decimal>;
}

/** Lists the anomalies of every series between `firstDay` and `lastDay` (UTC midnights, inclusive). */
export function detectAnomalies(series: readonly DailySeries[], firstDay: number, lastDay: number, floor: Decimal = DEFAULT_ANOMALY_FLOOR): CostAnomaly[] {
  const found: { anomaly: CostAnomaly; day: number; size: Decimal; keyText: string }[] = [];
  const window = BigInt(BASELINE_DAYS);
  for (const { key, days } of series) {
    const cost = (day: number) => days.get(day) ?? ZERO;
    for (let day = firstDay + BASELINE_DAYS * DAY_MS; day <= lastDay; day += DAY_MS) {
      const trailing = Array.from({ length: BASELINE_DAYS }, (_, i) => cost(day - (BASELINE_DAYS - i) * DAY_MS));
      const mean = multiplyByRatio(trailing.reduce(addDecimal, ZERO), 1n, window);
      const mad = multiplyByRatio(trailing.map((w) => absDecimal(subtractDecimal(w, mean))).reduce(addDecimal, ZERO), 1n, window);
      const x = cost(day);
      const change = subtractDecimal(x, mean);
      const size = absDecimal(change);
      const threshold = maxDecimal(multiplyByRatio(mad, 3n, 1n), multiplyByRatio(absDecimal(mean), 1n, 5n));
      if (compareDecimal(size, threshold) > 0 && compareDecimal(size, floor) >= 0) {
        found.push({
          anomaly: { key, day: formatDay(day), cost: formatDecimal(x), baseline: formatDecimal(mean), change: formatDecimal(change) },
          day,
          size,
          keyText: JSON.stringify(key),
        });
      }
    }
  }
  found.sort((a, b) => a.day - b.day || compareDecimal(b.size, a.size) || (a.keyText < b.keyText ? -1 : a.keyText > b.keyText ? 1 : 0));
  return found.map((entry) => entry.anomaly);
}

function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return compareDecimal(a, b) >= 0 ? a : b;
}
