import {
  createTicket,
  CreateTicketInput,
  DEFAULT_SLA_POLICY,
  DomainError,
  Principal,
  Ticket,
  transition,
  TransitionRequest,
} from '../../../functions/ticketing';

export const CREATED_AT = '2026-03-02T09:00:00.000Z'; // a Monday

export const requester: Principal = { sub: 'rita', roles: ['requester'] };
export const agent: Principal = { sub: 'alex', roles: ['agent'] };
export const approver: Principal = { sub: 'amira', roles: ['agent', 'approver'] };

export const FULL_PLANS = { implementation: 'roll out with the pipeline', backout: 'redeploy the previous build', test: 'smoke tests' };

/** A ticket raised by `rita` at CREATED_AT (priority 3 unless impact/urgency say otherwise). */
export function newTicket(input: Partial<CreateTicketInput> & Pick<CreateTicketInput, 'type'>, now = CREATED_AT, id = 'T1'): Ticket {
  return createTicket(
    { title: 'Printer on fire', description: 'Smoke from the second-floor printer', impact: 2, urgency: 2, requester: 'rita', ...input },
    agent,
    now,
    id,
    DEFAULT_SLA_POLICY,
  ).ticket;
}

/** Applies transitions in order, one minute apart unless a step gives its own time. */
export function walk(ticket: Ticket, steps: (TransitionRequest & { at?: string; by?: Principal })[]): Ticket {
  let current = ticket;
  let clock = Date.parse(ticket.updatedAt);
  for (const { at, by, ...request } of steps) {
    clock = at ? Date.parse(at) : clock + 60_000;
    current = transition(current, request, by ?? approver, new Date(clock).toISOString(), DEFAULT_SLA_POLICY).ticket;
  }
  return current;
}

/** The DomainError thrown by `run`; fails the test when nothing (or something else) is thrown. */
export function domainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
