import { createHash } from 'node:crypto';
import { InvalidCursorError, type PageRequest, type TicketFilter } from './port';

/**
 * Opaque page cursors: base64url JSON of the position to resume after (an item key), bound to the
 * scope it was issued for (a list's filter, or one ticket's trail) and to a checksum, so a cursor
 * reused with another filter, or edited by hand, is refused instead of silently skipping items.
 * The checksum is not a secret: a forged cursor can only start a page at another position.
 */

interface CursorBody {
  /** Fingerprint of the scope. */
  readonly f: string;
  /** Position: the key of the last item returned. */
  readonly p: Record<string, string | number>;
  /** Checksum over f and p. */
  readonly c: string;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

function checksum(fingerprint: string, position: Record<string, string | number>): string {
  return digest(`${fingerprint}\n${JSON.stringify(position)}`);
}

/** Issues a cursor that resumes after `position` within `scope`. */
export function encodeCursor(scope: string, position: Record<string, string | number>): string {
  const f = digest(scope);
  const body: CursorBody = { f, p: position, c: checksum(f, position) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function isPosition(value: unknown): value is Record<string, string | number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((field) => typeof field === 'string' || typeof field === 'number')
  );
}

/** The position a cursor resumes after; InvalidCursorError unless this scope issued it unchanged. */
export function decodeCursor(cursor: string, scope: string): Record<string, string | number> {
  let body: Partial<CursorBody>;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof body !== 'object' || body === null || !isPosition(body.p) || body.f !== digest(scope) || body.c !== checksum(body.f, body.p)) {
    throw new InvalidCursorError();
  }
  return body.p;
}

/** Rejects a page size outside 1–100, naming the limit. */
export function checkPageRequest(page: PageRequest): void {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 100) {
    throw new RangeError(`limit must be an integer from 1 to 100, got ${page.limit}`);
  }
}

/** What identifies a list for its cursors: every filter but `now`, which moves between pages. */
export function filterScope(filter: TicketFilter): string {
  const { type, state, priority, assignee, breached } = filter;
  return `list:${JSON.stringify([type ?? null, state ?? null, priority ?? null, assignee ?? null, breached ?? null])}`;
}
