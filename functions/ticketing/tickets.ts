import { DomainError, invalidField } from './errors';
import type { AuditEvent, ChangeModel, ChangePlans, Level, Principal, Ticket, TicketType } from './model';
import { priorityOf } from './priority';
import { applyUpdates, fieldChanges, TicketUpdates } from './record';
import { SlaPolicy, slaSnapshot } from './sla';
import { mergePlans, plansOpen } from './plans';
import { initialState, isTerminal } from './workflow';

/** A new ticket as the HTTP layer hands it over: shapes are checked, cross-field rules are not. */
export interface CreateTicketInput {
  readonly type: TicketType;
  readonly title: string;
  readonly description: string;
  readonly category?: string;
  readonly impact: Level;
  readonly urgency: Level;
  readonly assignee?: string;
  /** Who the ticket is for. @default the caller; only an agent may name someone else */
  readonly requester?: string;
  /** Changes only. @default 'normal' */
  readonly changeModel?: ChangeModel;
  /** Changes and releases only. */
  readonly plans?: ChangePlans;
  /** Changes and releases only. */
  readonly scheduledStart?: string;
  /** Changes and releases only; after `scheduledStart`. */
  readonly scheduledEnd?: string;
  /** Releases only: ids of the changes it ships. */
  readonly linkedChanges?: readonly string[];
}

/** Fields a caller may edit; `null` clears an optional field. State moves go through `transition`. */
export interface PatchInput {
  readonly title?: string;
  readonly description?: string;
  readonly category?: string | null;
  readonly impact?: Level;
  readonly urgency?: Level;
  readonly assignee?: string | null;
  /** Changes and releases, until they leave authorize: merged plan by plan; an empty string removes a plan. */
  readonly plans?: ChangePlans;
  readonly scheduledStart?: string | null;
  readonly scheduledEnd?: string | null;
  /** Problems only. */
  readonly knownError?: boolean;
  /** Problems only. */
  readonly rootCause?: string;
  /** Releases only: replaces the list. */
  readonly linkedChanges?: readonly string[];
}

/** A comment to append to a ticket's audit trail. */
export interface CommentInput {
  /** `work_note` for agents only, `public` for the requester too. */
  readonly visibility: 'work_note' | 'public';
  readonly body: string;
}

/** A written ticket and the audit event of the write. */
export interface WriteResult {
  readonly ticket: Ticket;
  readonly event: AuditEvent;
}

/** What patchTicket returns: no event (and the ticket as it was) when the patch changes nothing. */
export interface PatchResult {
  readonly ticket: Ticket;
  readonly event?: AuditEvent;
}

/** Which ticket types each optional field belongs to; a field absent here applies to every type. */
const FIELD_TYPES: Readonly<Record<string, readonly TicketType[]>> = {
  changeModel: ['change'],
  plans: ['change', 'release'],
  scheduledStart: ['change', 'release'],
  scheduledEnd: ['change', 'release'],
  knownError: ['problem'],
  rootCause: ['problem'],
  linkedChanges: ['release'],
};

const PATCHABLE_FIELDS = new Set<string>([
  'title',
  'description',
  'category',
  'impact',
  'urgency',
  'assignee',
  'plans',
  'scheduledStart',
  'scheduledEnd',
  'knownError',
  'rootCause',
  'linkedChanges',
]);

/**
 * A new ticket (version 1, in its initial state, priority from impact × urgency) and its `created`
 * event listing every field set. Problems start with `knownError: false`.
 */
export function createTicket(input: CreateTicketInput, actor: Principal, now: string, id: string, policy: SlaPolicy): WriteResult {
  rejectFieldsOfOtherTypes(input.type, input as unknown as Record<string, unknown>, 'a new');
  const requester = input.requester ?? actor.sub;
  if (requester !== actor.sub && !actor.roles.includes('agent')) {
    throw new DomainError(403, 'on_behalf_requires_agent', `requester: only an agent may raise a ticket for someone else (${requester})`, { field: 'requester' });
  }
  const changeModel = input.type === 'change' ? (input.changeModel ?? 'normal') : undefined;
  const draft = applyUpdates({ holds: [] } as unknown as Ticket, {
    id,
    type: input.type,
    state: initialState(input.type, changeModel),
    title: text(input.title, 'title'),
    description: text(input.description, 'description'),
    category: optionalText(input.category),
    impact: input.impact,
    urgency: input.urgency,
    priority: priorityOf(input.impact, input.urgency),
    requester,
    assignee: optionalText(input.assignee),
    changeModel,
    plans: input.plans && mergePlans(undefined, input.plans),
    scheduledStart: input.scheduledStart,
    scheduledEnd: input.scheduledEnd,
    knownError: input.type === 'problem' ? false : undefined,
    linkedChanges: input.linkedChanges && linkedChanges(input.linkedChanges, id),
    createdAt: now,
    updatedAt: now,
    holds: [],
    version: 1,
  });
  checkSchedule(draft);
  const ticket = applyUpdates(draft, { sla: slaSnapshot(draft, now, policy) });
  return { ticket, event: { ticketId: id, seq: 1, at: now, actor: actor.sub, kind: 'created', changes: fieldChanges({ holds: [] }, ticket) } };
}

/**
 * Applies a patch: 409 on a closed or canceled ticket, or on plans of a change past authorize;
 * 422 naming a field that cannot be patched or does not belong to the ticket's type. Priority is
 * recomputed. A patch that changes nothing returns the ticket unchanged, with no event and no new
 * version, so repeating a patch is harmless.
 */
