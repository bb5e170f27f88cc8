/**
 * A cost source over a fixed list of FOCUS export files (CSV, plain or gzip, or Parquet): the local server's
 * and tests' source. Files are read afresh on every query, streamed, and filtered to the query's
 * days by ChargePeriodStart, as `aggregate` filters them.
 */
import type { CostRow } from '../focus';
import { readFocusFiles } from '../read-focus';
import type { CostQuery, CostSource } from './source';

/** Rows of FOCUS files whose ChargePeriodStart falls in `[from, to)`. */
export class FocusFileSource implements CostSource {
  readonly name: string;
  /** The files read, in order. */
  readonly files: readonly string[];

  /**
   * @param files FOCUS export files, read in this order on every query.
   * @param name names the source in errors and report metadata. @default 'focus-files'
   */
  constructor(files: readonly string[], name = 'focus-files') {
    if (files.length === 0) throw new RangeError('FocusFileSource needs at least one file');
    this.files = [...files];
    this.name = name;
  }

  async *rows(query: CostQuery): AsyncGenerator<CostRow> {
    for await (const row of readFocusFiles(this.files)) {
      if (row.ChargePeriodStart >= query.from && row.ChargePeriodStart < query.to) yield row;
    }
  }
}
