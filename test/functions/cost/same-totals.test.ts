/**
 * The promise: the CLI, the API route and the scheduled job give the same totals for the
 * same data. One generated bill (USD and CNY, two files, one gzip) is reported by all three for the
 * same four ISO weeks, grouped and budgeted the same way; the reports must be identical, and their
 * totals must equal the bill's lines summed independently.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { S3Client } from '@aws-sdk/client-s3';
import { createCostApp } from '../../../functions/cost/http/app';
import { parseBudget } from '../../../functions/cost/report-request';
import type { CostReport } from '../../../functions/cost/report-model';
import { runScheduledReport } from '../../../functions/cost/scheduled-report';
import { S3ReportSink } from '../../../functions/cost/sinks/s3';
import { CostExplorerSource } from '../../../functions/cost/sources/aws-cost-explorer';
import { FocusFileSource } from '../../../functions/cost/sources/focus-files';
import type { CostSource } from '../../../functions/cost/sources/source';
import { startFakeCostExplorer, type FakeCostExplorer } from '../../fakes/cost-explorer-server';
import { startFakeS3, type FakeS3 } from '../../fakes/s3-server';
import { billLines, costExplorerBill, expectedTotals, writeBillFiles } from './report-data';

const ROOT = path.join(__dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const lines = billLines();
const files = writeBillFiles(lines);
/** The job runs on Wednesday of 2024-W14, so it reports 2024-W10 to 2024-W13. */
const RUN_AT = new Date('2024-04-03T06:00:00Z');
const FROM = '2024-03-04';
const TO = '2024-04-01';
const GROUP_BY = 'ServiceName,RegionId';
const BUDGET = 'USD=500,CNY=3000';

let s3: FakeS3;
let costExplorer: FakeCostExplorer;
beforeAll(async () => {
  s3 = await startFakeS3({ buckets: ['reports'] });
  costExplorer = await startFakeCostExplorer({ bill: costExplorerBill(lines), pageSize: 25 });
});
afterAll(async () => {
  await s3?.close();
  await costExplorer?.close();
});

/** (a) `npm run -s cost -- report --input …` as a child process, as a user runs it. */
function fromCli(inputs = files): CostReport {
  const args = ['report', ...inputs.flatMap((file) => ['--input', file]), '--group-by', GROUP_BY, '--granularity', 'week', '--from', FROM, '--to', TO, '--budget', BUDGET, '--format', 'json'];
  const run = spawnSync(TSX, [path.join(ROOT, 'tools', 'cost.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/** (b) `GET /cost/reports` on the app every runtime serves. */
async function fromApi(source: CostSource): Promise<CostReport> {
  const app = createCostApp({ source, clock: () => RUN_AT, log: { info: () => undefined, error: () => undefined } });
  const query = { from: FROM, to: TO, granularity: 'week', groupBy: GROUP_BY, budget: BUDGET };
  const response = await app({ method: 'GET', path: '/cost/reports', query, headers: {}, principal: { sub: 'fin', roles: ['auditor'] }, requestId: 'same' });
  expect(response.status).toBe(200);
  return JSON.parse(response.body);
}

/** (c) The scheduled job, its JSON read back from the bucket it wrote to. */
async function fromJob(source: CostSource): Promise<{ report: CostReport; totals: unknown }> {
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const result = await runScheduledReport({
    source,
    sink: new S3ReportSink({ client, bucket: 'reports' }),
    clock: () => RUN_AT,
    groupBy: ['ServiceName', 'RegionId'],
    weeks: 4,
    budget: parseBudget(BUDGET),
  });
  expect(result).toMatchObject({ from: FROM, to: TO });
  return { report: JSON.parse(s3.objects.get(`reports/${result.keys.json}`)!.body.toString('utf8')), totals: result.totals };
}

const totalsOf = (report: CostReport) => Object.fromEntries(report.reports.map((r) => [r.currency, r.totals]));

describe('one bill through the CLI, the API route and the scheduled job', () => {
  it('gives the same report — groups, periods, totals, budget, anomalies — and totals that reconcile with the bill', async () => {
    const cli = fromCli();
    const api = await fromApi(new FocusFileSource(files));
    const job = await fromJob(new FocusFileSource(files));

    const expected = expectedTotals(lines, FROM, TO);
    expect(Object.keys(expected)).toEqual(['CNY', 'USD']);
    expect(totalsOf(cli)).toEqual(expected);
    expect(api).toEqual(cli);
    expect(job.report).toEqual(cli);
    expect(job.totals).toEqual(cli.reports.map((r) => ({ currency: r.currency, ...r.totals })));

    // Not vacuous: every part of the report has content.
    const usd = cli.reports.find((r) => r.currency === 'USD')!;
    expect(usd.groups.length).toBe(3);
    expect(usd.budget?.status).toBe('over');
    expect(usd.anomalies.length).toBeGreaterThan(0);
  }, 60_000);

  it('gives the same report when the route and the job read the AWS part of the bill from Cost Explorer', async () => {
    const costExplorerSource = new CostExplorerSource({
      client: new CostExplorerClient({ region: 'us-east-1', endpoint: costExplorer.endpoint, credentials: { accessKeyId: costExplorer.accessKeyId, secretAccessKey: 'x' } }),
    });
    const cli = fromCli([files[0]]);
    const api = await fromApi(costExplorerSource);
    const job = await fromJob(costExplorerSource);

    expect(totalsOf(cli)).toEqual({ USD: expectedTotals(lines, FROM, TO).USD });
    expect(api).toEqual(cli);
    expect(job.report).toEqual(cli);
    expect(costExplorer.requests.filter((request) => request.body.NextPageToken).length).toBeGreaterThan(0);
  }, 60_000);
});
