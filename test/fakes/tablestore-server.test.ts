import { request as httpRequest } from 'node:http';
import TableStore from 'tablestore';
import { isAbortDecodeError, otsErrorCode } from '../../functions/store/tablestore-errors';
import { type FakeTablestore, startFakeTablestore } from './tablestore-server';

/**
 * The fake as the SDK sees it: answers, errors and transaction behaviour the real service shows,
 * through the real `tablestore` client.
 */

let clockOffsetMs = 0;
let fake: FakeTablestore;
let client: TableStore.Client;
let tables = 0;

beforeAll(async () => {
  fake = await startFakeTablestore({ now: () => Date.now() + clockOffsetMs, maxRowsPerRange: 2 });
  client = new TableStore.Client({ accessKeyId: 'ak', secretAccessKey: 'sk', endpoint: fake.endpoint, instancename: fake.instanceName, maxRetries: 0 });
});
afterAll(() => fake?.close());
afterEach(() => {
  clockOffsetMs = 0;
});

const { IGNORE, EXPECT_EXIST, EXPECT_NOT_EXIST } = TableStore.RowExistenceExpectation;
const condition = (existence: number, column: TableStore.ColumnCondition | null = null) => new TableStore.Condition(existence, column);
const int = (value: number) => TableStore.Long.fromNumber(value);

/** A new table (pk STRING, n INTEGER) and its name. */
async function table(timeToLive = -1): Promise<string> {
  const tableName = `fidelity_${++tables}`;
  await client.createTable({
    tableMeta: { tableName, primaryKey: [{ name: 'pk', type: 'STRING' }, { name: 'n', type: 'INTEGER' }] },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    tableOptions: { timeToLive, maxVersions: 1 },
  });
  return tableName;
}

function put(tableName: string, pk: string, n: number, columns: TableStore.AttributesInput, rowCondition = condition(IGNORE), transactionId?: string) {
  return client.putRow({ tableName, condition: rowCondition, primaryKey: [{ pk }, { n: int(n) }], attributeColumns: columns, transactionId });
}

async function cells(tableName: string, pk: string, n: number, transactionId?: string): Promise<Record<string, unknown> | undefined> {
  const { row } = await client.getRow({ tableName, primaryKey: [{ pk }, { n: int(n) }], maxVersions: 1, transactionId });
  if (!row.primaryKey) return undefined;
  return Object.fromEntries((row.attributes ?? []).map((cell) => [cell.columnName, cell.columnValue]));
}

async function failure(promise: Promise<unknown>): Promise<{ status: unknown; code: string | undefined; message: string }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (caught: unknown) => caught as Error & { code: unknown },
  );
  return { status: error.code, code: otsErrorCode(error), message: error.message };
}

