/**
 * The weekly cost report run on a schedule (EventBridge Scheduler on AWS, an FC timer on Alibaba
 * Cloud): the last `weeks` complete ISO weeks before the current one, written as JSON and HTML
 * under a key named after the last of them.
 *
 * Granularity is `week`: the range is made of whole ISO weeks, so every period is complete and
 * comparable. Anomalies are still found per day — aggregation keeps each group's daily series
 * whatever the granularity — and need the 7 days before them, which is why more than one week is
 * reported by default.
 *
 * Idempotent: the keys depend only on the week reported, so a retried or repeated run overwrites
 * its own output rather than adding to it.
 */
import type { AggregateOptions } from './aggregate';
import type { Decimal } from './decimal';
import type { GroupColumn } from './focus';
import { DAY_MS, formatDay, startOfPeriod } from './periods';
import { renderCostHtml } from './render-html';
import { buildCostReport } from './report';
import type { SourceReportRequest } from './report-request';
import type { ReportSink } from './sinks/sink';
import type { CostSource } from './sources/source';

/** Most weeks one run reports: within the range a source is asked for (`MAX_RANGE_DAYS`). */
export const MAX_REPORT_WEEKS = 52;
/** Key prefix of the objects written. */
export const DEFAULT_REPORT_PREFIX = 'cost-reports/';

/** What every scheduled run is given: the source it reads, the sink it writes to, and its time. */
export interface ScheduledRunOptions<Source extends CostSource = CostSource> {
  readonly source: Source;
  readonly sink: ReportSink;
  /** The time of the run (the schedule's time when known); it decides the period reported. */
  readonly clock: () => Date;
  /** Prepended to every key, e.g. `cost-reports/`. @default `cost-reports/` */
  readonly prefix?: string;
}

export interface ScheduledReportOptions extends ScheduledRunOptions {
  /** Columns to group by, at most two. */
  readonly groupBy: readonly GroupColumn[];
  /** Complete ISO weeks reported, 1 to `MAX_REPORT_WEEKS`, ending with the week before the current one. */
  readonly weeks: number;
  /** Monthly budget, one amount or by currency. @default no budget */
  readonly budget?: AggregateOptions['budget'];
  /** Smallest |change| reported as an anomaly. @default 1 (see anomalies.ts) */
  readonly anomalyFloor?: Decimal;
}

/** One currency's totals over the run's range. */
export interface CurrencyTotals {
  readonly currency: string;
  readonly BilledCost: string;
  readonly EffectiveCost: string;
}

/** What a run wrote. */
export interface ScheduledReportResult {
  /** The last week reported, `YYYY-Www` (ISO 8601). */
  readonly week: string;
  /** First day reported (a Monday), `YYYY-MM-DD`. */
  readonly from: string;
  /** The Monday after the last week reported (exclusive), `YYYY-MM-DD`. */
  readonly to: string;
  readonly keys: { readonly json: string; readonly html: string };
  /** Per currency, ordered by currency code. */
  readonly totals: readonly CurrencyTotals[];
}

/** Builds the report for the weeks before `clock()`'s week and writes its JSON and HTML to `sink`. */
export async function runScheduledReport(options: ScheduledReportOptions): Promise<ScheduledReportResult> {
  if (!Number.isInteger(options.weeks) || options.weeks < 1 || options.weeks > MAX_REPORT_WEEKS) {
    throw new RangeError(`weeks must be a whole number from 1 to ${MAX_REPORT_WEEKS} (got ${options.weeks})`);
  }
  const now = options.clock();
  const to = startOfPeriod(now.getTime(), 'week');
  const from = to - options.weeks * 7 * DAY_MS;
  const request: SourceReportRequest = {
    from,
    to,
    groupBy: options.groupBy,
    granularity: 'week',
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    ...(options.anomalyFloor === undefined ? {} : { anomalyFloor: options.anomalyFloor }),
  };
  const report = await buildCostReport(options.source, request);
  const week = isoWeekLabel(to - 7 * DAY_MS);
  const folder = `${options.prefix ?? DEFAULT_REPORT_PREFIX}${week}/`;
  const keys = { json: `${folder}cost-report.json`, html: `${folder}cost-report.html` };
  const html = renderCostHtml(report, {
    title: `Weekly cost report ${week}`,
    generatedAt: now.toISOString(),
    sources: [options.source.name],
    from: formatDay(from),
    to: formatDay(to),
    groupBy: options.groupBy,
    granularity: 'week',
  });
  await options.sink.put(keys.json, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  await options.sink.put(keys.html, html, 'text/html; charset=utf-8');
  return {
    week,
    from: formatDay(from),
    to: formatDay(to),
    keys,
    totals: report.reports.map(({ currency, totals }) => ({ currency, ...totals })),
  };
}

/** `YYYY-Www` of the ISO week starting on the Monday `monday` (UTC midnight, ms). */
function isoWeekLabel(monday: number): string {
  // The week belongs to the year of its Thursday; week 1 is the week holding 4 January.
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week1Monday = startOfPeriod(Date.UTC(year, 0, 4), 'week');
  const week = Math.round((monday - week1Monday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
