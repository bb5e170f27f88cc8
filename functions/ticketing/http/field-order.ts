import type { AuditEvent, Ticket } from '../model';

/** Stores return attributes in any order; responses list them in this one, for people reading them. */
const TICKET_FIELDS: ReadonlyArray<keyof Ticket> = [
  'id', 'type', 'state', 'title', 'description', 'category', 'impact', 'urgency', 'priority', 'requester', 'assignee',
  'changeModel', 'plans', 'scheduledStart', 'scheduledEnd', 'approver', 'onHoldReason', 'resolutionCode', 'resolutionNotes',
  'outcome', 'knownError', 'rootCause', 'linkedChanges', 'createdAt', 'updatedAt', 'respondedAt', 'resolvedAt', 'closedAt',
  'holds', 'sla', 'version',
];
const EVENT_FIELDS: ReadonlyArray<keyof AuditEvent> = ['ticketId', 'seq', 'at', 'actor', 'kind', 'changes', 'comment'];

/** The same fields, the known ones first in `order`, any others after them as they came. */
function ordered<T extends object>(value: T, order: ReadonlyArray<keyof T>): T {
  const result: Partial<T> = {};
  for (const key of order) if (value[key] !== undefined) result[key] = value[key];
  return Object.assign(result, value) as T;
}

export const orderedTicket = (ticket: Ticket): Ticket => ordered(ticket, TICKET_FIELDS);
export const orderedEvent = (event: AuditEvent): AuditEvent => ordered(event, EVENT_FIELDS);
