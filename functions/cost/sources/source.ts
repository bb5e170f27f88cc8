/**
 * A place cost rows come from on request: FOCUS files, AWS Cost Explorer, Alibaba BSS OpenAPI.
 * The API route and the scheduled report ask a source for the rows of a date range and aggregate
 * them exactly as the CLI aggregates files, so all three give the same totals for the same data.
 */
import type { CostRow, GroupColumn } from '../focus';

/** What a report needs from a source. */
export interface CostQuery {
  /** First day, UTC midnight (ms), inclusive. */
  readonly from: number;
  /** Last day's end, UTC midnight (ms), exclusive (as in Cost Explorer). */
  readonly to: number;
  /**
   * Columns the report will group by. A source that groups server-side (Cost Explorer) asks for
   * these; a source of line items (files, BSS instance bills) may ignore them, since every row
   * carries every column it has.
   */
  readonly groupBy: readonly GroupColumn[];
}

/** Yields normalised rows, daily or finer, for `[from, to)`; errors name the source and item. */
export interface CostSource {
  /** Names the source in errors and report metadata, e.g. `aws-cost-explorer`. */
  readonly name: string;
  rows(query: CostQuery): AsyncIterable<CostRow>;
}