export function patchTicket(ticket: Ticket, patch: PatchInput, actor: Principal, now: string, policy: SlaPolicy): PatchResult {
  if (isTerminal(ticket.state)) {
    throw new DomainError(409, 'ticket_closed', `ticket ${ticket.id} is ${ticket.state}; a ${ticket.state} ticket cannot be edited`);
  }
  const fields = patch as unknown as Record<string, unknown>;
  const present = Object.keys(fields).filter((field) => fields[field] !== undefined);
  const notPatchable = present.filter((field) => !PATCHABLE_FIELDS.has(field));
  if (notPatchable.length > 0) {
    const hint = notPatchable.includes('state') ? ' (move the state with a transition)' : '';
    throw invalidField(notPatchable[0], `cannot be patched${hint}; patchable fields: ${[...PATCHABLE_FIELDS].join(', ')}`, 'field_not_patchable');
  }
  rejectFieldsOfOtherTypes(ticket.type, fields, 'this');
  if (patch.plans !== undefined && !plansOpen(ticket.state)) {
    throw new DomainError(409, 'plans_frozen', `plans: cannot change once ${ticket.type === 'release' ? 'the release' : 'the change'} is past authorize (state ${ticket.state})`, {
      field: 'plans',
    });
  }

  const updates: TicketUpdates = {};
  if (patch.title !== undefined) updates.title = text(patch.title, 'title');
  if (patch.description !== undefined) updates.description = text(patch.description, 'description');
  if (patch.category !== undefined) updates.category = optionalText(patch.category ?? undefined);
  if (patch.assignee !== undefined) updates.assignee = optionalText(patch.assignee ?? undefined);
  if (patch.impact !== undefined) updates.impact = patch.impact;
  if (patch.urgency !== undefined) updates.urgency = patch.urgency;
  if (patch.plans !== undefined) updates.plans = mergePlans(ticket.plans, patch.plans);
  if (patch.scheduledStart !== undefined) updates.scheduledStart = patch.scheduledStart ?? undefined;
  if (patch.scheduledEnd !== undefined) updates.scheduledEnd = patch.scheduledEnd ?? undefined;
  if (patch.knownError !== undefined) updates.knownError = patch.knownError;
  if (patch.rootCause !== undefined) updates.rootCause = text(patch.rootCause, 'rootCause');
  if (patch.linkedChanges !== undefined) updates.linkedChanges = linkedChanges(patch.linkedChanges, ticket.id);

  const patched = applyUpdates(ticket, updates);
  const withPriority = applyUpdates(patched, { priority: priorityOf(patched.impact, patched.urgency) });
  checkSchedule(withPriority);
  const changes = fieldChanges(ticket, withPriority);
  if (changes.length === 0) return { ticket };

  const written = applyUpdates(withPriority, { version: ticket.version + 1, updatedAt: now });
  const next = applyUpdates(written, { sla: slaSnapshot(written, now, policy) });
  return { ticket: next, event: { ticketId: ticket.id, seq: next.version, at: now, actor: actor.sub, kind: 'updated', changes } };
}

/**
 * Appends a comment: a new version and a `commented` event holding the comment. Closed tickets
 * take comments too (a post-incident note changes no field of the record).
 */
export function commentOn(ticket: Ticket, comment: CommentInput, actor: Principal, now: string, policy?: SlaPolicy): WriteResult {
  if (comment.visibility !== 'work_note' && comment.visibility !== 'public') {
    throw invalidField('visibility', `${JSON.stringify(comment.visibility)} is not one of work_note, public`);
  }
  const body = text(comment.body, 'body');
  const written = applyUpdates(ticket, { version: ticket.version + 1, updatedAt: now });
  const next = policy ? applyUpdates(written, { sla: slaSnapshot(written, now, policy) }) : written;
  return {
    ticket: next,
    event: { ticketId: ticket.id, seq: next.version, at: now, actor: actor.sub, kind: 'commented', changes: [], comment: { visibility: comment.visibility, body } },
  };
}

/** 422 naming the first field set that does not belong to `type`, e.g. `linkedChanges` on an incident. */
function rejectFieldsOfOtherTypes(type: TicketType, fields: Record<string, unknown>, which: string): void {
  for (const [field, types] of Object.entries(FIELD_TYPES)) {
    if (fields[field] !== undefined && !types.includes(type)) {
      throw invalidField(field, `applies to ${types.map((t) => `${t}s`).join(' and ')} only, not to ${which} ${type}`, 'field_not_applicable');
    }
  }
}

function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw invalidField(field, 'must not be empty', 'field_required');
  return trimmed;
}

/** A trimmed value, or undefined for absent or blank. */
function optionalText(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

/** 422 on a duplicate id or a release linking itself. */
function linkedChanges(ids: readonly string[], ownId: string): string[] {
  ids.forEach((id, index) => {
    if (id === ownId) throw invalidField(`linkedChanges.${index}`, 'a release cannot link itself');
    if (ids.indexOf(id) !== index) throw invalidField(`linkedChanges.${index}`, `${id} is listed twice`);
  });
  return [...ids];
}

/** 422 unless both schedule times are valid instants and the end is after the start. */
function checkSchedule(ticket: Ticket): void {
  for (const field of ['scheduledStart', 'scheduledEnd'] as const) {
    const value = ticket[field];
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw invalidField(field, `${JSON.stringify(value)} is not an ISO 8601 date-time`);
  }
  if (ticket.scheduledStart && ticket.scheduledEnd && Date.parse(ticket.scheduledEnd) <= Date.parse(ticket.scheduledStart)) {
    throw invalidField('scheduledEnd', `must be after scheduledStart (${ticket.scheduledStart})`);
  }
}
