import {
  type DecodedRow,
  decodeRow,
  encodeKey,
  encodeRow,
  encodeRows,
  type KeyBound,
  type MessageType,
  protos,
  type RowOut,
  type Value,
} from './tablestore-server-codec';
import { type FakeDatabase, type KeyType, OtsError, otsErrors, type RowCondition, type RowWrite } from './tablestore-server-data';

/**
 * The Tablestore operations the fake answers: each decodes its protobuf request, acts on the
 * database and returns the response message's properties.
 */

/** What a handler sees besides the request. */
export interface OperationContext {
  readonly database: FakeDatabase;
  /** Most rows one GetRange returns (the service's own cap is 5000). */
  readonly maxRowsPerRange: number;
}

interface Operation {
  readonly request: MessageType;
  readonly response: MessageType;
  readonly handle: (request: Request, context: OperationContext) => object;
}

/** A decoded request message: protobufjs objects, camelCase fields. */
type Request = Record<string, any>;

const RANGE_ROW_CAP = 5000;
const BATCH_GET_ROW_CAP = 100;
const BATCH_WRITE_ROW_CAP = 200;
const MAX_COLUMN_VALUE_BYTES = 2 * 1024 * 1024;
const KEY_TYPES: Record<number, KeyType> = { 1: 'INTEGER', 2: 'STRING', 3: 'BINARY' };
const KEY_TYPE_NUMBERS: Record<KeyType, number> = { INTEGER: 1, STRING: 2, BINARY: 3 };
/** Whether a decoded message carries `field` (protobufjs answers absent fields with defaults). */
const present = (message: Request | undefined, field: string): boolean => message !== undefined && message !== null && Object.hasOwn(message, field);

/** The fake does not meter capacity: every response reports one unit. */
const consumed = (read: number, write: number) => ({ capacityUnit: { read, write } });

function decode(bytes: Uint8Array | undefined, what: string): DecodedRow {
  try {
    return decodeRow(bytes ?? new Uint8Array());
  } catch (error) {
    throw otsErrors.parameterInvalid(`Invalid ${what}: ${(error as Error).message}`);
  }
}

/** A full primary key (no infinities) checked against the table. */
function fullKey(context: OperationContext, tableName: string, row: DecodedRow): Value[] {
  return context.database.checkKey(tableName, row.primaryKey) as Value[];
}

function checkCells(row: DecodedRow): void {
  for (const cell of row.cells) {
    if (cell.name.length === 0 || Buffer.byteLength(cell.name) > 255) {
      throw otsErrors.parameterInvalid(`Invalid column name: '${cell.name}'.`);
    }
    const size = cell.value.type === 'STRING' ? Buffer.byteLength(cell.value.value) : cell.value.type === 'BINARY' ? cell.value.value.length : 8;
    if (size > MAX_COLUMN_VALUE_BYTES) {
      throw otsErrors.parameterInvalid(`The length of attribute column: '${cell.name}' exceeds the MaxLength: ${MAX_COLUMN_VALUE_BYTES} with CurrentLength: ${size}.`);
    }
  }
}

function condition(request: Request): RowCondition {
  if (!request.condition) throw otsErrors.parameterInvalid('Condition is missing.');
  return { rowExistence: request.condition.rowExistence, columnCondition: request.condition.columnCondition };
}

function checkVersions(request: Request): void {
  if (!present(request, 'maxVersions') && !present(request, 'timeRange')) throw otsErrors.parameterInvalid('Neither column max versions nor time range is set.');
}

/** The row with only the requested columns (all when none are named); undefined when none remain. */
function project(row: RowOut | undefined, columns: string[] | undefined): RowOut | undefined {
  if (!row || !columns || columns.length === 0) return row;
  const cells = row.cells.filter((cell) => columns.includes(cell.name));
  return cells.length > 0 ? { ...row, cells } : undefined;
}

function rowError(error: unknown): { isOk: false; error: { code: string; message: string } } {
  if (!(error instanceof OtsError)) throw error;
  return { isOk: false, error: { code: error.code, message: error.message } };
}

function write(context: OperationContext, tableName: string, type: number, rowChange: Uint8Array, rowCondition: RowCondition, transactionId?: string): void {
  const row = decode(rowChange, 'row change');
  const key = fullKey(context, tableName, row);
  if (type === 2) throw otsErrors.parameterInvalid('UpdateRow changes are not implemented by this fake.');
  if (type !== 1 && type !== 3) throw otsErrors.parameterInvalid(`Invalid operation type: ${type}.`);
  checkCells(row);
  const change: RowWrite = { kind: type === 1 ? 'PUT' : 'DELETE', key, cells: row.cells };
  context.database.writeRow(tableName, change, rowCondition, transactionId || undefined);
}

