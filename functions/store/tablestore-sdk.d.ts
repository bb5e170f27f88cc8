/**
 * Types for the parts of the `tablestore` npm SDK (5.6.x, plain JavaScript, no bundled types)
 * that this repository uses. Shapes follow lib/protocol/encoder.js and decoder.js.
 */
declare module 'tablestore' {
  import type { Int64LE } from 'int64-buffer';

  namespace TableStore {
    /** A 64-bit integer cell or key value, as the SDK reads and writes INTEGER. */
    type Integer = Int64LE;
    /** Sentinel key values for range bounds. */
    type Infinity = Record<string, never>;
    /** A primary key value: STRING, INTEGER or BINARY; range bounds also take INF_MIN / INF_MAX. */
    type KeyValue = string | Integer | Buffer | Infinity;
    /** A cell value. A JS number is written as DOUBLE; integers need `Long.fromNumber`. */
    type CellValue = string | Integer | Buffer | boolean | number;
    /** Primary key as the SDK takes it: one single-entry object per column, in key order. */
    type PrimaryKeyInput = Record<string, KeyValue>[];
    /** Attribute columns as the SDK takes them: one single-entry object per column. */
    type AttributesInput = Record<string, CellValue>[];

    /** A row as the SDK returns it. Absent fields: the row does not exist. */
    interface Row {
      primaryKey?: { name: string; value: string | Integer | Buffer }[];
      attributes?: { columnName: string; columnValue: CellValue; timestamp: Integer }[];
    }

    interface ClientConfig {
      accessKeyId: string;
      secretAccessKey: string;
      stsToken?: string;
      endpoint: string;
      instancename: string;
      /** Accepted but unused by 5.6.x: retries follow DefaultRetryPolicy. */
      maxRetries?: number;
      httpOptions?: { timeout?: number; maxSockets?: number };
    }

    /** Error the SDK rejects with. In 5.6.x `code` is the HTTP status for service errors. */
    interface ServiceError extends Error {
      code: string | number;
      headers?: Record<string, string>;
      retryable?: boolean;
    }

    interface WriteRowResult {
      isOk: boolean;
      errorCode: string | null;
      errorMessage: string | null;
      tableName: string;
      primaryKey: Row['primaryKey'] | null;
      attributes: Row['attributes'] | null;
    }

    interface TableOptions {
      timeToLive: number;
      maxVersions: number;
      maxTimeDeviation?: number;
      allowUpdate?: boolean;
    }

    class Client {
      constructor(config: ClientConfig);
      createTable(params: {
        tableMeta: { tableName: string; primaryKey: { name: string; type: 'STRING' | 'INTEGER' | 'BINARY' }[] };
        reservedThroughput: { capacityUnit: { read: number; write: number } };
        tableOptions: TableOptions;
      }): Promise<unknown>;
      listTable(params: Record<string, never>): Promise<{ tableNames: string[] }>;
      describeTable(params: { tableName: string }): Promise<{
        tableMeta: { tableName: string; primaryKey: { name: string; type: number }[] };
        tableOptions: { timeToLive: number; maxVersions: number };
      }>;
      deleteTable(params: { tableName: string }): Promise<unknown>;
      getRow(params: {
        tableName: string;
        primaryKey: PrimaryKeyInput;
        maxVersions?: number;
        columnsToGet?: string[];
        transactionId?: string;
      }): Promise<{ row: Row }>;
      putRow(params: {
        tableName: string;
        condition: Condition;
        primaryKey: PrimaryKeyInput;
        attributeColumns: AttributesInput;
        transactionId?: string;
      }): Promise<{ row: Row }>;
      deleteRow(params: { tableName: string; condition: Condition; primaryKey: PrimaryKeyInput; transactionId?: string }): Promise<unknown>;
      getRange(params: {
        tableName: string;
        direction: 'FORWARD' | 'BACKWARD';
        inclusiveStartPrimaryKey: PrimaryKeyInput;
        exclusiveEndPrimaryKey: PrimaryKeyInput;
        limit?: number;
        maxVersions?: number;
        transactionId?: string;
      }): Promise<{ rows: Row[]; nextStartPrimaryKey: { name: string; value: string | Integer | Buffer }[] | null }>;
      batchGetRow(params: {
        tables: { tableName: string; primaryKey: PrimaryKeyInput[]; maxVersions?: number }[];
      }): Promise<{ tables: (WriteRowResult & { capacityUnit: unknown })[][] }>;
      batchWriteRow(params: {
        tables: {
          tableName: string;
          rows: { type: 'PUT' | 'DELETE'; condition: Condition; primaryKey: PrimaryKeyInput; attributeColumns?: AttributesInput }[];
        }[];
        transactionId?: string;
      }): Promise<{ tables: WriteRowResult[] }>;
      startLocalTransaction(params: { tableName: string; primaryKey: PrimaryKeyInput }): Promise<{ transactionId: string }>;
      commitTransaction(params: { transactionId: string }): Promise<unknown>;
      abortTransaction(params: { transactionId: string }): Promise<unknown>;
    }

    class ColumnCondition {}
    class SingleColumnCondition extends ColumnCondition {
      constructor(columnName: string, columnValue: CellValue, comparator: number, passIfMissing?: boolean, latestVersionOnly?: boolean);
    }
    class CompositeCondition extends ColumnCondition {
      constructor(combinator: number);
      addSubCondition(condition: ColumnCondition): void;
    }
    class Condition {
      constructor(rowExistenceExpectation: number, columnCondition: ColumnCondition | null);
    }

    const RowExistenceExpectation: { IGNORE: 0; EXPECT_EXIST: 1; EXPECT_NOT_EXIST: 2 };
    const ComparatorType: { EQUAL: 1; NOT_EQUAL: 2; GREATER_THAN: 3; GREATER_EQUAL: 4; LESS_THAN: 5; LESS_EQUAL: 6 };
    const LogicalOperator: { NOT: 1; AND: 2; OR: 3 };
    const INF_MIN: Infinity;
    const INF_MAX: Infinity;
    const Long: { fromNumber(value: number): Integer; fromString(value: string): Integer };
  }

  export = TableStore;
}
