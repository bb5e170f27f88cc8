/**
 * The Tablestore error code (`OTSConditionCheckFail`, `OTSRowOperationConflict`, …) of an error the
 * `tablestore` SDK rejected with.
 *
 * The service answers a failed request with an HTTP status and a protobuf `Error { code = 1;
 * message = 2 }` body. SDK 5.6.x does not decode it: its error parser calls an XML parser the
 * package does not ship, and the fallback sets `error.code` to the HTTP status (a number) and
 * `error.message` to the raw body read as UTF-8 plus " requestId:…". The code is therefore read
 * back from the start of the message: tag 0x0A (field 1, length-delimited), a one-byte length
 * (codes are short ASCII names), then the code. A string `error.code` starting with "OTS" (an SDK
 * that parses the body) is taken as is. Row-level errors of batch operations arrive decoded
 * (`errorCode`) and need none of this.
 */

/** OTS error code of `error`, or undefined when it carries none (network errors, bugs). */
export function otsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code.startsWith('OTS')) return code;
  if (typeof code !== 'number' || typeof message !== 'string' || message.charCodeAt(0) !== 0x0a) return undefined;
  const length = message.charCodeAt(1);
  const decoded = message.slice(2, 2 + length);
  return decoded.length === length && /^OTS[A-Za-z]+$/.test(decoded) ? decoded : undefined;
}

/** Whether `error` is the Tablestore error `code`. */
export function isOtsError(error: unknown, code: string): boolean {
  return otsErrorCode(error) === code;
}

/**
 * Whether `error` is SDK 5.6.x failing to decode a successful AbortTransaction response: its
 * decoder reads the (empty) response as an AbortTransactionRequest, whose required
 * transaction_id is missing, so every successful abort rejects with this protobufjs error.
 */
export function isAbortDecodeError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ProtocolError' && /missing required 'transactionId'/.test(error.message);
}
