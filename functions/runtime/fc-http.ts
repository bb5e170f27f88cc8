/**
 * What every Function Compute 3.0 entry behind an HTTP trigger does to its event: decode it, turn it
 * into the app's request, and verify the bearer token against the identity provider's JWKS
 * (JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL), as API Gateway's JWT authorizer does on AWS.
 */
import type { HttpApp } from '../ticketing/http/serve';
import type { AppLogger, HttpRequest, HttpResponse } from '../ticketing/http/types';
import { requiredEnv } from './config';
import { bodyText, lowerCaseHeaders } from './gateway-event';
import { createTokenVerifier, remoteKeySet, type TokenVerifier } from './jwt';

/** The FC 3.0 HTTP trigger event (payload version v1). */
export interface FcHttpEvent {
  readonly version?: string;
  readonly rawPath: string;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly headers?: Record<string, string>;
  readonly queryParameters?: Record<string, string>;
  readonly requestContext: { readonly requestId: string; readonly http: { readonly method: string; readonly path: string } };
}

/** The invocation context FC passes every handler. */
export interface FcContext {
  readonly requestId?: string;
  /** Temporary credentials of the function's RAM role. */
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string; readonly securityToken?: string };
}

export interface FcHttpResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly isBase64Encoded: false;
}

/** The token verifier the environment configures. */
function verifierFromEnv(): TokenVerifier {
  return createTokenVerifier({
    issuer: requiredEnv('JWT_ISSUER'),
    audience: requiredEnv('JWT_AUDIENCE'),
    key: remoteKeySet(requiredEnv('JWT_JWKS_URL')),
  });
}

/** FC hands the event to the handler as JSON bytes. */
export function parseFcEvent<E>(event: Buffer | string | E): E {
  if (Buffer.isBuffer(event) || typeof event === 'string') return JSON.parse(event.toString()) as E;
  return event;
}

/** The app's request for an FC event, before authentication. */
function requestFromFc(event: FcHttpEvent): Omit<HttpRequest, 'principal'> {
  return {
    method: event.requestContext.http.method,
    path: event.requestContext.http.path,
    query: event.queryParameters ?? {},
    headers: lowerCaseHeaders(event.headers),
    body: bodyText(event.body, event.isBase64Encoded),
    requestId: event.requestContext.requestId,
  };
}

/** The app's request for an FC event, with the caller named by a valid bearer token. */
async function authenticatedRequest(event: Buffer | string | FcHttpEvent, verify: TokenVerifier): Promise<HttpRequest> {
  const unauthenticated = requestFromFc(parseFcEvent<FcHttpEvent>(event));
  return { ...unauthenticated, principal: await verify(unauthenticated.headers.authorization) };
}

/** The FC result for an app response. */
function fcResult(response: HttpResponse): FcHttpResult {
  return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
}

/**
 * Keeps one value per set of role credentials: FC rotates the role's STS credentials, so clients
 * built on them are rebuilt when they change and reused while they do not.
 */
export function perCredentials<T>(build: (context: FcContext) => T): (context: FcContext) => T {
  let current: { readonly credentials: string; readonly value: T } | undefined;
  return (context) => {
    const credentials = `${context.credentials.accessKeyId}\n${context.credentials.securityToken ?? ''}`;
    if (current?.credentials !== credentials) current = { credentials, value: build(context) };
    return current.value;
  };
}

/**
 * The handler of an FC entry behind an HTTP trigger: verifies the bearer token (the verifier is
 * built from the environment on the first request), runs the app built for the invocation's
 * credentials, and logs one line per request.
 */
export function fcHttpHandler(
  appFor: (context: FcContext) => HttpApp,
  log: AppLogger,
): (event: Buffer | string | FcHttpEvent, context: FcContext) => Promise<FcHttpResult> {
  let verifier: TokenVerifier | undefined;
  return async (event, context) => {
    verifier ??= verifierFromEnv();
    const request = await authenticatedRequest(event, verifier);
    const response = await appFor(context)(request);
    log.info('request', { requestId: request.requestId, method: request.method, path: request.path, status: response.status, sub: request.principal?.sub });
    return fcResult(response);
  };
}
