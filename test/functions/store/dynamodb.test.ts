import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTicketStore } from '../../../functions/store/dynamodb';
import { ensureTable, JavaRuntimeMissingError, javaMajorVersion, localDynamoClient, startDynamoDbLocal } from '../../../functions/store/dynamodb-local';
import { IDEMPOTENCY_TTL_SECONDS, LIST_INDEXES, TICKET_TABLE_SCHEMA, TOUCH_INDEXES } from '../../../functions/store/dynamodb-schema';
import { useDynamoDbLocal } from '../../helpers/dynamodb-local';
import { describeTicketStoreConformance } from './conformance';
import { createdEvent as eventFor, ticket } from './fixtures';

const local = useDynamoDbLocal();

describeTicketStoreConformance('DynamoDB', () => ({ store: () => local.freshStore() }));

const incident = ticket();
const createdEvent = eventFor(incident);

describe('DynamoDB ticket table', () => {
  it('creates the table with every index of the schema, projecting all attributes, and TTL on expiresAt', async () => {
    const tableName = await local.freshTable();
    const client = local.client() as unknown as DynamoDBClient;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const indexes = Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
    expect(Object.keys(indexes).sort()).toEqual(
      ['byAll', 'byType', 'byState', 'byPriority', 'byAssignee', 'byCreatedWeek', 'byResolvedWeek', 'byClosedWeek'].sort(),
    );
    for (const index of [...Object.values(LIST_INDEXES), ...Object.values(TOUCH_INDEXES)]) {
      expect(indexes[index.indexName].KeySchema).toEqual([
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ]);
      expect(indexes[index.indexName].Projection?.ProjectionType).toBe('ALL');
    }
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('ensureTable leaves an existing table as it is', async () => {
    const tableName = await local.freshTable();
    const store = new DynamoDbTicketStore({ client: local.client(), tableName });
    await store.create(incident, createdEvent);
    await ensureTable(local.client(), tableName);
    expect(await store.get(incident.id)).toEqual(incident);
  });
});

describe('DynamoDB ticket store specifics', () => {
  it('writes an idempotency claim that expires 24 hours after the create', async () => {
    const tableName = await local.freshTable();
    const store = new DynamoDbTicketStore({ client: local.client(), tableName });
    const before = Math.floor(Date.now() / 1000);
    await store.create(incident, createdEvent, { key: 'k#1', principal: 'u#requester', requestHash: 'h' });
    const { Item } = await local.client().send(
      new GetCommand({ TableName: tableName, Key: { pk: 'IDEMPOTENCY#u%23requester#k%231', sk: 'CLAIM' } }),
    );
    expect(Item).toMatchObject({ ticketId: incident.id, requestHash: 'h' });
    expect(Item?.[TICKET_TABLE_SCHEMA.timeToLiveAttribute]).toBeGreaterThanOrEqual(before + IDEMPOTENCY_TTL_SECONDS);
    expect(Item?.[TICKET_TABLE_SCHEMA.timeToLiveAttribute]).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + IDEMPOTENCY_TTL_SECONDS);
  });

  it('rejects an update whose ticket version is not the expected version + 1', async () => {
    const store = await local.freshStore();
    await store.create(incident, createdEvent);
    await expect(store.update({ ...incident, version: 3 }, 1, [])).rejects.toThrow('ticket.version must be expectedVersion + 1 (2), got 3');
  });

  it('rejects a page limit outside 1–100, naming the limit', async () => {
    const store = await local.freshStore();
    await expect(store.list({ now: incident.createdAt }, { limit: 0 })).rejects.toThrow('limit must be an integer from 1 to 100, got 0');
    await expect(store.events(incident.id, { limit: 101 })).rejects.toThrow('limit must be an integer from 1 to 100, got 101');
  });

  it('lists in id order across the shards of the all-tickets index', async () => {
    const store = await local.freshStore();
    const ids = Array.from({ length: 20 }, (_, i) => `01KAQ9Z3X00000000000000${String(i).padStart(3, '0')}`);
    for (const id of ids) await store.create({ ...incident, id }, { ...createdEvent, ticketId: id });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ now: incident.createdAt }, { limit: 3, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});

describe('startDynamoDbLocal', () => {
  it('fails with a one-line install hint when no java is on PATH', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'no-java-'));
    const error = await startDynamoDbLocal({ env: { PATH: emptyDir } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JavaRuntimeMissingError);
    expect((error as Error).message).toMatch(/^DynamoDB Local needs a Java runtime 11 or newer: install one \(Debian\/Ubuntu: .*\) and make sure `java` is on PATH\.$/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads the Java major version from both version schemes', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_402"')).toBe(8);
    expect(javaMajorVersion('no version here')).toBeUndefined();
  });

  it('keeps the data of a table in dataDir across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
    const first = await startDynamoDbLocal({ dataDir });
    let client = localDynamoClient(first.endpoint);
    await ensureTable(client, 'tickets');
    await new DynamoDbTicketStore({ client, tableName: 'tickets' }).create(incident, createdEvent);
    client.destroy();
    await first.stop();

    const second = await startDynamoDbLocal({ dataDir });
    client = localDynamoClient(second.endpoint);
    try {
      expect(await new DynamoDbTicketStore({ client, tableName: 'tickets' }).get(incident.id)).toEqual(incident);
    } finally {
      client.destroy();
      await second.stop();
    }
  });
});
