import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, Ticket } from '../ticketing/model';
import { checkPageRequest, decodeCursor, encodeCursor } from './cursor';
import {
  type ClaimItem,
  claimItem,
  claimKey,
  EVENT_SK_BEGINS,
  eventFromItem,
  eventItem,
  type Item,
  ticketFromItem,
  ticketItem,
  ticketKey,
  weeksBetween,
} from './dynamodb-items';
import { listTickets } from './dynamodb-list';
import { TOUCH_INDEXES } from './dynamodb-schema';
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

/** Construction options of DynamoDbTicketStore. */
export interface DynamoDbTicketStoreProps {
  /** Client for the table's region; the store sends lib-dynamodb commands through it. */
  readonly client: DynamoDBDocumentClient;
  /** Table laid out as dynamodb-schema.ts describes. */
  readonly tableName: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit on the items of one transaction. */
const MAX_TRANSACTION_ITEMS = 100;
/** Attempts at a transaction that other transactions on the same items keep cancelling. */
const MAX_TRANSACTION_ATTEMPTS = 6;
/** Attempts at a create whose idempotency claim expires between the write and the read. */
const MAX_CLAIM_ATTEMPTS = 3;

/** `Code` of each item in a TransactionCanceledException, in request order; undefined for other errors. */
function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return reasons?.map((reason) => reason.Code);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * TicketStore on one DynamoDB table (see dynamodb-schema.ts). A write is one TransactWriteItems:
 * the ticket guarded by its version, its events guarded against overwrite, and on create the
 * idempotency claim.
 */
export class DynamoDbTicketStore implements TicketStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(props: DynamoDbTicketStoreProps) {
    this.client = props.client;
    this.tableName = props.tableName;
  }

