/**
 * What the "cost over time" chart stacks: every period from the first to the last with charges
 * (periods without charges included, so time runs evenly), the largest groups each in their own
 * colour and the rest summed as "Other". Amounts stay exact here; only the drawing uses numbers.
 */
import { addDecimal, parseDecimal, ZERO, type Decimal } from './decimal';
import { groupLabel } from './html-text';
import { nextPeriodStart, parseDay, periodBounds, type Granularity } from './periods';
import type { GroupCost } from './report-model';

/** Groups drawn in their own colour; the rest are summed as "Other". */
export const STACKED_GROUPS = 8;

/** Colours of the stacked groups, largest first (Tableau 10, chosen to stay apart for colour-blind readers), then Other. */
export const SERIES_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7'] as const;
export const OTHER_COLOUR = '#9c9c9c';

/** One stacked layer: a group (or Other) and its EffectiveCost in each period of the stack. */
export interface StackSeries {
  readonly label: string;
  readonly colour: string;
  /** By period, in the order of `CostStack.periods`. */
  readonly amounts: readonly Decimal[];
}

/** The chart's data: periods on the x axis and the layers stacked in each. */
export interface CostStack {
  /** Start of each period, `YYYY-MM-DD`, ascending, without gaps. */
  readonly periods: readonly string[];
  /** Largest group first (drawn at the bottom), Other last. */
  readonly series: readonly StackSeries[];
  /** EffectiveCost of all groups in each period. */
  readonly totals: readonly Decimal[];
}

/**
 * Stacks `groups` (ordered largest EffectiveCost first, as in the report) per period of `granularity`.
 * "Other" appears only when it holds at least two groups: a single group is shown as itself.
 */
export function stackGroups(groups: readonly GroupCost[], granularity: Granularity, shown: number = STACKED_GROUPS): CostStack {
  const periods = periodsSpanned(groups, granularity);
  const index = new Map(periods.map((start, i) => [start, i]));
  const amountsOf = (members: readonly GroupCost[]) => {
    const amounts: Decimal[] = periods.map(() => ZERO);
    for (const group of members) {
      for (const period of group.periods) {
        const i = index.get(period.start)!;
        amounts[i] = addDecimal(amounts[i], parseDecimal(period.EffectiveCost));
      }
    }
    return amounts;
  };
  const own = groups.length <= shown + 1 ? groups : groups.slice(0, shown);
  const series: StackSeries[] = own.map((group, i) => ({ label: groupLabel(group.key), colour: SERIES_COLOURS[i % SERIES_COLOURS.length], amounts: amountsOf([group]) }));
  if (own.length < groups.length) series.push({ label: `Other (${groups.length - own.length} groups)`, colour: OTHER_COLOUR, amounts: amountsOf(groups.slice(own.length)) });
  return { periods, series, totals: amountsOf(groups) };
}

function periodsSpanned(groups: readonly GroupCost[], granularity: Granularity): string[] {
  const starts = new Set(groups.flatMap((group) => group.periods.map((period) => period.start)));
  if (!starts.size) return [];
  const sorted = [...starts].sort();
  const last = parseDay(sorted[sorted.length - 1])!;
  // Fill the gaps between periods with charges; a period start the granularity would not produce is kept as given.
  for (let start = parseDay(sorted[0])!; start < last; start = nextPeriodStart(start, granularity)) starts.add(periodBounds(start, granularity).start);
  return [...starts].sort();
}
