/**
 * The Function Compute 3.0 entry as an HTTP trigger invokes it: a JSON event (as a Buffer), the
 * role's credentials in the context, the token verified against the issuer's JWKS — here served on
 * loopback — and Tablestore through the real SDK against the loopback fake.
 */
import { SignJWT } from 'jose';
import TableStore from 'tablestore';
import { createTablestoreTables } from '../../../functions/store/tablestore-tables';
import { startFakeJwks, type FakeJwks } from '../../fakes/jwks-server';
import { startFakeTablestore, type FakeTablestore } from '../../fakes/tablestore-server';

const ISSUER = 'https://idp.example.test/pool-1';
const AUDIENCE = 'service-desk-client';
let fake: FakeTablestore;
let jwks: FakeJwks;
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
let fc: typeof import('../../../functions/runtime/fc');
const savedEnv = { ...process.env };
const context = { credentials: { accessKeyId: 'sts-id', accessKeySecret: 'sts-secret', securityToken: 'sts-token' } };

beforeAll(async () => {
  fake = await startFakeTablestore();
  const client = new TableStore.Client({ accessKeyId: 'a', secretAccessKey: 'b', endpoint: fake.endpoint, instancename: fake.instanceName, maxRetries: 0 });
  await createTablestoreTables(client, 'sd');
  jwks = await startFakeJwks();
  Object.assign(process.env, {
    OTS_ENDPOINT: fake.endpoint,
    OTS_INSTANCE_NAME: fake.instanceName,
    TABLE_NAME: 'sd',
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_JWKS_URL: jwks.url,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  fc = await import('../../../functions/runtime/fc');
});

afterAll(async () => {
  process.env = savedEnv;
  await fake?.close();
  await jwks?.close();
});

const token = (groups: string[], audience = AUDIENCE) =>
  new SignJWT({ 'cognito:groups': groups, client_id: audience }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('li.wei').setIssuer(ISSUER).setExpirationTime('10m').sign(jwks.privateKey);

function event(method: string, path: string, options: { body?: string; bearer?: string; query?: Record<string, string>; headers?: Record<string, string> } = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      version: 'v1',
      rawPath: path,
      body: options.body ?? '',
      isBase64Encoded: false,
      headers: { 'Content-Type': 'application/json', ...(options.bearer ? { Authorization: `Bearer ${options.bearer}` } : {}), ...options.headers },
      queryParameters: options.query ?? {},
      requestContext: { requestId: 'fc-req-1', http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9' } },
    }),
  );
}

describe('the Function Compute handler', () => {
  it('creates, transitions and lists a ticket on Tablestore with a token checked against the JWKS', async () => {
    const agent = await token(['agent']);
    const body = JSON.stringify({ type: 'incident', title: 'OSS 403s in cn-hangzhou', description: 'bucket policy', impact: 2, urgency: 2 });
    const created = await fc.handler(event('POST', '/tickets', { body, bearer: agent }), context);
    expect(created.statusCode).toBe(201);
    const ticket = JSON.parse(created.body);
    expect(ticket).toMatchObject({ requester: 'li.wei', version: 1, state: 'new' });
    const moved = await fc.handler(event('POST', `/tickets/${ticket.id}/transitions`, { body: '{"to":"in_progress"}', bearer: agent }), context);
    expect(moved.statusCode).toBe(200);
    expect(JSON.parse(moved.body)).toMatchObject({ state: 'in_progress', version: 2 });
    const listed = await fc.handler(event('GET', '/tickets', { bearer: agent, query: { state: 'in_progress' } }), context);
    expect(JSON.parse(listed.body).items.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
  });

  it('answers 401 for a token from another audience or none, and serves /health without one', async () => {
    expect((await fc.handler(event('GET', '/tickets', { bearer: await token(['agent'], 'someone-else') }), context)).statusCode).toBe(401);
    expect((await fc.handler(event('GET', '/tickets'), context)).statusCode).toBe(401);
    expect((await fc.handler(event('GET', '/health'), context)).statusCode).toBe(200);
  });

  it('answers 412 for a stale If-Match on Tablestore, as on DynamoDB', async () => {
    const agent = await token(['agent']);
    const created = JSON.parse((await fc.handler(event('POST', '/tickets', { body: JSON.stringify({ type: 'problem', title: 'p', description: 'd', impact: 3, urgency: 3 }), bearer: agent }), context)).body);
    await fc.handler(event('POST', `/tickets/${created.id}/transitions`, { body: '{"to":"assess"}', bearer: agent }), context);
    const stale = await fc.handler(event('PATCH', `/tickets/${created.id}`, { body: '{"urgency":1}', bearer: agent, headers: { 'If-Match': '"1"' } }), context);
    expect(stale.statusCode).toBe(412);
    expect(JSON.parse(stale.body).currentVersion).toBe(2);
  });
});
