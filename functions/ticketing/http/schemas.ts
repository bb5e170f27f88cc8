/**
 * Shapes of request bodies and query strings. Cross-field and state rules live in the domain;
 * these only say what a well-formed request looks like. zod/mini keeps the function bundle small.
 */
import * as z from 'zod/mini';
import { CHANGE_MODELS, CHANGE_OUTCOMES, TICKET_TYPES } from '../model';

const MAX_TITLE = 200;
const MAX_TEXT = 20_000;
const MAX_SHORT = 200;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A user id (token subject). */
const subject = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[\w.@:+-]+$/));
const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
/** RFC 3339 date-time with an offset; normalised to UTC. */
export const isoDateTime = z.iso.datetime({ offset: true });
const ticketId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));

const plans = z.strictObject({
  implementation: z.optional(text(MAX_TEXT)),
  backout: z.optional(text(MAX_TEXT)),
  test: z.optional(text(MAX_TEXT)),
});

export const createTicketBody = z.strictObject({
  type: z.enum(TICKET_TYPES),
  title: text(MAX_TITLE),
  description: text(MAX_TEXT),
  category: z.optional(text(MAX_SHORT)),
  impact: level,
  urgency: level,
  assignee: z.optional(subject),
  requester: z.optional(subject),
  changeModel: z.optional(z.enum(CHANGE_MODELS)),
  plans: z.optional(plans),
  scheduledStart: z.optional(isoDateTime),
  scheduledEnd: z.optional(isoDateTime),
  linkedChanges: z.optional(z.array(ticketId).check(z.maxLength(100))),
});

export const patchTicketBody = z.strictObject({
  title: z.optional(text(MAX_TITLE)),
  description: z.optional(text(MAX_TEXT)),
  category: z.optional(text(MAX_SHORT)),
  impact: z.optional(level),
  urgency: z.optional(level),
  assignee: z.optional(z.nullable(subject)),
  plans: z.optional(plans),
  scheduledStart: z.optional(isoDateTime),
  scheduledEnd: z.optional(isoDateTime),
  knownError: z.optional(z.boolean()),
  rootCause: z.optional(text(MAX_TEXT)),
  linkedChanges: z.optional(z.array(ticketId).check(z.maxLength(100))),
});

export const transitionBody = z.strictObject({
  to: z.string().check(z.regex(/^[a-z_]{1,40}$/)),
  reason: z.optional(text(MAX_TEXT)),
  resolutionCode: z.optional(text(MAX_SHORT)),
  resolutionNotes: z.optional(text(MAX_TEXT)),
  rootCause: z.optional(text(MAX_TEXT)),
  outcome: z.optional(z.enum(CHANGE_OUTCOMES)),
  plans: z.optional(plans),
});

export const commentBody = z.strictObject({
  visibility: z._default(z.enum(['work_note', 'public']), 'public'),
  body: text(MAX_TEXT),
});

const boolString = z.enum(['true', 'false']);
const limit = z.string().check(z.regex(/^(100|[1-9][0-9]?)$/));

export const listQuery = z.strictObject({
  type: z.optional(z.enum(TICKET_TYPES)),
  state: z.optional(z.string().check(z.regex(/^[a-z_]{1,40}$/))),
  priority: z.optional(z.enum(['1', '2', '3', '4', '5'])),
  assignee: z.optional(subject),
  breached: z.optional(boolString),
  limit: z.optional(limit),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

export const pageQuery = z.strictObject({
  limit: z.optional(limit),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

export const reportQuery = z.strictObject({
  week: z.optional(z.string().check(z.regex(/^\d{4}-W\d{2}$/))),
});

export const ticketIdParam = ticketId;

export type CreateTicketBody = z.infer<typeof createTicketBody>;
export type PatchTicketBody = z.infer<typeof patchTicketBody>;
export type TransitionBody = z.infer<typeof transitionBody>;
export type CommentBody = z.infer<typeof commentBody>;
