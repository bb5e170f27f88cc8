import TableStore from 'tablestore';
import type { AuditEvent, Ticket } from '../ticketing/model';
import type { IdempotencyClaim } from './port';
import { TICKET_ROW_SEQ } from './tablestore-schema';

/**
 * Tickets, events, list entries and idempotency claims as Tablestore rows (layout in
 * tablestore-schema.ts). Tickets and events are stored whole as JSON in a `body` column, so they
 * read back deep-equal; only what a condition compares or a list filters on gets its own column.
 */

type PrimaryKey = TableStore.PrimaryKeyInput;
type Attributes = TableStore.AttributesInput;

const integer = (value: number): TableStore.Integer => TableStore.Long.fromNumber(value);

/** The attribute cells of a returned row by name; undefined when the row does not exist. */
function cellsOf(row: TableStore.Row | undefined): Map<string, TableStore.CellValue> | undefined {
  if (!row?.primaryKey || row.primaryKey.length === 0) return undefined;
  return new Map((row.attributes ?? []).map((cell) => [cell.columnName, cell.columnValue]));
}

function stringCell(cells: Map<string, TableStore.CellValue>, name: string): string | undefined {
  const value = cells.get(name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`column ${name} holds a ${typeof value}, expected STRING`);
  return value;
}

function requiredString(cells: Map<string, TableStore.CellValue>, name: string): string {
  const value = stringCell(cells, name);
  if (value === undefined) throw new TypeError(`column ${name} is missing`);
  return value;
}

function integerCell(cells: Map<string, TableStore.CellValue>, name: string): number {
  const value = cells.get(name);
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) throw new TypeError(`column ${name} is not an INTEGER`);
  return value.toNumber();
}

/** The value of a returned row's primary key column. */
export function keyValue(row: TableStore.Row, name: string): string | number {
  const column = row.primaryKey?.find((key) => key.name === name);
  if (column === undefined) throw new TypeError(`row has no primary key column ${name}`);
  const { value } = column;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) throw new TypeError(`primary key column ${name} is BINARY`);
  return value.toNumber();
}

export const ticketKey = (id: string): PrimaryKey => [{ ticket_id: id }, { seq: integer(TICKET_ROW_SEQ) }];
export const eventKey = (ticketId: string, seq: number): PrimaryKey => [{ ticket_id: ticketId }, { seq: integer(seq) }];
export const listKey = (id: string): PrimaryKey => [{ ticket_id: id }];
export const claimKey = (principal: string, key: string): PrimaryKey => [{ principal }, { idempotency_key: key }];

/** Column the optimistic lock compares on the ticket row and the list row. */
export const VERSION_COLUMN = 'version';

export function ticketColumns(ticket: Ticket): Attributes {
  return [{ [VERSION_COLUMN]: integer(ticket.version) }, { body: JSON.stringify(ticket) }];
}

export function ticketFromRow(row: TableStore.Row | undefined): Ticket | undefined {
  const cells = cellsOf(row);
  return cells ? (JSON.parse(requiredString(cells, 'body')) as Ticket) : undefined;
}

export const eventColumns = (event: AuditEvent): Attributes => [{ body: JSON.stringify(event) }];

export function eventFromRow(row: TableStore.Row): AuditEvent {
  const cells = cellsOf(row);
  if (!cells) throw new TypeError('event row is empty');
  return JSON.parse(requiredString(cells, 'body')) as AuditEvent;
}

/** What the list table holds per ticket: the fields `list` and `ticketsTouchedBetween` select by. */
export interface ListEntry {
  readonly id: string;
  readonly version: number;
  readonly type: string;
  readonly state: string;
  readonly priority: number;
  readonly assignee?: string;
  readonly breached: boolean;
  readonly responseDueAt?: string;
  readonly resolutionDueAt?: string;
  readonly createdAt: string;
  readonly resolvedAt?: string;
  readonly closedAt?: string;
}

export function listEntryOf(ticket: Ticket): ListEntry {
  return {
    id: ticket.id,
    version: ticket.version,
    type: ticket.type,
    state: ticket.state,
    priority: ticket.priority,
    assignee: ticket.assignee,
    breached: ticket.sla.breached,
    responseDueAt: ticket.sla.responseDueAt,
    resolutionDueAt: ticket.sla.resolutionDueAt,
    createdAt: ticket.createdAt,
    resolvedAt: ticket.resolvedAt,
    closedAt: ticket.closedAt,
  };
}

/** Column name of each optional string field of a list entry. */
const OPTIONAL_LIST_COLUMNS = {
  assignee: 'assignee',
  responseDueAt: 'response_due_at',
  resolutionDueAt: 'resolution_due_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
} as const;

export function listColumns(entry: ListEntry): Attributes {
  const columns: Attributes = [
    { [VERSION_COLUMN]: integer(entry.version) },
    { type: entry.type },
    { state: entry.state },
    { priority: integer(entry.priority) },
    { breached: entry.breached },
    { created_at: entry.createdAt },
  ];
  for (const [field, column] of Object.entries(OPTIONAL_LIST_COLUMNS) as [keyof typeof OPTIONAL_LIST_COLUMNS, string][]) {
    const value = entry[field];
    if (value !== undefined) columns.push({ [column]: value });
  }
  return columns;
}

export function listEntryFromRow(row: TableStore.Row): ListEntry {
  const cells = cellsOf(row);
  if (!cells) throw new TypeError('list row is empty');
  const optional: Partial<Record<keyof typeof OPTIONAL_LIST_COLUMNS, string>> = {};
  for (const [field, column] of Object.entries(OPTIONAL_LIST_COLUMNS) as [keyof typeof OPTIONAL_LIST_COLUMNS, string][]) {
    const value = stringCell(cells, column);
    if (value !== undefined) optional[field] = value;
  }
  const breached = cells.get('breached');
  return {
    id: String(keyValue(row, 'ticket_id')),
    version: integerCell(cells, VERSION_COLUMN),
    type: requiredString(cells, 'type'),
    state: requiredString(cells, 'state'),
    priority: integerCell(cells, 'priority'),
    breached: breached === true,
    createdAt: requiredString(cells, 'created_at'),
    ...optional,
  };
}

/** A stored idempotency claim: the request it was made for and the create it stands for. */
export interface StoredClaim {
  readonly requestHash: string;
  readonly ticket: Ticket;
  readonly event: AuditEvent;
}

export function claimColumns(claim: IdempotencyClaim, ticket: Ticket, event: AuditEvent): Attributes {
  return [
    { request_hash: claim.requestHash },
    { ticket_id: ticket.id },
    { ticket: JSON.stringify(ticket) },
    { event: JSON.stringify(event) },
  ];
}

export function claimFromRow(row: TableStore.Row | undefined): StoredClaim | undefined {
  const cells = cellsOf(row);
  if (!cells) return undefined;
  return {
    requestHash: requiredString(cells, 'request_hash'),
    ticket: JSON.parse(requiredString(cells, 'ticket')) as Ticket,
    event: JSON.parse(requiredString(cells, 'event')) as AuditEvent,
  };
}
