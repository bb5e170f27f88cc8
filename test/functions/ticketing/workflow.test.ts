import {
  ChangeModel,
  DEFAULT_SLA_POLICY,
  isTerminal,
  nextStates,
  Ticket,
  TicketType,
  transition,
  TransitionRequest,
} from '../../../functions/ticketing';
import { agent, approver, CREATED_AT, domainError, FULL_PLANS, newTicket, requester, walk } from './fixtures';

const NOW = '2026-03-02T10:00:00.000Z';

const CHANGE_FLOW = {
  assess: ['authorize', 'canceled'],
  authorize: ['scheduled', 'canceled'],
  scheduled: ['implement', 'canceled'],
  implement: ['review', 'canceled'],
  review: ['closed', 'canceled'],
  closed: [],
  canceled: [],
};

/** The workflows as DESIGN §4 states them, written out independently of the code. */
const WORKFLOWS: { name: string; type: TicketType; changeModel?: ChangeModel; graph: Record<string, string[]> }[] = [
  {
    name: 'incident',
    type: 'incident',
    graph: {
      new: ['in_progress', 'canceled'],
      in_progress: ['on_hold', 'resolved', 'canceled'],
      on_hold: ['in_progress', 'resolved', 'canceled'],
      resolved: ['in_progress', 'closed'],
      closed: [],
      canceled: [],
    },
  },
  {
    name: 'problem',
    type: 'problem',
    graph: {
      new: ['assess', 'canceled'],
      assess: ['root_cause_analysis', 'canceled'],
      root_cause_analysis: ['fix_in_progress', 'canceled'],
      fix_in_progress: ['resolved', 'canceled'],
      resolved: ['closed'],
      closed: [],
      canceled: [],
    },
  },
  { name: 'normal change', type: 'change', changeModel: 'normal', graph: { new: ['assess', 'canceled'], ...CHANGE_FLOW } },
  { name: 'standard change', type: 'change', changeModel: 'standard', graph: { new: ['scheduled', 'canceled'], ...CHANGE_FLOW } },
  { name: 'emergency change', type: 'change', changeModel: 'emergency', graph: { new: ['authorize', 'canceled'], ...CHANGE_FLOW } },
  { name: 'release', type: 'release', graph: { new: ['assess', 'canceled'], ...CHANGE_FLOW } },
];

/** A ticket of the workflow sitting in `state`, with the fields a ticket there would carry. */
function ticketIn(workflow: (typeof WORKFLOWS)[number], state: string): Ticket {
  const changeLike = workflow.type === 'change' || workflow.type === 'release';
  const base = newTicket({ type: workflow.type, changeModel: workflow.changeModel, plans: changeLike ? FULL_PLANS : undefined });
  const extra: Partial<Ticket> = {};
  if (state !== 'new') Object.assign(extra, { respondedAt: '2026-03-02T09:05:00.000Z' });
  if (state === 'on_hold') Object.assign(extra, { onHoldReason: 'waiting for vendor', holds: [{ from: '2026-03-02T09:30:00.000Z', reason: 'waiting for vendor' }] });
  if (state === 'resolved') Object.assign(extra, { resolvedAt: '2026-03-02T09:40:00.000Z', resolutionCode: 'fixed', rootCause: 'worn fuser' });
  return { ...base, ...extra, state };
}

/** A request carrying what the transition needs. */
function requestFor(ticket: Ticket, to: string): TransitionRequest {
  if (to === 'on_hold') return { to, reason: 'waiting for vendor' };
  if (to === 'resolved') return ticket.type === 'problem' ? { to, rootCause: 'worn fuser' } : { to, resolutionCode: 'fixed' };
  if (to === 'closed' && (ticket.type === 'change' || ticket.type === 'release')) return { to, outcome: 'successful' };
  return { to };
}

