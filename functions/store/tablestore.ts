import TableStore from 'tablestore';
import type { AuditEvent, Ticket } from '../ticketing/model';
import { checkPageRequest, decodeCursor, encodeCursor } from './cursor';
import {
  type IdempotencyClaim,
  IdempotencyConflictError,
  InvalidCursorError,
  type Page,
  type PageRequest,
  type TicketFilter,
  type TicketStore,
  VersionConflictError,
} from './port';
import { isAbortDecodeError, isOtsError, otsErrorCode } from './tablestore-errors';
import { TicketListReader, writeListEntry } from './tablestore-list';
import {
  claimColumns,
  claimFromRow,
  claimKey,
  eventColumns,
  eventFromRow,
  eventKey,
  keyValue,
  listEntryOf,
  ticketColumns,
  ticketFromRow,
  ticketKey,
  VERSION_COLUMN,
} from './tablestore-rows';
import { type TablestoreTableNames, tablestoreTableNames } from './tablestore-schema';

/** Construction options of TablestoreTicketStore. */
export interface TablestoreTicketStoreProps {
  /** SDK client for the instance that holds the tables. */
  readonly client: TableStore.Client;
  /** Prefix of the three table names (`<prefix>_tickets`, …; see tablestore-schema.ts). */
  readonly tablePrefix: string;
}

type BatchRow = Parameters<TableStore.Client['batchWriteRow']>[0]['tables'][number]['rows'][number];

/** BatchWriteRow's limit on rows per request: a ticket and its events go in one. */
const MAX_BATCH_WRITE_ROWS = 200;
/** Attempts at locking a ticket's partition that another write holds. */
const MAX_LOCK_ATTEMPTS = 8;
/** Attempts at a create whose idempotency claim expires between the write and the read. */
const MAX_CLAIM_ATTEMPTS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const { EXPECT_EXIST, EXPECT_NOT_EXIST } = TableStore.RowExistenceExpectation;

/**
 * TicketStore on Tablestore (layout and consistency in tablestore-schema.ts). A ticket and its
 * events are written in one local transaction on the ticket's partition: one BatchWriteRow of
 * conditional puts (the ticket guarded by `version`, each event by EXPECT_NOT_EXIST), committed
 * only when every row passed, aborted otherwise. A transaction locks the partition: concurrent
 * writers of one ticket wait (briefly, with backoff) and then find the version moved. A writer
 * that dies holding the lock blocks that ticket's writes until the service ends the transaction
 * (60 s); they fail meanwhile with an error asking for a retry.
 */
export class TablestoreTicketStore implements TicketStore {
  private readonly client: TableStore.Client;
  private readonly tables: TablestoreTableNames;
  private readonly lists: TicketListReader;

  constructor(props: TablestoreTicketStoreProps) {
    this.client = props.client;
    this.tables = tablestoreTableNames(props.tablePrefix);
    this.lists = new TicketListReader(this.client, this.tables);
  }

