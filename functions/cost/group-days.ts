/**
 * The per-row half of aggregation: finds each row's group and adds its amounts to that group's sums
 * for the row's day. Everything else a report needs (periods, group and currency totals, daily
 * currency costs) is rolled up from these sums once reading is done, so a row costs one group look-up
 * and two exact additions.
 */
import { addDecimal, ZERO, type Decimal } from './decimal';
import { groupValue, type CostRow, type GroupColumn } from './focus';
import { ownString } from './own-string';

/** Exact sums of BilledCost and EffectiveCost. */
export interface Sums {
  billed: Decimal;
  effective: Decimal;
}

/** One group: its values (one per group-by column, `null` for none) and its sums by UTC day (ms). */
export interface GroupDays {
  readonly values: readonly (string | null)[];
  readonly days: Map<number, Sums>;
}

/** Nested look-up: one Map level per group-by column, the last level holding the groups. */
type Level = Map<string | null, Level | GroupDays>;

/** The groups of one currency's rows, found by their values without building a key string per row. */
export class GroupDayTable {
  /** Groups in the order first seen. */
  readonly groups: GroupDays[] = [];
  private readonly root: Level = new Map();
  private readonly readers: readonly ((row: CostRow) => string | null)[];
  // Rows of one group on one day often come together: the last sums used are tried first.
  private lastGroup: GroupDays | undefined;
  private lastDay = Number.NaN;
  private lastSums: Sums | undefined;

  constructor(columns: readonly GroupColumn[]) {
    this.readers = columns.map((column) => (row: CostRow) => groupValue(row, column));
  }

  /** Adds `row`'s amounts to its group's sums for `day`. */
  add(row: CostRow, day: number): void {
    const group = this.groupOf(row);
    let sums = group === this.lastGroup && day === this.lastDay ? this.lastSums : group.days.get(day);
    if (!sums) {
      sums = { billed: ZERO, effective: ZERO };
      group.days.set(day, sums);
    }
    sums.billed = addDecimal(sums.billed, row.BilledCost);
    sums.effective = addDecimal(sums.effective, row.EffectiveCost);
    this.lastGroup = group;
    this.lastDay = day;
    this.lastSums = sums;
  }

  private groupOf(row: CostRow): GroupDays {
    const { readers } = this;
    let level = this.root;
    const last = readers.length - 1;
    for (let i = 0; i < last; i++) {
      const value = readers[i](row);
      let next = level.get(value) as Level | undefined;
      if (!next) {
        next = new Map();
        level.set(keep(value), next);
      }
      level = next;
    }
    const value = last < 0 ? null : readers[last](row);
    let group = level.get(value) as GroupDays | undefined;
    if (!group) {
      // Values are kept for the whole run: keep copies, not views into the text they were read from.
      group = { values: readers.map((read) => keep(read(row))), days: new Map() };
      level.set(keep(value), group);
      this.groups.push(group);
    }
    return group;
  }
}

function keep(value: string | null): string | null {
  return value === null ? null : ownString(value);
}