describe.each(WORKFLOWS)('the $name workflow', (workflow) => {
  const states = Object.keys(workflow.graph);
  const allowedPairs = states.flatMap((from) => workflow.graph[from].map((to) => [from, to]));
  const forbiddenPairs = states.flatMap((from) => states.filter((to) => !workflow.graph[from].includes(to)).map((to) => [from, to]));

  it('starts in new and lists the allowed next states of every state', () => {
    expect(newTicket({ type: workflow.type, changeModel: workflow.changeModel }).state).toBe('new');
    for (const state of states) expect(nextStates(ticketIn(workflow, state)).sort()).toEqual([...workflow.graph[state]].sort());
  });

  it.each(allowedPairs)('allows %s → %s', (from, to) => {
    const ticket = ticketIn(workflow, from);
    const { ticket: moved, event } = transition(ticket, requestFor(ticket, to), approver, NOW, DEFAULT_SLA_POLICY);
    expect(moved.state).toBe(to);
    expect(moved.version).toBe(ticket.version + 1);
    expect(event.changes).toContainEqual({ field: 'state', from, to });
  });

  it.each(forbiddenPairs)('refuses %s → %s with 409, naming the allowed states', (from, to) => {
    const ticket = ticketIn(workflow, from);
    const error = domainError(() => transition(ticket, requestFor(ticket, to), approver, NOW, DEFAULT_SLA_POLICY));
    expect(error.status).toBe(409);
    expect(error.code).toBe('transition_not_allowed');
    expect(error.allowed).toEqual(workflow.graph[from]);
    const named = workflow.graph[from].length > 0 ? `allowed next states: ${workflow.graph[from].join(', ')}` : `${from} is a final state`;
    expect(error.message).toContain(named);
  });
});

describe('transition requests', () => {
  it('refuses a state the workflow does not have with 422 on `to`', () => {
    const error = domainError(() => transition(newTicket({ type: 'incident' }), { to: 'assess' }, agent, NOW, DEFAULT_SLA_POLICY));
    expect(error).toMatchObject({ status: 422, field: 'to' });
    expect(error.message).toContain('not a state of an incident');
  });

  it('requires a reason to put an incident on hold', () => {
    const started = walk(newTicket({ type: 'incident' }), [{ to: 'in_progress' }]);
    for (const reason of [undefined, '   ']) {
      const error = domainError(() => transition(started, { to: 'on_hold', reason }, agent, NOW, DEFAULT_SLA_POLICY));
      expect(error).toMatchObject({ status: 422, field: 'reason' });
      expect(error.message).toBe('reason: is required to put a ticket on hold');
    }
  });

  it('requires a resolution code to resolve an incident', () => {
    const started = walk(newTicket({ type: 'incident' }), [{ to: 'in_progress' }]);
    const error = domainError(() => transition(started, { to: 'resolved', resolutionNotes: 'rebooted' }, agent, NOW, DEFAULT_SLA_POLICY));
    expect(error).toMatchObject({ status: 422, field: 'resolutionCode' });
  });

  it('requires a root cause to resolve a problem, taken from the request or the problem', () => {
    const fixing = walk(newTicket({ type: 'problem' }), [{ to: 'assess' }, { to: 'root_cause_analysis' }, { to: 'fix_in_progress' }]);
    expect(domainError(() => transition(fixing, { to: 'resolved' }, agent, NOW, DEFAULT_SLA_POLICY))).toMatchObject({ status: 422, field: 'rootCause' });
    expect(transition(fixing, { to: 'resolved', rootCause: 'expired certificate' }, agent, NOW, DEFAULT_SLA_POLICY).ticket.rootCause).toBe('expired certificate');
    const known = { ...fixing, rootCause: 'expired certificate' };
    expect(transition(known, { to: 'resolved' }, agent, NOW, DEFAULT_SLA_POLICY).ticket.state).toBe('resolved');
  });

  it('requires an outcome to close a change, and records it', () => {
    const review = walk(newTicket({ type: 'change', changeModel: 'standard' }), [{ to: 'scheduled' }, { to: 'implement' }, { to: 'review' }]);
    expect(domainError(() => transition(review, { to: 'closed' }, agent, NOW, DEFAULT_SLA_POLICY))).toMatchObject({ status: 422, field: 'outcome' });
    const closed = transition(review, { to: 'closed', outcome: 'backed_out' }, agent, NOW, DEFAULT_SLA_POLICY).ticket;
    expect(closed).toMatchObject({ state: 'closed', outcome: 'backed_out', closedAt: NOW });
  });

  it('refuses request fields the transition does not take, naming them', () => {
    const ticket = newTicket({ type: 'incident' });
    const error = domainError(() => transition(ticket, { to: 'in_progress', resolutionCode: 'fixed' }, agent, NOW, DEFAULT_SLA_POLICY));
    expect(error).toMatchObject({ status: 422, field: 'resolutionCode' });
    expect(error.message).toContain('from new to in_progress');
  });

  it('names every missing plan when a change enters authorize', () => {
    const change = newTicket({ type: 'change', plans: { implementation: 'run the playbook' } });
    const assessing = walk(change, [{ to: 'assess' }]);
    const error = domainError(() => transition(assessing, { to: 'authorize' }, agent, NOW, DEFAULT_SLA_POLICY));
    expect(error).toMatchObject({ status: 422, field: 'plans.backout' });
    expect(error.message).toContain('plans.backout, plans.test');
  });

  it('takes missing plans from the transition request', () => {
    const assessing = walk(newTicket({ type: 'change', plans: { implementation: 'run the playbook' } }), [{ to: 'assess' }]);
    const { ticket } = transition(assessing, { to: 'authorize', plans: { backout: 'restore snapshot', test: 'synthetic checks' } }, agent, NOW, DEFAULT_SLA_POLICY);
    expect(ticket.plans).toEqual({ implementation: 'run the playbook', backout: 'restore snapshot', test: 'synthetic checks' });
  });

  it('requires plans before an emergency change or a release enters authorize too', () => {
    for (const input of [{ type: 'change' as const, changeModel: 'emergency' as const }, { type: 'release' as const }]) {
      const ticket = newTicket(input);
      const path = input.type === 'release' ? [{ to: 'assess' }] : [];
      const error = domainError(() => transition(walk(ticket, path), { to: 'authorize' }, agent, NOW, DEFAULT_SLA_POLICY));
      expect(error).toMatchObject({ status: 422, field: 'plans.implementation' });
    }
  });
});

