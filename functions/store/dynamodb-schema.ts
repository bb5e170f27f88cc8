import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The ticket table's single-table layout, as plain data: the local table creation
 * (`createTableInput`) and the CDK stack both read it, so the two cannot drift.
 *
 * Items (all in one table):
 * - ticket:      pk `TICKET#<id>`, sk `TICKET`, the Ticket's fields plus the index keys below.
 * - audit event: pk `TICKET#<id>`, sk `EVENT#<seq, 10 digits>`: a ticket's trail is one query.
 * - idempotency claim: pk `IDEMPOTENCY#<principal>#<key>` (both URI-encoded), sk `CLAIM`,
 *   `requestHash`, `ticketId`, and `expiresAt` (TTL, 24 h after the create).
 *
 * Hot partitions: the list indexes whose partition value has few distinct values (all tickets,
 * type, state, priority) would put every create of a kind into one partition. Their partition
 * value carries a shard suffix (`<value>#<0..shards-1>`, from a hash of the ticket id), so writes
 * spread over `shards` partitions; a list reads every shard and merges by id, which keeps the order
 * (newest first: id descending, ids are ULIDs) identical to an unsharded index. Sharding by month of
 * creation was not chosen: all of a month's creates would still land in one partition, and an
 * unfiltered list would have to know which months exist. Assignees have many values: one shard.
 */

/** A key attribute of the table or of an index. */
export interface KeyAttributeSchema {
  /** Attribute name on the item. */
  readonly name: string;
  /** DynamoDB scalar type. */
  readonly type: 'S' | 'N';
}

/** A global secondary index; every index projects all attributes. */
export interface IndexSchema {
  readonly indexName: string;
  readonly partitionKey: KeyAttributeSchema;
  readonly sortKey: KeyAttributeSchema;
  readonly projection: 'ALL';
}

/** A list index: its partition value is `<value>#<shard>`, its sort key the ticket id. */
export interface ListIndexSchema extends IndexSchema {
  /** Number of partition values one filter value is spread over (1 = no suffix spread). */
  readonly shards: number;
}

const S = 'S' as const;
const byId = { name: 'id', type: S };

function listIndex(indexName: string, partitionKeyName: string, shards: number): ListIndexSchema {
  return { indexName, partitionKey: { name: partitionKeyName, type: S }, sortKey: byId, projection: 'ALL', shards };
}

/** Indexes serving `list`, one per filter that can narrow the read, plus one for all tickets. */
export const LIST_INDEXES = {
  all: listIndex('byAll', 'allKey', 4),
  type: listIndex('byType', 'typeKey', 4),
  state: listIndex('byState', 'stateKey', 4),
  priority: listIndex('byPriority', 'priorityKey', 4),
  assignee: listIndex('byAssignee', 'assigneeKey', 1),
} as const;

/** Which filter picks which list index, most selective first. */
export const LIST_INDEX_PREFERENCE = ['assignee', 'state', 'priority', 'type'] as const;

function weekIndex(indexName: string, partitionKeyName: string, sortKeyName: string): IndexSchema {
  return {
    indexName,
    partitionKey: { name: partitionKeyName, type: S },
    sortKey: { name: sortKeyName, type: S },
    projection: 'ALL',
  };
}

/**
 * Indexes serving `ticketsTouchedBetween`: tickets by the UTC week (its Monday, `YYYY-MM-DD`) of
 * their creation, resolution and closure, sorted by that time. Resolved and closed are sparse: a
 * ticket enters them when the time is set and leaves when it is cleared (reopen).
 */
export const TOUCH_INDEXES = {
  created: weekIndex('byCreatedWeek', 'createdWeek', 'createdAt'),
  resolved: weekIndex('byResolvedWeek', 'resolvedWeek', 'resolvedAt'),
  closed: weekIndex('byClosedWeek', 'closedWeek', 'closedAt'),
} as const;

/** Everything a table definition needs. */
export const TICKET_TABLE_SCHEMA = {
  partitionKey: { name: 'pk', type: S },
  sortKey: { name: 'sk', type: S },
  globalSecondaryIndexes: [...Object.values(LIST_INDEXES), ...Object.values(TOUCH_INDEXES)].map(
    ({ indexName, partitionKey, sortKey, projection }): IndexSchema => ({ indexName, partitionKey, sortKey, projection }),
  ),
  /** Epoch seconds after which DynamoDB may delete the item (idempotency claims). */
  timeToLiveAttribute: 'expiresAt',
} as const;

/** How long an idempotency claim holds its key. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Attributes the store adds to a ticket or event item; stripped before one is returned. */
export const INTERNAL_ATTRIBUTES: readonly string[] = [
  TICKET_TABLE_SCHEMA.partitionKey.name,
  TICKET_TABLE_SCHEMA.sortKey.name,
  ...Object.values(LIST_INDEXES).map((index) => index.partitionKey.name),
  ...Object.values(TOUCH_INDEXES).map((index) => index.partitionKey.name),
];

/** CreateTable input for this layout, on-demand billing; TTL is enabled separately (UpdateTimeToLive). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, globalSecondaryIndexes } = TICKET_TABLE_SCHEMA;
  const attributes = new Map<string, 'S' | 'N'>();
  for (const key of [partitionKey, sortKey, ...globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    attributes.set(key.name, key.type);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: partitionKey.name, KeyType: 'HASH' },
      { AttributeName: sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}
