/** Bad input of every kind gets a 4xx problem naming what is wrong; none gets a 500. */
import { useTicketingApi, type CallOptions } from '../../helpers/ticketing-api';

const api = useTicketingApi();
let agent: string;
let ticketId: string;

const valid = { type: 'incident', title: 'Printer on fire', description: 'Third floor.', impact: 2, urgency: 2 };

beforeAll(async () => {
  agent = await api().token('alex', 'agent');
  const created = await api().call('POST', '/tickets', { token: agent, body: valid });
  ticketId = created.body.id;
});

interface BadCase {
  readonly name: string;
  readonly method: string;
  readonly path: () => string;
  readonly options: CallOptions;
  readonly status: number;
  /** The `field` the problem must name. */
  readonly field?: string;
}

const cases: BadCase[] = [
  { name: 'a number where a string is expected', method: 'POST', path: () => '/tickets', options: { body: { ...valid, title: 42 } }, status: 400, field: 'title' },
  { name: 'a missing required field', method: 'POST', path: () => '/tickets', options: { body: { ...valid, description: undefined } }, status: 400, field: 'description' },
  { name: 'an unknown field', method: 'POST', path: () => '/tickets', options: { body: { ...valid, severity: 'high' } }, status: 400, field: 'severity' },
  { name: 'an impact outside 1-3', method: 'POST', path: () => '/tickets', options: { body: { ...valid, impact: 7 } }, status: 400, field: 'impact' },
  { name: 'an unknown ticket type', method: 'POST', path: () => '/tickets', options: { body: { ...valid, type: 'outage' } }, status: 400, field: 'type' },
  { name: 'a 201-character title', method: 'POST', path: () => '/tickets', options: { body: { ...valid, title: 'x'.repeat(201) } }, status: 400, field: 'title' },
  { name: 'a blank title', method: 'POST', path: () => '/tickets', options: { body: { ...valid, title: '   ' } }, status: 400, field: 'title' },
  { name: 'an impossible date', method: 'POST', path: () => '/tickets', options: { body: { ...valid, type: 'change', scheduledStart: '2026-02-30T10:00:00Z' } }, status: 400, field: 'scheduledStart' },
  { name: 'a date without a time zone', method: 'POST', path: () => '/tickets', options: { body: { ...valid, type: 'change', scheduledStart: '2026-12-01T10:00:00' } }, status: 400, field: 'scheduledStart' },
  { name: 'a schedule that ends before it starts', method: 'POST', path: () => '/tickets', options: { body: { ...valid, type: 'change', scheduledStart: '2026-12-02T10:00:00Z', scheduledEnd: '2026-12-01T10:00:00Z' } }, status: 422, field: 'scheduledEnd' },
  { name: 'a change model on an incident', method: 'POST', path: () => '/tickets', options: { body: { ...valid, changeModel: 'standard' } }, status: 422, field: 'changeModel' },
  { name: 'an array body', method: 'POST', path: () => '/tickets', options: { body: [valid] }, status: 400 },
  { name: 'a JSON null body', method: 'POST', path: () => '/tickets', options: { rawBody: 'null', headers: { 'content-type': 'application/json' } }, status: 400 },
  { name: 'a body that is not JSON', method: 'POST', path: () => '/tickets', options: { rawBody: '{"type": "incident",', headers: { 'content-type': 'application/json' } }, status: 400, field: 'body' },
  { name: 'a body that is not declared JSON', method: 'POST', path: () => '/tickets', options: { rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }, status: 415, field: 'Content-Type' },
  { name: 'a body over 64 KiB', method: 'POST', path: () => '/tickets', options: { body: { ...valid, description: 'y'.repeat(70_000) } }, status: 413 },
  { name: 'an empty body', method: 'POST', path: () => '/tickets', options: { headers: { 'content-type': 'application/json' } }, status: 400, field: 'body' },
  { name: 'an idempotency key with control characters', method: 'POST', path: () => '/tickets', options: { body: valid, headers: { 'idempotency-key': 'a b' } }, status: 400, field: 'Idempotency-Key' },
  { name: 'a limit of 0', method: 'GET', path: () => '/tickets?limit=0', options: {}, status: 400, field: 'limit' },
  { name: 'a limit of 101', method: 'GET', path: () => '/tickets?limit=101', options: {}, status: 400, field: 'limit' },
  { name: 'a priority of 9', method: 'GET', path: () => '/tickets?priority=9', options: {}, status: 400, field: 'priority' },
  { name: 'breached=maybe', method: 'GET', path: () => '/tickets?breached=maybe', options: {}, status: 400, field: 'breached' },
  { name: 'an unknown query parameter', method: 'GET', path: () => '/tickets?colour=red', options: {}, status: 400, field: 'colour' },
  { name: 'a forged cursor', method: 'GET', path: () => '/tickets?cursor=eyJwayI6IlRJQ0tFVCJ9', options: {}, status: 400, field: 'cursor' },
  { name: 'an id that cannot exist', method: 'GET', path: () => '/tickets/../../etc/passwd', options: {}, status: 404 },
  { name: 'a well-formed id that does not exist', method: 'GET', path: () => '/tickets/01JZZZZZZZZZZZZZZZZZZZZZZZ', options: {}, status: 404 },
  { name: 'an unknown path', method: 'GET', path: () => '/admin', options: {}, status: 404 },
  { name: 'a method the path does not serve', method: 'DELETE', path: () => `/tickets/${ticketId}`, options: {}, status: 405 },
  { name: 'a PATCH with a malformed If-Match', method: 'PATCH', path: () => `/tickets/${ticketId}`, options: { body: { urgency: 1 }, headers: { 'if-match': 'latest' } }, status: 400, field: 'If-Match' },
  { name: 'a PATCH setting a field of another ticket type', method: 'PATCH', path: () => `/tickets/${ticketId}`, options: { body: { knownError: true }, headers: { 'if-match': '"1"' } }, status: 422, field: 'knownError' },
  { name: 'a PATCH of an unknown field', method: 'PATCH', path: () => `/tickets/${ticketId}`, options: { body: { state: 'closed' }, headers: { 'if-match': '"1"' } }, status: 400, field: 'state' },
  { name: 'a transition to a state the ticket type does not have', method: 'POST', path: () => `/tickets/${ticketId}/transitions`, options: { body: { to: 'exploded' } }, status: 422, field: 'to' },
  { name: 'a transition to a state not reachable now', method: 'POST', path: () => `/tickets/${ticketId}/transitions`, options: { body: { to: 'resolved', resolutionCode: 'fixed' } }, status: 409 },
  { name: 'a transition without a target', method: 'POST', path: () => `/tickets/${ticketId}/transitions`, options: { body: {} }, status: 400, field: 'to' },
  { name: 'a comment with an unknown visibility', method: 'POST', path: () => `/tickets/${ticketId}/comments`, options: { body: { visibility: 'secret', body: 'x' } }, status: 400, field: 'visibility' },
  { name: 'an invalid ISO week', method: 'GET', path: () => '/reports/weekly?week=2026-W54', options: {}, status: 422, field: 'week' },
  { name: 'a week in another format', method: 'GET', path: () => '/reports/weekly?week=2026-11', options: {}, status: 400, field: 'week' },
];

describe('bad input', () => {
  it.each(cases)('answers $status for $name', async ({ method, path, options, status, field }) => {
    const response = await api().call(method, path(), { token: agent, ...options });
    expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({ status, contentType: 'application/problem+json' });
    expect(response.body.status).toBe(status);
    expect(typeof response.body.detail).toBe('string');
    if (field) expect(response.body.field).toBe(field);
  });

  it('leaves the ticket untouched after all of it', async () => {
    const response = await api().call('GET', `/tickets/${ticketId}`, { token: agent });
    expect(response.body).toMatchObject({ version: 1, state: 'new', title: valid.title });
  });
});
