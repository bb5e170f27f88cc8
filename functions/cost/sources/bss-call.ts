/**
 * One BSS OpenAPI call through the SDK client: rate-limited, retried when throttled, its JSON
 * answer read with amounts kept as exact text, and any failure turned into a `CostSourceError`.
 *
 * The SDK's generated methods (`describeInstanceBill`) parse answers with `JSON.parse`, which
 * turns amounts into binary doubles; this calls the same operation through the client's
 * `callApi` (same signing, endpoint and transport) asking for the body as text instead.
 */
import type Client from '@alicloud/bssopenapi20171214';
import { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import { RuntimeOptions } from '@darabonba/typescript';
import { CostSourceError, type CostSourceFailure } from './errors';
import { parseJsonNumbersAsText } from './json-numbers-as-text';
import type { RateLimiter } from './rate-limiter';

/** API version of every BSS OpenAPI operation called. */
const BSS_API_VERSION = '2017-12-14';

/** How calls are made. */
export interface BssCaller {
  readonly client: Client;
  /** Source name, for errors. */
  readonly source: string;
  /** Shared by every call of the source, to keep under the documented rate. */
  readonly rateLimiter: RateLimiter;
  /** Further attempts after a throttled call, each after `throttleBackoffMs` × attempt. */
  readonly throttleRetries: number;
  readonly throttleBackoffMs: number;
}

/** A JSON object of an answer, with numbers as text. */
export type BssObject = Readonly<Record<string, unknown>>;

/** Calls `action` with `query`; resolves to the answer's `Data` object. */
export async function callBss(caller: BssCaller, action: string, query: Readonly<Record<string, string | number | boolean>>): Promise<BssObject> {
  const params = new $OpenApiUtil.Params({
    action,
    version: BSS_API_VERSION,
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'string',
  });
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query({ ...query }) });
  let text: string;
  for (let attempt = 1; ; attempt += 1) {
    await caller.rateLimiter.acquire();
    try {
      const answer = await caller.client.callApi(params, request, new RuntimeOptions({}));
      text = String(answer.body);
      break;
    } catch (error) {
      const failure = bssFailure(error);
      if (failure.kind === 'throttled' && attempt <= caller.throttleRetries) {
        await caller.rateLimiter.pause(caller.throttleBackoffMs * attempt);
        continue;
      }
      const tried = attempt > 1 ? ` (after ${attempt} attempts)` : '';
      throw new CostSourceError(caller.source, action, failure.kind, failure.code, `${ADVICE[failure.kind]}${tried}: ${failure.message}`);
    }
  }
  return readAnswer(caller.source, action, text);
}

const ADVICE: Readonly<Record<CostSourceFailure, string>> = {
  throttled: 'BSS OpenAPI is throttling this account; try again later',
  denied: 'check the AccessKey and that its RAM identity has read-only billing access (the AliyunBSSReadOnlyAccess policy)',
  'invalid-request': 'BSS OpenAPI refused the request',
  unavailable: 'BSS OpenAPI could not be reached or failed',
};

const DENIED_CODES = /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|Forbidden|NoPermission|NotAuthorized|InvalidCredentials|NotApplicable)/;

function failureOfCode(code: string, status: number | undefined): CostSourceFailure {
  if (code.includes('Throttling')) return 'throttled';
  if (DENIED_CODES.test(code)) return 'denied';
  if (status !== undefined && status >= 400 && status < 500) return 'invalid-request';
  return 'unavailable';
}

interface SdkErrorShape {
  code?: string;
  statusCode?: number;
  message?: string;
  data?: { Message?: string; RequestId?: string };
}

function bssFailure(error: unknown): { kind: CostSourceFailure; code: string; message: string } {
  const sdkError = (error ?? {}) as SdkErrorShape;
  const code = sdkError.code ?? 'Error';
  const requestId = sdkError.data?.RequestId ? ` (request id ${sdkError.data.RequestId})` : '';
  return { kind: failureOfCode(code, sdkError.statusCode), code, message: `${sdkError.data?.Message ?? sdkError.message ?? String(error)}${requestId}` };
}

/** Checks the envelope (`Success`, `Code`, `Data`) of a 2xx answer. */
function readAnswer(source: string, action: string, text: string): BssObject {
  let answer: unknown;
  try {
    answer = parseJsonNumbersAsText(text);
  } catch {
    throw new CostSourceError(source, action, 'unavailable', 'InvalidResponse', 'the answer is not JSON');
  }
  if (answer === null || typeof answer !== 'object') throw new CostSourceError(source, action, 'unavailable', 'InvalidResponse', 'the answer is not a JSON object');
  const envelope = answer as { Success?: unknown; Code?: unknown; Message?: unknown; RequestId?: unknown; Data?: unknown };
  if (envelope.Success === false || (envelope.Success === undefined && envelope.Code !== undefined && envelope.Code !== 'Success' && envelope.Code !== '200')) {
    const code = String(envelope.Code ?? 'Error');
    const requestId = envelope.RequestId ? ` (request id ${String(envelope.RequestId)})` : '';
    const kind = failureOfCode(code, 400);
    throw new CostSourceError(source, action, kind, code, `${ADVICE[kind]}: ${String(envelope.Message ?? 'no message')}${requestId}`);
  }
  if (envelope.Data === null || typeof envelope.Data !== 'object') throw new CostSourceError(source, action, 'unavailable', 'InvalidResponse', 'the answer has no Data object');
  return envelope.Data as BssObject;
}

/** The items of a list field, whether the service sends an array or Alibaba's `{ "Item": [...] }` wrapper. */
export function listOf(value: unknown, wrapper = 'Item'): readonly BssObject[] {
  if (Array.isArray(value)) return value as BssObject[];
  if (value !== null && typeof value === 'object') {
    const inner = (value as Record<string, unknown>)[wrapper];
    if (Array.isArray(inner)) return inner as BssObject[];
  }
  return [];
}

/** A field's text, or `undefined` when absent or empty. */
export function textOf(item: BssObject, field: string): string | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  return text === '' ? undefined : text;
}
