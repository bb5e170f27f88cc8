import type { TicketStore } from '../../store/port';
import { isoWeekOf, OPEN_STATES, renderWeeklyReportHtml, weekBounds, weeklyReport } from '..';
import type { Ticket } from '../model';
import type { TicketingAppDeps } from './app';
import { json, wantsHtml } from './io';
import type { Router } from './router';
import { reportQuery } from './schemas';
import { allowed } from './tickets';
import { parseOrThrow } from './validate';

const PAGE = 100;

export function reportRoutes(router: Router, deps: TicketingAppDeps): void {
  router.add('GET', '/reports/weekly', async (request) => {
    allowed(request, 'read-reports');
    const now = deps.clock().toISOString();
    const week = parseOrThrow(reportQuery, request.query, 'query').week ?? isoWeekOf(now);
    const { from, to } = weekBounds(week);
    const report = weeklyReport(await ticketsOpenDuring(deps.store, from, to, now), week, now, deps.policy);
    if (wantsHtml(request)) {
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: renderWeeklyReportHtml(report) };
    }
    return json(200, report);
  });
}

/**
 * Every ticket created before `to` that was still open at `from`: the report's population. It is
 * open now (listed by state), or it was created, resolved or closed since `from` — a ticket
 * closed after the week ended is found that way, so a past week's backlog is complete too.
 */
export async function ticketsOpenDuring(store: TicketStore, from: string, to: string, now: string): Promise<Ticket[]> {
  const byId = new Map<string, Ticket>();
  const keep = (ticket: Ticket) => {
    if (ticket.createdAt >= to) return;
    const seen = byId.get(ticket.id);
    if (!seen || seen.version < ticket.version) byId.set(ticket.id, ticket);
  };
  for await (const ticket of store.ticketsTouchedBetween(from, now > to ? now : to)) keep(ticket);
  for (const state of OPEN_STATES) {
    let cursor: string | undefined;
    do {
      const page = await store.list({ state, now }, { limit: PAGE, cursor });
      page.items.forEach(keep);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return [...byId.values()].filter((ticket) => !ticket.closedAt || ticket.closedAt >= from);
}
