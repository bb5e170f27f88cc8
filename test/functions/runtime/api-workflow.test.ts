/** The ticketing API through the local server on DynamoDB Local, as a client uses it. */
import { useTicketingApi } from '../../helpers/ticketing-api';

const api = useTicketingApi();
let requester: string;
let otherRequester: string;
let agent: string;
let approver: string;
let auditor: string;

beforeAll(async () => {
  requester = await api().token('rita', 'requester');
  otherRequester = await api().token('oscar', 'requester');
  agent = await api().token('alex', 'agent');
  approver = await api().token('april', 'approver');
  auditor = await api().token('audrey', 'auditor');
});

const incident = { type: 'incident', title: 'VPN down in Lyon', description: 'Both tunnels report DOWN since 09:12.', category: 'network', impact: 1, urgency: 2 };

async function create(body: unknown, token = agent) {
  const response = await api().call('POST', '/tickets', { token, body });
  expect(response.status).toBe(201);
  return response;
}

describe('authentication and roles', () => {
  it('answers /health without a token', async () => {
    const response = await api().call('GET', '/health');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers 401 as problem+json without a token or with a forged one', async () => {
    for (const token of [undefined, 'not.a.token']) {
      const response = await api().call('GET', '/tickets', { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.body).toMatchObject({ status: 401, field: 'Authorization' });
    }
  });

  it('answers 403 naming the roles needed when an auditor tries to create', async () => {
    const response = await api().call('POST', '/tickets', { token: auditor, body: incident });
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/requester, agent, approver/);
  });

  it("hides a requester's ticket from another requester (404) but shows it to staff", async () => {
    const created = await create(incident, requester);
    expect((await api().call('GET', `/tickets/${created.body.id}`, { token: otherRequester })).status).toBe(404);
    expect((await api().call('GET', `/tickets/${created.body.id}`, { token: requester })).status).toBe(200);
    expect((await api().call('GET', `/tickets/${created.body.id}`, { token: auditor })).status).toBe(200);
  });
});

