import TableStore from 'tablestore';
import type { Ticket } from '../ticketing/model';
import { checkPageRequest, decodeCursor, encodeCursor, filterScope } from './cursor';
import { InvalidCursorError, type Page, type PageRequest, type TicketFilter } from './port';
import { isOtsError } from './tablestore-errors';
import { type ListEntry, listColumns, listEntryFromRow, listEntryOf, listKey, ticketFromRow, ticketKey, VERSION_COLUMN } from './tablestore-rows';
import type { TablestoreTableNames } from './tablestore-schema';

/**
 * Reads over the list table (see tablestore-schema.ts): `list` and `ticketsTouchedBetween`. Each
 * list row is a candidate only; the ticket row decides, and a list row found behind its ticket is
 * rewritten on the way.
 */

/** Rows per range read when a filter may drop most of them. */
const FILTERED_SCAN_ROWS = 200;
/** Rows per range read while collecting a report's tickets. */
const REPORT_SCAN_ROWS = 500;
/** BatchGetRow's limit on rows per request. */
const BATCH_GET_ROWS = 100;



/** Whether an entry (from a list row or from a ticket) passes the filter at `nowMs`. */
function matches(entry: ListEntry, filter: TicketFilter, nowMs: number): boolean {
  if (filter.type !== undefined && entry.type !== filter.type) return false;
  if (filter.state !== undefined && entry.state !== filter.state) return false;
  if (filter.priority !== undefined && entry.priority !== filter.priority) return false;
  if (filter.assignee !== undefined && entry.assignee !== filter.assignee) return false;
  if (filter.breached !== undefined) {
    const overdue = (due: string | undefined) => due !== undefined && Date.parse(due) < nowMs;
    const breached = entry.breached || overdue(entry.responseDueAt) || overdue(entry.resolutionDueAt);
    if (breached !== filter.breached) return false;
  }
  return true;
}

function parseNow(filter: TicketFilter): number {
  if (filter.breached === undefined) return Number.NaN;
  const nowMs = Date.parse(filter.now);
  if (Number.isNaN(nowMs)) throw new RangeError(`now must be an ISO 8601 time to filter on breached, got "${filter.now}"`);
  return nowMs;
}

/** Reads of the list table and of ticket rows for one store. */
export class TicketListReader {
  constructor(
    private readonly client: TableStore.Client,
    private readonly tables: TablestoreTableNames,
  ) {}

  /** One page of tickets, newest first; see TicketStore.list. */
  async list(filter: TicketFilter, page: PageRequest): Promise<Page<Ticket>> {
    checkPageRequest(page);
    const scope = filterScope(filter);
    const nowMs = parseNow(filter);
    let afterId: string | undefined;
    if (page.cursor !== undefined) {
      const position = decodeCursor(page.cursor, scope).id;
      if (typeof position !== 'string') throw new InvalidCursorError();
      afterId = position;
    }
    const filtered = Object.entries(filter).some(([name, value]) => name !== 'now' && value !== undefined);
    // One more than a page tells whether another page exists, so the last page has no cursor.
    const wanted = page.limit + 1;
    const found: Ticket[] = [];
    let start: TableStore.KeyValue = afterId ?? TableStore.INF_MAX;
    while (found.length < wanted) {
      const { entries, next } = await this.scan('BACKWARD', start, TableStore.INF_MIN, filtered ? FILTERED_SCAN_ROWS : wanted);
      const candidates = entries.filter((entry) => entry.id !== afterId && matches(entry, filter, nowMs));
      // Only as many ticket rows as the page still needs: the cursor resumes after the last one.
      for (let offset = 0; offset < candidates.length && found.length < wanted; ) {
        const chunk = candidates.slice(offset, offset + Math.min(BATCH_GET_ROWS, wanted - found.length));
        offset += chunk.length;
        const tickets = await this.current(chunk);
        for (const entry of chunk) {
          const ticket = tickets.get(entry.id);
          if (ticket && matches(listEntryOf(ticket), filter, nowMs)) found.push(ticket);
        }
      }
      if (next === undefined) break;
      start = next;
    }
    const items = found.slice(0, page.limit);
    if (found.length <= page.limit) return { items };
    return { items, nextCursor: encodeCursor(scope, { id: items[items.length - 1].id }) };
  }