function createTable(request: Request, { database }: OperationContext): object {
  const { tableMeta, tableOptions, indexMetas } = request;
  const name: string = tableMeta.tableName;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(name)) throw otsErrors.parameterInvalid(`Invalid table name: '${name}'.`);
  const columns: { name: string; type: number; option?: number }[] = tableMeta.primaryKey;
  if (columns.length < 1 || columns.length > 4) throw otsErrors.parameterInvalid('The number of primary key columns must be in range: [1, 4].');
  if (columns.some((column) => present(column, 'option'))) throw otsErrors.parameterInvalid('Auto-increment primary keys are not implemented by this fake.');
  if (indexMetas?.length) throw otsErrors.parameterInvalid('Secondary indexes are not implemented by this fake.');
  const timeToLiveSeconds: number = present(tableOptions, 'timeToLive') ? tableOptions.timeToLive : -1;
  const maxVersions: number = present(tableOptions, 'maxVersions') ? tableOptions.maxVersions : 1;
  if (timeToLiveSeconds !== -1 && timeToLiveSeconds < 86400) {
    throw otsErrors.parameterInvalid(`Invalid TimeToLive: ${timeToLiveSeconds}, it must be -1 or at least 86400 seconds.`);
  }
  if (maxVersions < 1) throw otsErrors.parameterInvalid(`Invalid MaxVersions: ${maxVersions}.`);
  database.createTable({
    name,
    primaryKey: columns.map((column) => {
      const type = KEY_TYPES[column.type];
      if (!type) throw otsErrors.parameterInvalid(`Invalid primary key type of '${column.name}': ${column.type}.`);
      return { name: column.name, type };
    }),
    timeToLiveSeconds,
    maxVersions,
  });
  return {};
}

function describeTable(request: Request, { database }: OperationContext): object {
  const schema = database.schema(request.tableName);
  return {
    tableMeta: { tableName: schema.name, primaryKey: schema.primaryKey.map((column) => ({ name: column.name, type: KEY_TYPE_NUMBERS[column.type] })) },
    reservedThroughputDetails: { capacityUnit: { read: 0, write: 0 }, lastIncreaseTime: 0 },
    tableOptions: { timeToLive: schema.timeToLiveSeconds, maxVersions: schema.maxVersions, deviationCellVersionInSec: 86400, allowUpdate: true },
    tableStatus: 1,
  };
}

function getRow(request: Request, context: OperationContext): object {
  checkVersions(request);
  const key = fullKey(context, request.tableName, decode(request.primaryKey, 'primary key'));
  const row = project(context.database.readRow(request.tableName, key, request.transactionId || undefined), request.columnsToGet);
  return { consumed: consumed(1, 0), row: encodeRow(row) };
}

function getRange(request: Request, context: OperationContext): object {
  checkVersions(request);
  const { database } = context;
  const start = database.checkKey(request.tableName, decode(request.inclusiveStartPrimaryKey, 'start primary key').primaryKey, true);
  const end = database.checkKey(request.tableName, decode(request.exclusiveEndPrimaryKey, 'end primary key').primaryKey, true);
  const limit: number = present(request, 'limit') ? request.limit : 0;
  if (limit < 0) throw otsErrors.parameterInvalid(`Invalid limit: ${limit}.`);
  const cap = Math.min(limit || RANGE_ROW_CAP, RANGE_ROW_CAP, context.maxRowsPerRange);
  const columns: string[] | undefined = request.columnsToGet;
  const { rows, next } = database.range(
    request.tableName,
    start as KeyBound[],
    end as KeyBound[],
    request.direction === 1,
    cap,
    (row) => project(row, columns) !== undefined,
    request.transactionId || undefined,
  );
  const schema = database.schema(request.tableName);
  const projected = rows.map((row) => project(row, columns) as RowOut);
  return {
    consumed: consumed(Math.max(1, rows.length), 0),
    rows: projected.length > 0 ? encodeRows(projected) : Buffer.alloc(0),
    nextStartPrimaryKey: next ? encodeKey(next.map((value, index) => ({ name: schema.primaryKey[index].name, value }))) : undefined,
  };
}

