import {
  addBusinessMs,
  BusinessCalendar,
  businessMsBetween,
  CALENDAR_24X7,
  DEFAULT_BUSINESS_CALENDAR,
  workingDayMinutes,
} from './calendar';
import type { HoldInterval, Priority, SlaSnapshot, Ticket } from './model';

/** The response and resolution targets of one priority. */
export interface SlaTarget {
  /** Minutes from creation until the ticket first leaves `new`. */
  readonly responseMinutes: number;
  /** Minutes from creation until it is resolved (or closed, for types without a resolved state). */
  readonly resolutionMinutes: number;
  /** Which minutes count: the policy's business calendar, or every minute. */
  readonly calendar: 'business' | '24x7';
}

/** SLA targets per priority and the business calendar they are measured on. */
export interface SlaPolicy {
  /** Working hours for targets measured in business time. */
  readonly calendar: BusinessCalendar;
  readonly targets: Readonly<Record<Priority, SlaTarget>>;
}

/** One SLA clock of a ticket at an instant, recomputed from the ticket's timestamps. */
export interface SlaClock {
  readonly name: 'response' | 'resolution';
  readonly targetMinutes: number;
  /** Whole minutes counted so far (business or 24×7 minutes, holds excluded). */
  readonly elapsedMinutes: number;
  /** Whole minutes left before the target; negative once over it. */
  readonly remainingMinutes: number;
  /** True while the ticket is on hold and the clock has not stopped. */
  readonly paused: boolean;
  /** When the clock stopped: response at `respondedAt`, resolution at `resolvedAt` (or `closedAt`). */
  readonly stoppedAt?: string;
  /** When the clock breached, or will breach if nothing changes; absent while paused and not yet breached, or when it stopped in time. */
  readonly breachAt?: string;
  /** The clock ran past its target (before it stopped, or by now). */
  readonly breached: boolean;
}

const MINUTE_MS = 60_000;

/**
 * The targets of DEFAULT_SLA_POLICY measured on `calendar`; "business days" are the calendar's
 * working-day length (8 h for 09:00–17:00):
 * P1 respond 15 min, resolve 4 h, 24×7 · P2 30 min, 8 h, 24×7 · P3 4 business hours, 3 business
 * days · P4 8 business hours, 5 business days · P5 2 business days, 10 business days.
 */
export function slaPolicy(calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): SlaPolicy {
  const day = workingDayMinutes(calendar);
  return {
    calendar,
    targets: {
      1: { responseMinutes: 15, resolutionMinutes: 4 * 60, calendar: '24x7' },
      2: { responseMinutes: 30, resolutionMinutes: 8 * 60, calendar: '24x7' },
      3: { responseMinutes: 4 * 60, resolutionMinutes: 3 * day, calendar: 'business' },
      4: { responseMinutes: 8 * 60, resolutionMinutes: 5 * day, calendar: 'business' },
      5: { responseMinutes: 2 * day, resolutionMinutes: 10 * day, calendar: 'business' },
    },
  };
}

/** The default targets on the default calendar (Monday–Friday 09:00–17:00 UTC). */
export const DEFAULT_SLA_POLICY: SlaPolicy = slaPolicy();

/**
 * The response and resolution clocks of a ticket at `now`, for its current priority.
 *
 * Both start at `createdAt` and do not run during the ticket's holds. The response clock stops at
 * `respondedAt`. The resolution clock stops at `resolvedAt`, or at `closedAt` for a ticket closed
 * or canceled without being resolved (changes and releases have no resolved state). Reopening
 * clears `resolvedAt` and records the resolved period as a hold, so the resolution clock resumes
 * where it stopped rather than charging the time the ticket sat resolved.
 */
export function slaClocks(ticket: Ticket, now: string, policy: SlaPolicy): readonly [SlaClock, SlaClock] {
  const target = policy.targets[ticket.priority];
  const calendar = target.calendar === '24x7' ? CALENDAR_24X7 : policy.calendar;
  const input = { calendar, createdAt: ticket.createdAt, holds: ticket.holds, now };
  return [
    clock({ ...input, name: 'response', targetMinutes: target.responseMinutes, stoppedAt: ticket.respondedAt }),
    clock({ ...input, name: 'resolution', targetMinutes: target.resolutionMinutes, stoppedAt: ticket.resolvedAt ?? ticket.closedAt }),
  ];
}

/** The SLA fields stored on the ticket: due times of running clocks, and whether either breached. */
export function slaSnapshot(ticket: Ticket, now: string, policy: SlaPolicy): SlaSnapshot {
  const [response, resolution] = slaClocks(ticket, now, policy);
  const responseDueAt = dueAt(response);
  const resolutionDueAt = dueAt(resolution);
  return {
    ...(responseDueAt && { responseDueAt }),
    ...(resolutionDueAt && { resolutionDueAt }),
    breached: response.breached || resolution.breached,
  };
}

function dueAt(clock: SlaClock): string | undefined {
  return clock.stoppedAt || clock.paused ? undefined : clock.breachAt;
}

interface ClockInput {
  readonly name: SlaClock['name'];
  readonly targetMinutes: number;
  readonly calendar: BusinessCalendar;
  readonly createdAt: string;
  readonly stoppedAt?: string;
  readonly holds: readonly HoldInterval[];
  readonly now: string;
}

function clock(input: ClockInput): SlaClock {
  const start = Date.parse(input.createdAt);
  const end = Math.max(start, input.stoppedAt ? Date.parse(input.stoppedAt) : Date.parse(input.now));
  const paused = !input.stoppedAt && input.holds.some((hold) => hold.to === undefined);
  const segments = runningSegments(start, end, input.holds);
  const targetMs = input.targetMinutes * MINUTE_MS;

  let elapsedMs = 0;
  let breachAtMs: number | undefined;
  for (const [from, to] of segments) {
    const segmentMs = businessMsBetween(input.calendar, from, to);
    if (breachAtMs === undefined && elapsedMs + segmentMs > targetMs) {
      breachAtMs = addBusinessMs(input.calendar, from, targetMs - elapsedMs);
    }
    elapsedMs += segmentMs;
  }
  const breached = elapsedMs > targetMs;
  if (!breached && !input.stoppedAt && !paused) {
    breachAtMs = addBusinessMs(input.calendar, end, targetMs - elapsedMs);
  }

  return {
    name: input.name,
    targetMinutes: input.targetMinutes,
    elapsedMinutes: Math.floor(elapsedMs / MINUTE_MS),
    remainingMinutes: Math.floor((targetMs - elapsedMs) / MINUTE_MS),
    paused,
    ...(input.stoppedAt && { stoppedAt: input.stoppedAt }),
    ...(breachAtMs !== undefined && { breachAt: new Date(breachAtMs).toISOString() }),
    breached,
  };
}

/** The parts of [start, end) outside every hold; an open hold runs to `end`. */
function runningSegments(start: number, end: number, holds: readonly HoldInterval[]): [number, number][] {
  const sorted = [...holds].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const segments: [number, number][] = [];
  let cursor = start;
  for (const hold of sorted) {
    const holdFrom = Date.parse(hold.from);
    const holdTo = hold.to === undefined ? end : Date.parse(hold.to);
    if (holdFrom > cursor) segments.push([cursor, Math.min(holdFrom, end)]);
    cursor = Math.max(cursor, holdTo);
    if (cursor >= end) break;
  }
  if (cursor < end) segments.push([cursor, end]);
  return segments;
}
