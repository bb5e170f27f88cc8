/**
 * Errors a cost source raises besides `CostInputError` (which names the source, API call and item
 * of a value that cannot be read). Both carry what an API maps to a status without parsing text.
 */

/** A report asked a source to group by a column the source cannot fill; a caller error (400). */
export class UnsupportedGroupColumnError extends RangeError {
  constructor(
    /** Source asked, e.g. `aws-cost-explorer`. */
    readonly source: string,
    /** Group column refused, as given. */
    readonly column: string,
    /** Why the source cannot fill it. */
    readonly reason: string,
    /** Group columns the source accepts, in words (e.g. `tag:<key>`). */
    readonly accepted: readonly string[],
  ) {
    super(`${source} cannot group by ${column}: ${reason}; it can group by ${accepted.join(', ')}`);
    this.name = 'UnsupportedGroupColumnError';
  }
}

/**
 * Why a billing service refused or failed a call:
 * - `throttled`: too many requests, still after the client's retries; try again later (429/503).
 * - `denied`: credentials unknown, signature wrong or permission missing (an operator's fix; 502).
 * - `invalid-request`: the service refused the parameters (e.g. a date range beyond its history).
 * - `unavailable`: the service failed or could not be reached (502/503).
 */
export type CostSourceFailure = 'throttled' | 'denied' | 'invalid-request' | 'unavailable';

/** A billing service call failed. The message names the source, the API call, the service's code and message. */
export class CostSourceError extends Error {
  constructor(
    /** Source whose call failed, e.g. `alibaba-bss`. */
    readonly source: string,
    /** API operation, e.g. `GetCostAndUsage`. */
    readonly operation: string,
    /** What kind of failure, for mapping to a status. */
    readonly failure: CostSourceFailure,
    /** The service's error code, e.g. `LimitExceededException`, `Throttling.User`. */
    readonly code: string,
    /** The service's message, or a description of the failure. */
    readonly detail: string,
  ) {
    super(`${source} ${operation} failed (${code}): ${detail}`);
    this.name = 'CostSourceError';
  }
}
