import type { AuditEvent, Ticket } from '../ticketing/model';
import type { IdempotencyClaim } from './port';
import { IDEMPOTENCY_TTL_SECONDS, INTERNAL_ATTRIBUTES, LIST_INDEXES, type ListIndexSchema, TOUCH_INDEXES } from './dynamodb-schema';

/** How the ticket store maps tickets, events and claims to items of the single table. */

/** A stored item, as lib-dynamodb reads and writes it. */
export type Item = Record<string, unknown>;

/** Primary key of an item. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

const TICKET_SK = 'TICKET';
const EVENT_SK_PREFIX = 'EVENT#';
/** Ten digits keep string order equal to numeric order up to seq 9,999,999,999. */
const SEQ_DIGITS = 10;

/** Key of a ticket's item. */
export function ticketKey(ticketId: string): ItemKey {
  return { pk: `TICKET#${ticketId}`, sk: TICKET_SK };
}

/** Key of one audit event: in its ticket's partition, sorted by seq. */
export function eventKey(ticketId: string, seq: number): ItemKey {
  return { pk: `TICKET#${ticketId}`, sk: `${EVENT_SK_PREFIX}${String(seq).padStart(SEQ_DIGITS, '0')}` };
}

/** Sort key prefix shared by a ticket's events. */
export const EVENT_SK_BEGINS = EVENT_SK_PREFIX;

/** Key of a claim: scoped to the caller, so two callers may use the same Idempotency-Key. */
export function claimKey(principal: string, key: string): ItemKey {
  return { pk: `IDEMPOTENCY#${encodeURIComponent(principal)}#${encodeURIComponent(key)}`, sk: 'CLAIM' };
}

/** The claim record written with a create; `expiresAt` is the table's TTL attribute. */
export interface ClaimItem extends ItemKey {
  readonly principal: string;
  readonly key: string;
  readonly requestHash: string;
  readonly ticketId: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

/** The claim item for a create of `ticketId`, expiring IDEMPOTENCY_TTL_SECONDS after now. */
export function claimItem(claim: IdempotencyClaim, ticketId: string, nowSeconds: number): ClaimItem {
  return {
    ...claimKey(claim.principal, claim.key),
    principal: claim.principal,
    key: claim.key,
    requestHash: claim.requestHash,
    ticketId,
    expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
  };
}

/**
 * Stable shard of a ticket in a list index: a 32-bit FNV-1a hash of the id, so the spread does not
 * depend on the id's format.
 */
function shardOf(ticketId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ticketId.length; i++) {
    hash ^= ticketId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** Partition value of a list index for one filter value and shard. */
export function listPartition(value: string | number, shard: number): string {
  return `${value}#${shard}`;
}

/** Value the all-tickets index partitions on, before the shard suffix. */
export const ALL_TICKETS_VALUE = 'ALL';

function listKey(index: ListIndexSchema, value: string | number, ticketId: string): string {
  return listPartition(value, shardOf(ticketId, index.shards));
}

/** The UTC week a time falls in, named by its Monday (`YYYY-MM-DD`). */
function weekOf(isoTime: string): string {
  const time = new Date(isoTime);
  if (Number.isNaN(time.getTime())) throw new RangeError(`"${isoTime}" is not an ISO 8601 time`);
  const daysSinceMonday = (time.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate() - daysSinceMonday)).toISOString().slice(0, 10);
}

/** Every week from the one holding `from` to the one holding `to`, oldest first. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  const last = weekOf(to);
  for (let week = weekOf(from); week <= last; week = new Date(Date.parse(week) + 7 * 86_400_000).toISOString().slice(0, 10)) {
    weeks.push(week);
  }
  return weeks;
}

/**
 * Drops undefined values at any depth, so the item does not depend on the client's
 * `removeUndefinedValues` setting and reads back deep-equal.
 */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([name, field]) => [name, withoutUndefined(field)]),
  ) as T;
}

/** The ticket plus its key and the index keys that place it in the list and week indexes. */
export function ticketItem(ticket: Ticket): Item {
  const item: Item = {
    ...withoutUndefined(ticket),
    ...ticketKey(ticket.id),
    [LIST_INDEXES.all.partitionKey.name]: listKey(LIST_INDEXES.all, ALL_TICKETS_VALUE, ticket.id),
    [LIST_INDEXES.type.partitionKey.name]: listKey(LIST_INDEXES.type, ticket.type, ticket.id),
    [LIST_INDEXES.state.partitionKey.name]: listKey(LIST_INDEXES.state, ticket.state, ticket.id),
    [LIST_INDEXES.priority.partitionKey.name]: listKey(LIST_INDEXES.priority, ticket.priority, ticket.id),
    [TOUCH_INDEXES.created.partitionKey.name]: weekOf(ticket.createdAt),
  };
  // Index key attributes cannot be empty strings; an absent key leaves the ticket out of the index.
  if (ticket.assignee) item[LIST_INDEXES.assignee.partitionKey.name] = listKey(LIST_INDEXES.assignee, ticket.assignee, ticket.id);
  if (ticket.resolvedAt) item[TOUCH_INDEXES.resolved.partitionKey.name] = weekOf(ticket.resolvedAt);
  if (ticket.closedAt) item[TOUCH_INDEXES.closed.partitionKey.name] = weekOf(ticket.closedAt);
  return item;
}

function withoutInternal(item: Item): Item {
  const copy = { ...item };
  for (const name of INTERNAL_ATTRIBUTES) delete copy[name];
  return copy;
}

/** The Ticket as written: the item without the store's key attributes. */
export function ticketFromItem(item: Item): Ticket {
  return withoutInternal(item) as unknown as Ticket;
}

/** The event plus its key. */
export function eventItem(event: AuditEvent): Item {
  return { ...withoutUndefined(event), ...eventKey(event.ticketId, event.seq) };
}

/** The AuditEvent as written: the item without its key. */
export function eventFromItem(item: Item): AuditEvent {
  return withoutInternal(item) as unknown as AuditEvent;
}
