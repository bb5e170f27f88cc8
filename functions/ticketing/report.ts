import { invalidField } from './errors';
import { CHANGE_OUTCOMES, ChangeOutcome, Priority, Ticket, TICKET_TYPES, TicketType } from './model';
import { SlaPolicy, slaClocks } from './sla';

/** A count of tickets, in all and per type (every type present, 0 when none). */
export interface TypeCounts {
  readonly total: number;
  readonly byType: Readonly<Record<TicketType, number>>;
}

/** How many clocks that stopped in the week met their target. */
export interface Attainment {
  readonly met: number;
  readonly breached: number;
  /** met / (met + breached) × 100, one decimal; null when no clock stopped. */
  readonly percent: number | null;
}

/** Wall-clock durations in minutes (24×7, holds included), one decimal; null when there are none. */
export interface DurationStats {
  readonly count: number;
  readonly medianMinutes: number | null;
  readonly meanMinutes: number | null;
}

/** The weekly operations report, for one ISO week in UTC. */
export interface WeeklyReport {
  /** `YYYY-Www`. */
  readonly week: string;
  /** Monday 00:00 UTC, inclusive. */
  readonly from: string;
  /** The next Monday 00:00 UTC, exclusive. */
  readonly to: string;
  readonly generatedAt: string;
  /** Tickets created in the week. */
  readonly opened: TypeCounts;
  /** Tickets closed in the week (canceled ones are counted apart). */
  readonly closed: TypeCounts;
  /** Tickets canceled in the week. */
  readonly canceled: TypeCounts;
  /** Tickets whose (latest) resolution falls in the week. */
  readonly resolved: number;
  /** Clocks that stopped in the week, canceled tickets left out (cancelling is neither a response nor a resolution that counts). */
  readonly slaAttainment: { readonly response: Attainment; readonly resolution: Attainment };
  /** Mean time to acknowledge: createdAt → respondedAt, of tickets first responded to in the week (canceled ones left out). */
  readonly mtta: DurationStats;
  /** Mean time to resolve: createdAt → resolvedAt, of tickets resolved in the week. */
  readonly mttr: DurationStats;
  /** The five most frequent categories of tickets opened in the week (uncategorised ones left out), most first, then by name. */
  readonly topCategories: readonly { readonly category: string; readonly count: number }[];
  /** Changes and releases closed in the week, by outcome. */
  readonly changesByOutcome: Readonly<Record<ChangeOutcome, number>>;
  /** Tickets created before `to` and neither resolved, closed nor canceled by then. */
  readonly backlog: TypeCounts;
  /** Tickets counted in slaAttainment with a breached clock: how many, and the most urgent 20 (by priority, then id). */
  readonly breaches: { readonly total: number; readonly mostUrgent: readonly SlaBreach[] };
}

/** A ticket whose SLA clock, stopped in the week, ran past its target. */
export interface SlaBreach {
  readonly id: string;
  readonly type: TicketType;
  readonly title: string;
  readonly priority: Priority;
  /** The clocks that breached. */
  readonly clocks: readonly ('response' | 'resolution')[];
}

const MAX_BREACHES = 20;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The ISO 8601 week (UTC) an ISO time falls in, as `YYYY-Www`: the week weekBounds reads. */
export function isoWeekOf(time: string): string {
  const date = new Date(time);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of an ISO week and of the week after; 422 (field `week`) for a week that does not exist. */
export function weekBounds(week: string): { from: string; to: string } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw invalidField('week', `${JSON.stringify(week)} is not an ISO week YYYY-Www (e.g. 2026-W14)`, 'invalid_week');
  const year = Number(match[1]);
  const number = Number(match[2]);
  const weeks = weeksInYear(year);
  if (number < 1 || number > weeks) throw invalidField('week', `${year} has weeks W01 to W${weeks}, not W${match[2]}`, 'invalid_week');
  const from = mondayOfWeek1(year) + (number - 1) * 7 * DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(from + 7 * DAY_MS).toISOString() };
}

/**
 * The report for `week`, from whatever tickets are given (deduplicated by id, the highest version
 * kept). Every figure other than the backlog needs only the tickets created, resolved or closed in
 * the week; the backlog is complete only if every ticket open at the week's end is given too.
 */
