/**
 * AWS Lambda entry behind an API Gateway HTTP API (payload format 2.0). API Gateway's JWT
 * authorizer has already verified the token; its claims arrive in the request context.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoDbTicketStore } from '../store/dynamodb';
import { createTicketingApp, type TicketingApp } from '../ticketing/http/app';
import type { HttpRequest } from '../ticketing/http/types';
import { principalFromClaims } from './claims';
import { bodyText, lowerCaseHeaders } from './gateway-event';
import { requiredEnv, slaPolicyFromEnv } from './config';
import { powertoolsLog } from './log';
import { newUlid } from './ulid';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ticketing' });
let app: TicketingApp | undefined;

function appFromEnv(): TicketingApp {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return createTicketingApp({
    store: new DynamoDbTicketStore({ client, tableName: requiredEnv('TABLE_NAME') }),
    policy: slaPolicyFromEnv(),
    clock: () => new Date(),
    newId: () => newUlid(),
    log: powertoolsLog(logger),
  });
}

/** The app's request for an HTTP API event. */
export function requestFromApiGateway(event: APIGatewayProxyEventV2WithJWTAuthorizer): HttpRequest {
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: event.queryStringParameters ?? {},
    headers: lowerCaseHeaders(event.headers),
    body: bodyText(event.body, event.isBase64Encoded),
    principal: principalFromClaims(event.requestContext.authorizer?.jwt?.claims),
    requestId: event.requestContext.requestId,
  };
}

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  app ??= appFromEnv();
  const request = requestFromApiGateway(event);
  logger.appendKeys({ requestId: request.requestId });
  const response = await app(request);
  logger.info('request', { method: request.method, path: request.path, status: response.status, sub: request.principal?.sub });
  return { statusCode: response.status, headers: response.headers, body: response.body };
}