describe('change approval', () => {
  const authorizing = walk(newTicket({ type: 'change', plans: FULL_PLANS }), [{ to: 'assess' }, { to: 'authorize' }]);

  it('records the approver when an approver moves the change from authorize to scheduled', () => {
    const { ticket, event } = transition(authorizing, { to: 'scheduled' }, approver, NOW, DEFAULT_SLA_POLICY);
    expect(ticket.approver).toBe('amira');
    expect(event.changes).toContainEqual({ field: 'approver', to: 'amira' });
  });

  it('refuses an approval by the requester with 403, even holding the approver role', () => {
    const error = domainError(() => transition(authorizing, { to: 'scheduled' }, { sub: 'rita', roles: ['requester', 'approver'] }, NOW, DEFAULT_SLA_POLICY));
    expect(error).toMatchObject({ status: 403, code: 'approver_is_requester' });
    expect(error.message).toContain('approver must not be the requester');
  });

  it('refuses an approval by someone without the approver role with 403', () => {
    expect(domainError(() => transition(authorizing, { to: 'scheduled' }, agent, NOW, DEFAULT_SLA_POLICY))).toMatchObject({
      status: 403,
      code: 'approver_role_required',
    });
  });

  it('lets a standard change be scheduled from new without plans or an approver', () => {
    const { ticket } = transition(newTicket({ type: 'change', changeModel: 'standard' }), { to: 'scheduled' }, agent, NOW, DEFAULT_SLA_POLICY);
    expect(ticket.state).toBe('scheduled');
    expect(ticket.approver).toBeUndefined();
  });

  it('applies the same approval rule to releases', () => {
    const release = walk(newTicket({ type: 'release', plans: FULL_PLANS, linkedChanges: ['C1'] }), [{ to: 'assess' }, { to: 'authorize' }]);
    expect(domainError(() => transition(release, { to: 'scheduled' }, { sub: 'rita', roles: ['approver'] }, NOW, DEFAULT_SLA_POLICY)).status).toBe(403);
    expect(transition(release, { to: 'scheduled' }, approver, NOW, DEFAULT_SLA_POLICY).ticket.approver).toBe('amira');
  });
});

