import { commentOn, createTicket, DEFAULT_SLA_POLICY, patchTicket, PatchInput } from '../../../functions/ticketing';
import { agent, approver, CREATED_AT, domainError, FULL_PLANS, newTicket, requester, walk } from './fixtures';

const NOW = '2026-03-02T10:00:00.000Z';
const policy = DEFAULT_SLA_POLICY;

describe('createTicket', () => {
  it('creates version 1 in state new, with the computed priority and a created event listing the fields set', () => {
    const { ticket, event } = createTicket(
      { type: 'incident', title: ' VPN down ', description: 'No tunnel to the office', impact: 1, urgency: 2, category: 'network' },
      requester,
      CREATED_AT,
      'T7',
      policy,
    );
    expect(ticket).toEqual({
      id: 'T7',
      type: 'incident',
      state: 'new',
      title: 'VPN down',
      description: 'No tunnel to the office',
      category: 'network',
      impact: 1,
      urgency: 2,
      priority: 2,
      requester: 'rita',
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
      holds: [],
      sla: { responseDueAt: '2026-03-02T09:30:00.000Z', resolutionDueAt: '2026-03-02T17:00:00.000Z', breached: false },
      version: 1,
    });
    expect(event).toEqual({
      ticketId: 'T7',
      seq: 1,
      at: CREATED_AT,
      actor: 'rita',
      kind: 'created',
      changes: [
        { field: 'type', to: 'incident' },
        { field: 'state', to: 'new' },
        { field: 'title', to: 'VPN down' },
        { field: 'description', to: 'No tunnel to the office' },
        { field: 'category', to: 'network' },
        { field: 'impact', to: 1 },
        { field: 'urgency', to: 2 },
        { field: 'priority', to: 2 },
        { field: 'requester', to: 'rita' },
        { field: 'createdAt', to: CREATED_AT },
      ],
    });
  });

  it('defaults a change to the normal model and a problem to not a known error', () => {
    expect(newTicket({ type: 'change' }).changeModel).toBe('normal');
    expect(newTicket({ type: 'problem' }).knownError).toBe(false);
  });

  it('lets an agent raise a ticket for someone else, and refuses anyone else with 403', () => {
    expect(newTicket({ type: 'incident', requester: 'bob' }).requester).toBe('bob');
    const error = domainError(() =>
      createTicket({ type: 'incident', title: 't', description: 'd', impact: 3, urgency: 3, requester: 'bob' }, requester, CREATED_AT, 'T8', policy),
    );
    expect(error).toMatchObject({ status: 403, code: 'on_behalf_requires_agent', field: 'requester' });
  });

  it.each([
    ['changeModel', { type: 'incident', changeModel: 'standard' }],
    ['linkedChanges', { type: 'change', linkedChanges: ['C1'] }],
    ['plans', { type: 'problem', plans: FULL_PLANS }],
    ['scheduledStart', { type: 'incident', scheduledStart: '2026-03-10T20:00:00Z' }],
  ] as const)('refuses %s on a type it does not belong to with 422', (field, input) => {
    const error = domainError(() => newTicket(input));
    expect(error).toMatchObject({ status: 422, field });
    expect(error.message).toContain(`not to a new ${input.type}`);
  });

  it('requires the scheduled end to be after the start', () => {
    const error = domainError(() => newTicket({ type: 'change', scheduledStart: '2026-03-10T22:00:00Z', scheduledEnd: '2026-03-10T21:00:00Z' }));
    expect(error).toMatchObject({ status: 422, field: 'scheduledEnd' });
    expect(error.message).toBe('scheduledEnd: must be after scheduledStart (2026-03-10T22:00:00Z)');
  });

  it('refuses a release listing the same change twice', () => {
    expect(domainError(() => newTicket({ type: 'release', linkedChanges: ['C1', 'C2', 'C1'] }))).toMatchObject({ status: 422, field: 'linkedChanges.2' });
  });
});

