/** HTTP-like status of a domain refusal: the caller may not (403), the state forbids it (409), the input is wrong (422). */
export type DomainErrorStatus = 403 | 409 | 422;

/** What the caller can use besides the message: the field at fault and, for a refused transition, the states allowed. */
export interface DomainErrorDetails {
  /** Dotted path of the field at fault, e.g. `reason` or `plans.backout`. */
  readonly field?: string;
  /** For a refused transition: the states the ticket may move to now. */
  readonly allowed?: readonly string[];
}

/**
 * A rule of the ticketing domain refused a request. The message names the field and the rule; the
 * HTTP layer maps `status` and `code` onto the response as they are.
 */
export class DomainError extends Error {
  /** Dotted path of the field at fault, when one field is. */
  readonly field?: string;
  /** For a refused transition: the states the ticket may move to now. */
  readonly allowed?: string[];

  constructor(
    /** 403, 409 or 422. */
    readonly status: DomainErrorStatus,
    /** Stable, machine-readable reason, e.g. `transition_not_allowed`. */
    readonly code: string,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    if (details.field !== undefined) this.field = details.field;
    if (details.allowed !== undefined) this.allowed = [...details.allowed];
  }
}

/** 422: `field` is missing or breaks `rule`; the message reads `<field>: <rule>`. */
export function invalidField(field: string, rule: string, code = 'invalid_field'): DomainError {
  return new DomainError(422, code, `${field}: ${rule}`, { field });
}
