/**
 * The ticketing domain: pure functions over tickets (no I/O, no clock, no ids of its own). Callers
 * pass `now` as an ISO string and new ids as arguments.
 */
export * from './model';
export { DomainError, type DomainErrorDetails, type DomainErrorStatus } from './errors';
export { priorityOf } from './priority';
export {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  CALENDAR_24X7,
  DEFAULT_BUSINESS_CALENDAR,
  parseCalendar,
} from './calendar';
export { DEFAULT_SLA_POLICY, type SlaClock, slaClocks, type SlaPolicy, slaPolicy, slaSnapshot, type SlaTarget } from './sla';
export { initialState, isTerminal, nextStates, OPEN_STATES, transition, type TransitionRequest, type TransitionResult } from './workflow';
export { plansOpen } from './plans';
export {
  commentOn,
  type CommentInput,
  createTicket,
  type CreateTicketInput,
  patchTicket,
  type PatchInput,
  type PatchResult,
  type WriteResult,
} from './tickets';
export { type Attainment, type DurationStats, isoWeekOf, type SlaBreach, type TypeCounts, weekBounds, weeklyReport, type WeeklyReport } from './report';
export { escapeHtml, renderWeeklyReportHtml } from './report-html';
