import TableStore from 'tablestore';

/**
 * The wire formats of the Tablestore fake, through the `tablestore` SDK's own codecs: the
 * protobuf messages compiled into the SDK (lib/protocol/tablestore_compiled_proto.js) and its
 * PlainBuffer reader and writer. One addition: the SDK's reader cannot read the INF_MIN / INF_MAX
 * key values it writes into range bounds (only a server reads those), so range keys go through a
 * reader that handles those two type bytes and hands every other value to the SDK's.
 */

/** A protobufjs message type as the SDK's compiled module exposes it. */
export interface MessageType {
  decode(bytes: Uint8Array): Record<string, unknown>;
  encode(message: object): { finish(): Uint8Array };
  create(properties: object): object;
}

interface CompiledProtos {
  main: { proto: Record<string, MessageType> };
  filter: { proto: Record<string, MessageType> };
}

const compiled = require('tablestore/lib/protocol/tablestore_compiled_proto.js') as CompiledProtos;
/** Messages of tablestore.proto (package main.proto). */
export const protos = compiled.main.proto;
/** Messages of tablestore_filter.proto (package filter.proto). */
export const filterProtos = compiled.filter.proto;

/** A cell or key value with its Tablestore type. */
export type Value =
  | { readonly type: 'INTEGER'; readonly value: bigint }
  | { readonly type: 'STRING'; readonly value: string }
  | { readonly type: 'BINARY'; readonly value: Buffer }
  | { readonly type: 'DOUBLE'; readonly value: number }
  | { readonly type: 'BOOLEAN'; readonly value: boolean };

/** A primary key value in a range bound. */
export type KeyBound = Value | 'INF_MIN' | 'INF_MAX';

export interface DecodedCell {
  readonly name: string;
  readonly value: Value;
}

/** A row change or key as a request carries it. */
export interface DecodedRow {
  readonly primaryKey: { readonly name: string; readonly value: KeyBound }[];
  readonly cells: DecodedCell[];
}

interface SdkInputStream {
  curPos: number;
  readRawLittleEndian32(): number;
  readRawByte(): number;
}

interface SdkCodedInputStream {
  inputStream: SdkInputStream;
  readTag(): number;
  readRow(): { primaryKey: { name: string; value: unknown }[]; attributes: { columnName: string; columnValue: unknown }[] };
  readSearchVariant(): unknown;
  readPrimaryKeyValue(cellCheckSum: number): { pkVal: unknown; cellCheckSum: number };
}

interface SdkCodec {
  PlainBufferInputStream: new (data: { buffer: ArrayBufferLike; offset: number; limit: number }) => SdkInputStream;
  PlainBufferCodedInputStream: new (stream: SdkInputStream) => SdkCodedInputStream;
  PlainBufferBuilder: {
    serializeForPutRow(primaryKey: object[], attributeColumns: object[]): Buffer;
    serializePrimaryKey(primaryKey: object[]): Buffer;
  };
  plainBufferConsts: { VT_INF_MIN: number; VT_INF_MAX: number };
  plainBufferCrc8: { crcInt8(checksum: number, value: number): number };
}

const sdk = TableStore as unknown as SdkCodec;
const INF_MIN = Symbol('INF_MIN');
const INF_MAX = Symbol('INF_MAX');

/** The SDK's coded stream, reading INF_MIN / INF_MAX key values too. */
function codedStream(bytes: Uint8Array): SdkCodedInputStream {
  const input = new sdk.PlainBufferInputStream({ buffer: bytes.buffer, offset: bytes.byteOffset, limit: bytes.byteOffset + bytes.length });
  const coded = new sdk.PlainBufferCodedInputStream(input);
  const readValue = coded.readPrimaryKeyValue.bind(coded);
  coded.readPrimaryKeyValue = (cellCheckSum: number) => {
    const { inputStream } = coded;
    const start = inputStream.curPos;
    inputStream.readRawLittleEndian32();
    const type = inputStream.readRawByte();
    if (type === sdk.plainBufferConsts.VT_INF_MIN || type === sdk.plainBufferConsts.VT_INF_MAX) {
      const checksum = sdk.plainBufferCrc8.crcInt8(cellCheckSum, type);
      coded.readTag();
      return { pkVal: type === sdk.plainBufferConsts.VT_INF_MIN ? INF_MIN : INF_MAX, cellCheckSum: checksum };
    }
    inputStream.curPos = start;
    return readValue(cellCheckSum);
  };
  return coded;
}