describe('timestamps, holds and the audit event', () => {
  it('sets respondedAt the first time the ticket leaves new, and only then', () => {
    const started = walk(newTicket({ type: 'incident' }), [{ to: 'in_progress', at: '2026-03-02T09:10:00.000Z' }]);
    expect(started.respondedAt).toBe('2026-03-02T09:10:00.000Z');
    const later = walk(started, [{ to: 'on_hold', reason: 'waiting for parts' }, { to: 'in_progress' }]);
    expect(later.respondedAt).toBe('2026-03-02T09:10:00.000Z');
  });

  it('opens a hold with its reason and closes it when the ticket leaves on_hold', () => {
    const started = walk(newTicket({ type: 'incident' }), [{ to: 'in_progress' }]);
    const held = walk(started, [{ to: 'on_hold', reason: 'waiting for parts', at: '2026-03-02T11:00:00.000Z' }]);
    expect(held.onHoldReason).toBe('waiting for parts');
    expect(held.holds).toEqual([{ from: '2026-03-02T11:00:00.000Z', reason: 'waiting for parts' }]);
    const resumed = walk(held, [{ to: 'in_progress', at: '2026-03-02T13:00:00.000Z' }]);
    expect(resumed.onHoldReason).toBeUndefined();
    expect('onHoldReason' in resumed).toBe(false);
    expect(resumed.holds).toEqual([{ from: '2026-03-02T11:00:00.000Z', to: '2026-03-02T13:00:00.000Z', reason: 'waiting for parts' }]);
  });

  it('records every changed field from → to, with seq equal to the new version', () => {
    const started = walk(newTicket({ type: 'incident' }), [{ to: 'in_progress', at: '2026-03-02T09:10:00.000Z' }]);
    const { ticket, event } = transition(started, { to: 'on_hold', reason: 'waiting for parts' }, agent, '2026-03-02T11:00:00.000Z', DEFAULT_SLA_POLICY);
    expect(event).toEqual({
      ticketId: 'T1',
      seq: 3,
      at: '2026-03-02T11:00:00.000Z',
      actor: 'alex',
      kind: 'transitioned',
      changes: [
        { field: 'state', from: 'in_progress', to: 'on_hold' },
        { field: 'onHoldReason', to: 'waiting for parts' },
        { field: 'holds', from: [], to: [{ from: '2026-03-02T11:00:00.000Z', reason: 'waiting for parts' }] },
      ],
    });
    expect(ticket).toMatchObject({ version: 3, updatedAt: '2026-03-02T11:00:00.000Z' });
  });

  it('drops the due time of the paused resolution clock from the snapshot while on hold', () => {
    const held = walk(newTicket({ type: 'incident' }), [{ to: 'in_progress' }, { to: 'on_hold', reason: 'waiting for parts' }]);
    expect(held.sla).toEqual({ breached: false });
    const resumed = walk(held, [{ to: 'in_progress' }]);
    expect(resumed.sla.resolutionDueAt).toBeDefined();
  });

  it('resolves with a code and notes, and reopening clears them and resumes the resolution clock', () => {
    const resolved = walk(newTicket({ type: 'incident' }), [
      { to: 'in_progress', at: '2026-03-02T09:10:00.000Z' },
      { to: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'replaced fuser', at: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(resolved).toMatchObject({ resolvedAt: '2026-03-02T10:00:00.000Z', resolutionCode: 'fixed', resolutionNotes: 'replaced fuser' });
    expect(resolved.sla).toEqual({ breached: false });

    const { ticket: reopened, event } = transition(resolved, { to: 'in_progress', reason: 'smoke again' }, requester, '2026-03-03T09:00:00.000Z', DEFAULT_SLA_POLICY);
    expect(reopened.resolvedAt).toBeUndefined();
    expect(reopened.resolutionCode).toBeUndefined();
    expect(reopened.holds).toEqual([{ from: '2026-03-02T10:00:00.000Z', to: '2026-03-03T09:00:00.000Z', reason: 'resolved' }]);
    expect(event.changes).toContainEqual({ field: 'resolvedAt', from: '2026-03-02T10:00:00.000Z' });
    expect(event.comment).toEqual({ visibility: 'work_note', body: 'smoke again' });
    // Priority 3 resolution target: 3 business days (1440 min). 60 min ran before the resolution,
    // the 23 h it sat resolved do not count, so 1380 business minutes remain from 09:00 on Tuesday.
    expect(reopened.sla.resolutionDueAt).toBe('2026-03-05T16:00:00.000Z');
  });

  it('stamps closedAt on close and on cancel, after which the ticket is final', () => {
    const canceled = walk(newTicket({ type: 'incident' }), [{ to: 'canceled', reason: 'duplicate of T0', at: '2026-03-02T09:30:00.000Z' }]);
    expect(canceled).toMatchObject({ state: 'canceled', closedAt: '2026-03-02T09:30:00.000Z', respondedAt: '2026-03-02T09:30:00.000Z' });
    expect(isTerminal(canceled.state)).toBe(true);
    expect(nextStates(canceled)).toEqual([]);
  });

  it('keeps created tickets untouched (transitions return a new ticket)', () => {
    const ticket = newTicket({ type: 'incident' });
    transition(ticket, { to: 'in_progress' }, agent, NOW, DEFAULT_SLA_POLICY);
    expect(ticket).toMatchObject({ state: 'new', version: 1, updatedAt: CREATED_AT });
  });
});
