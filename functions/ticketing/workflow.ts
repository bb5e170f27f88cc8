import { DomainError, invalidField } from './errors';
import {
  AuditEvent,
  CHANGE_OUTCOMES,
  ChangeModel,
  ChangeOutcome,
  ChangePlans,
  HoldInterval,
  Principal,
  Ticket,
  TicketType,
} from './model';
import { mergePlans, missingPlans, plansOpen } from './plans';
import { applyUpdates, fieldChanges, TicketUpdates } from './record';
import { SlaPolicy, slaSnapshot } from './sla';

/** A state graph: each state's allowed next states. */
type StateGraph = Readonly<Record<string, readonly string[]>>;

/**
 * Incident: new → in_progress ⇄ on_hold → resolved → closed. An incident on hold may be resolved
 * directly; a resolved one may be reopened (→ in_progress) until it is closed; it may be canceled
 * until it is resolved.
 */
const INCIDENT: StateGraph = {
  new: ['in_progress', 'canceled'],
  in_progress: ['on_hold', 'resolved', 'canceled'],
  on_hold: ['in_progress', 'resolved', 'canceled'],
  resolved: ['in_progress', 'closed'],
  closed: [],
  canceled: [],
};

/** Problem: new → assess → root_cause_analysis → fix_in_progress → resolved → closed; canceled until resolved. */
const PROBLEM: StateGraph = {
  new: ['assess', 'canceled'],
  assess: ['root_cause_analysis', 'canceled'],
  root_cause_analysis: ['fix_in_progress', 'canceled'],
  fix_in_progress: ['resolved', 'canceled'],
  resolved: ['closed'],
  closed: [],
  canceled: [],
};

/** Normal change and release: new → assess → authorize → scheduled → implement → review → closed; canceled from any open state. */
const NORMAL_CHANGE: StateGraph = {
  new: ['assess', 'canceled'],
  assess: ['authorize', 'canceled'],
  authorize: ['scheduled', 'canceled'],
  scheduled: ['implement', 'canceled'],
  implement: ['review', 'canceled'],
  review: ['closed', 'canceled'],
  closed: [],
  canceled: [],
};

/** Standard change: pre-approved, so it goes straight from new to scheduled (no assess, no authorize). */
const STANDARD_CHANGE: StateGraph = { ...NORMAL_CHANGE, new: ['scheduled', 'canceled'] };

/**
 * Emergency change: skips assess (there is no time for a full assessment) but still needs plans and
 * an approver other than the requester at authorize, as an emergency CAB would give.
 */
const EMERGENCY_CHANGE: StateGraph = { ...NORMAL_CHANGE, new: ['authorize', 'canceled'] };

const TERMINAL_STATES = new Set(['closed', 'canceled']);

/** Every state, of any ticket type, that a ticket can still leave: what an open ticket is in. */
export const OPEN_STATES: readonly string[] = [
  ...new Set([INCIDENT, PROBLEM, NORMAL_CHANGE].flatMap((graph) => Object.keys(graph).filter((state) => !TERMINAL_STATES.has(state)))),
].sort();

/** What a caller asks for when moving a ticket; only the fields the transition accepts may be set. */
export interface TransitionRequest {
  /** The state to move to. */
  readonly to: string;
  /** Required to put an incident on hold; optional note when canceling or reopening. */
  readonly reason?: string;
  /** Required to resolve an incident; accepted when resolving a problem. */
  readonly resolutionCode?: string;
  /** Accepted when resolving. */
  readonly resolutionNotes?: string;
  /** Problems: required to resolve unless already recorded. */
  readonly rootCause?: string;
  /** Changes and releases: required to close. */
  readonly outcome?: ChangeOutcome;
  /** Changes and releases, while the plans are open (up to authorize): merged into the ticket's plans. */
  readonly plans?: ChangePlans;
}

/** The ticket after a transition and the audit event recording it. */
export interface TransitionResult {
  readonly ticket: Ticket;
  readonly event: AuditEvent;
}

/** Every ticket starts in `new`, whatever its type or change model. */
export function initialState(_type: TicketType, _changeModel?: ChangeModel): string {
  return 'new';
}