  async create(ticket: Ticket, event: AuditEvent, claim?: IdempotencyClaim): Promise<{ ticket: Ticket; replayed: boolean }> {
    if (ticket.version !== 1) throw new RangeError(`a created ticket must be at version 1, got ${ticket.version}`);
    // A claim whose TTL passed but which DynamoDB has not deleted yet no longer holds its key: a
    // claim that expires or vanishes between the failed write and its read is claimed again.
    for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const items: TransactItem[] = [this.putNew(ticketItem(ticket)), this.putNew(eventItem(event))];
      if (claim) {
        items.push({
          Put: {
            TableName: this.tableName,
            Item: claimItem(claim, ticket.id, nowSeconds),
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': nowSeconds },
          },
        });
      }
      const codes = await this.transact(items);
      if (!codes) return { ticket, replayed: false };
      if (claim && codes[2] === 'ConditionalCheckFailed') {
        const replay = await this.replay(claim, nowSeconds);
        if (replay) return replay;
        continue;
      }
      if (codes[0] === 'ConditionalCheckFailed') throw new VersionConflictError(await this.get(ticket.id));
      throw new Error(`audit event ${event.seq} of ticket ${ticket.id} already exists`);
    }
    throw new Error(`idempotency claim ${claim?.key} kept expiring while ticket ${ticket.id} was created`);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const output = await this.client.send(new GetCommand({ TableName: this.tableName, Key: ticketKey(id), ConsistentRead: true }));
    return output.Item ? ticketFromItem(output.Item) : undefined;
  }

  async update(ticket: Ticket, expectedVersion: number, events: readonly AuditEvent[]): Promise<void> {
    if (ticket.version !== expectedVersion + 1) {
      throw new RangeError(`ticket.version must be expectedVersion + 1 (${expectedVersion + 1}), got ${ticket.version}`);
    }
    if (events.length + 1 > MAX_TRANSACTION_ITEMS) {
      throw new RangeError(`one update can append at most ${MAX_TRANSACTION_ITEMS - 1} events, got ${events.length}`);
    }
    const codes = await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: ticketItem(ticket),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      ...events.map((event) => this.putNew(eventItem(event))),
    ]);
    if (!codes) return;
    if (codes[0] === 'ConditionalCheckFailed') throw new VersionConflictError(await this.get(ticket.id));
    const seq = events[codes.indexOf('ConditionalCheckFailed') - 1]?.seq;
    throw new Error(`audit event ${seq} of ticket ${ticket.id} already exists`);
  }

  list(filter: TicketFilter, page: PageRequest): Promise<Page<Ticket>> {
    return listTickets(this.client, this.tableName, filter, page);
  }

  async events(ticketId: string, page: PageRequest): Promise<Page<AuditEvent>> {
    checkPageRequest(page);
    const scope = `events:${ticketId}`;
    const partition = ticketKey(ticketId).pk;
    let startKey: Record<string, string | number> | undefined;
    if (page.cursor !== undefined) {
      startKey = decodeCursor(page.cursor, scope);
      if (startKey.pk !== partition || typeof startKey.sk !== 'string') throw new InvalidCursorError();
    }
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        ExpressionAttributeValues: { ':pk': partition, ':events': EVENT_SK_BEGINS },
        ExclusiveStartKey: startKey,
        ScanIndexForward: true,
        ConsistentRead: true,
        // One more than a page tells whether another page exists, so the last page has no cursor.
        Limit: page.limit + 1,
      }),
    );
    const found = output.Items ?? [];
    const items = found.slice(0, page.limit);
    if (found.length <= page.limit) return { items: items.map(eventFromItem) };
    const last = items[items.length - 1];
    return { items: items.map(eventFromItem), nextCursor: encodeCursor(scope, { pk: String(last.pk), sk: String(last.sk) }) };
  }

  async *ticketsTouchedBetween(from: string, to: string): AsyncIterable<Ticket> {
    if (from >= to) return;
    const seen = new Set<string>();
    for (const week of weeksBetween(from, to)) {
      for (const index of Object.values(TOUCH_INDEXES)) {
        let startKey: Record<string, unknown> | undefined;
        do {
          const output = await this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: index.indexName,
              KeyConditionExpression: '#week = :week AND #at BETWEEN :from AND :to',
              ExpressionAttributeNames: { '#week': index.partitionKey.name, '#at': index.sortKey.name },
              ExpressionAttributeValues: { ':week': week, ':from': from, ':to': to },
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of output.Items ?? []) {
            // BETWEEN includes `to`, the range does not; a key attribute cannot be in a FilterExpression.
            if (String(item[index.sortKey.name]) >= to) continue;
            const ticket = ticketFromItem(item);
            if (seen.has(ticket.id)) continue;
            seen.add(ticket.id);
            yield ticket;
          }
          startKey = output.LastEvaluatedKey;
        } while (startKey);
      }
    }
  }

  private putNew(item: Item): TransactItem {
    return { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /**
   * Runs the transaction; undefined when it committed, else the cancellation code of each item.
   * Cancellations caused only by concurrent transactions (TransactionConflict) are retried, so the
   * conditions get evaluated against the state those transactions left.
   */
  private async transact(items: TransactItem[]): Promise<(string | undefined)[] | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return undefined;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes.includes('ConditionalCheckFailed')) return codes;
        if (!codes.includes('TransactionConflict') || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
        await sleep(Math.random() * 20 * 2 ** attempt);
      }
    }
  }

  /** The first create's ticket for a claim that already holds its key; undefined if the claim is gone. */
  private async replay(claim: IdempotencyClaim, nowSeconds: number): Promise<{ ticket: Ticket; replayed: true } | undefined> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: claimKey(claim.principal, claim.key), ConsistentRead: true }),
    );
    const stored = output.Item as ClaimItem | undefined;
    if (!stored || stored.expiresAt < nowSeconds) return undefined;
    if (stored.requestHash !== claim.requestHash) throw new IdempotencyConflictError(claim.key);
    const ticket = await this.get(stored.ticketId);
    if (!ticket) throw new Error(`idempotency claim ${claim.key} points at ticket ${stored.ticketId}, which does not exist`);
    return { ticket, replayed: true };
  }
}
