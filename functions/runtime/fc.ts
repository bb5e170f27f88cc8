/**
 * Alibaba Cloud Function Compute 3.0 entry behind an HTTP trigger (built-in Node runtime). FC
 * passes the request as a JSON event; the token is verified here against the identity provider's
 * JWKS (JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL), as API Gateway does on AWS.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import TableStore from 'tablestore';
import { TablestoreTicketStore } from '../store/tablestore';
import { createTicketingApp, type TicketingApp } from '../ticketing/http/app';
import type { HttpRequest } from '../ticketing/http/types';
import { bodyText, lowerCaseHeaders } from './gateway-event';
import { requiredEnv, slaPolicyFromEnv } from './config';
import { createTokenVerifier, remoteKeySet, type TokenVerifier } from './jwt';
import { powertoolsLog } from './log';
import { newUlid } from './ulid';

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

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ticketing' });
let verifier: TokenVerifier | undefined;

function verifierFromEnv(): TokenVerifier {
  return createTokenVerifier({
    issuer: requiredEnv('JWT_ISSUER'),
    audience: requiredEnv('JWT_AUDIENCE'),
    key: remoteKeySet(requiredEnv('JWT_JWKS_URL')),
  });
}

/** The app on the current credentials of the function's role. */
let current: { readonly credentials: string; readonly app: TicketingApp } | undefined;

/**
 * The app for this invocation's credentials: the role's STS credentials rotate, so the Tablestore
 * client is rebuilt when they change, and reused while they do not.
 */
function appFor(context: FcContext): TicketingApp {
  const credentials = `${context.credentials.accessKeyId}\n${context.credentials.securityToken ?? ''}`;
  if (current?.credentials !== credentials) current = { credentials, app: buildApp(context) };
  return current.app;
}

function buildApp(context: FcContext): TicketingApp {
  const client = new TableStore.Client({
    accessKeyId: context.credentials.accessKeyId,
    secretAccessKey: context.credentials.accessKeySecret,
    stsToken: context.credentials.securityToken,
    endpoint: requiredEnv('OTS_ENDPOINT'),
    instancename: requiredEnv('OTS_INSTANCE_NAME'),
  });
  return createTicketingApp({
    store: new TablestoreTicketStore({ client, tablePrefix: requiredEnv('TABLE_NAME') }),
    policy: slaPolicyFromEnv(),
    clock: () => new Date(),
    newId: () => newUlid(),
    log: powertoolsLog(logger),
  });
}

export function parseFcEvent(event: Buffer | string | FcHttpEvent): FcHttpEvent {
  if (Buffer.isBuffer(event) || typeof event === 'string') return JSON.parse(event.toString()) as FcHttpEvent;
  return event;
}

/** The app's request for an FC event, before authentication. */
export function requestFromFc(event: FcHttpEvent): Omit<HttpRequest, 'principal'> {
  return {
    method: event.requestContext.http.method,
    path: event.requestContext.http.path,
    query: event.queryParameters ?? {},
    headers: lowerCaseHeaders(event.headers),
    body: bodyText(event.body, event.isBase64Encoded),
    requestId: event.requestContext.requestId,
  };
}

export async function handler(event: Buffer | string | FcHttpEvent, context: FcContext): Promise<FcHttpResult> {
  verifier ??= verifierFromEnv();
  const unauthenticated = requestFromFc(parseFcEvent(event));
  const request: HttpRequest = { ...unauthenticated, principal: await verifier(unauthenticated.headers.authorization) };
  const response = await appFor(context)(request);
  logger.info('request', { requestId: request.requestId, method: request.method, path: request.path, status: response.status, sub: request.principal?.sub });
  return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
}