/** Whether no transition leaves this state. */
export function isTerminal(state: string): boolean {
  return TERMINAL_STATES.has(state);
}

/** The states the ticket may move to now (before any check on the request or the actor). */
export function nextStates(ticket: Pick<Ticket, 'type' | 'state' | 'changeModel'>): string[] {
  return [...(graphOf(ticket)[ticket.state] ?? [])];
}

/**
 * Moves a ticket to `request.to`, enforcing the state graph (409 listing the allowed states), the
 * fields each transition needs (422 naming the field) and the approval rule (403). Maintains the
 * timestamps, holds, version and SLA snapshot, and returns the `transitioned` audit event.
 *
 * A `reason` given when canceling or reopening is kept in the event as a work note.
 */
export function transition(ticket: Ticket, request: TransitionRequest, actor: Principal, now: string, policy: SlaPolicy): TransitionResult {
  const graph = graphOf(ticket);
  const from = ticket.state;
  const to = request.to;
  const allowed = nextStates(ticket);
  if (!(to in graph)) {
    throw invalidField('to', `${JSON.stringify(to)} is not a state of ${describe(ticket)} (states: ${Object.keys(graph).join(', ')})`, 'unknown_state');
  }
  if (!allowed.includes(to)) {
    const rule = allowed.length > 0 ? `allowed next states: ${allowed.join(', ')}` : `${from} is a final state`;
    throw new DomainError(409, 'transition_not_allowed', `cannot move ${describe(ticket)} from ${from} to ${to}; ${rule}`, { field: 'to', allowed });
  }

  const reopening = from === 'resolved' && to === 'in_progress';
  rejectFieldsNotAccepted(ticket, request, reopening);

  const updates: TicketUpdates = { state: to, updatedAt: now, version: ticket.version + 1 };
  if (request.plans) updates.plans = mergePlans(ticket.plans, request.plans);
  if (request.rootCause !== undefined) updates.rootCause = required(request.rootCause, 'rootCause', 'must not be empty');
  if (from === 'new' && !ticket.respondedAt) updates.respondedAt = now;

  const holds: HoldInterval[] = [...ticket.holds];
  if (from === 'on_hold') {
    const open = holds.findIndex((hold) => hold.to === undefined);
    if (open >= 0) holds[open] = { ...holds[open], to: now };
    updates.onHoldReason = undefined;
  }
  if (to === 'on_hold') {
    const reason = required(request.reason, 'reason', 'is required to put a ticket on hold');
    holds.push({ from: now, reason });
    updates.onHoldReason = reason;
  }
  if (reopening && ticket.resolvedAt) {
    holds.push({ from: ticket.resolvedAt, to: now, reason: 'resolved' });
    Object.assign(updates, { resolvedAt: undefined, resolutionCode: undefined, resolutionNotes: undefined });
  }
  if (holds.length !== ticket.holds.length || from === 'on_hold') updates.holds = holds;

  if (to === 'authorize') requirePlans(ticket, updates.plans ?? ticket.plans);
  if (from === 'authorize' && to === 'scheduled') updates.approver = approve(ticket, actor);
  if (to === 'resolved') resolve(ticket, request, updates, now);
  if (to === 'closed' && (ticket.type === 'change' || ticket.type === 'release')) {
    if (request.outcome === undefined) throw invalidField('outcome', `is required to close a ${ticket.type} (one of ${CHANGE_OUTCOMES.join(', ')})`);
    updates.outcome = request.outcome;
  }
  if (isTerminal(to)) updates.closedAt = now;

  const moved = applyUpdates(ticket, updates);
  const next = applyUpdates(moved, { sla: slaSnapshot(moved, now, policy) });
  const note = (to === 'canceled' || reopening) && request.reason?.trim() ? request.reason.trim() : undefined;
  const event: AuditEvent = {
    ticketId: ticket.id,
    seq: next.version,
    at: now,
    actor: actor.sub,
    kind: 'transitioned',
    changes: fieldChanges(ticket, next),
    ...(note && { comment: { visibility: 'work_note' as const, body: note } }),
  };
  return { ticket: next, event };
}

