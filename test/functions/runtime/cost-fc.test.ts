/**
 * The cost Function Compute entries as FC invokes them: an HTTP trigger event (JSON bytes) with a
 * bearer token verified against the issuer's JWKS, and a timer trigger event; the role's STS
 * credentials in the context. BSS OpenAPI and OSS are the real SDK clients against loopback fakes
 * that check those credentials. Warnings and errors the entry logs are read from its JSON log lines.
 */
import { SignJWT } from 'jose';
import { BSS_ERRORS, startFakeBss, type FakeBss } from '../../fakes/bss-server';
import { startFakeJwks, type FakeJwks } from '../../fakes/jwks-server';
import { startFakeOss, type FakeOss } from '../../fakes/oss-server';
import { billLines, bssBill, expectedTotals } from '../cost/report-data';

const ISSUER = 'https://idp.example.test/pool-1';
const AUDIENCE = 'finops-client';
const STS = { accessKeyId: 'STS.cost-role', accessKeySecret: 'cost-role-secret', securityToken: 'cost-role-token' };
const context = { requestId: 'fc-req-1', credentials: STS };
const lines = billLines().filter((line) => line.ProviderName === 'Alibaba Cloud');
/** Instance bills are not amortised: both amounts of a BSS row are its PretaxAmount (see alibaba-bill-lines.ts). */
const asBilled = lines.map((line) => ({ ...line, EffectiveCost: line.BilledCost }));
/**
 * February 2024's bill overview as Alibaba would show it with the instance bills of its last day
 * still missing: ECS agrees with the daily lines (4 days × 88.08), OSS is 1.2348 (29 February) more.
 */
const FEBRUARY_OVERVIEW = [
  { ProductCode: 'ecs', PretaxAmount: '352.32' },
  { ProductCode: 'oss', PretaxAmount: '6.1734' },
];
let bss: FakeBss;
let oss: FakeOss;
let jwks: FakeJwks;
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
let fc: typeof import('../../../functions/runtime/cost-fc');
const savedEnv = { ...process.env };

beforeAll(async () => {
  bss = await startFakeBss({ bill: bssBill(lines), overview: { '2024-02': FEBRUARY_OVERVIEW }, accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret });
  oss = await startFakeOss({ buckets: ['cost-reports-cn'], credentials: STS });
  jwks = await startFakeJwks();
  Object.assign(process.env, {
    BSS_ENDPOINT: `http://${bss.endpoint}`,
    OSS_BUCKET: 'cost-reports-cn',
    OSS_REGION: 'oss-cn-hangzhou',
    OSS_ENDPOINT: oss.endpoint,
    REPORT_PREFIX: 'finops/',
    COST_GROUP_BY: 'ServiceName',
    COST_REPORT_WEEKS: '2',
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_JWKS_URL: jwks.url,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  });
  fc = await import('../../../functions/runtime/cost-fc');
});

/** The entry's warning and error log lines of the current test (Powertools writes them to stderr as JSON). */
let logged: { level: string; message: string; [key: string]: unknown }[] = [];
beforeEach(() => {
  logged = [];
  const write = process.stderr.write.bind(process.stderr);
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: any[]) => {
    const text = String(chunk);
    if (!text.startsWith('{"level":')) return write(chunk, ...rest);
    logged.push(JSON.parse(text));
    return true;
  });
});
afterEach(() => jest.restoreAllMocks());

afterAll(async () => {
  process.env = savedEnv;
  await bss?.close();
  await oss?.close();
  await jwks?.close();
});

const token = (groups: string[]) =>
  new SignJWT({ 'cognito:groups': groups, client_id: AUDIENCE }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('wang.fang').setIssuer(ISSUER).setExpirationTime('10m').sign(jwks.privateKey);

function httpEvent(query: Record<string, string>, bearer?: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      version: 'v1',
      rawPath: '/cost/reports',
      body: '',
      isBase64Encoded: false,
      headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
      queryParameters: query,
      requestContext: { requestId: 'fc-http-1', http: { method: 'GET', path: '/cost/reports', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9' } },
    }),
  );
}