  async create(ticket: Ticket, event: AuditEvent, claim?: IdempotencyClaim): Promise<{ ticket: Ticket; replayed: boolean }> {
    if (ticket.version !== 1) throw new RangeError(`a created ticket must be at version 1, got ${ticket.version}`);
    checkEvents(ticket, [event]);
    if (!claim) {
      await this.writeNew(ticket, event);
      return { ticket, replayed: false };
    }
    for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
      try {
        await this.client.putRow({
          tableName: this.tables.idempotency,
          condition: new TableStore.Condition(EXPECT_NOT_EXIST, null),
          primaryKey: claimKey(claim.principal, claim.key),
          attributeColumns: claimColumns(claim, ticket, event),
        });
      } catch (error) {
        if (!isOtsError(error, 'OTSConditionCheckFail')) throw error;
        const replay = await this.replay(claim);
        if (replay) return replay;
        continue;
      }
      await this.writeNew(ticket, event);
      return { ticket, replayed: false };
    }
    throw new Error(`idempotency claim ${claim.key} kept expiring while ticket ${ticket.id} was created`);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const output = await this.client.getRow({ tableName: this.tables.tickets, primaryKey: ticketKey(id), maxVersions: 1 });
    return ticketFromRow(output.row);
  }

  async update(ticket: Ticket, expectedVersion: number, events: readonly AuditEvent[]): Promise<void> {
    if (ticket.version !== expectedVersion + 1) {
      throw new RangeError(`ticket.version must be expectedVersion + 1 (${expectedVersion + 1}), got ${ticket.version}`);
    }
    checkEvents(ticket, events);
    const atExpected = new TableStore.SingleColumnCondition(
      VERSION_COLUMN,
      TableStore.Long.fromNumber(expectedVersion),
      TableStore.ComparatorType.EQUAL,
      false,
    );
    const failed = await this.transact(
      ticket.id,
      [
        { type: 'PUT', condition: new TableStore.Condition(EXPECT_EXIST, atExpected), primaryKey: ticketKey(ticket.id), attributeColumns: ticketColumns(ticket) },
        ...events.map((event) => this.newEventRow(event)),
      ],
      async () => {
        const current = await this.get(ticket.id);
        if (current?.version !== expectedVersion) throw new VersionConflictError(current);
      },
    );
    if (failed === 0) throw new VersionConflictError(await this.get(ticket.id));
    if (failed !== undefined) throw new Error(`audit event ${events[failed - 1].seq} of ticket ${ticket.id} already exists`);
    // The update is committed: a failure here must not report it as failed. The list row stays one
    // write behind until the next write, or until a list read repairs it.
    await writeListEntry(this.client, this.tables.ticketList, listEntryOf(ticket)).catch(() => false);
  }

  list(filter: TicketFilter, page: PageRequest): Promise<Page<Ticket>> {
    return this.lists.list(filter, page);
  }

  async events(ticketId: string, page: PageRequest): Promise<Page<AuditEvent>> {
    checkPageRequest(page);
    const scope = `events:${ticketId}`;
    let afterSeq = 0;
    if (page.cursor !== undefined) {
      const position = decodeCursor(page.cursor, scope).seq;
      if (typeof position !== 'number' || !Number.isInteger(position) || position < 1) throw new InvalidCursorError();
      afterSeq = position;
    }
    // One more than a page tells whether another page exists, so the last page has no cursor.
    const wanted = page.limit + 1;
    const found: AuditEvent[] = [];
    let start: TableStore.PrimaryKeyInput | undefined = eventKey(ticketId, afterSeq + 1);
    while (start && found.length < wanted) {
      const output = await this.client.getRange({
        tableName: this.tables.tickets,
        direction: 'FORWARD',
        inclusiveStartPrimaryKey: start,
        exclusiveEndPrimaryKey: [{ ticket_id: ticketId }, { seq: TableStore.INF_MAX }],
        limit: wanted - found.length,
        maxVersions: 1,
      });
      found.push(...output.rows.map(eventFromRow));
      const next = output.nextStartPrimaryKey;
      start = next ? eventKey(ticketId, Number(keyValue({ primaryKey: next }, 'seq'))) : undefined;
    }
    const items = found.slice(0, page.limit);
    if (found.length <= page.limit) return { items };
    return { items, nextCursor: encodeCursor(scope, { seq: items[items.length - 1].seq }) };
  }

  ticketsTouchedBetween(from: string, to: string): AsyncIterable<Ticket> {
    return this.lists.touchedBetween(from, to);
  }

  /**
   * Writes a new ticket and its `created` event: the list row first (so a ticket is never missing
   * from lists), then the ticket transaction. VersionConflictError when the id is taken.
   */
  private async writeNew(ticket: Ticket, event: AuditEvent): Promise<void> {
    await writeListEntry(this.client, this.tables.ticketList, listEntryOf(ticket));
    const failed = await this.transact(ticket.id, [
      { type: 'PUT', condition: new TableStore.Condition(EXPECT_NOT_EXIST, null), primaryKey: ticketKey(ticket.id), attributeColumns: ticketColumns(ticket) },
      this.newEventRow(event),
    ]);
    if (failed === 0) throw new VersionConflictError(await this.get(ticket.id));
    if (failed !== undefined) throw new Error(`audit event ${event.seq} of ticket ${ticket.id} already exists`);
  }

  private newEventRow(event: AuditEvent): BatchRow {
    return {
      type: 'PUT',
      condition: new TableStore.Condition(EXPECT_NOT_EXIST, null),
      primaryKey: eventKey(event.ticketId, event.seq),
      attributeColumns: eventColumns(event),
    };
  }

  /**
   * The first create's ticket for a claim that holds its key; undefined if the claim is gone
   * (expired). A claim whose ticket was never written (that create died between its two writes)
   * is completed from what the claim recorded.
   */
  private async replay(claim: IdempotencyClaim): Promise<{ ticket: Ticket; replayed: true } | undefined> {
    const output = await this.client.getRow({
      tableName: this.tables.idempotency,
      primaryKey: claimKey(claim.principal, claim.key),
      maxVersions: 1,
    });
    const stored = claimFromRow(output.row);
    if (!stored) return undefined;
    if (stored.requestHash !== claim.requestHash) throw new IdempotencyConflictError(claim.key);
    const existing = await this.get(stored.ticket.id);
    if (existing) return { ticket: existing, replayed: true };
    try {
      await this.writeNew(stored.ticket, stored.event);
    } catch (error) {
      // The first create may still be running and have won the race to write the ticket.
      if (!(error instanceof VersionConflictError)) throw error;
    }
    return { ticket: (await this.get(stored.ticket.id)) ?? stored.ticket, replayed: true };
  }

  /**
   * Writes `rows` (all in the ticket's partition) in one local transaction. Undefined when it
   * committed; else the index of the first row whose condition failed (nothing is committed).
   * While another write holds the partition's lock, retries with backoff, calling `stillValid`
   * before each retry so a write that can no longer succeed gives up early by throwing.
   */
  private async transact(ticketId: string, rows: BatchRow[], stillValid?: () => Promise<void>): Promise<number | undefined> {
    const transactionId = await this.lock(ticketId, stillValid);
    let output: Awaited<ReturnType<TableStore.Client['batchWriteRow']>>;
    try {
      output = await this.client.batchWriteRow({ tables: [{ tableName: this.tables.tickets, rows }], transactionId });
    } catch (error) {
      // Without the abort the partition stays locked until the transaction times out.
      await this.abort(transactionId).catch(() => undefined);
      throw error;
    }
    const failed = output.tables.findIndex((row) => !row.isOk);
    if (failed < 0) {
      await this.client.commitTransaction({ transactionId });
      return undefined;
    }
    await this.abort(transactionId);
    const { errorCode, errorMessage } = output.tables[failed];
    if (errorCode === 'OTSConditionCheckFail') return failed;
    throw new Error(`writing row ${failed} of ticket ${ticketId} failed: ${errorCode}: ${errorMessage}`);
  }

  /** Aborts a transaction; see isAbortDecodeError for the SDK error a successful abort gives. */
  private async abort(transactionId: string): Promise<void> {
    try {
      await this.client.abortTransaction({ transactionId });
    } catch (error) {
      if (!isAbortDecodeError(error)) throw error;
    }
  }

  /** Starts a local transaction on the ticket's partition, waiting out other writers' locks. */
  private async lock(ticketId: string, stillValid?: () => Promise<void>): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        const output = await this.client.startLocalTransaction({ tableName: this.tables.tickets, primaryKey: [{ ticket_id: ticketId }] });
        return output.transactionId;
      } catch (error) {
        if (!isOtsError(error, 'OTSRowOperationConflict') || attempt >= MAX_LOCK_ATTEMPTS) {
          throw lockError(error, ticketId);
        }
      }
      await sleep(Math.random() * Math.min(400, 10 * 2 ** attempt));
      await stillValid?.();
    }
  }
}

function checkEvents(ticket: Ticket, events: readonly AuditEvent[]): void {
  if (events.length + 1 > MAX_BATCH_WRITE_ROWS) {
    throw new RangeError(`one write can append at most ${MAX_BATCH_WRITE_ROWS - 1} events, got ${events.length}`);
  }
  const seqs = new Set<number>();
  for (const event of events) {
    if (event.ticketId !== ticket.id) throw new RangeError(`event ticketId must be ${ticket.id}, got ${event.ticketId}`);
    if (!Number.isInteger(event.seq) || event.seq < 1) throw new RangeError(`event seq must be an integer ≥ 1, got ${event.seq}`);
    if (seqs.has(event.seq)) throw new RangeError(`event seq ${event.seq} appears twice in one write`);
    seqs.add(event.seq);
  }
}

function lockError(error: unknown, ticketId: string): unknown {
  if (otsErrorCode(error) !== 'OTSRowOperationConflict') return error;
  return new Error(`ticket ${ticketId} stayed locked by other writes; retry the request`, { cause: error });
}
