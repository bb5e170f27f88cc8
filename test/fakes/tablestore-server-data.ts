import { randomBytes } from 'node:crypto';
import { decodeVariant, filterProtos, type KeyBound, type RowOut, type Value } from './tablestore-server-codec';

/**
 * In-memory tables of the Tablestore fake: rows, TTL, row and column conditions, and local
 * transactions (a lock per partition key, writes buffered until commit). Every method runs to
 * completion synchronously, so each request is atomic.
 */

/** A Tablestore service error: HTTP status, error code and message as the service sends them. */
export class OtsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OtsError';
  }
}

export const otsErrors = {
  parameterInvalid: (message: string) => new OtsError(400, 'OTSParameterInvalid', message),
  invalidPk: (message: string) => new OtsError(400, 'OTSInvalidPK', message),
  conditionCheckFail: () => new OtsError(403, 'OTSConditionCheckFail', 'Condition check failed.'),
  tableNotExist: () => new OtsError(404, 'OTSObjectNotExist', 'Requested table does not exist.'),
  tableAlreadyExist: () => new OtsError(409, 'OTSObjectAlreadyExist', 'Requested table already exists.'),
  rowOperationConflict: () => new OtsError(409, 'OTSRowOperationConflict', 'Data is being modified by the other request.'),
  sessionNotExist: () => new OtsError(404, 'OTSSessionNotExist', 'Session not exist or may be timeout.'),
  dataOutOfRange: (transactionKey: string, dataKey: string) =>
    new OtsError(400, 'OTSDataOutOfRange', `Data out of scope of transaction. Transaction PartKey:${transactionKey}. Data PartKey:${dataKey}`),
};

export type KeyType = 'INTEGER' | 'STRING' | 'BINARY';

export interface TableSchema {
  readonly name: string;
  readonly primaryKey: readonly { readonly name: string; readonly type: KeyType }[];
  /** Seconds a cell lives after its write; -1 = forever. */
  readonly timeToLiveSeconds: number;
  readonly maxVersions: number;
}

interface StoredCell {
  readonly value: Value;
  /** Version: the server's clock (ms) at the write. */
  readonly timestamp: number;
}

interface StoredRow {
  readonly key: readonly Value[];
  readonly cells: ReadonlyMap<string, StoredCell>;
}

/** A row write: a whole-row put or a delete. */
export interface RowWrite {
  readonly kind: 'PUT' | 'DELETE';
  readonly key: readonly Value[];
  readonly cells: readonly { readonly name: string; readonly value: Value }[];
}

/** A row condition as the protobuf Condition message carries it. */
export interface RowCondition {
  /** 0 IGNORE, 1 EXPECT_EXIST, 2 EXPECT_NOT_EXIST. */
  readonly rowExistence: number;
  /** Serialized filter.proto.Filter, if any. */
  readonly columnCondition?: Uint8Array;
}

interface Transaction {
  readonly id: string;
  readonly table: string;
  readonly partition: Value;
  readonly startedAt: number;
  /** Row id → row after the transaction's writes (null: deleted). */
  readonly writes: Map<string, StoredRow | null>;
}

const TYPE_NAMES: Record<Value['type'], string> = { INTEGER: 'VT_INTEGER', STRING: 'VT_STRING', BINARY: 'VT_BLOB', DOUBLE: 'VT_DOUBLE', BOOLEAN: 'VT_BOOLEAN' };

function display(value: Value): string {
  return value.type === 'BINARY' ? value.value.toString('hex') : String(value.value);
}

function compareValues(a: Value, b: Value): number {
  if (a.type === 'INTEGER' && b.type === 'INTEGER') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.type === 'DOUBLE' && b.type === 'DOUBLE') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.type === 'BOOLEAN' && b.type === 'BOOLEAN') return Number(a.value) - Number(b.value);
  if (a.type === 'STRING' && b.type === 'STRING') return Buffer.compare(Buffer.from(a.value), Buffer.from(b.value));
  if (a.type === 'BINARY' && b.type === 'BINARY') return Buffer.compare(a.value, b.value);
  throw new TypeError(`cannot compare ${a.type} with ${b.type}`);
}