/** A week of days: fewer calls than BSS's 10 a second, so the rate limiter never waits. */
const WEEK = { from: '2024-03-11', to: '2024-03-18', granularity: 'day', groupBy: 'ServiceName' };

describe('the cost Function Compute HTTP handler', () => {
  it('answers the report from BSS OpenAPI for a verified token, totals exact, calling with the role credentials', async () => {
    const response = await fc.handler(httpEvent(WEEK, await token(['agent'])), context);
    expect(response.statusCode).toBe(200);
    const { reports } = JSON.parse(response.body);
    expect(reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals])).toEqual([['CNY', expectedTotals(asBilled, '2024-03-11', '2024-03-18').CNY]]);
    expect(bss.requests.slice(-7).map((request) => [request.action, request.params.BillingDate, request.status])).toEqual(
      ['11', '12', '13', '14', '15', '16', '17'].map((day) => ['DescribeInstanceBill', `2024-03-${day}`, 200]),
    );
  });

  it('answers 401 without a token and 403 for a requester', async () => {
    expect((await fc.handler(httpEvent(WEEK), context)).statusCode).toBe(401);
    expect((await fc.handler(httpEvent(WEEK, await token(['requester'])), context)).statusCode).toBe(403);
  });

  it('answers 502 when BSS refuses credentials that are not the role’s', async () => {
    const stranger = { credentials: { accessKeyId: 'LTAIstranger', accessKeySecret: 'x', securityToken: 'y' } };
    const response = await fc.handler(httpEvent(WEEK, await token(['auditor'])), stranger);
    expect(response.statusCode).toBe(502);
    expect(JSON.parse(response.body)).toMatchObject({ title: 'Billing service refused access', source: 'alibaba-bss' });
  });

  it('answers 503 with Retry-After when BSS keeps throttling', async () => {
    bss.failNext(BSS_ERRORS.throttlingUser, 3);
    const response = await fc.handler(httpEvent({ ...WEEK, to: '2024-03-12' }, await token(['auditor'])), context);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('10');
  });
});

