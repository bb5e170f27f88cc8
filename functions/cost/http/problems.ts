/**
 * Problem details for the errors a cost report can end in. The caller's own input is a 400 naming
 * the query parameter; a billing service that throttles is a 503 with Retry-After; a billing
 * service that refuses our credentials or fails is a 502. Nothing the caller sent is a 500.
 */
import { HttpProblem, type ProblemFields } from '../../ticketing/http/problem';
import { CostInputError } from '../errors';
import { ReportRequestError } from '../report-request';
import { CostSourceError, UnsupportedGroupColumnError } from '../sources/errors';

/** Seconds a caller is asked to wait after the billing service throttled us. */
export const THROTTLED_RETRY_AFTER_SECONDS = 10;

/** The app has no cost data to report on: a setting is missing. */
export class SourceNotConfiguredError extends Error {
  constructor(
    /** The setting to fill, e.g. `COST_FOCUS_FILES`. */
    readonly setting: string,
    /** What the setting holds. */
    readonly hint: string,
  ) {
    super(`no cost data configured: set ${setting} (${hint})`);
    this.name = 'SourceNotConfiguredError';
  }
}

/**
 * Whether an expected error still needs an operator: the billing service refused the function's
 * credentials or failed, or its data could not be read. The caller's own mistakes and throttling
 * do not; unexpected errors are logged as 500s anyway.
 */
export function needsOperator(error: unknown): boolean {
  return (error instanceof CostSourceError && (error.failure === 'denied' || error.failure === 'unavailable')) || error instanceof CostInputError;
}

/** Problem details for an error a cost report is expected to end in; undefined for anything else (a 500). */
export function costProblemFor(error: unknown): ProblemFields | undefined {
  if (error instanceof HttpProblem) return error.fields;
  if (error instanceof ReportRequestError) {
    return { status: 400, title: 'Invalid query parameter', detail: error.message, field: error.field };
  }
  if (error instanceof UnsupportedGroupColumnError) {
    return { status: 400, title: 'Invalid query parameter', detail: `groupBy: ${error.message}`, field: 'groupBy', extensions: { accepted: error.accepted } };
  }
  if (error instanceof SourceNotConfiguredError) {
    return { status: 503, title: 'No cost data configured', detail: error.message, extensions: { setting: error.setting } };
  }
  if (error instanceof CostSourceError) return sourceProblem(error);
  if (error instanceof CostInputError) {
    return { status: 502, title: 'Unusable cost data', detail: `the cost data could not be read: ${error.message}` };
  }
  return undefined;
}

function sourceProblem(error: CostSourceError): ProblemFields {
  const extensions = { source: error.source, operation: error.operation, code: error.code };
  switch (error.failure) {
    case 'invalid-request':
      return { status: 400, title: 'Refused by the billing service', detail: error.message, extensions };
    case 'throttled':
      return {
        status: 503,
        title: 'Billing service busy',
        detail: `${error.message}; retry in ${THROTTLED_RETRY_AFTER_SECONDS} seconds`,
        extensions,
        headers: { 'retry-after': String(THROTTLED_RETRY_AFTER_SECONDS) },
      };
    case 'denied':
      return { status: 502, title: 'Billing service refused access', detail: `${error.source} refused the service's credentials; it has been logged`, extensions };
    default:
      return { status: 502, title: 'Billing service failed', detail: error.message, extensions };
  }
}
