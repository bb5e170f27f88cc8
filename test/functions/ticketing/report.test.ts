import {
  isoWeekOf,
  DEFAULT_SLA_POLICY,
  Level,
  priorityOf,
  renderWeeklyReportHtml,
  Ticket,
  weekBounds,
  weeklyReport,
} from '../../../functions/ticketing';
import { domainError } from './fixtures';

/** A stored ticket with only what the report reads filled in. */
function stored(fields: Partial<Ticket> & Pick<Ticket, 'id' | 'createdAt'>, impact: Level = 2, urgency: Level = 2): Ticket {
  return {
    type: 'incident',
    state: 'new',
    title: `Ticket ${fields.id}`,
    description: '…',
    impact,
    urgency,
    priority: priorityOf(impact, urgency),
    requester: 'rita',
    updatedAt: fields.createdAt,
    holds: [],
    sla: { breached: false },
    version: 5,
    ...fields,
  };
}

describe('weekBounds', () => {
  it('gives Monday 00:00 UTC to the next Monday of an ISO week', () => {
    expect(weekBounds('2026-W10')).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' });
    // Week 1 of 2026 holds 4 January, so it starts in 2025.
    expect(weekBounds('2026-W01')).toEqual({ from: '2025-12-29T00:00:00.000Z', to: '2026-01-05T00:00:00.000Z' });
    // 2026 starts on a Thursday: it has a week 53.
    expect(weekBounds('2026-W53')).toEqual({ from: '2026-12-28T00:00:00.000Z', to: '2027-01-04T00:00:00.000Z' });
  });

  it.each([
    ['2026-W54', '2026 has weeks W01 to W53, not W54'],
    ['2026-W00', '2026 has weeks W01 to W53, not W00'],
    ['2025-W53', '2025 has weeks W01 to W52, not W53'],
    ['2026-10', 'is not an ISO week YYYY-Www'],
    ['2026-w10', 'is not an ISO week YYYY-Www'],
  ])('rejects %s with 422 on week', (week, rule) => {
    const error = domainError(() => weekBounds(week));
    expect(error).toMatchObject({ status: 422, field: 'week' });
    expect(error.message).toContain(rule);
  });
});

