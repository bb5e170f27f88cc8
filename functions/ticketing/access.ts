import type { Principal, Role, Ticket } from './model';

/** What a caller is asking to do; each maps to the roles allowed to do it. */
export type Action = 'create' | 'read' | 'list' | 'update' | 'transition' | 'comment' | 'read-events' | 'read-reports';

const ALLOWED: Record<Action, readonly Role[]> = {
  create: ['requester', 'agent', 'approver'],
  read: ['requester', 'agent', 'approver', 'auditor'],
  list: ['agent', 'approver', 'auditor'],
  update: ['agent'],
  transition: ['agent', 'approver'],
  comment: ['requester', 'agent', 'approver'],
  'read-events': ['agent', 'approver', 'auditor'],
  'read-reports': ['agent', 'approver', 'auditor'],
};

/** Roles that see every ticket; a caller with only `requester` sees the tickets raised for it. */
const STAFF: readonly Role[] = ['agent', 'approver', 'auditor'];

export function mayPerform(principal: Principal, action: Action): boolean {
  return principal.roles.some((role) => ALLOWED[action].includes(role));
}

/** Whether the ticket is visible at all to the caller: unseen tickets answer 404, not 403. */
export function maySee(principal: Principal, ticket: Ticket): boolean {
  return principal.roles.some((role) => STAFF.includes(role)) || ticket.requester === principal.sub;
}

/** Work notes are internal: a requester may only write public comments. */
export function mayWriteWorkNotes(principal: Principal): boolean {
  return principal.roles.some((role) => role === 'agent' || role === 'approver');
}

export function rolesFor(action: Action): readonly Role[] {
  return ALLOWED[action];
}
