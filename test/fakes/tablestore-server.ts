/**
 * A loopback fake of Alibaba Cloud Tablestore's HTTP API, enough for TablestoreTicketStore, driven
 * by the real `tablestore` SDK: protobuf requests and responses (the SDK's compiled messages),
 * PlainBuffer rows (the SDK's codec), protobuf `Error` bodies with the service's HTTP statuses,
 * row-existence and column conditions, TTL, and local transactions (a lock per partition key,
 * writes invisible to others until commit, OTSRowOperationConflict for writes and transactions
 * on a locked partition, OTSSessionNotExist after commit, abort or the 60 s lifetime).
 *
 * What passing tests against this fake does NOT prove about the real service:
 * - Authentication. The x-ots-* headers must be present, the body must match x-ots-contentmd5
 *   and x-ots-date must be within 15 minutes, but the signature, the AccessKey, STS tokens, RAM
 *   policies (OTSNoPermissionAccess) and instance network ACLs are not checked.
 * - That local transactions are enabled. The service only allows them on tables where they were
 *   enabled (at creation with the Java SDK ≥ 5.11, or by a support ticket); neither the Node.js
 *   SDK 5.6 nor Pulumi's `alicloud.ots.Table` can enable them. The fake allows them on every
 *   table; a real table without them answers OTSParameterInvalid ("explicit-transaction-disabled").
 * - Transaction limits and timing. The fake ends a transaction 60 s after it started (the service
 *   documents a 60 s lifetime and a 60 s idle limit); it does not enforce the 4 MB of data per
 *   transaction (OTSOutOfTransactionDataSizeLimit), never answers OTSSessionBusy (it serialises all
 *   requests), and refuses a second transaction on a locked partition at once, where the service
 *   may first wait for the lock and then time out.
 * - Some HTTP statuses and messages. OTSConditionCheckFail 403, OTSRowOperationConflict 409,
 *   OTSObjectNotExist 404, OTSObjectAlreadyExist 409, OTSInvalidPK / OTSParameterInvalid 400 follow
 *   the service's error table and SDK tests; OTSSessionNotExist (404 here) and OTSDataOutOfRange
 *   (400 here) have no documented status. Several parameter-error messages are the fake's own.
 * - Range reads across partitions. The fake has one partition and one process: a GetRange stops
 *   early only at its row limit (or `maxRowsPerRange`, to exercise continuation), whereas the
 *   service also stops at partition boundaries and at 4 MB. No replication, no failover.
 * - Throttling and capacity: no OTSServerBusy, OTSNotEnoughCapacityUnit, OTSQuotaExhausted or
 *   OTSTableNotReady (a new table serves at once; the real one takes seconds); consumed capacity
 *   units are placeholders; reserved throughput is ignored.
 * - Size limits beyond these: primary key strings ≤ 1 KB, cell values ≤ 2 MB, 100 rows per
 *   BatchGetRow, 200 per BatchWriteRow. Not enforced: request body size (OTSRequestBodyTooLarge),
 *   columns per row, binary key size.
 * - TTL and versions. Expired cells are invisible at once by the fake's clock, and a row whose
 *   cells all expired counts as absent for EXPECT_NOT_EXIST (the service removes them
 *   asynchronously; how its conditions treat expired rows is unverified); only the latest version
 *   of a cell is kept; cell timestamps are never checked against deviation_cell_version_in_sec.
 * - Real concurrency. Requests are handled one at a time in one Node.js process, so races are only
 *   those between whole requests; nothing is learnt about the service's internal locking.
 * - Comparisons in conditions between values of different types count as unequal; how the
 *   service treats them is unverified.
 * - Features absent from the fake: UpdateRow and UPDATE rows in BatchWriteRow (answered as
 *   unsupported), secondary and search indexes, streams, auto-increment keys, atomic batch
 *   writes, UpdateTable, SQL, and column filters other than single and composite conditions.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback, readBody } from './loopback-server';
import { protos } from './tablestore-server-codec';
import { FakeDatabase, OtsError, otsErrors } from './tablestore-server-data';
import { OPERATIONS } from './tablestore-server-ops';

/** Options of a fake instance. */
export interface FakeTablestoreOptions {
  /** Instance the client must name in x-ots-instancename. @default 'fake-instance' */
  readonly instanceName?: string;
  /** Server clock in ms (cell versions, TTL, transaction lifetime). @default Date.now */
  readonly now?: () => number;
  /** Lifetime of a local transaction. @default 60 s */
  readonly transactionTimeoutMs?: number;
  /** Most rows one GetRange returns, to exercise continuation as partition boundaries do. @default 5000 */
  readonly maxRowsPerRange?: number;
}