/** A value as the SDK's reader returns it, typed. */
function valueOf(raw: unknown, what: string): Value {
  if (typeof raw === 'string') return { type: 'STRING', value: raw };
  if (typeof raw === 'number') return { type: 'DOUBLE', value: raw };
  if (typeof raw === 'boolean') return { type: 'BOOLEAN', value: raw };
  if (Buffer.isBuffer(raw)) return { type: 'BINARY', value: raw };
  if (typeof raw === 'object' && raw !== null && 'toBuffer' in raw) {
    return { type: 'INTEGER', value: (raw as TableStore.Integer).toBuffer().readBigInt64LE(0) };
  }
  throw new TypeError(`unreadable ${what}`);
}

function boundOf(raw: unknown): KeyBound {
  if (raw === INF_MIN) return 'INF_MIN';
  if (raw === INF_MAX) return 'INF_MAX';
  return valueOf(raw, 'primary key value');
}

/** A PlainBuffer row (a write, a key, or a range bound). Throws on malformed input or checksums. */
export function decodeRow(bytes: Uint8Array): DecodedRow {
  const row = codedStream(bytes).readRow();
  return {
    primaryKey: row.primaryKey.map((column) => ({ name: column.name, value: boundOf(column.value) })),
    cells: row.attributes.map((cell) => ({ name: cell.columnName, value: valueOf(cell.columnValue, `value of ${cell.columnName}`) })),
  };
}

/** A serialized SQLVariant (a filter's comparison value). */
export function decodeVariant(bytes: Uint8Array): Value {
  return valueOf(codedStream(bytes).readSearchVariant(), 'filter value');
}

function sdkValue(value: Value): unknown {
  return value.type === 'INTEGER' ? TableStore.Long.fromString(value.value.toString()) : value.value;
}

/** A stored row to return: its key, and each cell with its version timestamp (ms). */
export interface RowOut {
  readonly primaryKey: readonly { readonly name: string; readonly value: Value }[];
  readonly cells: readonly { readonly name: string; readonly value: Value; readonly timestamp: number }[];
}

function sdkRow(row: RowOut): { primaryKey: object[]; attributes: object[] } {
  return {
    primaryKey: row.primaryKey.map((column) => ({ [column.name]: sdkValue(column.value) })),
    attributes: row.cells.map((cell) => ({ [cell.name]: sdkValue(cell.value), timestamp: cell.timestamp })),
  };
}

/** PlainBuffer of one row; empty bytes for "no row". */
export function encodeRow(row: RowOut | undefined): Buffer {
  if (!row) return Buffer.alloc(0);
  const { primaryKey, attributes } = sdkRow(row);
  return Buffer.from(sdk.PlainBufferBuilder.serializeForPutRow(primaryKey, attributes));
}

/** PlainBuffer of several rows: one header, then each row. */
export function encodeRows(rows: readonly RowOut[]): Buffer {
  const HEADER_BYTES = 4;
  return Buffer.concat(rows.map((row, index) => (index === 0 ? encodeRow(row) : encodeRow(row).subarray(HEADER_BYTES))));
}

/** PlainBuffer of a primary key alone. */
export function encodeKey(primaryKey: RowOut['primaryKey']): Buffer {
  return Buffer.from(sdk.PlainBufferBuilder.serializePrimaryKey(sdkRow({ primaryKey, cells: [] }).primaryKey));
}