function putRow(request: Request, context: OperationContext): object {
  write(context, request.tableName, 1, request.row, condition(request), request.transactionId);
  return { consumed: consumed(0, 1) };
}

function deleteRow(request: Request, context: OperationContext): object {
  write(context, request.tableName, 3, request.primaryKey, condition(request), request.transactionId);
  return { consumed: consumed(0, 1) };
}

function batchGetRow(request: Request, context: OperationContext): object {
  const tables: Request[] = request.tables;
  const count = tables.reduce((sum, table) => sum + table.primaryKey.length, 0);
  if (count > BATCH_GET_ROW_CAP) throw otsErrors.parameterInvalid(`Rows count exceeds the upper limit: ${BATCH_GET_ROW_CAP}.`);
  return {
    tables: tables.map((table) => {
      checkVersions(table);
      return {
        tableName: table.tableName,
        rows: (table.primaryKey as Uint8Array[]).map((bytes) => {
          try {
            const key = fullKey(context, table.tableName, decode(bytes, 'primary key'));
            const row = project(context.database.readRow(table.tableName, key), table.columnsToGet);
            return { isOk: true, consumed: consumed(1, 0), row: encodeRow(row) };
          } catch (error) {
            return rowError(error);
          }
        }),
      };
    }),
  };
}

function batchWriteRow(request: Request, context: OperationContext): object {
  const tables: Request[] = request.tables;
  const transactionId: string | undefined = request.transactionId || undefined;
  const count = tables.reduce((sum, table) => sum + table.rows.length, 0);
  if (count > BATCH_WRITE_ROW_CAP) throw otsErrors.parameterInvalid(`Rows count exceeds the upper limit: ${BATCH_WRITE_ROW_CAP}.`);
  for (const table of tables) {
    const seen = new Set<string>();
    for (const row of table.rows as Request[]) {
      const key = JSON.stringify(decode(row.rowChange, 'row change').primaryKey, (_, value) => (typeof value === 'bigint' ? value.toString() : value));
      if (seen.has(key)) throw otsErrors.parameterInvalid(`The input parameter is invalid: a row of table '${table.tableName}' appears twice.`);
      seen.add(key);
    }
  }
  if (transactionId !== undefined) context.database.checkTransaction(transactionId);
  return {
    tables: tables.map((table) => ({
      tableName: table.tableName,
      rows: (table.rows as Request[]).map((row) => {
        try {
          write(context, table.tableName, row.type, row.rowChange, condition(row), transactionId);
          return { isOk: true, consumed: consumed(0, 1) };
        } catch (error) {
          return rowError(error);
        }
      }),
    })),
  };
}

function startLocalTransaction(request: Request, context: OperationContext): object {
  const key = decode(request.key, 'partition key');
  if (key.primaryKey.length !== 1) throw otsErrors.parameterInvalid('StartLocalTransaction support only one primary key.');
  const [partition] = key.primaryKey;
  const schema = context.database.schema(request.tableName);
  const [meta] = schema.primaryKey;
  if (partition.name !== meta.name) throw otsErrors.invalidPk(`Validate PK name fail. Input: ${partition.name}, Meta: ${meta.name}.`);
  const value = partition.value;
  if (typeof value === 'string' || value.type !== meta.type) throw otsErrors.invalidPk(`Validate PK type fail of '${meta.name}'.`);
  return { transactionId: context.database.startTransaction(request.tableName, value) };
}

function operation(name: string, handle: Operation['handle']): [string, Operation] {
  return [name, { request: protos[`${name}Request`], response: protos[`${name}Response`], handle }];
}

/** The operations by the name in the request path (`/PutRow` → PutRow). */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map([
  operation('CreateTable', createTable),
  operation('ListTable', (_, { database }) => ({ tableNames: database.tableNames() })),
  operation('DescribeTable', describeTable),
  operation('DeleteTable', (request, { database }) => {
    database.deleteTable(request.tableName);
    return {};
  }),
  operation('GetRow', getRow),
  operation('GetRange', getRange),
  operation('PutRow', putRow),
  operation('DeleteRow', deleteRow),
  operation('BatchGetRow', batchGetRow),
  operation('BatchWriteRow', batchWriteRow),
  operation('StartLocalTransaction', startLocalTransaction),
  operation('CommitTransaction', (request, { database }) => {
    database.commitTransaction(request.transactionId);
    return {};
  }),
  operation('AbortTransaction', (request, { database }) => {
    database.abortTransaction(request.transactionId);
    return {};
  }),
]);
