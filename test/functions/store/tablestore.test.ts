import TableStore from 'tablestore';
import { VersionConflictError } from '../../../functions/store/port';
import { TablestoreTicketStore } from '../../../functions/store/tablestore';
import { otsErrorCode } from '../../../functions/store/tablestore-errors';
import { writeListEntry } from '../../../functions/store/tablestore-list';
import { claimColumns, claimKey, listColumns, listEntryOf, listKey } from '../../../functions/store/tablestore-rows';
import { IDEMPOTENCY_TTL_SECONDS, TABLESTORE_TABLES, tablestoreTableNames } from '../../../functions/store/tablestore-schema';
import { createTablestoreTables } from '../../../functions/store/tablestore-tables';
import type { AuditEvent, Ticket } from '../../../functions/ticketing/model';
import { type FakeTablestore, startFakeTablestore } from '../../fakes/tablestore-server';
import { describeTicketStoreConformance } from './conformance';
import { createdEvent, ticket } from './fixtures';

/** Offset added to the fake's clock, to let TTLs and transaction lifetimes pass. */
let clockOffsetMs = 0;
let fake: FakeTablestore;
let shortPagesFake: FakeTablestore;
let prefixes = 0;

beforeAll(async () => {
  fake = await startFakeTablestore({ now: () => Date.now() + clockOffsetMs });
  // Range reads cut at 3 rows, as the service cuts them at partition boundaries.
  shortPagesFake = await startFakeTablestore({ maxRowsPerRange: 3 });
});
afterAll(async () => {
  await Promise.all([fake?.close(), shortPagesFake?.close()]);
});
afterEach(() => {
  clockOffsetMs = 0;
});

function clientOf(server: FakeTablestore): TableStore.Client {
  return new TableStore.Client({
    accessKeyId: 'test-access-key',
    secretAccessKey: 'test-secret',
    endpoint: server.endpoint,
    instancename: server.instanceName,
    maxRetries: 0,
  });
}

/** A store on tables no other test uses. */
async function freshStore(server = fake): Promise<{ store: TablestoreTicketStore; client: TableStore.Client; prefix: string }> {
  const client = clientOf(server);
  const prefix = `t${++prefixes}`;
  await createTablestoreTables(client, prefix);
  return { store: new TablestoreTicketStore({ client, tablePrefix: prefix }), client, prefix };
}

describeTicketStoreConformance('Tablestore', () => ({ store: async () => (await freshStore()).store }));
describeTicketStoreConformance('Tablestore with range reads cut at 3 rows', () => ({ store: async () => (await freshStore(shortPagesFake)).store }));

const incident = (fields: Partial<Ticket> = {}): Ticket => ticket({ createdAt: '2026-11-20T08:00:00.000Z', ...fields });
const updatedEvent = (t: Ticket, seq: number): AuditEvent => ({ ticketId: t.id, seq, at: t.updatedAt, actor: 'u-agent', kind: 'updated', changes: [] });
const NOW = '2026-11-20T09:00:00.000Z';

/** The requests the fake answered while `action` ran, as `Operation[ in txn] status[ code]`. */
async function requestsDuring(action: () => Promise<unknown>): Promise<string[]> {
  const before = fake.requests.length;
  await action().catch(() => undefined);
  return fake.requests.slice(before).map((r) => `${r.operation}${r.transactionId ? ' in txn' : ''} ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}`);
}

describe('Tablestore tables', () => {
  it('names the tables <prefix>_<suffix> and refuses a prefix that makes an invalid table name, naming the rule', () => {
    expect(tablestoreTableNames('svcdesk')).toEqual({ tickets: 'svcdesk_tickets', ticketList: 'svcdesk_ticket_list', idempotency: 'svcdesk_idempotency' });
    expect(() => tablestoreTableNames('service-desk')).toThrow(/tablePrefix "service-desk".*letters, digits and underscores/);
  });

  it('creates each table with the schema\'s primary key, TTL and one version, and leaves existing tables alone', async () => {
    const client = clientOf(fake);
    const names = await createTablestoreTables(client, 'layout');
    await createTablestoreTables(client, 'layout');
    for (const [role, table] of Object.entries(TABLESTORE_TABLES)) {
      const described = await client.describeTable({ tableName: names[role as keyof typeof names] });
      expect(described.tableMeta.primaryKey.map((column) => column.name)).toEqual(table.primaryKey.map((column) => column.name));
      expect(described.tableMeta.primaryKey.map((column) => column.type)).toEqual(table.primaryKey.map((column) => (column.type === 'INTEGER' ? 1 : 2)));
      expect(described.tableOptions).toMatchObject({ timeToLive: table.timeToLiveSeconds, maxVersions: 1 });
    }
    expect(TABLESTORE_TABLES.idempotency.timeToLiveSeconds).toBe(24 * 60 * 60);
  });
});

