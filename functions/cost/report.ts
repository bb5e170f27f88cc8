/**
 * A cost report from a source: the one path the API route and the scheduled job share. The rows
 * of the request's range are streamed from the source into the same aggregation the CLI runs over
 * files, so all three give the same totals for the same data.
 */
import { aggregate } from './aggregate';
import type { CostReport } from './report-model';
import { costQueryFor, ReportRequestError, type SourceReportRequest } from './report-request';
import type { CostSource } from './sources/source';

/**
 * Asks `source` for the rows of `request`'s range and aggregates them. Throws the source's errors
 * as they are, and `ReportRequestError` (field `budget`) when one budget amount is given for data
 * billed in several currencies — something only the data can tell.
 */
export async function buildCostReport(source: CostSource, request: SourceReportRequest): Promise<CostReport> {
  let drained = false;
  async function* rows() {
    yield* source.rows(costQueryFor(request));
    drained = true;
  }
  try {
    return await aggregate(rows(), request);
  } catch (error) {
    // The request was checked before reading, so a RangeError once every row is read is the budget's.
    if (drained && error instanceof RangeError) throw new ReportRequestError('budget', error.message);
    throw error;
  }
}
