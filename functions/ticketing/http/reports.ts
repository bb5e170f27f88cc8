import { renderWeeklyReportHtml, weekBounds, weeklyReport } from '..';
import type { Ticket } from '../model';
import type { TicketingAppDeps } from './app';
import { json, wantsHtml } from './io';
import type { Router } from './router';
import { reportQuery } from './schemas';
import { allowed } from './tickets';
import { parseOrThrow } from './validate';

export function reportRoutes(router: Router, deps: TicketingAppDeps): void {
  router.add('GET', '/reports/weekly', async (request) => {
    allowed(request, 'read-reports');
    const now = deps.clock();
    const week = parseOrThrow(reportQuery, request.query, 'query').week ?? isoWeekOf(now);
    const { from, to } = weekBounds(week);
    const tickets: Ticket[] = [];
    for await (const ticket of deps.store.ticketsTouchedBetween(from, to)) tickets.push(ticket);
    const report = weeklyReport(tickets, week, now.toISOString(), deps.policy);
    if (wantsHtml(request)) {
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: renderWeeklyReportHtml(report) };
    }
    return json(200, report);
  });
}

/** ISO 8601 week of a UTC instant, as `YYYY-Www`. */
export function isoWeekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
