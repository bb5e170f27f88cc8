import { createHash } from 'node:crypto';
import type { IdempotencyClaim, TicketFilter } from '../../store/port';
import { VersionConflictError } from '../../store/port';
import { commentOn, createTicket, nextStates, patchTicket, slaClocks, slaSnapshot, transition } from '..';
import { mayPerform, maySee, mayWriteWorkNotes, rolesFor, type Action } from '../access';
import type { AuditEvent, Principal, Priority, Ticket } from '../model';
import type { TicketingAppDeps } from './app';
import { orderedEvent, orderedTicket } from './field-order';
import { etag, json, optionalIfMatch, readJsonBody, requiredIfMatch } from './io';
import { HttpProblem } from './problem';
import type { Router } from './router';
import { commentBody, createTicketBody, listQuery, pageQuery, patchTicketBody, ticketIdParam, transitionBody } from './schemas';
import type { HttpRequest } from './types';
import { parseOrThrow } from './validate';

/** Writes that were not given a version retry this often when another write got there first. */
const UNCONDITIONAL_WRITE_ATTEMPTS = 5;
const DEFAULT_PAGE_SIZE = 25;

export function ticketRoutes(router: Router, deps: TicketingAppDeps): void {
  const now = () => deps.clock().toISOString();

  /** The ticket as the API shows it: SLA recomputed at read time and the allowed next states. */
  const represent = (ticket: Ticket) => ({ ...orderedTicket({ ...ticket, sla: slaSnapshot(ticket, now(), deps.policy) }), nextStates: nextStates(ticket) });
  const ticketResponse = (status: number, ticket: Ticket, headers: Record<string, string> = {}) =>
    json(status, represent(ticket), { etag: etag(ticket.version), ...headers });

  async function visibleTicket(principal: Principal, rawId: string): Promise<Ticket> {
    const ticket = ticketIdParam.safeParse(rawId).success ? await deps.store.get(rawId) : undefined;
    if (!ticket || !maySee(principal, ticket)) {
      throw new HttpProblem({ status: 404, title: 'Not found', detail: `ticket ${rawId.slice(0, 40)} does not exist`, field: 'id' });
    }
    return ticket;
  }

  /**
   * Reads, applies `change` and writes with the read version. With If-Match the client's version
   * must be current (412 otherwise); without it a lost race is retried on a fresh read.
   */
  async function writeWithRetry(
    ifMatch: number | undefined,
    principal: Principal,
    id: string,
    change: (ticket: Ticket) => { ticket: Ticket; event?: AuditEvent },
  ): Promise<{ ticket: Ticket; changed: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const current = await visibleTicket(principal, id);
      if (ifMatch !== undefined && ifMatch !== current.version) throw new VersionConflictError(current);
      const { ticket, event } = change(current);
      if (!event) return { ticket: current, changed: false };
      try {
        await deps.store.update(ticket, current.version, [event]);
        return { ticket, changed: true };
      } catch (error) {
        if (!(error instanceof VersionConflictError) || ifMatch !== undefined || attempt >= UNCONDITIONAL_WRITE_ATTEMPTS) throw error;
      }
    }
  }

  router.add('POST', '/tickets', async (request) => {
    const principal = allowed(request, 'create');
    const body = parseOrThrow(createTicketBody, readJsonBody(request), 'body');
    const claim = idempotencyClaim(request, principal, body);
    const { ticket, event } = createTicket(body, principal, now(), deps.newId(), deps.policy);
    const result = await deps.store.create(ticket, event, claim);
    return ticketResponse(201, result.ticket, {
      location: `/tickets/${result.ticket.id}`,
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  });

  router.add('GET', '/tickets', async (request) => {
    allowed(request, 'list');
    const query = parseOrThrow(listQuery, request.query, 'query');
    const filter: TicketFilter = {
      type: query.type,
      state: query.state,
      priority: query.priority === undefined ? undefined : (Number(query.priority) as Priority),
      assignee: query.assignee,
      breached: query.breached === undefined ? undefined : query.breached === 'true',
      now: now(),
    };
    const page = await deps.store.list(filter, { limit: Number(query.limit ?? DEFAULT_PAGE_SIZE), cursor: query.cursor });
    return json(200, { items: page.items.map(represent), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.add('GET', '/tickets/{id}', async (request, params) => {
    const ticket = await visibleTicket(allowed(request, 'read'), params.id);
    return ticketResponse(200, ticket);
  });

  router.add('PATCH', '/tickets/{id}', async (request, params) => {
    const principal = allowed(request, 'update');
    const expected = requiredIfMatch(request);
    const patch = parseOrThrow(patchTicketBody, readJsonBody(request), 'body');
    const { ticket } = await writeWithRetry(expected, principal, params.id, (current) => patchTicket(current, patch, principal, now(), deps.policy));
    return ticketResponse(200, ticket);
  });

  router.add('POST', '/tickets/{id}/transitions', async (request, params) => {
    const principal = allowed(request, 'transition');
    const body = parseOrThrow(transitionBody, readJsonBody(request), 'body');
    const { ticket } = await writeWithRetry(optionalIfMatch(request), principal, params.id, (current) => transition(current, body, principal, now(), deps.policy));
    return ticketResponse(200, ticket);
  });

  router.add('POST', '/tickets/{id}/comments', async (request, params) => {
    const principal = allowed(request, 'comment');
    const body = parseOrThrow(commentBody, readJsonBody(request), 'body');
    if (body.visibility === 'work_note' && !mayWriteWorkNotes(principal)) {
      throw new HttpProblem({ status: 403, title: 'Forbidden', detail: 'visibility: work notes are for agents and approvers; use "public"', field: 'visibility' });
    }
    const { ticket } = await writeWithRetry(optionalIfMatch(request), principal, params.id, (current) => commentOn(current, body, principal, now()));
    return ticketResponse(201, ticket);
  });

  router.add('GET', '/tickets/{id}/events', async (request, params) => {
    const principal = allowed(request, 'read-events');
    const query = parseOrThrow(pageQuery, request.query, 'query');
    const ticket = await visibleTicket(principal, params.id);
    const page = await deps.store.events(ticket.id, { limit: Number(query.limit ?? DEFAULT_PAGE_SIZE), cursor: query.cursor });
    return json(200, { items: page.items.map(orderedEvent), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.add('GET', '/tickets/{id}/sla', async (request, params) => {
    const ticket = await visibleTicket(allowed(request, 'read'), params.id);
    return json(200, { ticketId: ticket.id, priority: ticket.priority, evaluatedAt: now(), clocks: slaClocks(ticket, now(), deps.policy) });
  });
}

/** The caller, if it holds a role allowed to perform `action`; 403 naming those roles otherwise. */
export function allowed(request: HttpRequest, action: Action): Principal {
  const principal = request.principal as Principal;
  if (!mayPerform(principal, action)) {
    throw new HttpProblem({
      status: 403,
      title: 'Forbidden',
      detail: `this needs one of the roles ${rolesFor(action).join(', ')}; the token has ${principal.roles.join(', ') || 'none'}`,
    });
  }
  return principal;
}

function idempotencyClaim(request: HttpRequest, principal: Principal, body: unknown): IdempotencyClaim | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new HttpProblem({ status: 400, title: 'Invalid header', detail: 'Idempotency-Key: must be 1-255 visible ASCII characters', field: 'Idempotency-Key' });
  }
  return { key, principal: principal.sub, requestHash: createHash('sha256').update(canonicalJson(body)).digest('hex') };
}

/** JSON with object keys sorted, so the same body hashes the same whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