describe('weeklyReport for 2026-W10 (Monday 2 – Sunday 8 March)', () => {
  // Priority 3 unless said: response 4 business hours, resolution 3 business days (Mon–Fri 09–17 UTC).
  const A = stored({ id: 'A', state: 'closed', category: 'network', createdAt: '2026-03-02T09:00:00Z', respondedAt: '2026-03-02T09:30:00Z', resolvedAt: '2026-03-02T11:00:00Z', closedAt: '2026-03-03T09:00:00Z' });
  const staleA = { ...A, state: 'resolved', closedAt: undefined, version: 4 };
  // Priority 1: responded after 20 min (target 15), resolved after 5 h (target 4 h).
  const B = stored({ id: 'B', state: 'resolved', category: 'network', createdAt: '2026-03-03T10:00:00Z', respondedAt: '2026-03-03T10:20:00Z', resolvedAt: '2026-03-03T15:00:00Z' }, 1, 1);
  const C = stored({ id: 'C', state: 'on_hold', category: 'email', createdAt: '2026-03-04T09:00:00Z', respondedAt: '2026-03-04T10:00:00Z', holds: [{ from: '2026-03-04T11:00:00Z', reason: 'vendor' }] });
  // Priority 4 problem from last week: 2580 business minutes to resolve against 2400.
  const D = stored({ id: 'D', type: 'problem', state: 'resolved', category: 'database', createdAt: '2026-02-26T09:00:00Z', respondedAt: '2026-02-26T10:00:00Z', resolvedAt: '2026-03-05T12:00:00Z' }, 2, 3);
  // Change closed Friday 16:00: 2160 business minutes against 1440.
  const E = stored({ id: 'E', type: 'change', changeModel: 'normal', state: 'closed', outcome: 'successful', category: 'network', createdAt: '2026-03-02T12:00:00Z', respondedAt: '2026-03-02T12:05:00Z', closedAt: '2026-03-06T16:00:00Z' });
  // Priority 5 release from last week, closed within its 10 business days.
  const F = stored({ id: 'F', type: 'release', state: 'closed', outcome: 'failed', createdAt: '2026-02-27T09:00:00Z', respondedAt: '2026-02-27T09:30:00Z', closedAt: '2026-03-04T10:00:00Z' }, 3, 3);
  const G = stored({ id: 'G', state: 'canceled', category: 'email', createdAt: '2026-03-05T09:00:00Z', respondedAt: '2026-03-05T09:10:00Z', closedAt: '2026-03-05T09:10:00Z' });
  const H = stored({ id: 'H', createdAt: '2026-03-08T23:00:00Z' });
  const I = stored({ id: 'I', createdAt: '2026-03-09T00:30:00Z' });
  const J = stored({ id: 'J', state: 'in_progress', category: 'network', createdAt: '2026-02-20T09:00:00Z', respondedAt: '2026-02-20T09:30:00Z' });
  const K = stored({ id: 'K', type: 'change', changeModel: 'standard', state: 'closed', outcome: 'successful', category: 'storage', createdAt: '2026-03-03T09:00:00Z', respondedAt: '2026-03-03T10:00:00Z', closedAt: '2026-03-10T10:00:00Z' });
  const NOW = '2026-03-16T08:00:00.000Z';
  const report = weeklyReport([staleA, B, C, D, E, F, G, H, I, J, K, A], '2026-W10', NOW, DEFAULT_SLA_POLICY);

  it('counts tickets opened, closed, canceled and resolved in the week, using the latest version of each', () => {
    expect(report).toMatchObject({ week: '2026-W10', from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', generatedAt: NOW });
    expect(report.opened).toEqual({ total: 7, byType: { incident: 5, problem: 0, change: 2, release: 0 } });
    expect(report.closed).toEqual({ total: 3, byType: { incident: 1, problem: 0, change: 1, release: 1 } });
    expect(report.canceled).toEqual({ total: 1, byType: { incident: 1, problem: 0, change: 0, release: 0 } });
    expect(report.resolved).toBe(3);
  });

  it('measures SLA attainment over the clocks that stopped in the week, canceled tickets left out', () => {
    expect(report.slaAttainment).toEqual({
      response: { met: 4, breached: 1, percent: 80 },
      resolution: { met: 2, breached: 3, percent: 40 },
    });
    expect(report.breaches).toEqual({
      total: 3,
      mostUrgent: [
        { id: 'B', type: 'incident', title: 'Ticket B', priority: 1, clocks: ['response', 'resolution'] },
        { id: 'E', type: 'change', title: 'Ticket E', priority: 3, clocks: ['resolution'] },
        { id: 'D', type: 'problem', title: 'Ticket D', priority: 4, clocks: ['resolution'] },
      ],
    });
  });

  it('gives MTTA over first responses in the week and MTTR over resolutions in the week, in wall-clock minutes', () => {
    expect(report.mtta).toEqual({ count: 5, medianMinutes: 30, meanMinutes: 35 });
    expect(report.mttr).toEqual({ count: 3, medianMinutes: 300, meanMinutes: 3560 });
  });

  it('ranks the categories of tickets opened in the week', () => {
    expect(report.topCategories).toEqual([
      { category: 'network', count: 3 },
      { category: 'email', count: 2 },
      { category: 'storage', count: 1 },
    ]);
  });

  it('counts changes and releases closed in the week by outcome', () => {
    expect(report.changesByOutcome).toEqual({ successful: 1, successful_with_issues: 0, failed: 1, backed_out: 0 });
  });

  it('counts the backlog still open at the end of the week', () => {
    expect(report.backlog).toEqual({ total: 4, byType: { incident: 3, problem: 0, change: 1, release: 0 } });
  });

  it('reports nothing, with no percentages or times, for an empty week', () => {
    const empty = weeklyReport([], '2026-W10', NOW, DEFAULT_SLA_POLICY);
    expect(empty.slaAttainment.response).toEqual({ met: 0, breached: 0, percent: null });
    expect(empty.mttr).toEqual({ count: 0, medianMinutes: null, meanMinutes: null });
    expect(empty.topCategories).toEqual([]);
  });

  describe('as HTML', () => {
    const html = renderWeeklyReportHtml(report);

    it('is one self-contained page: no scripts, no external assets', () => {
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<title>Weekly operations report 2026-W10</title>');
      expect(html).toContain('Mon 2 Mar 2026 – Sun 8 Mar 2026');
      expect(html).not.toMatch(/<script|<link|src=|url\(/i);
      expect(html).toContain('<svg');
    });

    it('shows the figures', () => {
      expect(html).toContain('80.0%');
      expect(html).toContain('40.0%');
      expect(html).toMatch(/MTTR \(time to resolve\)<\/td><td class="num">3<\/td><td class="num">5 h 00 min<\/td><td class="num">2 d 11 h<\/td>/);
      expect(html).toMatch(/<td>network<\/td><td class="num">3<\/td>/);
    });

    it('escapes text taken from tickets', () => {
      const hostile = { ...B, title: '<script>alert("x")</script>', category: 'a&b <i>' };
      const page = renderWeeklyReportHtml(weeklyReport([hostile], '2026-W10', NOW, DEFAULT_SLA_POLICY));
      expect(page).not.toContain('<script>');
      expect(page).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
      expect(page).toContain('a&#38;b &#60;i&#62;');
    });

    it('renders the same report to the same bytes', () => {
      expect(renderWeeklyReportHtml(weeklyReport([A, B, C, D, E, F, G, H, I, J, K], '2026-W10', NOW, DEFAULT_SLA_POLICY))).toBe(html);
    });
  });
});

describe('isoWeekOf', () => {
  it.each([
    ['2026-11-22T13:00:00Z', '2026-W47'],
    ['2027-01-01T00:00:00Z', '2026-W53'],
    ['2025-12-29T08:00:00Z', '2026-W01'],
    ['2020-12-31T12:00:00Z', '2020-W53'],
  ])('names the ISO week %s falls in (%s), the week weekBounds reads', (time, week) => {
    expect(isoWeekOf(time)).toBe(week);
    const { from, to } = weekBounds(week);
    expect(Date.parse(from) <= Date.parse(time) && Date.parse(time) < Date.parse(to)).toBe(true);
  });
});
