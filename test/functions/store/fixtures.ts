import type { AuditEvent, Ticket } from '../../../functions/ticketing/model';

/** Tickets and events for store tests, built by hand so the stores are tested apart from the domain. */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let sequence = 0;

/** A ULID for a creation time: ids sort by creation time, then by the order they were made. */
export function ulidAt(isoTime: string): string {
  let time = Date.parse(isoTime);
  let timePart = '';
  for (let i = 0; i < 10; i++) {
    timePart = CROCKFORD[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  let counter = ++sequence;
  let randomPart = '';
  for (let i = 0; i < 16; i++) {
    randomPart = CROCKFORD[counter % 32] + randomPart;
    counter = Math.floor(counter / 32);
  }
  return timePart + randomPart;
}

/** Minutes after 2026-11-02T09:00Z (a Monday), as an ISO time. */
export function minutesIn(minutes: number): string {
  return new Date(Date.parse('2026-11-02T09:00:00.000Z') + minutes * 60_000).toISOString();
}

let created = 0;

/** A valid incident; `createdAt` defaults to one minute after the previous ticket made here. */
export function ticket(fields: Partial<Ticket> = {}): Ticket {
  const createdAt = fields.createdAt ?? minutesIn(++created);
  return {
    id: ulidAt(createdAt),
    type: 'incident',
    state: 'new',
    title: 'Printer on floor 3 jams',
    description: 'Every print job stops after the first page.',
    impact: 2,
    urgency: 2,
    priority: 3,
    requester: 'u-requester',
    createdAt,
    updatedAt: createdAt,
    holds: [],
    sla: { responseDueAt: '2026-12-31T00:00:00.000Z', resolutionDueAt: '2026-12-31T00:00:00.000Z', breached: false },
    version: 1,
    ...fields,
  };
}

export function createdEvent(t: Ticket): AuditEvent {
  return { ticketId: t.id, seq: 1, at: t.createdAt, actor: t.requester, kind: 'created', changes: [] };
}

/** The next version of a ticket with some fields changed, and the event recording it. */
export function revise(t: Ticket, fields: Partial<Ticket>, actor = 'u-agent'): { next: Ticket; event: AuditEvent } {
  const next = { ...t, ...fields, version: t.version + 1, updatedAt: minutesIn(10_000 + t.version) };
  const changes = Object.keys(fields).map((field) => ({
    field,
    from: (t as unknown as Record<string, unknown>)[field],
    to: (fields as Record<string, unknown>)[field],
  }));
  return { next, event: { ticketId: t.id, seq: next.version, at: next.updatedAt, actor, kind: 'updated', changes } };
}
