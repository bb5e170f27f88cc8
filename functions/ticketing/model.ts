/**
 * The ticket record and its audit events: what the domain computes, the store persists and the API
 * returns. No cloud or HTTP shape appears here.
 */

export const TICKET_TYPES = ['incident', 'problem', 'change', 'release'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const ROLES = ['requester', 'agent', 'approver', 'auditor'] as const;
/** What a caller may do, from its token's claims. */
export type Role = (typeof ROLES)[number];

/** The authenticated caller. */
export interface Principal {
  /** Subject of the token: the user id written in audit events. */
  readonly sub: string;
  readonly roles: readonly Role[];
}

export type Level = 1 | 2 | 3;
/** 1 (critical) to 5 (planning), from impact × urgency. */
export type Priority = 1 | 2 | 3 | 4 | 5;

export const CHANGE_MODELS = ['standard', 'normal', 'emergency'] as const;
export type ChangeModel = (typeof CHANGE_MODELS)[number];

/** Outcome recorded when a change or release is closed. */
export const CHANGE_OUTCOMES = ['successful', 'successful_with_issues', 'failed', 'backed_out'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

/** A period during which the SLA clocks did not run. `to` is absent while the ticket is on hold. */
export interface HoldInterval {
  readonly from: string;
  readonly to?: string;
  readonly reason: string;
}

/**
 * SLA figures denormalised onto the ticket at every write, so the store can filter on them.
 * A due time is absent when that clock is stopped (met, or paused on hold).
 */
export interface SlaSnapshot {
  readonly responseDueAt?: string;
  readonly resolutionDueAt?: string;
  /** True once either clock stopped after its target. */
  readonly breached: boolean;
}

export interface ChangePlans {
  readonly implementation?: string;
  readonly backout?: string;
  readonly test?: string;
}

export interface Ticket {
  /** Sortable by creation time (ULID). */
  readonly id: string;
  readonly type: TicketType;
  readonly state: string;
  readonly title: string;
  readonly description: string;
  readonly category?: string;
  readonly impact: Level;
  readonly urgency: Level;
  readonly priority: Priority;
  /** Subject of the user the ticket was raised for. */
  readonly requester: string;
  readonly assignee?: string;
  /** Changes only. */
  readonly changeModel?: ChangeModel;
  /** Changes and releases. */
  readonly plans?: ChangePlans;
  readonly scheduledStart?: string;
  readonly scheduledEnd?: string;
  /** Subject of the approver who authorized a change or release. */
  readonly approver?: string;
  readonly onHoldReason?: string;
  readonly resolutionCode?: string;
  readonly resolutionNotes?: string;
  /** Changes and releases, set on close. */
  readonly outcome?: ChangeOutcome;
  /** Problems only. */
  readonly knownError?: boolean;
  readonly rootCause?: string;
  /** Releases only: ids of the changes it ships. */
  readonly linkedChanges?: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** First time the ticket left `new`: stops the response clock. */
  readonly respondedAt?: string;
  readonly resolvedAt?: string;
  readonly closedAt?: string;
  readonly holds: readonly HoldInterval[];
  readonly sla: SlaSnapshot;
  /** Starts at 1, +1 on every write; the API's ETag. */
  readonly version: number;
}

export type AuditEventKind = 'created' | 'updated' | 'transitioned' | 'commented';

export interface FieldChange {
  readonly field: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

/** Append-only record of one write, stored in the same transaction as the ticket. */
export interface AuditEvent {
  readonly ticketId: string;
  /** The ticket version this write produced: unique per ticket, ascending. */
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly kind: AuditEventKind;
  readonly changes: readonly FieldChange[];
  readonly comment?: { readonly visibility: 'work_note' | 'public'; readonly body: string };
}
