/**
 * The scheduled cost report's settings from the environment, shared by the Lambda and Function
 * Compute entries. A malformed value stops the run at start, naming the variable and the rule.
 */
import type { AggregateOptions } from '../cost/aggregate';
import type { GroupColumn } from '../cost/focus';
import { parseBudget, parseGroupBy, ReportRequestError } from '../cost/report-request';
import { DEFAULT_REPORT_PREFIX, MAX_REPORT_WEEKS } from '../cost/scheduled-report';

/** Columns grouped by when COST_GROUP_BY is not set. */
const DEFAULT_GROUP_BY = 'ServiceName';
/** Weeks reported when COST_REPORT_WEEKS is not set: enough for anomalies (7 trailing days) and week-over-week movers. */
const DEFAULT_REPORT_WEEKS = 4;

export interface ScheduledReportSettings {
  /** COST_GROUP_BY: comma list of at most two group columns. @default ServiceName */
  readonly groupBy: readonly GroupColumn[];
  /** COST_REPORT_WEEKS: complete weeks reported. @default 4 */
  readonly weeks: number;
  /** COST_BUDGET: `1000` or `USD=1000,CNY=7000`. @default no budget */
  readonly budget?: AggregateOptions['budget'];
  /** REPORT_PREFIX: key prefix of the objects written. @default `cost-reports/` */
  readonly prefix: string;
}

export function scheduledReportSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ScheduledReportSettings {
  const groupBy = fromField('COST_GROUP_BY', () => parseGroupBy(env.COST_GROUP_BY || DEFAULT_GROUP_BY));
  const budget = env.COST_BUDGET ? fromField('COST_BUDGET', () => parseBudget(env.COST_BUDGET!)) : undefined;
  const weeksText = env.COST_REPORT_WEEKS || String(DEFAULT_REPORT_WEEKS);
  const weeks = Number(weeksText);
  if (!/^\d+$/.test(weeksText) || weeks < 1 || weeks > MAX_REPORT_WEEKS) {
    throw new Error(`COST_REPORT_WEEKS: must be a whole number from 1 to ${MAX_REPORT_WEEKS} (got ${JSON.stringify(weeksText)})`);
  }
  return { groupBy, weeks, ...(budget === undefined ? {} : { budget }), prefix: env.REPORT_PREFIX ?? DEFAULT_REPORT_PREFIX };
}

/** The time a scheduled run reports as of: the schedule's own time when the event carries it, else now. */
export function runTime(scheduledTime: string | undefined): Date {
  if (scheduledTime === undefined) return new Date();
  const time = new Date(scheduledTime);
  if (Number.isNaN(time.getTime())) throw new Error(`scheduled time ${JSON.stringify(scheduledTime)} is not an ISO 8601 time`);
  return time;
}

function fromField<T>(variable: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ReportRequestError) throw new Error(`${variable}: ${error.rule}`);
    throw error;
  }
}