/** One request the fake answered. */
export interface FakeRequestRecord {
  /** Operation from the path, e.g. `PutRow`. */
  readonly operation: string;
  /** Transaction the request ran in, if any. */
  readonly transactionId?: string;
  /** HTTP status of the answer. */
  readonly status: number;
  /** Error code of a failed request. */
  readonly errorCode?: string;
}

/** A running fake. */
export interface FakeTablestore {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint`. */
  readonly endpoint: string;
  readonly instanceName: string;
  /** Every request answered, in order. */
  readonly requests: FakeRequestRecord[];
  close(): Promise<void>;
}

const REQUIRED_HEADERS = ['x-ots-date', 'x-ots-apiversion', 'x-ots-accesskeyid', 'x-ots-contentmd5', 'x-ots-signature', 'x-ots-instancename'];
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Refuses a request whose envelope the service would refuse; undefined when it passes. */
function checkEnvelope(request: IncomingMessage, body: Buffer, instanceName: string): OtsError | undefined {
  if (request.method !== 'POST') return new OtsError(405, 'OTSMethodNotAllowed', 'OTSMethodNotAllowedOnly POST method for requests is supported.');
  for (const header of REQUIRED_HEADERS) {
    if (!request.headers[header]) return otsErrors.parameterInvalid(`Missing header: '${header}'.`);
  }
  const date = String(request.headers['x-ots-date']);
  const sentAt = Date.parse(date);
  if (Number.isNaN(sentAt)) return otsErrors.parameterInvalid(`Invalid date format: ${date}.`);
  if (Math.abs(Date.now() - sentAt) > MAX_CLOCK_SKEW_MS) return new OtsError(403, 'OTSAuthFailed', `Mismatch between system time and x-ots-date: ${date}.`);
  if (request.headers['x-ots-instancename'] !== instanceName) return new OtsError(403, 'OTSAuthFailed', 'The instance is not found.');
  if (createHash('md5').update(body).digest('base64') !== request.headers['x-ots-contentmd5']) {
    return new OtsError(403, 'OTSAuthFailed', 'Mismatch between MD5 value of request body and x-ots-contentmd5 in header.');
  }
  return undefined;
}

function send(response: ServerResponse, status: number, body: Uint8Array, requestId: string): void {
  const bytes = Buffer.from(body);
  response.writeHead(status, {
    'content-type': 'application/x-protobuf',
    'content-length': bytes.length,
    'x-ots-requestid': requestId,
    'x-ots-date': new Date().toISOString(),
    'x-ots-contentmd5': createHash('md5').update(bytes).digest('base64'),
  });
  response.end(bytes);
}

/** Starts a fake on 127.0.0.1 with an ephemeral port. */
export async function startFakeTablestore(options: FakeTablestoreOptions = {}): Promise<FakeTablestore> {
  const instanceName = options.instanceName ?? 'fake-instance';
  const database = new FakeDatabase(options.now ?? Date.now, options.transactionTimeoutMs ?? 60_000);
  const context = { database, maxRowsPerRange: options.maxRowsPerRange ?? 5000 };
  const requests: FakeRequestRecord[] = [];
  let sequence = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const requestId = `fake-${++sequence}`;
    const operationName = (request.url ?? '').replace(/^\//, '').split('?')[0];
    let transactionId: string | undefined;
    try {
      const refused = checkEnvelope(request, body, instanceName);
      if (refused) throw refused;
      const operation = OPERATIONS.get(operationName);
      if (!operation) throw otsErrors.parameterInvalid(`Unsupported operation: '${operationName}'.`);
      let decoded: Record<string, unknown>;
      try {
        decoded = operation.request.decode(body);
      } catch (error) {
        throw otsErrors.parameterInvalid(`Failed to parse the ProtoBuf message: ${(error as Error).message}`);
      }
      transactionId = typeof decoded.transactionId === 'string' && decoded.transactionId !== '' ? decoded.transactionId : undefined;
      const result = operation.handle(decoded, context);
      send(response, 200, operation.response.encode(operation.response.create(result)).finish(), requestId);
      requests.push({ operation: operationName, transactionId, status: 200 });
    } catch (error) {
      const failure = error instanceof OtsError ? error : new OtsError(500, 'OTSInternalServerError', `Internal server error: ${(error as Error).message}`);
      send(response, failure.status, protos.Error.encode(protos.Error.create({ code: failure.code, message: failure.message })).finish(), requestId);
      requests.push({ operation: operationName, transactionId, status: failure.status, errorCode: failure.code });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  const { endpoint, close } = await listenOnLoopback(server);
  return { endpoint, instanceName, requests, close };
}
