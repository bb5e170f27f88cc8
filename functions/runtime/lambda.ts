/**
 * AWS Lambda entry behind an API Gateway HTTP API (payload format 2.0). API Gateway's JWT
 * authorizer has already verified the token; its claims arrive in the request context.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoDbTicketStore } from '../store/dynamodb';
import { createTicketingApp } from '../ticketing/http/app';
import type { HttpApp } from '../ticketing/http/serve';
import { requestFromApiGateway } from './api-gateway';
import { requiredEnv, slaPolicyFromEnv } from './config';
import { powertoolsLog } from './log';
import { newUlid } from './ulid';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ticketing' });
let app: HttpApp | undefined;

function appFromEnv(): HttpApp {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return createTicketingApp({
    store: new DynamoDbTicketStore({ client, tableName: requiredEnv('TABLE_NAME') }),
    policy: slaPolicyFromEnv(),
    clock: () => new Date(),
    newId: () => newUlid(),
    log: powertoolsLog(logger),
  });
}

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  app ??= appFromEnv();
  const request = requestFromApiGateway(event);
  logger.appendKeys({ requestId: request.requestId });
  const response = await app(request);
  logger.info('request', { method: request.method, path: request.path, status: response.status, sub: request.principal?.sub });
  return { statusCode: response.status, headers: response.headers, body: response.body };
}
