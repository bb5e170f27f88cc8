/**
 * The Lambda entry as API Gateway invokes it: HTTP API payload 2.0 events with the JWT
 * authorizer's claims, against DynamoDB Local through the SDK's standard endpoint setting.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { useDynamoDbLocal } from '../../helpers/dynamodb-local';

const dynamo = useDynamoDbLocal();
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
let lambda: typeof import('../../../functions/runtime/lambda');
const savedEnv = { ...process.env };

afterAll(() => {
  process.env = savedEnv;
});

beforeAll(async () => {
  Object.assign(process.env, {
    TABLE_NAME: await dynamo.freshTable(),
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.local().endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  lambda = await import('../../../functions/runtime/lambda');
});

function event(method: string, rawPath: string, options: { body?: string; base64?: boolean; groups?: string; headers?: Record<string, string>; query?: Record<string, string> } = {}) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    queryStringParameters: options.query,
    headers: { 'Content-Type': 'application/json', ...options.headers },
    body: options.body === undefined ? undefined : options.base64 ? Buffer.from(options.body).toString('base64') : options.body,
    isBase64Encoded: options.base64 ?? false,
    requestContext: {
      requestId: 'req-1',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
      authorizer: options.groups === undefined ? undefined : { jwt: { claims: { sub: 'alex', 'cognito:groups': options.groups }, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('the Lambda handler', () => {
  it("creates a ticket from a base64 body with roles from the authorizer's claims, then reads it back", async () => {
    const body = JSON.stringify({ type: 'incident', title: 'Queue backlog', description: 'orders-eu lag 40 min', impact: 2, urgency: 1 });
    const created = await lambda.handler(event('POST', '/tickets', { body, base64: true, groups: '[agent]' }));
    expect(created.statusCode).toBe(201);
    const ticket = JSON.parse(created.body as string);
    expect(ticket).toMatchObject({ requester: 'alex', priority: 2, version: 1 });
    const read = await lambda.handler(event('GET', `/tickets/${ticket.id}`, { groups: '[auditor]' }));
    expect(read.statusCode).toBe(200);
    expect(read.headers).toMatchObject({ etag: '"1"' });
  });

  it('answers 401 when the event carries no authorizer claims, and 403 for a role without the right', async () => {
    expect((await lambda.handler(event('GET', '/tickets'))).statusCode).toBe(401);
    const forbidden = await lambda.handler(event('GET', '/tickets', { groups: '[requester]' }));
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers).toMatchObject({ 'content-type': 'application/problem+json' });
  });

  it('answers bad input with a 4xx problem, never a 500', async () => {
    const response = await lambda.handler(event('POST', '/tickets', { body: '{"type":', groups: '[agent]' }));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string)).toMatchObject({ field: 'body', requestId: 'req-1' });
  });
});
