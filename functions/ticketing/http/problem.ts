import type { HttpResponse } from './types';

export interface ProblemFields {
  readonly status: number;
  /** Short, stable summary of the problem type, e.g. "Invalid request body". */
  readonly title: string;
  readonly detail: string;
  /** Dotted path of the offending field, when one is at fault. */
  readonly field?: string;
  /** Extra members of the problem document (RFC 9457 extensions). */
  readonly extensions?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/** An error the app answers with an `application/problem+json` response (RFC 9457). */
export class HttpProblem extends Error {
  constructor(readonly fields: ProblemFields) {
    super(fields.detail);
    this.name = 'HttpProblem';
  }
}

export function problemResponse(problem: ProblemFields, requestId: string): HttpResponse {
  const document = {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(problem.field === undefined ? {} : { field: problem.field }),
    ...problem.extensions,
    requestId,
  };
  return {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.headers },
    body: JSON.stringify(document),
  };
}