function graphOf(ticket: Pick<Ticket, 'type' | 'changeModel'>): StateGraph {
  switch (ticket.type) {
    case 'incident':
      return INCIDENT;
    case 'problem':
      return PROBLEM;
    case 'release':
      return NORMAL_CHANGE;
    case 'change':
      return ticket.changeModel === 'standard' ? STANDARD_CHANGE : ticket.changeModel === 'emergency' ? EMERGENCY_CHANGE : NORMAL_CHANGE;
  }
}

/** "an incident", "a normal change", … for messages. */
function describe(ticket: Pick<Ticket, 'type' | 'changeModel'>): string {
  if (ticket.type === 'change') return `a ${ticket.changeModel ?? 'normal'} change`;
  return ticket.type === 'incident' ? 'an incident' : `a ${ticket.type}`;
}

/** 422 for each request field this transition does not take, so a misplaced value is never silently dropped. */
function rejectFieldsNotAccepted(ticket: Ticket, request: TransitionRequest, reopening: boolean): void {
  const changeLike = ticket.type === 'change' || ticket.type === 'release';
  const accepts: Record<Exclude<keyof TransitionRequest, 'to'>, boolean> = {
    reason: request.to === 'on_hold' || request.to === 'canceled' || reopening,
    resolutionCode: request.to === 'resolved',
    resolutionNotes: request.to === 'resolved',
    rootCause: ticket.type === 'problem' && request.to !== 'canceled',
    outcome: changeLike && request.to === 'closed',
    plans: changeLike && plansOpen(ticket.state),
  };
  for (const field of Object.keys(accepts) as (keyof typeof accepts)[]) {
    if (request[field] !== undefined && !accepts[field]) {
      throw invalidField(field, `is not accepted when moving ${describe(ticket)} from ${ticket.state} to ${request.to}`, 'field_not_accepted');
    }
  }
  if (request.outcome !== undefined && !CHANGE_OUTCOMES.includes(request.outcome)) {
    throw invalidField('outcome', `${JSON.stringify(request.outcome)} is not one of ${CHANGE_OUTCOMES.join(', ')}`);
  }
}

function required(value: string | undefined, field: string, rule: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw invalidField(field, rule, 'field_required');
  return trimmed;
}

/** 422 naming every plan still missing when a change or release enters authorize. */
function requirePlans(ticket: Ticket, plans: ChangePlans | undefined): void {
  const missing = missingPlans(plans);
  if (missing.length > 0) {
    throw new DomainError(422, 'field_required', `${missing.join(', ')}: required before ${describe(ticket)} enters authorize (implementation, backout and test plans)`, {
      field: missing[0],
    });
  }
}

/** Leaving authorize for scheduled is the approval: only an approver who did not request the change. */
function approve(ticket: Ticket, actor: Principal): string {
  if (!actor.roles.includes('approver')) {
    throw new DomainError(403, 'approver_role_required', `only a user with the approver role may authorize ${describe(ticket)}`);
  }
  if (actor.sub === ticket.requester) {
    throw new DomainError(403, 'approver_is_requester', `approver must not be the requester (${ticket.requester})`);
  }
  return actor.sub;
}

function resolve(ticket: Ticket, request: TransitionRequest, updates: TicketUpdates, now: string): void {
  updates.resolvedAt = now;
  if (ticket.type === 'incident') {
    updates.resolutionCode = required(request.resolutionCode, 'resolutionCode', 'is required to resolve an incident');
  } else if (request.resolutionCode !== undefined) {
    updates.resolutionCode = required(request.resolutionCode, 'resolutionCode', 'must not be empty');
  }
  if (request.resolutionNotes !== undefined) updates.resolutionNotes = required(request.resolutionNotes, 'resolutionNotes', 'must not be empty');
  if (ticket.type === 'problem') {
    required(updates.rootCause ?? ticket.rootCause, 'rootCause', 'is required to resolve a problem (record it on the problem or in this request)');
  }
}
