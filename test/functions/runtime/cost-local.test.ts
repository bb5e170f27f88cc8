/**
 * `npm start` serving cost reports: the local service over FOCUS files beside the ticketing API,
 * and COST_FOCUS_FILES read as a list of files or a directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createCostApp } from '../../../functions/cost/http/app';
import { SourceNotConfiguredError } from '../../../functions/cost/http/problems';
import { FocusFileSource } from '../../../functions/cost/sources/focus-files';
import { costSourceFromEnv } from '../../../functions/runtime/local/cost-source';
import { startLocalService, type LocalService } from '../../../functions/runtime/local/service';
import { signLocalToken } from '../../../functions/runtime/local/signing-key';
import { collect, errorOf } from '../cost/fixtures';
import { billLines, expectedTotals, writeBillFiles } from '../cost/report-data';

const lines = billLines();
const files = writeBillFiles(lines);

describe('the local service', () => {
  let service: LocalService;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'twinstack-cost-local-'));
    service = await startLocalService({ dataDir, inMemory: true, port: 0, costSource: new FocusFileSource(files) });
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function get(route: string, roles: ('agent' | 'auditor' | 'requester')[]) {
    const token = await signLocalToken(service.signingKey, { sub: 'kim', roles });
    const response = await fetch(`${service.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  }

  it('serves GET /cost/reports from the FOCUS files, with a local token', async () => {
    const response = await get('/cost/reports?from=2024-03-04&to=2024-04-01&granularity=week&groupBy=ProviderName', ['auditor']);
    expect(response.status).toBe(200);
    const { reports } = JSON.parse(response.body);
    expect(Object.fromEntries(reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals]))).toEqual(expectedTotals(lines, '2024-03-04', '2024-04-01'));
    expect((await get('/cost/reports?from=2024-03-04&to=2024-04-01&granularity=week', ['requester'])).status).toBe(403);
  });

  it('still serves the ticketing API beside it', async () => {
    expect((await get('/tickets', ['agent'])).status).toBe(200);
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });
});

describe('COST_FOCUS_FILES', () => {
  const log = { info: () => undefined, error: () => undefined };

  it('when unset, makes the route answer 503 naming the variable', async () => {
    const source = costSourceFromEnv({});
    expect(await errorOf(() => collect(source.rows({ from: 0, to: 1, groupBy: [] })))).toBeInstanceOf(SourceNotConfiguredError);
    const app = createCostApp({ source, clock: () => new Date(), log });
    const response = await app({ method: 'GET', path: '/cost/reports', query: { from: '2024-03-01', to: '2024-04-01', granularity: 'day' }, headers: {}, principal: { sub: 'kim', roles: ['agent'] }, requestId: 'r' });
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ title: 'No cost data configured', setting: 'COST_FOCUS_FILES' });
  });

  it('reads a comma-separated list of files, relative to the working directory', () => {
    const source = costSourceFromEnv({ COST_FOCUS_FILES: `${path.basename(files[0])}, ${path.basename(files[1])}` }, path.dirname(files[0]));
    expect((source as FocusFileSource).files).toEqual(files);
  });

  it('reads every .csv, .csv.gz and .parquet file of a directory, in name order, and nothing else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cost-dir-'));
    for (const name of ['b.csv.gz', 'a.csv', 'c.parquet', 'notes.txt']) writeFileSync(path.join(dir, name), '');
    mkdirSync(path.join(dir, 'sub.csv'));
    const source = costSourceFromEnv({ COST_FOCUS_FILES: dir }) as FocusFileSource;
    expect(source.files.map((file) => path.basename(file))).toEqual(['a.csv', 'b.csv.gz', 'c.parquet']);
  });

  it('refuses a path that does not exist, or a directory without FOCUS files, naming the variable', () => {
    expect(() => costSourceFromEnv({ COST_FOCUS_FILES: '/no/such/bill.csv' })).toThrow('COST_FOCUS_FILES: /no/such/bill.csv does not exist');
    const empty = mkdtempSync(path.join(tmpdir(), 'cost-empty-'));
    expect(() => costSourceFromEnv({ COST_FOCUS_FILES: empty })).toThrow(`COST_FOCUS_FILES: the directory ${empty} holds no .csv, .csv.gz or .parquet file`);
  });
});