describe('creating and reading tickets', () => {
  it('creates an incident with its priority from impact × urgency, a Location and an ETag', async () => {
    const response = await create(incident, requester);
    expect(response.headers.get('location')).toBe(`/tickets/${response.body.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toMatchObject({ type: 'incident', state: 'new', priority: 2, requester: 'rita', version: 1 });
    expect(response.body.nextStates).toContain('in_progress');
    const read = await api().call('GET', `/tickets/${response.body.id}`, { token: agent });
    expect(read.body).toEqual(response.body);
  });

  it('returns the first ticket for a retried create with the same Idempotency-Key, and 422 for another body', async () => {
    const headers = { 'idempotency-key': 'create-vpn-incident-1' };
    const first = await api().call('POST', '/tickets', { token: agent, body: incident, headers });
    const retry = await api().call('POST', '/tickets', { token: agent, body: { ...incident }, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const other = await api().call('POST', '/tickets', { token: agent, body: { ...incident, urgency: 3 }, headers });
    expect(other.status).toBe(422);
    expect(other.body.field).toBe('Idempotency-Key');
  });

  it('pages through a filtered list newest first, each ticket once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ ...incident, type: 'problem', title: `Recurring VPN drop ${i}`, impact: 3, urgency: 3 })).body.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api().call('GET', `/tickets?type=problem&priority=5&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: auditor });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});

describe('editing with optimistic locking', () => {
  it('needs If-Match (428), refuses a stale version (412 with the current one) and accepts the current one', async () => {
    const { body: ticket } = await create(incident);
    const missing = await api().call('PATCH', `/tickets/${ticket.id}`, { token: agent, body: { urgency: 1 } });
    expect(missing.status).toBe(428);
    expect(missing.body.field).toBe('If-Match');
    const ok = await api().call('PATCH', `/tickets/${ticket.id}`, { token: agent, body: { urgency: 1 }, headers: { 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ urgency: 1, priority: 1, version: 2 });
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await api().call('PATCH', `/tickets/${ticket.id}`, { token: agent, body: { impact: 2 }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(2);
    expect(stale.headers.get('etag')).toBe('"2"');
  });

  it('lets exactly one of 32 concurrent PATCHes from the same version win; the others get 412 and nothing is lost', async () => {
    const { body: ticket } = await create(incident);
    const responses = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        api().call('PATCH', `/tickets/${ticket.id}`, { token: agent, body: { title: `Edit number ${i}` }, headers: { 'if-match': '"1"' } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(31);
    const winner = responses.find((r) => r.status === 200)!;
    const stored = await api().call('GET', `/tickets/${ticket.id}`, { token: agent });
    expect(stored.body).toMatchObject({ version: 2, title: winner.body.title });
    const events = await api().call('GET', `/tickets/${ticket.id}/events`, { token: auditor });
    expect(events.body.items.map((e: { kind: string; seq: number }) => [e.kind, e.seq])).toEqual([
      ['created', 1],
      ['updated', 2],
    ]);
    expect(events.body.items[1].changes).toEqual([{ field: 'title', from: incident.title, to: winner.body.title }]);
  });
});

describe('state machines', () => {
  it('refuses a move the incident state machine does not allow, naming the allowed states (409)', async () => {
    const { body: ticket } = await create(incident);
    const response = await api().call('POST', `/tickets/${ticket.id}/transitions`, { token: agent, body: { to: 'closed' } });
    expect(response.status).toBe(409);
    expect(response.body.allowed).toEqual(expect.arrayContaining(['in_progress']));
    expect(response.body.allowed).not.toContain('closed');
  });

  it('needs a reason to put an incident on hold, pauses its resolution clock, and records the trail', async () => {
    const { body: ticket } = await create(incident);
    await api().call('POST', `/tickets/${ticket.id}/transitions`, { token: agent, body: { to: 'in_progress' } });
    const noReason = await api().call('POST', `/tickets/${ticket.id}/transitions`, { token: agent, body: { to: 'on_hold' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.field).toBe('reason');
    const held = await api().call('POST', `/tickets/${ticket.id}/transitions`, { token: agent, body: { to: 'on_hold', reason: 'Waiting for the ISP' } });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ state: 'on_hold', onHoldReason: 'Waiting for the ISP', version: 3 });
    const sla = await api().call('GET', `/tickets/${ticket.id}/sla`, { token: agent });
    const resolution = sla.body.clocks.find((c: { name: string }) => c.name === 'resolution');
    expect(resolution).toMatchObject({ paused: true, breached: false });
    const response = sla.body.clocks.find((c: { name: string }) => c.name === 'response');
    expect(response.stoppedAt).toBeDefined();
    const events = await api().call('GET', `/tickets/${ticket.id}/events`, { token: agent });
    expect(events.body.items.map((e: { kind: string }) => e.kind)).toEqual(['created', 'transitioned', 'transitioned']);
    expect(events.body.items[2].changes).toEqual(expect.arrayContaining([{ field: 'state', from: 'in_progress', to: 'on_hold' }]));
  });

  it('runs a normal change from new to closed: plans before authorize, an approver other than the requester, an outcome to close', async () => {
    const { body: change } = await create({ type: 'change', title: 'Rotate VPN PSKs', description: 'Quarterly rotation.', impact: 2, urgency: 3 }, approver);
    const move = (to: string, token = agent, extra: object = {}) => api().call('POST', `/tickets/${change.id}/transitions`, { token, body: { to, ...extra } });
    expect((await move('assess')).status).toBe(200);
    const noPlans = await move('authorize');
    expect(noPlans.status).toBe(422);
    expect(noPlans.body.detail).toMatch(/plans\.implementation/);
    const plans = { implementation: 'Rotate in Secrets Manager, then on the CPE.', backout: 'Restore the previous version.', test: 'Both tunnels UP, BGP established.' };
    expect((await move('authorize', agent, { plans })).status).toBe(200);
    const selfApproval = await move('scheduled', approver);
    expect(selfApproval.status).toBe(403);
    const secondApprover = await api().token('abel', 'approver');
    const approved = await move('scheduled', secondApprover);
    expect(approved.status).toBe(200);
    expect(approved.body.approver).toBe('abel');
    for (const to of ['implement', 'review']) expect((await move(to)).status).toBe(200);
    expect((await move('closed')).status).toBe(422);
    const closed = await move('closed', agent, { outcome: 'successful' });
    expect(closed.body).toMatchObject({ state: 'closed', outcome: 'successful', nextStates: [] });
  });
});

describe('comments and the audit trail', () => {
  it('lets a requester comment publicly but not write work notes', async () => {
    const { body: ticket } = await create(incident, requester);
    const note = await api().call('POST', `/tickets/${ticket.id}/comments`, { token: requester, body: { visibility: 'work_note', body: 'internal' } });
    expect(note.status).toBe(403);
    expect(note.body.field).toBe('visibility');
    const comment = await api().call('POST', `/tickets/${ticket.id}/comments`, { token: requester, body: { body: 'Still down from the Lyon office.' } });
    expect(comment.status).toBe(201);
    const events = await api().call('GET', `/tickets/${ticket.id}/events`, { token: auditor });
    expect(events.body.items.at(-1)).toMatchObject({ kind: 'commented', actor: 'rita', comment: { visibility: 'public', body: 'Still down from the Lyon office.' } });
    expect((await api().call('GET', `/tickets/${ticket.id}/events`, { token: requester })).status).toBe(403);
  });
});

describe('weekly report', () => {
  it('counts this week in JSON and renders the same report as an HTML page', async () => {
    const json = await api().call('GET', '/reports/weekly', { token: auditor });
    expect(json.status).toBe(200);
    expect(json.body.opened.total).toBeGreaterThan(0);
    expect(json.body.week).toMatch(/^\d{4}-W\d{2}$/);
    const html = await api().call('GET', `/reports/weekly?week=${json.body.week}`, { token: auditor, headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.text).toMatch(/<html/i);
    expect(html.text).toContain(json.body.week);
  });
});
