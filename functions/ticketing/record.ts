import type { FieldChange, Ticket } from './model';

/**
 * Ticket fields an audit event reports, in the order it reports them. Bookkeeping that changes on
 * every write (`version`, `updatedAt`, the derived `sla` snapshot) and the immutable id are left out.
 */
export const AUDITED_FIELDS = [
  'type',
  'state',
  'title',
  'description',
  'category',
  'impact',
  'urgency',
  'priority',
  'requester',
  'assignee',
  'changeModel',
  'plans',
  'scheduledStart',
  'scheduledEnd',
  'approver',
  'onHoldReason',
  'resolutionCode',
  'resolutionNotes',
  'outcome',
  'knownError',
  'rootCause',
  'linkedChanges',
  'createdAt',
  'respondedAt',
  'resolvedAt',
  'closedAt',
  'holds',
] as const satisfies readonly (keyof Ticket)[];

/** A field value to set, or `undefined` to remove the field. */
export type TicketUpdates = { -readonly [K in keyof Ticket]?: Ticket[K] | undefined };

/**
 * The ticket with `updates` applied. A field updated to `undefined` is removed rather than kept
 * with an undefined value, so stores never see one.
 */
export function applyUpdates(ticket: Ticket, updates: TicketUpdates): Ticket {
  const next: Record<string, unknown> = { ...ticket, ...updates };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next as unknown as Ticket;
}

/** One entry per audited field whose value differs; `from`/`to` are absent where the field is. */
export function fieldChanges(before: Partial<Ticket>, after: Partial<Ticket>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of AUDITED_FIELDS) {
    const from = before[field];
    const to = after[field];
    if (sameValue(from, to)) continue;
    changes.push({ field, ...(from !== undefined && { from }), ...(to !== undefined && { to }) });
  }
  return changes;
}

/** Deep equality for the JSON values a ticket holds; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item) ?? 'null').join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