  /** Tickets created, resolved or closed in [from, to); see TicketStore.ticketsTouchedBetween. */
  async *touchedBetween(from: string, to: string): AsyncIterable<Ticket> {
    const touched = (entry: ListEntry) =>
      [entry.createdAt, entry.resolvedAt, entry.closedAt].some((at) => at !== undefined && at >= from && at < to);
    let start: TableStore.KeyValue = TableStore.INF_MIN;
    for (;;) {
      const { entries, next } = await this.scan('FORWARD', start, TableStore.INF_MAX, REPORT_SCAN_ROWS);
      const candidates = entries.filter(touched);
      const tickets = await this.current(candidates);
      for (const entry of candidates) {
        const ticket = tickets.get(entry.id);
        if (ticket && touched(listEntryOf(ticket))) yield ticket;
      }
      if (next === undefined) return;
      start = next;
    }
  }

  /** One range read of the list table: up to `limit` entries and where the next read starts. */
  private async scan(
    direction: 'FORWARD' | 'BACKWARD',
    start: TableStore.KeyValue,
    end: TableStore.KeyValue,
    limit: number,
  ): Promise<{ entries: ListEntry[]; next?: string }> {
    const output = await this.client.getRange({
      tableName: this.tables.ticketList,
      direction,
      inclusiveStartPrimaryKey: [{ ticket_id: start }],
      exclusiveEndPrimaryKey: [{ ticket_id: end }],
      limit,
      maxVersions: 1,
    });
    const next = output.nextStartPrimaryKey?.[0]?.value;
    return { entries: output.rows.map(listEntryFromRow), next: typeof next === 'string' ? next : undefined };
  }

  /**
   * The ticket rows behind list entries, by id (absent: the ticket does not exist, a create that
   * never got past its list row). Entries older than their ticket are rewritten.
   */
  private async current(entries: readonly ListEntry[]): Promise<Map<string, Ticket>> {
    const tickets = new Map<string, Ticket>();
    for (let offset = 0; offset < entries.length; offset += BATCH_GET_ROWS) {
      const chunk = entries.slice(offset, offset + BATCH_GET_ROWS);
      const output = await this.client.batchGetRow({
        tables: [{ tableName: this.tables.tickets, primaryKey: chunk.map((entry) => ticketKey(entry.id)), maxVersions: 1 }],
      });
      for (const result of output.tables[0] ?? []) {
        if (!result.isOk) throw new Error(`reading a ticket row failed: ${result.errorCode}: ${result.errorMessage}`);
        const ticket = ticketFromRow({ primaryKey: result.primaryKey ?? undefined, attributes: result.attributes ?? undefined });
        if (ticket) tickets.set(ticket.id, ticket);
      }
    }
    const behind = entries.flatMap((entry) => {
      const ticket = tickets.get(entry.id);
      return ticket && ticket.version > entry.version ? [ticket] : [];
    });
    await Promise.all(behind.map((ticket) => writeListEntry(this.client, this.tables.ticketList, listEntryOf(ticket))));
    return tickets;
  }
}

/**
 * Writes a list row unless the stored one is already at this version or newer (a slower writer
 * of an older version never overwrites a newer row). False when a newer row was there.
 */
export async function writeListEntry(client: TableStore.Client, tableName: string, entry: ListEntry): Promise<boolean> {
  const newerOrSame = new TableStore.SingleColumnCondition(
    VERSION_COLUMN,
    TableStore.Long.fromNumber(entry.version),
    TableStore.ComparatorType.LESS_THAN,
    true,
  );
  try {
    await client.putRow({
      tableName,
      condition: new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, newerOrSame),
      primaryKey: listKey(entry.id),
      attributeColumns: listColumns(entry),
    });
    return true;
  } catch (error) {
    if (isOtsError(error, 'OTSConditionCheckFail')) return false;
    throw error;
  }
}
