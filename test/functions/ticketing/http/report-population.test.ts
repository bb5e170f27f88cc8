/** Which tickets a weekly report is built from, read from a real store (DynamoDB Local). */
import { newUlid } from '../../../../functions/runtime/ulid';
import type { TicketStore } from '../../../../functions/store/port';
import { createTicket, DEFAULT_SLA_POLICY, transition, weeklyReport, type Principal, type Ticket } from '../../../../functions/ticketing';
import { ticketsOpenDuring } from '../../../../functions/ticketing/http/reports';
import { useDynamoDbLocal } from '../../../helpers/dynamodb-local';

const dynamo = useDynamoDbLocal();
const agent: Principal = { sub: 'alex', roles: ['agent'] };
// ISO week 2026-W40 runs from Monday 2026-09-28 to Monday 2026-10-05 (UTC).
const WEEK = '2026-W40';
const FROM = '2026-09-28T00:00:00.000Z';
const TO = '2026-10-05T00:00:00.000Z';
const NOW = '2026-11-02T10:00:00.000Z';

async function raise(store: TicketStore, title: string, at: string): Promise<Ticket> {
  const { ticket, event } = createTicket({ type: 'incident', title, description: 'd', impact: 2, urgency: 2 }, agent, at, newUlid(Date.parse(at)), DEFAULT_SLA_POLICY);
  await store.create(ticket, event);
  return ticket;
}

async function move(store: TicketStore, ticket: Ticket, at: string, to: string, extra: object = {}): Promise<Ticket> {
  const { ticket: next, event } = transition(ticket, { to, ...extra }, agent, at, DEFAULT_SLA_POLICY);
  await store.update(next, ticket.version, [event]);
  return next;
}

async function close(store: TicketStore, ticket: Ticket, at: string): Promise<Ticket> {
  const working = await move(store, ticket, at, 'in_progress');
  const resolved = await move(store, working, at, 'resolved', { resolutionCode: 'fixed' });
  return move(store, resolved, at, 'closed');
}

describe('the weekly report population', () => {
  it("holds the week's open and closed tickets, including a past week's backlog closed later, and nothing else", async () => {
    const store = await dynamo.freshStore();
    const openSince = await move(store, await raise(store, 'open since W38', '2026-09-15T09:00:00Z'), '2026-09-15T10:00:00Z', 'in_progress');
    await close(store, await raise(store, 'closed in W39', '2026-09-16T09:00:00Z'), '2026-09-23T09:00:00Z');
    const closedLater = await close(store, await raise(store, 'closed after the week', '2026-09-22T09:00:00Z'), '2026-10-14T09:00:00Z');
    const closedInWeek = await close(store, await raise(store, 'opened and closed in W40', '2026-09-29T09:00:00Z'), '2026-10-01T09:00:00Z');
    const canceledInWeek = await move(store, await raise(store, 'canceled in W40', '2026-09-14T09:00:00Z'), '2026-09-30T09:00:00Z', 'canceled');
    await raise(store, 'opened after the week', '2026-10-07T09:00:00Z');

    const population = await ticketsOpenDuring(store, FROM, TO, NOW);
    expect(population.map((t) => t.title).sort()).toEqual([canceledInWeek, closedInWeek, closedLater, openSince].map((t) => t.title).sort());

    const report = weeklyReport(population, WEEK, NOW, DEFAULT_SLA_POLICY);
    expect(report.opened.total).toBe(1);
    expect(report.closed.total).toBe(1);
    expect(report.backlog.total).toBe(2);
  });
});