describe('Tablestore ticket store', () => {
  it('writes an update as one local transaction: lock the partition, one batch of conditional puts, commit', async () => {
    const { store } = await freshStore();
    const t = incident();
    await store.create(t, createdEvent(t));
    const next = { ...t, state: 'in_progress', version: 2 };
    expect(await requestsDuring(() => store.update(next, 1, [updatedEvent(next, 2)]))).toEqual([
      'StartLocalTransaction 200',
      'BatchWriteRow in txn 200',
      'CommitTransaction in txn 200',
      'PutRow 200',
    ]);
  });

  it('aborts the transaction of a stale update, so the next writer finds the partition unlocked', async () => {
    const { store } = await freshStore();
    const t = incident();
    await store.create(t, createdEvent(t));
    const first = { ...t, title: 'First', version: 2 };
    await store.update(first, 1, [updatedEvent(first, 2)]);
    const stale = { ...t, title: 'Stale', version: 2 };
    const staleRequests = await requestsDuring(() => store.update(stale, 1, [updatedEvent(stale, 2)]));
    expect(staleRequests.slice(0, 3)).toEqual(['StartLocalTransaction 200', 'BatchWriteRow in txn 200', 'AbortTransaction in txn 200']);
    const second = { ...first, title: 'Second', version: 3 };
    expect(await requestsDuring(() => store.update(second, 2, [updatedEvent(second, 3)]))).toContain('CommitTransaction in txn 200');
    expect(await store.get(t.id)).toEqual(second);
  });

  it('waits while another writer holds the ticket\'s partition, then writes', async () => {
    const { store, client, prefix } = await freshStore();
    const t = incident();
    await store.create(t, createdEvent(t));
    const { transactionId } = await client.startLocalTransaction({ tableName: tablestoreTableNames(prefix).tickets, primaryKey: [{ ticket_id: t.id }] });
    const next = { ...t, title: 'After the lock', version: 2 };
    const update = store.update(next, 1, [updatedEvent(next, 2)]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await client.commitTransaction({ transactionId });
    await update;
    expect(await store.get(t.id)).toEqual(next);
  });

  it('gives up with an error asking for a retry when the partition stays locked, and writes nothing', async () => {
    const { store, client, prefix } = await freshStore();
    const t = incident();
    await store.create(t, createdEvent(t));
    const { transactionId } = await client.startLocalTransaction({ tableName: tablestoreTableNames(prefix).tickets, primaryKey: [{ ticket_id: t.id }] });
    const next = { ...t, version: 2 };
    await expect(store.update(next, 1, [updatedEvent(next, 2)])).rejects.toThrow(`ticket ${t.id} stayed locked by other writes; retry the request`);
    await client.commitTransaction({ transactionId });
    expect(await store.get(t.id)).toEqual(t);
  });

  it('refuses an update whose events repeat a seq, naming the seq, before writing anything', async () => {
    const { store } = await freshStore();
    const t = incident();
    await store.create(t, createdEvent(t));
    const next = { ...t, version: 2 };
    await expect(store.update(next, 1, [updatedEvent(next, 2), updatedEvent(next, 2)])).rejects.toThrow('event seq 2 appears twice in one write');
    expect(await store.get(t.id)).toEqual(t);
  });

  it('rejects an event seq that is already in the trail, leaving the ticket at its version', async () => {
    const { store } = await freshStore();
    const t = incident();
    await store.create(t, createdEvent(t));
    const next = { ...t, version: 2 };
    await expect(store.update(next, 1, [updatedEvent(next, 1)])).rejects.toThrow(`audit event 1 of ticket ${t.id} already exists`);
    expect(await store.get(t.id)).toEqual(t);
  });

  describe('idempotent create', () => {
    const claim = { key: 'key-1', principal: 'u-requester', requestHash: 'hash-a' };

    it('completes a create that died between its claim and its ticket: the retry writes the claimed ticket, replayed', async () => {
      const { store, client, prefix } = await freshStore();
      const first = incident({ title: 'First attempt' });
      await client.putRow({
        tableName: tablestoreTableNames(prefix).idempotency,
        condition: new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST, null),
        primaryKey: claimKey(claim.principal, claim.key),
        attributeColumns: claimColumns(claim, first, createdEvent(first)),
      });
      const retry = incident({ title: 'Retry' });
      expect(await store.create(retry, createdEvent(retry), claim)).toEqual({ ticket: first, replayed: true });
      expect(await store.get(first.id)).toEqual(first);
      expect(await store.get(retry.id)).toBeUndefined();
      expect((await store.events(first.id, { limit: 5 })).items).toEqual([createdEvent(first)]);
      expect((await store.list({ now: NOW }, { limit: 5 })).items).toEqual([first]);
    });

    it('lets a key be used again once its claim is older than 24 hours', async () => {
      const { store } = await freshStore();
      const first = incident();
      await store.create(first, createdEvent(first), claim);
      clockOffsetMs = (IDEMPOTENCY_TTL_SECONDS + 1) * 1000;
      const later = incident();
      expect(await store.create(later, createdEvent(later), claim)).toEqual({ ticket: later, replayed: false });
    });

    it('answers concurrent retries of one key with one ticket', async () => {
      const { store } = await freshStore();
      const attempts = Array.from({ length: 8 }, () => incident());
      const results = await Promise.all(attempts.map((t) => store.create(t, createdEvent(t), claim)));
      expect(results.filter((result) => !result.replayed)).toHaveLength(1);
      const winner = results.find((result) => !result.replayed)?.ticket;
      for (const result of results) expect(result.ticket).toEqual(winner);
      expect((await store.list({ now: NOW }, { limit: 10 })).items).toEqual([winner]);
    });
  });

  describe('list rows', () => {
    it('skips a list row whose ticket was never written (a create that died after its list row)', async () => {
      const { store, client, prefix } = await freshStore();
      const ghost = incident();
      const real = incident();
      await writeListEntry(client, tablestoreTableNames(prefix).ticketList, listEntryOf(ghost));
      await store.create(real, createdEvent(real));
      expect((await store.list({ now: NOW }, { limit: 5 })).items).toEqual([real]);
    });

    it('checks a lagging list row against the ticket and repairs it on read', async () => {
      const { store, client, prefix } = await freshStore();
      const t = incident();
      await store.create(t, createdEvent(t));
      const next = { ...t, state: 'in_progress', version: 2 };
      await store.update(next, 1, [updatedEvent(next, 2)]);
      // The updater died before its list write: the row still says version 1, state new.
      await client.putRow({
        tableName: tablestoreTableNames(prefix).ticketList,
        condition: new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, null),
        primaryKey: listKey(t.id),
        attributeColumns: listColumns(listEntryOf(t)),
      });
      expect((await store.list({ now: NOW, state: 'new' }, { limit: 5 })).items).toEqual([]);
      expect((await store.list({ now: NOW, state: 'in_progress' }, { limit: 5 })).items).toEqual([next]);
    });

    it('never lets an older version overwrite a newer list row', async () => {
      const { client, prefix } = await freshStore();
      const tableName = tablestoreTableNames(prefix).ticketList;
      const t = incident();
      expect(await writeListEntry(client, tableName, listEntryOf({ ...t, state: 'resolved', version: 3 }))).toBe(true);
      expect(await writeListEntry(client, tableName, listEntryOf({ ...t, state: 'in_progress', version: 2 }))).toBe(false);
      expect(await writeListEntry(client, tableName, listEntryOf({ ...t, state: 'resolved', version: 3 }))).toBe(false);
    });
  });

  it('reads the Tablestore error code out of the SDK\'s error, whose code is only the HTTP status', async () => {
    const { store, client, prefix } = await freshStore();
    const t = incident();
    await store.create(t, createdEvent(t));
    const error = await store.create(t, createdEvent(t)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VersionConflictError);
    const sdkError = await client
      .putRow({
        tableName: tablestoreTableNames(prefix).ticketList,
        condition: new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_EXIST, null),
        primaryKey: [{ ticket_id: 'no-such-ticket' }],
        attributeColumns: [{ state: 'new' }],
      })
      .catch((caught: unknown) => caught);
    expect((sdkError as { code: unknown }).code).toBe(403);
    expect(otsErrorCode(sdkError)).toBe('OTSConditionCheckFail');
    expect(otsErrorCode(new Error('socket hang up'))).toBeUndefined();
  });
});
