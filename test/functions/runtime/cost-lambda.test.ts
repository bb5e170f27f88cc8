/**
 * The cost Lambda entries as AWS invokes them: HTTP API payload 2.0 events with the JWT
 * authorizer's claims, and EventBridge Scheduler's input with `<aws.scheduler.scheduled-time>`.
 * Cost Explorer and S3 are the real SDK clients, pointed at loopback fakes through the SDK's
 * standard endpoint variables; the entry's own code is unchanged.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { COST_EXPLORER_ERRORS, startFakeCostExplorer, type FakeCostExplorer } from '../../fakes/cost-explorer-server';
import { startFakeS3, type FakeS3 } from '../../fakes/s3-server';
import { billLines, costExplorerBill, expectedTotals } from '../cost/report-data';

const lines = billLines().filter((line) => line.ProviderName === 'AWS');
let costExplorer: FakeCostExplorer;
let s3: FakeS3;
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
let lambda: typeof import('../../../functions/runtime/cost-lambda');
const savedEnv = { ...process.env };

beforeAll(async () => {
  costExplorer = await startFakeCostExplorer({ bill: costExplorerBill(lines) });
  s3 = await startFakeS3({ buckets: ['cost-reports-111122223333'] });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_COST_EXPLORER: costExplorer.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: costExplorer.accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'role-secret',
    REPORT_BUCKET: 'cost-reports-111122223333',
    COST_GROUP_BY: 'ServiceName,RegionId',
    COST_BUDGET: '500',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  lambda = await import('../../../functions/runtime/cost-lambda');
});

afterAll(async () => {
  process.env = savedEnv;
  await costExplorer?.close();
  await s3?.close();
});

function event(query: Record<string, string>, groups?: string) {
  return {
    version: '2.0',
    routeKey: 'GET /cost/reports',
    rawPath: '/cost/reports',
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: query,
    headers: { accept: 'application/json' },
    isBase64Encoded: false,
    requestContext: {
      requestId: 'api-req-1',
      http: { method: 'GET', path: '/cost/reports', protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
      authorizer: groups === undefined ? undefined : { jwt: { claims: { sub: 'fin-lead', 'cognito:groups': groups }, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

const MARCH = { from: '2024-03-01', to: '2024-04-01', granularity: 'week', groupBy: 'ServiceName' };

describe('the cost Lambda handler', () => {
  it("answers the report from Cost Explorer for a role in the authorizer's claims, totals exact", async () => {
    const response = await lambda.handler(event(MARCH, '[auditor]'));
    expect(response.statusCode).toBe(200);
    const { reports } = JSON.parse(response.body as string);
    expect(reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals])).toEqual([['USD', expectedTotals(lines, '2024-03-01', '2024-04-01').USD]]);
    expect(costExplorer.requests.at(-1)?.body).toMatchObject({ TimePeriod: { Start: '2024-03-01', End: '2024-04-01' }, Granularity: 'DAILY', GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] });
  });

  it('answers 403 for a requester and 401 without claims', async () => {
    expect((await lambda.handler(event(MARCH, '[requester]'))).statusCode).toBe(403);
    expect((await lambda.handler(event(MARCH))).statusCode).toBe(401);
  });

  it('answers 400 naming groupBy for a column Cost Explorer cannot group by, without calling it', async () => {
    const before = costExplorer.requests.length;
    const response = await lambda.handler(event({ ...MARCH, groupBy: 'ResourceId' }, '[agent]'));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string)).toMatchObject({ field: 'groupBy', requestId: 'api-req-1' });
    expect(costExplorer.requests.length).toBe(before);
  });

  it('answers 503 with Retry-After once Cost Explorer keeps throttling after the SDK retries', async () => {
    // Every one of the SDK's three attempts (its standard retry mode) is throttled.
    costExplorer.failNext(COST_EXPLORER_ERRORS.limitExceeded, 3);
    const response = await lambda.handler(event(MARCH, '[approver]'));
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '10', 'content-type': 'application/problem+json' });
    expect(JSON.parse(response.body as string)).toMatchObject({ code: 'LimitExceededException' });
  });
});

describe('the cost Lambda scheduled handler', () => {
  it("writes the four weeks before the schedule's time to S3, and the same keys again on a retry", async () => {
    const result = await lambda.scheduledHandler({ scheduledTime: '2024-04-03T06:00:00Z' });
    expect(result).toMatchObject({
      week: '2024-W13',
      from: '2024-03-04',
      to: '2024-04-01',
      keys: { json: 'cost-reports/2024-W13/cost-report.json', html: 'cost-reports/2024-W13/cost-report.html' },
      totals: [{ currency: 'USD', ...expectedTotals(lines, '2024-03-04', '2024-04-01').USD }],
    });
    const json = s3.objects.get('cost-reports-111122223333/cost-reports/2024-W13/cost-report.json')!;
    expect(json.serverSideEncryption).toBe('AES256');
    const { reports } = JSON.parse(json.body.toString('utf8'));
    expect(reports[0].groups[0].key).toEqual({ ServiceName: 'Amazon EC2', RegionId: 'us-east-1' });
    expect(reports[0].budget).toMatchObject({ amount: '500', month: '2024-03', status: 'over' });
    expect(s3.objects.get('cost-reports-111122223333/cost-reports/2024-W13/cost-report.html')?.contentType).toBe('text/html; charset=utf-8');

    const puts = s3.puts.length;
    await lambda.scheduledHandler({ scheduledTime: '2024-04-03T06:05:00Z' });
    expect(s3.puts.slice(puts).map((put) => put.key)).toEqual([result.keys.json, result.keys.html]);
  });
});
