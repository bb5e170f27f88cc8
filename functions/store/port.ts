import type { AuditEvent, Priority, Ticket, TicketType } from '../ticketing/model';

/** The stored version differs from the one the write was based on. */
export class VersionConflictError extends Error {
  constructor(readonly current: Ticket | undefined) {
    super(current ? `ticket ${current.id} is at version ${current.version}` : 'ticket does not exist');
    this.name = 'VersionConflictError';
  }
}

/** An idempotency key was reused with a different request. */
export class IdempotencyConflictError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used with a different request`);
    this.name = 'IdempotencyConflictError';
  }
}

export interface IdempotencyClaim {
  /** The client's Idempotency-Key, scoped to the caller. */
  readonly key: string;
  readonly principal: string;
  /** Hash of the canonical request body: the same key with another hash is a conflict. */
  readonly requestHash: string;
}

export interface TicketFilter {
  readonly type?: TicketType;
  readonly state?: string;
  readonly priority?: Priority;
  readonly assignee?: string;
  /** With `now`: tickets whose SLA is breached (stored flag, or a due time before now), or not. */
  readonly breached?: boolean;
  /** ISO time the `breached` filter is evaluated at. */
  readonly now: string;
}

export interface PageRequest {
  /** 1–100. */
  readonly limit: number;
  /** Opaque, from the previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Absent on the last page. */
  readonly nextCursor?: string;
}

/** A cursor that this store did not issue, or that does not match the filter it is used with. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this list returned');
    this.name = 'InvalidCursorError';
  }
}

/**
 * Where tickets and their audit trail live. Implemented on DynamoDB and on Tablestore; one
 * conformance suite runs against both.
 */
export interface TicketStore {
  /**
   * Writes a new ticket (version 1) and its `created` event atomically. With a claim, the first
   * create for a key wins: a retry with the same hash returns that ticket with `replayed: true`;
   * another hash throws IdempotencyConflictError.
   */
  create(ticket: Ticket, event: AuditEvent, claim?: IdempotencyClaim): Promise<{ ticket: Ticket; replayed: boolean }>;
  get(id: string): Promise<Ticket | undefined>;
  /**
   * Replaces the ticket if the stored version is `expectedVersion` (and `ticket.version` is
   * `expectedVersion + 1`), appending the events in the same transaction; otherwise throws
   * VersionConflictError with what is stored now.
   */
  update(ticket: Ticket, expectedVersion: number, events: readonly AuditEvent[]): Promise<void>;
  /** Newest first (id descending), stable across pages. */
  list(filter: TicketFilter, page: PageRequest): Promise<Page<Ticket>>;
  /** One ticket's audit events, oldest first (seq ascending). */
  events(ticketId: string, page: PageRequest): Promise<Page<AuditEvent>>;
  /** Every ticket created, resolved or closed in [from, to): the weekly report's input. */
  ticketsTouchedBetween(from: string, to: string): AsyncIterable<Ticket>;
}