export function weeklyReport(tickets: Iterable<Ticket>, week: string, now: string, policy: SlaPolicy): WeeklyReport {
  const { from, to } = weekBounds(week);
  const start = Date.parse(from);
  const end = Date.parse(to);
  const inWeek = (iso: string | undefined) => iso !== undefined && Date.parse(iso) >= start && Date.parse(iso) < end;
  const before = (iso: string | undefined) => iso !== undefined && Date.parse(iso) < end;

  const all = latestById(tickets);
  const opened = all.filter((t) => inWeek(t.createdAt));
  const counted = all.filter((t) => t.state !== 'canceled');
  const responded = counted.filter((t) => inWeek(t.respondedAt));
  const resolutionStopped = counted.filter((t) => inWeek(t.resolvedAt ?? t.closedAt));
  const resolved = all.filter((t) => inWeek(t.resolvedAt));
  const closedChanges = all.filter((t) => (t.type === 'change' || t.type === 'release') && t.state === 'closed' && inWeek(t.closedAt));

  const responseBreached = new Map(responded.map((t) => [t.id, slaClocks(t, now, policy)[0].breached]));
  const resolutionBreached = new Map(resolutionStopped.map((t) => [t.id, slaClocks(t, now, policy)[1].breached]));
  const breached = counted
    .map((t) => ({ ticket: t, clocks: [responseBreached.get(t.id) && 'response', resolutionBreached.get(t.id) && 'resolution'].filter(isClockName) }))
    .filter((entry) => entry.clocks.length > 0)
    .sort((a, b) => a.ticket.priority - b.ticket.priority || (a.ticket.id < b.ticket.id ? -1 : 1));
  const mostUrgent = breached
    .slice(0, MAX_BREACHES)
    .map(({ ticket, clocks }) => ({ id: ticket.id, type: ticket.type, title: ticket.title, priority: ticket.priority, clocks }));

  const changesByOutcome = Object.fromEntries(CHANGE_OUTCOMES.map((outcome) => [outcome, 0])) as Record<ChangeOutcome, number>;
  for (const ticket of closedChanges) if (ticket.outcome) changesByOutcome[ticket.outcome] += 1;

  return {
    week,
    from,
    to,
    generatedAt: now,
    opened: countByType(opened),
    closed: countByType(all.filter((t) => t.state === 'closed' && inWeek(t.closedAt))),
    canceled: countByType(all.filter((t) => t.state === 'canceled' && inWeek(t.closedAt))),
    resolved: resolved.length,
    slaAttainment: {
      response: attainment([...responseBreached.values()]),
      resolution: attainment([...resolutionBreached.values()]),
    },
    mtta: durationStats(responded.map((t) => minutesBetween(t.createdAt, t.respondedAt as string))),
    mttr: durationStats(resolved.map((t) => minutesBetween(t.createdAt, t.resolvedAt as string))),
    topCategories: topCategories(opened, 5),
    changesByOutcome,
    backlog: countByType(all.filter((t) => before(t.createdAt) && !before(t.resolvedAt) && !before(t.closedAt))),
    breaches: { total: breached.length, mostUrgent },
  };
}

function isClockName(name: unknown): name is 'response' | 'resolution' {
  return name === 'response' || name === 'resolution';
}

function latestById(tickets: Iterable<Ticket>): Ticket[] {
  const byId = new Map<string, Ticket>();
  for (const ticket of tickets) {
    const seen = byId.get(ticket.id);
    if (!seen || ticket.version > seen.version) byId.set(ticket.id, ticket);
  }
  return [...byId.values()];
}

function countByType(tickets: readonly Ticket[]): TypeCounts {
  const byType = Object.fromEntries(TICKET_TYPES.map((type) => [type, 0])) as Record<TicketType, number>;
  for (const ticket of tickets) byType[ticket.type] += 1;
  return { total: tickets.length, byType };
}

function attainment(breachedFlags: readonly boolean[]): Attainment {
  const breached = breachedFlags.filter(Boolean).length;
  const met = breachedFlags.length - breached;
  return { met, breached, percent: breachedFlags.length > 0 ? round1((met / breachedFlags.length) * 100) : null };
}

function durationStats(minutes: readonly number[]): DurationStats {
  if (minutes.length === 0) return { count: 0, medianMinutes: null, meanMinutes: null };
  const sorted = [...minutes].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { count: sorted.length, medianMinutes: round1(median), meanMinutes: round1(mean) };
}

function topCategories(tickets: readonly Ticket[], limit: number): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const ticket of tickets) if (ticket.category) counts.set(ticket.category, (counts.get(ticket.category) ?? 0) + 1);
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0))
    .slice(0, limit);
}

function minutesBetween(fromIso: string, toIso: string): number {
  return Math.max(0, (Date.parse(toIso) - Date.parse(fromIso)) / MINUTE_MS);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Monday of ISO week 1: the week holding 4 January. */
function mondayOfWeek1(year: number): number {
  const january4 = Date.UTC(year, 0, 4);
  const isoWeekday = new Date(january4).getUTCDay() || 7;
  return january4 - (isoWeekday - 1) * DAY_MS;
}

/** 53 when the year starts on a Thursday, or on a Wednesday in a leap year; else 52. */
function weeksInYear(year: number): number {
  return (mondayOfWeek1(year + 1) - mondayOfWeek1(year)) / (7 * DAY_MS);
}