describe('the cost Function Compute timer handler', () => {
  const timer = (triggerTime: string) => Buffer.from(JSON.stringify({ triggerTime, triggerName: 'weekly-cost-report', payload: '' }));
  const stored = (key: string) => JSON.parse(oss.objects.get(`cost-reports-cn/${key}`)!.body.toString('utf8'));
  const putsOf = (key: string) => oss.puts.filter((put) => put.key === key).length;

  it('writes the weeks before the trigger time to OSS with the role credentials, and the last closed month reconciled beside them', async () => {
    const result = await fc.timerHandler(timer('2024-04-03T06:00:00Z'), context);
    expect(result).toMatchObject({
      week: '2024-W13',
      from: '2024-03-18',
      to: '2024-04-01',
      keys: { json: 'finops/2024-W13/cost-report.json', html: 'finops/2024-W13/cost-report.html' },
      totals: [{ currency: 'CNY', ...expectedTotals(asBilled, '2024-03-18', '2024-04-01').CNY }],
    });
    const json = oss.objects.get('cost-reports-cn/finops/2024-W13/cost-report.json')!;
    expect(json).toMatchObject({ contentType: 'application/json', serverSideEncryption: 'AES256' });
    const { currency, ...totals } = result.totals[0];
    expect(JSON.parse(json.body.toString('utf8')).reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals])).toEqual([[currency, totals]]);
    expect(oss.puts.every((put) => put.headers['x-oss-security-token'] === STS.securityToken)).toBe(true);
    expect(oss.objects.get('cost-reports-cn/finops/2024-W13/cost-report.html')?.contentType).toBe('text/html; charset=utf-8');

    // The same run reconciles March beside the report; its bill is provisional until 5 April.
    expect(result.reconciliation).toEqual({ billingCycle: '2024-03', key: 'finops/reconciliation/2024-03.json', status: 'provisional', matched: true, differing: [] });
    const march = (product: string) => expectedTotals(asBilled.filter((line) => line.ServiceName === product), '2024-03-01', '2024-04-01').CNY.BilledCost;
    expect(stored('finops/reconciliation/2024-03.json')).toEqual({
      billingCycle: '2024-03',
      status: 'provisional',
      finalFrom: '2024-04-05',
      checkedAt: '2024-04-03T06:00:00.000Z',
      source: 'alibaba-bss',
      tolerance: '0.01',
      matched: true,
      products: [
        { productCode: 'ecs', currency: 'CNY', overview: march('Elastic Compute Service'), dailyLines: march('Elastic Compute Service'), difference: '0', matched: true },
        { productCode: 'oss', currency: 'CNY', overview: march('Object Storage Service'), dailyLines: march('Object Storage Service'), difference: '0', matched: true },
      ],
    });
    expect(oss.objects.get('cost-reports-cn/finops/reconciliation/2024-03.json')).toMatchObject({ contentType: 'application/json', serverSideEncryption: 'AES256' });
    expect(bss.requests.filter((request) => request.action === 'QueryBillOverview').at(-1)?.params).toEqual({ BillingCycle: '2024-03' });
    expect(logged.filter((line) => line.level === 'WARN' || line.level === 'ERROR')).toEqual([]);
  });

  it('marks the products whose daily lines differ from the overview, and logs a warning naming them', async () => {
    const result = await fc.timerHandler(timer('2024-03-11T06:00:00Z'), context);
    expect(result.reconciliation).toMatchObject({ billingCycle: '2024-02', status: 'final', matched: false, differing: [{ productCode: 'oss', currency: 'CNY', difference: '1.2348' }] });
    const february = stored('finops/reconciliation/2024-02.json');
    expect(february).toMatchObject({ billingCycle: '2024-02', status: 'final', finalFrom: '2024-03-05', matched: false });
    expect(february.products).toEqual([
      { productCode: 'ecs', currency: 'CNY', overview: '352.32', dailyLines: '352.32', difference: '0', matched: true },
      { productCode: 'oss', currency: 'CNY', overview: '6.1734', dailyLines: '4.9386', difference: '1.2348', matched: false },
    ]);
    const warnings = logged.filter((line) => line.level === 'WARN');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toBe('cost reconciliation of 2024-02 (final) differs for oss CNY (1.2348)');
    expect(warnings[0]).toMatchObject({ billingCycle: '2024-02', key: 'finops/reconciliation/2024-02.json', differing: [{ productCode: 'oss', currency: 'CNY', difference: '1.2348' }] });
  });

  it('still writes the weekly report when the bill overview is denied, then fails the run and logs why', async () => {
    const reconciliationPuts = putsOf('finops/reconciliation/2024-03.json');
    bss.failNext(BSS_ERRORS.notAuthorized, 1, 'QueryBillOverview');
    await expect(fc.timerHandler(timer('2024-04-08T06:00:00Z'), context)).rejects.toThrow(
      /^the weekly report was written \(finops\/2024-W14\/cost-report\.json\), but reconciling the last closed billing month failed: .*QueryBillOverview failed \(NotAuthorized\)/,
    );
    expect(stored('finops/2024-W14/cost-report.json').reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals])).toEqual([
      ['CNY', expectedTotals(asBilled, '2024-03-25', '2024-04-08').CNY],
    ]);
    expect(oss.objects.has('cost-reports-cn/finops/2024-W14/cost-report.html')).toBe(true);
    expect(putsOf('finops/reconciliation/2024-03.json')).toBe(reconciliationPuts);
    expect(logged.filter((line) => line.level === 'ERROR')).toEqual([
      expect.objectContaining({ message: 'cost reconciliation failed', operation: 'QueryBillOverview', failure: 'denied', code: 'NotAuthorized', reportKeys: { json: 'finops/2024-W14/cost-report.json', html: 'finops/2024-W14/cost-report.html' } }),
    ]);
  });
});