describe('patchTicket', () => {
  const incident = newTicket({ type: 'incident' });

  it('recomputes priority and lists only the fields that changed', () => {
    const { ticket, event } = patchTicket(incident, { impact: 1, urgency: 2, title: incident.title, assignee: 'alex' }, agent, NOW, policy);
    expect(ticket).toMatchObject({ impact: 1, priority: 2, assignee: 'alex', version: 2, updatedAt: NOW });
    expect(event).toEqual({
      ticketId: 'T1',
      seq: 2,
      at: NOW,
      actor: 'alex',
      kind: 'updated',
      changes: [
        { field: 'impact', from: 2, to: 1 },
        { field: 'priority', from: 3, to: 2 },
        { field: 'assignee', to: 'alex' },
      ],
    });
    // Priority 2 answers within 30 minutes: the response is already overdue.
    expect(ticket.sla).toMatchObject({ responseDueAt: '2026-03-02T09:30:00.000Z', breached: true });
  });

  it('returns the ticket unchanged, with no event and no new version, when nothing changes', () => {
    const result = patchTicket(incident, { title: incident.title, urgency: incident.urgency }, agent, NOW, policy);
    expect(result.event).toBeUndefined();
    expect(result.ticket).toBe(incident);
  });

  it('clears the assignee with null', () => {
    const assigned = patchTicket(incident, { assignee: 'alex' }, agent, NOW, policy).ticket;
    const { ticket, event } = patchTicket(assigned, { assignee: null }, agent, NOW, policy);
    expect('assignee' in ticket).toBe(false);
    expect(event?.changes).toEqual([{ field: 'assignee', from: 'alex' }]);
  });

  it.each([
    ['knownError', { knownError: true }],
    ['plans', { plans: FULL_PLANS }],
    ['linkedChanges', { linkedChanges: ['C1'] }],
  ] as [string, PatchInput][])('refuses %s on an incident with 422 naming it', (field, patch) => {
    expect(domainError(() => patchTicket(incident, patch, agent, NOW, policy))).toMatchObject({ status: 422, field });
  });

  it('refuses a field that is not patchable, pointing at transitions for the state', () => {
    const error = domainError(() => patchTicket(incident, { state: 'closed' } as PatchInput, agent, NOW, policy));
    expect(error).toMatchObject({ status: 422, field: 'state' });
    expect(error.message).toContain('move the state with a transition');
  });

  it('sets the known-error flag and root cause of a problem', () => {
    const { ticket, event } = patchTicket(newTicket({ type: 'problem' }), { knownError: true, rootCause: 'leaking file handles' }, agent, NOW, policy);
    expect(ticket).toMatchObject({ knownError: true, rootCause: 'leaking file handles' });
    expect(event?.changes).toEqual([
      { field: 'knownError', from: false, to: true },
      { field: 'rootCause', to: 'leaking file handles' },
    ]);
  });

  it('refuses edits of a closed or canceled ticket with 409', () => {
    const canceled = walk(incident, [{ to: 'canceled' }]);
    expect(domainError(() => patchTicket(canceled, { title: 'x' }, agent, NOW, policy))).toMatchObject({ status: 409, code: 'ticket_closed' });
    const closed = walk(incident, [{ to: 'in_progress' }, { to: 'resolved', resolutionCode: 'fixed' }, { to: 'closed' }]);
    expect(domainError(() => patchTicket(closed, { title: 'x' }, agent, NOW, policy))).toMatchObject({ status: 409, code: 'ticket_closed' });
  });

  it('merges plans plan by plan until the change leaves authorize, then refuses them with 409', () => {
    const change = newTicket({ type: 'change', plans: { implementation: 'blue/green' } });
    const patched = patchTicket(change, { plans: { backout: 'switch back to blue' } }, agent, NOW, policy).ticket;
    expect(patched.plans).toEqual({ implementation: 'blue/green', backout: 'switch back to blue' });

    const scheduled = walk(patched, [{ to: 'assess' }, { to: 'authorize', plans: { test: 'canary' } }, { to: 'scheduled', by: approver }]);
    const error = domainError(() => patchTicket(scheduled, { plans: { test: 'full regression' } }, agent, NOW, policy));
    expect(error).toMatchObject({ status: 409, code: 'plans_frozen', field: 'plans' });
    expect(patchTicket(scheduled, { scheduledStart: '2026-03-12T20:00:00Z' }, agent, NOW, policy).ticket.scheduledStart).toBe('2026-03-12T20:00:00Z');
  });

  it('checks the schedule against the stored start when only the end is patched', () => {
    const change = newTicket({ type: 'change', scheduledStart: '2026-03-10T22:00:00Z', scheduledEnd: '2026-03-10T23:00:00Z' });
    expect(domainError(() => patchTicket(change, { scheduledEnd: '2026-03-10T21:00:00Z' }, agent, NOW, policy))).toMatchObject({ status: 422, field: 'scheduledEnd' });
  });

  it('refuses an empty title', () => {
    expect(domainError(() => patchTicket(incident, { title: '  ' }, agent, NOW, policy))).toMatchObject({ status: 422, field: 'title' });
  });
});

describe('commentOn', () => {
  it('adds a version and a commented event holding the comment', () => {
    const ticket = newTicket({ type: 'incident' });
    const { ticket: commented, event } = commentOn(ticket, { visibility: 'public', body: ' Any news? ' }, requester, NOW);
    expect(commented).toMatchObject({ version: 2, updatedAt: NOW, state: 'new' });
    expect(event).toEqual({ ticketId: 'T1', seq: 2, at: NOW, actor: 'rita', kind: 'commented', changes: [], comment: { visibility: 'public', body: 'Any news?' } });
  });

  it('refuses an empty comment', () => {
    expect(domainError(() => commentOn(newTicket({ type: 'incident' }), { visibility: 'work_note', body: '' }, agent, NOW))).toMatchObject({ status: 422, field: 'body' });
  });
});