describe('Tablestore fake: errors as the SDK receives them', () => {
  it('answers a failed row condition with HTTP 403 and a protobuf Error OTSConditionCheckFail, which SDK 5.6 leaves undecoded', async () => {
    const tableName = await table();
    await put(tableName, 'a', 1, [{ v: 'x' }]);
    const { status, code, message } = await failure(put(tableName, 'a', 1, [{ v: 'y' }], condition(EXPECT_NOT_EXIST)));
    expect(status).toBe(403);
    expect(code).toBe('OTSConditionCheckFail');
    expect(message).toContain('Condition check failed.');
    expect(await cells(tableName, 'a', 1)).toEqual({ v: 'x' });
  });

  it('refuses a key that does not match the table\'s primary key with OTSInvalidPK naming both names', async () => {
    const tableName = await table();
    const { status, code, message } = await failure(
      client.putRow({ tableName, condition: condition(IGNORE), primaryKey: [{ id: 'a' }, { n: int(1) }], attributeColumns: [{ v: 'x' }] }),
    );
    expect([status, code]).toEqual([400, 'OTSInvalidPK']);
    expect(message).toContain('Validate PK name fail. Input: id, Meta: pk.');
  });

  it('answers a missing table with 404 OTSObjectNotExist and a duplicate one with 409 OTSObjectAlreadyExist', async () => {
    const missing = await failure(client.getRow({ tableName: 'no_such_table', primaryKey: [{ pk: 'a' }, { n: int(1) }], maxVersions: 1 }));
    expect([missing.status, missing.code]).toEqual([404, 'OTSObjectNotExist']);
    const tableName = await table();
    const duplicate = await failure(
      client.createTable({
        tableMeta: { tableName, primaryKey: [{ name: 'pk', type: 'STRING' }] },
        reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
        tableOptions: { timeToLive: -1, maxVersions: 1 },
      }),
    );
    expect([duplicate.status, duplicate.code]).toEqual([409, 'OTSObjectAlreadyExist']);
  });

  it('refuses requests missing an x-ots header, or naming another instance, or whose body does not match its MD5', async () => {
    const send = (headers: Record<string, string>, body = Buffer.from('')) =>
      new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(`${fake.endpoint}/ListTable`, { method: 'POST', headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const complete = {
      'x-ots-date': new Date().toISOString(),
      'x-ots-apiversion': '2015-12-31',
      'x-ots-accesskeyid': 'ak',
      'x-ots-contentmd5': '1B2M2Y8AsgTpgAmY7PhCfg==',
      'x-ots-signature': 'not-verified',
      'x-ots-instancename': fake.instanceName,
    };
    const { 'x-ots-signature': _signature, ...unsigned } = complete;
    const missing = await send(unsigned);
    expect(missing.status).toBe(400);
    expect(missing.body.toString()).toContain("Missing header: 'x-ots-signature'.");
    const otherInstance = await send({ ...complete, 'x-ots-instancename': 'other' });
    expect(otherInstance.status).toBe(403);
    expect(otherInstance.body.toString()).toContain('OTSAuthFailed');
    const tampered = await send(complete, Buffer.from('x'));
    expect(tampered.status).toBe(403);
    expect(tampered.body.toString()).toContain('Mismatch between MD5 value of request body and x-ots-contentmd5 in header.');
    expect((await send(complete)).status).toBe(200);
  });
});

describe('Tablestore fake: conditions', () => {
  const versionIs = (version: number, passIfMissing = false) =>
    new TableStore.SingleColumnCondition('version', int(version), TableStore.ComparatorType.EQUAL, passIfMissing);

  it('applies a put only while the single column condition holds', async () => {
    const tableName = await table();
    await put(tableName, 'a', 1, [{ version: int(1) }]);
    await put(tableName, 'a', 1, [{ version: int(2) }], condition(EXPECT_EXIST, versionIs(1)));
    const stale = await failure(put(tableName, 'a', 1, [{ version: int(3) }], condition(EXPECT_EXIST, versionIs(1))));
    expect(stale.code).toBe('OTSConditionCheckFail');
    expect(((await cells(tableName, 'a', 1))?.version as TableStore.Integer).toNumber()).toBe(2);
  });

  it('decides a condition on a missing column by passIfMissing, and never equates an INTEGER with a DOUBLE', async () => {
    const tableName = await table();
    await put(tableName, 'a', 1, [{ other: 'x' }]);
    expect((await failure(put(tableName, 'a', 1, [{ v: 1 }], condition(IGNORE, versionIs(1, false))))).code).toBe('OTSConditionCheckFail');
    await put(tableName, 'a', 1, [{ version: 1 }], condition(IGNORE, versionIs(1, true)));
    expect((await failure(put(tableName, 'a', 1, [{ v: 2 }], condition(IGNORE, versionIs(1))))).code).toBe('OTSConditionCheckFail');
  });

  it('combines conditions with AND and OR', async () => {
    const tableName = await table();
    await put(tableName, 'a', 1, [{ state: 'new' }, { priority: int(3) }]);
    const both = new TableStore.CompositeCondition(TableStore.LogicalOperator.AND);
    both.addSubCondition(new TableStore.SingleColumnCondition('state', 'new', TableStore.ComparatorType.EQUAL));
    both.addSubCondition(new TableStore.SingleColumnCondition('priority', int(3), TableStore.ComparatorType.GREATER_THAN));
    expect((await failure(put(tableName, 'a', 1, [{ state: 'x' }], condition(EXPECT_EXIST, both)))).code).toBe('OTSConditionCheckFail');
    const either = new TableStore.CompositeCondition(TableStore.LogicalOperator.OR);
    either.addSubCondition(new TableStore.SingleColumnCondition('state', 'new', TableStore.ComparatorType.EQUAL));
    either.addSubCondition(new TableStore.SingleColumnCondition('priority', int(3), TableStore.ComparatorType.GREATER_THAN));
    await put(tableName, 'a', 1, [{ state: 'in_progress' }], condition(EXPECT_EXIST, either));
    expect(await cells(tableName, 'a', 1)).toEqual({ state: 'in_progress' });
  });

  it('reports a failed row of a BatchWriteRow in that row only, and writes the others', async () => {
    const tableName = await table();
    await put(tableName, 'a', 1, [{ v: 'old' }]);
    const output = await client.batchWriteRow({
      tables: [
        {
          tableName,
          rows: [
            { type: 'PUT', condition: condition(EXPECT_NOT_EXIST), primaryKey: [{ pk: 'a' }, { n: int(1) }], attributeColumns: [{ v: 'new' }] },
            { type: 'PUT', condition: condition(EXPECT_NOT_EXIST), primaryKey: [{ pk: 'a' }, { n: int(2) }], attributeColumns: [{ v: 'new' }] },
          ],
        },
      ],
    });
    expect(output.tables.map((row) => [row.isOk, row.errorCode])).toEqual([
      [false, 'OTSConditionCheckFail'],
      [true, null],
    ]);
    expect(await cells(tableName, 'a', 1)).toEqual({ v: 'old' });
    expect(await cells(tableName, 'a', 2)).toEqual({ v: 'new' });
  });
});

describe('Tablestore fake: local transactions', () => {
  const start = (tableName: string, pk: string) => client.startLocalTransaction({ tableName, primaryKey: [{ pk }] }).then((output) => output.transactionId);

  it('keeps a transaction\'s writes visible to it alone until commit', async () => {
    const tableName = await table();
    const transactionId = await start(tableName, 'a');
    await put(tableName, 'a', 1, [{ v: 'x' }], condition(EXPECT_NOT_EXIST), transactionId);
    expect(await cells(tableName, 'a', 1, transactionId)).toEqual({ v: 'x' });
    expect(await cells(tableName, 'a', 1)).toBeUndefined();
    await client.commitTransaction({ transactionId });
    expect(await cells(tableName, 'a', 1)).toEqual({ v: 'x' });
  });

  it('drops a transaction\'s writes on abort; SDK 5.6 rejects the successful abort with a decode error', async () => {
    const tableName = await table();
    const transactionId = await start(tableName, 'a');
    await put(tableName, 'a', 1, [{ v: 'x' }], condition(IGNORE), transactionId);
    const abort = await client.abortTransaction({ transactionId }).catch((caught: unknown) => caught);
    expect(isAbortDecodeError(abort)).toBe(true);
    expect(await cells(tableName, 'a', 1)).toBeUndefined();
    await client.commitTransaction({ transactionId: await start(tableName, 'a') });
  });

  it('refuses writes and a second transaction on a locked partition with 409 OTSRowOperationConflict, other partitions not', async () => {
    const tableName = await table();
    const transactionId = await start(tableName, 'a');
    const write = await failure(put(tableName, 'a', 2, [{ v: 'outside' }]));
    expect([write.status, write.code]).toEqual([409, 'OTSRowOperationConflict']);
    expect(write.message).toContain('Data is being modified by the other request.');
    expect((await failure(start(tableName, 'a'))).code).toBe('OTSRowOperationConflict');
    await put(tableName, 'b', 1, [{ v: 'other partition' }]);
    await client.commitTransaction({ transactionId });
    await put(tableName, 'a', 2, [{ v: 'after commit' }]);
  });

  it('ends a transaction with OTSSessionNotExist once committed, and refuses an id it never issued as invalid', async () => {
    const tableName = await table();
    const transactionId = await start(tableName, 'a');
    await client.commitTransaction({ transactionId });
    const again = await failure(client.commitTransaction({ transactionId }));
    expect([again.status, again.code]).toEqual([404, 'OTSSessionNotExist']);
    expect(again.message).toContain('Session not exist or may be timeout.');
    expect((await failure(client.commitTransaction({ transactionId: 'fake_transaction_id' }))).code).toBe('OTSParameterInvalid');
  });

  it('times a transaction out after 60 s: its writes are dropped and the partition unlocked', async () => {
    const tableName = await table();
    const transactionId = await start(tableName, 'a');
    await put(tableName, 'a', 1, [{ v: 'never committed' }], condition(IGNORE), transactionId);
    clockOffsetMs = 61_000;
    expect((await failure(client.commitTransaction({ transactionId }))).code).toBe('OTSSessionNotExist');
    expect(await cells(tableName, 'a', 1)).toBeUndefined();
    await put(tableName, 'a', 1, [{ v: 'unlocked' }]);
  });

  it('refuses reads and writes outside the transaction\'s partition with OTSDataOutOfRange naming both keys', async () => {
    const tableName = await table();
    const transactionId = await start(tableName, 'a');
    const write = await failure(put(tableName, 'b', 1, [{ v: 'x' }], condition(IGNORE), transactionId));
    expect(write.code).toBe('OTSDataOutOfRange');
    expect(write.message).toContain('Data out of scope of transaction. Transaction PartKey:a. Data PartKey:b');
    const range = await failure(
      client.getRange({
        tableName,
        direction: 'FORWARD',
        inclusiveStartPrimaryKey: [{ pk: 'a' }, { n: TableStore.INF_MIN }],
        exclusiveEndPrimaryKey: [{ pk: 'b' }, { n: TableStore.INF_MIN }],
        transactionId,
      }),
    );
    expect(range.code).toBe('OTSDataOutOfRange');
    await client.commitTransaction({ transactionId });
  });

  it('requires StartLocalTransaction to name the partition key alone', async () => {
    const tableName = await table();
    const tooLong = await failure(client.startLocalTransaction({ tableName, primaryKey: [{ pk: 'a' }, { n: int(1) }] }));
    expect(tooLong.code).toBe('OTSParameterInvalid');
    expect(tooLong.message).toContain('StartLocalTransaction support only one primary key.');
  });
});

describe('Tablestore fake: reads', () => {
  it('reads ranges in key order both ways, and hands back where to continue when it stops early', async () => {
    const tableName = await table();
    for (const [pk, n] of [['b', 2], ['a', 10], ['b', 1], ['a', 2], ['c', 1]] as const) await put(tableName, pk, n, [{ v: `${pk}${n}` }]);
    const read = async (direction: 'FORWARD' | 'BACKWARD', startKey: TableStore.PrimaryKeyInput, endKey: TableStore.PrimaryKeyInput) => {
      const values: string[] = [];
      let next: TableStore.PrimaryKeyInput | undefined = startKey;
      let requests = 0;
      while (next) {
        const output = await client.getRange({ tableName, direction, inclusiveStartPrimaryKey: next, exclusiveEndPrimaryKey: endKey, maxVersions: 1 });
        requests++;
        values.push(...output.rows.map((row) => String(row.attributes?.[0].columnValue)));
        next = output.nextStartPrimaryKey?.map((column) => ({ [column.name]: column.value }));
      }
      return { values, requests };
    };
    const forward = await read('FORWARD', [{ pk: TableStore.INF_MIN }, { n: TableStore.INF_MIN }], [{ pk: TableStore.INF_MAX }, { n: TableStore.INF_MAX }]);
    expect(forward).toEqual({ values: ['a2', 'a10', 'b1', 'b2', 'c1'], requests: 3 });
    const backward = await read('BACKWARD', [{ pk: 'b' }, { n: TableStore.INF_MAX }], [{ pk: 'a' }, { n: int(2) }]);
    expect(backward.values).toEqual(['b2', 'b1', 'a10']);
  });

  it('hides a row once its cells are older than the table\'s TTL', async () => {
    const tableName = await table(86400);
    await put(tableName, 'a', 1, [{ v: 'x' }]);
    clockOffsetMs = 86_399_000;
    expect(await cells(tableName, 'a', 1)).toEqual({ v: 'x' });
    clockOffsetMs = 86_401_000;
    expect(await cells(tableName, 'a', 1)).toBeUndefined();
    await put(tableName, 'a', 1, [{ v: 'again' }], condition(EXPECT_NOT_EXIST));
  });

  it('returns each cell with the server\'s write time as its version', async () => {
    const tableName = await table();
    const before = Date.now();
    await put(tableName, 'a', 1, [{ v: 'x' }]);
    const { row } = await client.getRow({ tableName, primaryKey: [{ pk: 'a' }, { n: int(1) }], maxVersions: 1 });
    const timestamp = row.attributes?.[0].timestamp.toNumber() ?? 0;
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
  });
});
