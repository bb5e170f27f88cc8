import { IdempotencyConflictError, InvalidCursorError, VersionConflictError } from '../../store/port';
import { DomainError } from '../errors';
import { etag } from './io';
import { HttpProblem, type ProblemFields } from './problem';

/** Problem details for an error the app expects; undefined for anything else (a 500). */
export function problemFor(error: unknown): ProblemFields | undefined {
  if (error instanceof HttpProblem) return error.fields;
  if (error instanceof DomainError) {
    const titles: Record<number, string> = { 403: 'Forbidden', 409: 'Conflict', 422: 'Unprocessable request' };
    return {
      status: error.status,
      title: titles[error.status] ?? 'Request refused',
      detail: error.message,
      field: error.field,
      extensions: { code: error.code, ...(error.allowed ? { allowed: error.allowed } : {}) },
    };
  }
  if (error instanceof VersionConflictError) {
    const current = error.current?.version;
    return {
      status: 412,
      title: 'Precondition failed',
      detail: current === undefined ? 'the ticket no longer exists' : `If-Match: the ticket is at version ${current}; read it again and retry`,
      field: 'If-Match',
      extensions: current === undefined ? {} : { currentVersion: current },
      headers: current === undefined ? {} : { etag: etag(current) },
    };
  }
  if (error instanceof IdempotencyConflictError) {
    return {
      status: 422,
      title: 'Idempotency key reused',
      detail: `Idempotency-Key: ${error.message}`,
      field: 'Idempotency-Key',
    };
  }
  if (error instanceof InvalidCursorError) {
    return { status: 400, title: 'Invalid query parameter', detail: `cursor: ${error.message}`, field: 'cursor' };
  }
  return undefined;
}