function compareBounds(a: KeyBound, b: KeyBound): number {
  if (a === b) return 0;
  if (a === 'INF_MIN' || b === 'INF_MAX') return -1;
  if (a === 'INF_MAX' || b === 'INF_MIN') return 1;
  return compareValues(a, b);
}

function compareKeys(a: readonly KeyBound[], b: readonly KeyBound[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareBounds(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}

function rowId(key: readonly Value[]): string {
  return JSON.stringify(key.map((part) => [part.type, part.type === 'BINARY' ? part.value.toString('base64') : String(part.value)]));
}

/** Evaluates a serialized filter.proto.Filter against a row's cells. */
function passes(filterBytes: Uint8Array, cells: ReadonlyMap<string, StoredCell>): boolean {
  const filter = filterProtos.Filter.decode(filterBytes) as { type: number; filter: Uint8Array };
  if (filter.type === 1) {
    const single = filterProtos.SingleColumnValueFilter.decode(filter.filter) as {
      comparator: number;
      columnName: string;
      columnValue: Uint8Array;
      filterIfMissing: boolean;
    };
    const cell = cells.get(single.columnName);
    if (!cell) return !single.filterIfMissing;
    const expected = decodeVariant(single.columnValue);
    // Values of different types never compare equal, nor in order.
    if (cell.value.type !== expected.type) return single.comparator === 2;
    const order = compareValues(cell.value, expected);
    const results: Record<number, boolean> = { 1: order === 0, 2: order !== 0, 3: order > 0, 4: order >= 0, 5: order < 0, 6: order <= 0 };
    if (!(single.comparator in results)) throw otsErrors.parameterInvalid(`Invalid comparator: ${single.comparator}.`);
    return results[single.comparator];
  }
  if (filter.type === 2) {
    const composite = filterProtos.CompositeColumnValueFilter.decode(filter.filter) as { combinator: number; subFilters: object[] };
    const subResults = composite.subFilters.map((sub) => passes(filterProtos.Filter.encode(sub).finish(), cells));
    if (composite.combinator === 1 && subResults.length === 1) return !subResults[0];
    if (composite.combinator === 2 && subResults.length >= 2) return subResults.every(Boolean);
    if (composite.combinator === 3 && subResults.length >= 2) return subResults.some(Boolean);
    throw otsErrors.parameterInvalid(`Invalid composite condition: combinator ${composite.combinator} with ${subResults.length} conditions.`);
  }
  throw otsErrors.parameterInvalid(`Unsupported filter type in a condition: ${filter.type}.`);
}

/** The tables of one fake instance. */
export class FakeDatabase {
  private readonly tables = new Map<string, { schema: TableSchema; rows: Map<string, StoredRow> }>();
  private readonly transactions = new Map<string, Transaction>();
  /** `<table>\0<partition row id>` → id of the transaction holding it. */
  private readonly locks = new Map<string, string>();

  constructor(
    /** Server clock (ms): cell versions, TTL and transaction timeouts. */
    private readonly now: () => number,
    /** Lifetime of a local transaction. */
    private readonly transactionTimeoutMs: number,
  ) {}

  createTable(schema: TableSchema): void {
    if (this.tables.has(schema.name)) throw otsErrors.tableAlreadyExist();
    this.tables.set(schema.name, { schema, rows: new Map() });
  }

  deleteTable(name: string): void {
    this.table(name);
    this.tables.delete(name);
  }

  tableNames(): string[] {
    return [...this.tables.keys()].sort();
  }

  schema(name: string): TableSchema {
    return this.table(name).schema;
  }

  /** Checks a key against the table's primary key; INF_MIN / INF_MAX only where `bounds` allows. */
  checkKey(tableName: string, key: readonly { name: string; value: KeyBound }[], bounds = false): KeyBound[] {
    const { primaryKey } = this.table(tableName).schema;
    if (key.length !== primaryKey.length) throw otsErrors.invalidPk(`Validate PK size fail. Input: ${key.length}, Meta: ${primaryKey.length}.`);
    return key.map((column, index) => {
      const meta = primaryKey[index];
      if (column.name !== meta.name) throw otsErrors.invalidPk(`Validate PK name fail. Input: ${column.name}, Meta: ${meta.name}.`);
      if (typeof column.value === 'string') {
        if (!bounds) throw otsErrors.invalidPk(`Validate PK type fail. Input: ${column.value}, Meta: ${TYPE_NAMES[meta.type]}.`);
        return column.value;
      }
      if (column.value.type !== meta.type) {
        throw otsErrors.invalidPk(`Validate PK type fail. Input: ${TYPE_NAMES[column.value.type]}, Meta: ${TYPE_NAMES[meta.type]}.`);
      }
      if (column.value.type === 'STRING' && Buffer.byteLength(column.value.value) > 1024) {
        throw otsErrors.parameterInvalid(`The length of primary key column: '${meta.name}' exceeds the MaxLength: 1024.`);
      }
      return column.value;
    });
  }

  startTransaction(tableName: string, partition: Value): string {
    this.table(tableName);
    const lock = `${tableName}\0${rowId([partition])}`;
    if (this.liveTransaction(this.locks.get(lock))) throw otsErrors.rowOperationConflict();
    const id = randomBytes(16).toString('hex').toUpperCase();
    this.transactions.set(id, { id, table: tableName, partition, startedAt: this.now(), writes: new Map() });
    this.locks.set(lock, id);
    return id;
  }

  commitTransaction(id: string): void {
    const transaction = this.transaction(id);
    const { rows } = this.table(transaction.table);
    for (const [key, row] of transaction.writes) {
      if (row) rows.set(key, row);
      else rows.delete(key);
    }
    this.endTransaction(transaction);
  }

  /** Throws unless `id` names a live transaction. */
  checkTransaction(id: string): void {
    this.transaction(id);
  }

  abortTransaction(id: string): void {
    this.endTransaction(this.transaction(id));
  }

  /** The visible row at `key`, in the transaction's view when one is given. */
  readRow(tableName: string, key: readonly Value[], transactionId?: string): RowOut | undefined {
    const view = this.view(tableName, key, transactionId);
    return view.visible(view.get(rowId(key)));
  }

  /**
   * Visible rows from `start` (inclusive) towards `end` (exclusive), at most `limit`, and the key
   * the next read starts at when rows remain.
   */
  range(
    tableName: string,
    start: readonly KeyBound[],
    end: readonly KeyBound[],
    backward: boolean,
    limit: number,
    keep: (row: RowOut) => boolean,
    transactionId?: string,
  ): { rows: RowOut[]; next?: readonly Value[] } {
    const order = compareKeys(start, end);
    if (backward ? order < 0 : order > 0) {
      throw otsErrors.parameterInvalid(`The start primary key must be ${backward ? 'greater' : 'less'} than the end primary key in a ${backward ? 'BACKWARD' : 'FORWARD'} range.`);
    }
    const view = this.view(tableName, start, transactionId, end);
    const inRange = [...view.rows()]
      .filter((row) => (backward ? compareKeys(row.key, start) <= 0 && compareKeys(row.key, end) > 0 : compareKeys(row.key, start) >= 0 && compareKeys(row.key, end) < 0))
      .sort((a, b) => (backward ? -1 : 1) * compareKeys(a.key, b.key));
    const rows: RowOut[] = [];
    for (const stored of inRange) {
      if (rows.length === limit) return { rows, next: stored.key };
      const row = view.visible(stored);
      if (row && keep(row)) rows.push(row);
    }
    return { rows };
  }

  /** Applies one row write after checking the lock, the row existence and the column condition. */
  writeRow(tableName: string, write: RowWrite, condition: RowCondition, transactionId?: string): void {
    if (![0, 1, 2].includes(condition.rowExistence)) throw otsErrors.parameterInvalid(`Invalid row existence expectation: ${condition.rowExistence}.`);
    const view = this.view(tableName, write.key, transactionId);
    if (transactionId === undefined && this.liveTransaction(this.locks.get(`${tableName}\0${rowId([write.key[0]])}`))) {
      throw otsErrors.rowOperationConflict();
    }
    const id = rowId(write.key);
    const current = view.visible(view.get(id));
    if (condition.rowExistence === 1 && !current) throw otsErrors.conditionCheckFail();
    if (condition.rowExistence === 2 && current) throw otsErrors.conditionCheckFail();
    if (condition.columnCondition && condition.columnCondition.length > 0) {
      const cells = new Map(current?.cells.map((cell) => [cell.name, cell]) ?? []);
      if (!passes(condition.columnCondition, cells)) throw otsErrors.conditionCheckFail();
    }
    const timestamp = this.now();
    view.set(id, write.kind === 'DELETE' ? null : { key: write.key, cells: new Map(write.cells.map((cell) => [cell.name, { value: cell.value, timestamp }])) });
  }

  private table(name: string) {
    const table = this.tables.get(name);
    if (!table) throw otsErrors.tableNotExist();
    return table;
  }

  private liveTransaction(id: string | undefined): Transaction | undefined {
    const transaction = id === undefined ? undefined : this.transactions.get(id);
    if (transaction && this.now() - transaction.startedAt > this.transactionTimeoutMs) {
      this.endTransaction(transaction);
      return undefined;
    }
    return transaction;
  }

  private transaction(id: string): Transaction {
    if (!/^[0-9A-F]{32}$/.test(id)) throw otsErrors.parameterInvalid('TransactionID is invalid.');
    const transaction = this.liveTransaction(id);
    if (!transaction) throw otsErrors.sessionNotExist();
    return transaction;
  }

  private endTransaction(transaction: Transaction): void {
    this.transactions.delete(transaction.id);
    this.locks.delete(`${transaction.table}\0${rowId([transaction.partition])}`);
  }

  /**
   * Rows as a request sees them: inside a transaction, committed rows overlaid with its writes
   * (and only in its partition); outside, committed rows, where writes to a partition another
   * transaction holds are refused.
   */
  private view(tableName: string, key: readonly KeyBound[], transactionId?: string, endKey?: readonly KeyBound[]) {
    const table = this.table(tableName);
    const { schema } = table;
    const transaction = transactionId === undefined ? undefined : this.transaction(transactionId);
    if (transaction) {
      for (const bound of endKey ? [key[0], endKey[0]] : [key[0]]) {
        const partition = typeof bound === 'string' ? undefined : bound;
        if (!partition || compareValues(partition, transaction.partition) !== 0) {
          throw otsErrors.dataOutOfRange(display(transaction.partition), partition ? display(partition) : String(bound));
        }
      }
      if (transaction.table !== tableName) throw otsErrors.parameterInvalid('The table of the request is not the table of the transaction.');
    }
    const visible = (row: StoredRow | null | undefined): RowOut | undefined => {
      if (!row) return undefined;
      const cutoff = schema.timeToLiveSeconds < 0 ? -Infinity : this.now() - schema.timeToLiveSeconds * 1000;
      const cells = [...row.cells].filter(([, cell]) => cell.timestamp > cutoff).map(([name, cell]) => ({ name, ...cell }));
      if (row.cells.size > 0 && cells.length === 0) return undefined;
      return { primaryKey: row.key.map((value, index) => ({ name: schema.primaryKey[index].name, value })), cells };
    };
    return {
      visible,
      get: (id: string) => (transaction?.writes.has(id) ? transaction.writes.get(id) : table.rows.get(id)),
      rows: (): StoredRow[] => {
        if (!transaction) return [...table.rows.values()];
        const merged = new Map(table.rows);
        for (const [id, row] of transaction.writes) {
          if (row) merged.set(id, row);
          else merged.delete(id);
        }
        return [...merged.values()];
      },
      set: (id: string, row: StoredRow | null) => {
        const rows = transaction ? transaction.writes : table.rows;
        if (row) rows.set(id, row);
        else if (transaction) transaction.writes.set(id, null);
        else table.rows.delete(id);
      },
    };
  }
}
