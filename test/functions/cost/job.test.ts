/**
 * The scheduled weekly report, written through the real S3 and OSS clients to loopback fakes that
 * check what the services check (bucket, encryption, signature, security token).
 */
import { S3Client } from '@aws-sdk/client-s3';
import OSS from 'ali-oss';
import { parseDecimal } from '../../../functions/cost/decimal';
import type { CostRow } from '../../../functions/cost/focus';
import { runScheduledReport, type ScheduledReportOptions } from '../../../functions/cost/scheduled-report';
import { OssReportSink } from '../../../functions/cost/sinks/oss';
import { S3ReportSink } from '../../../functions/cost/sinks/s3';
import type { ReportSink } from '../../../functions/cost/sinks/sink';
import { FocusFileSource } from '../../../functions/cost/sources/focus-files';
import type { CostQuery, CostSource } from '../../../functions/cost/sources/source';
import { startFakeOss, type FakeOss } from '../../fakes/oss-server';
import { startFakeS3, type FakeS3 } from '../../fakes/s3-server';
import { errorOf } from './fixtures';
import { billLines, expectedTotals, writeBillFiles } from './report-data';

const lines = billLines();
const source = new FocusFileSource(writeBillFiles(lines), 'FOCUS export');
/** Wednesday of 2024-W14: the four complete weeks before it are 2024-W10 to 2024-W13. */
const WEDNESDAY = new Date('2024-04-03T06:00:00Z');
const STS = { accessKeyId: 'STS.fc-role', accessKeySecret: 'fc-role-secret', securityToken: 'fc-role-token' };
let s3: FakeS3;
let oss: FakeOss;

beforeAll(async () => {
  s3 = await startFakeS3({ buckets: ['cost-reports-111122223333'] });
  oss = await startFakeOss({ buckets: ['cost-reports-cn'], credentials: STS });
});

afterAll(async () => {
  await s3?.close();
  await oss?.close();
});

function s3Sink(bucket = 'cost-reports-111122223333', kmsKeyId?: string): S3ReportSink {
  const client = new S3Client({ region: 'eu-west-1', endpoint: s3.endpoint, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
  return new S3ReportSink({ client, bucket, kmsKeyId });
}

function ossSink(credentials = STS): OssReportSink {
  const { accessKeyId, accessKeySecret, securityToken } = credentials;
  const client = new OSS({
    region: 'oss-cn-hangzhou',
    bucket: 'cost-reports-cn',
    accessKeyId,
    accessKeySecret,
    stsToken: securityToken,
    refreshSTSToken: async () => ({ accessKeyId, accessKeySecret, stsToken: securityToken }),
    endpoint: oss.endpoint,
  });
  return new OssReportSink({ client, bucket: 'cost-reports-cn' });
}

function run(sink: ReportSink, overrides: Partial<ScheduledReportOptions> = {}) {
  return runScheduledReport({ source, sink, clock: () => WEDNESDAY, groupBy: ['ServiceName'], weeks: 4, ...overrides });
}

const KEYS = { json: 'cost-reports/2024-W13/cost-report.json', html: 'cost-reports/2024-W13/cost-report.html' };

describe('the scheduled cost report', () => {
  it('writes the JSON and HTML of the four complete weeks before the current one to S3, encrypted, with no ACL', async () => {
    const result = await run(s3Sink());
    expect(result).toMatchObject({ week: '2024-W13', from: '2024-03-04', to: '2024-04-01', keys: KEYS });
    const expected = expectedTotals(lines, '2024-03-04', '2024-04-01');
    expect(result.totals).toEqual(Object.entries(expected).map(([currency, totals]) => ({ currency, ...totals })));

    const json = s3.objects.get(`cost-reports-111122223333/${KEYS.json}`)!;
    expect(json).toMatchObject({ contentType: 'application/json', serverSideEncryption: 'AES256' });
    const report = JSON.parse(json.body.toString('utf8'));
    expect(Object.fromEntries(report.reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals]))).toEqual(expected);
    const ec2 = report.reports.find((r: { currency: string }) => r.currency === 'USD').groups[0];
    expect(ec2.periods.map((p: { start: string }) => p.start)).toEqual(['2024-03-04', '2024-03-11', '2024-03-18', '2024-03-25']);

    const html = s3.objects.get(`cost-reports-111122223333/${KEYS.html}`)!;
    expect(html).toMatchObject({ contentType: 'text/html; charset=utf-8', serverSideEncryption: 'AES256' });
    expect(html.body.toString('utf8')).toContain('Weekly cost report 2024-W13');
    for (const put of s3.puts) expect(Object.keys(put.headers).filter((name) => name === 'x-amz-acl' || name.startsWith('x-amz-grant-'))).toEqual([]);
  });

  it('overwrites the same two keys when run again in the same week', async () => {
    const before = s3.puts.length;
    const first = await run(s3Sink());
    const again = await run(s3Sink(), { clock: () => new Date('2024-04-07T23:59:59Z') });
    expect(again.keys).toEqual(first.keys);
    expect(again.totals).toEqual(first.totals);
    expect(s3.puts.slice(before).map((put) => put.key)).toEqual([KEYS.json, KEYS.html, KEYS.json, KEYS.html]);
    expect([...s3.objects.keys()].filter((key) => key.includes('2024-W13'))).toHaveLength(2);
  });

  it('asks for SSE-KMS with the key given', async () => {
    await run(s3Sink(undefined, 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd'), { prefix: 'kms/' });
    const put = s3.puts.find((p) => p.key === 'kms/2024-W13/cost-report.json')!;
    expect(put.headers).toMatchObject({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd' });
  });

  it('fails with S3 error when the bucket does not exist', async () => {
    const error = await errorOf(() => run(s3Sink('no-such-bucket')));
    expect(error).toMatchObject({ name: 'NoSuchBucket', message: 'The specified bucket does not exist' });
  });

  it('writes the same report to OSS with the role credentials, AES256 and no object ACL', async () => {
    const toS3 = await run(s3Sink(), { prefix: 'same/' });
    const result = await run(ossSink());
    expect(result.keys).toEqual(KEYS);
    expect(result.totals).toEqual(toS3.totals);
    const json = oss.objects.get(`cost-reports-cn/${KEYS.json}`)!;
    expect(json).toMatchObject({ contentType: 'application/json', serverSideEncryption: 'AES256' });
    expect(json.body.equals(s3.objects.get(`cost-reports-111122223333/same/2024-W13/cost-report.json`)!.body)).toBe(true);
    expect(oss.objects.get(`cost-reports-cn/${KEYS.html}`)).toMatchObject({ contentType: 'text/html; charset=utf-8' });
    for (const put of oss.puts) {
      expect(put.headers['x-oss-security-token']).toBe(STS.securityToken);
      expect(put.headers['x-oss-object-acl']).toBeUndefined();
    }
  });

  it("fails with the OSS error when the security token is not the role's", async () => {
    const error = await errorOf(() => run(ossSink({ ...STS, securityToken: 'expired-token' })));
    expect(error).toMatchObject({ code: 'InvalidAccessKeyId', status: 403, message: 'The security token you provided is invalid.' });
  });
});

describe('the weeks a scheduled report covers', () => {
  const empty: CostSource = {
    name: 'empty',
    rows: async function* (query: CostQuery): AsyncGenerator<CostRow> {
      queries.push(query);
    },
  };
  const queries: CostQuery[] = [];
  const memory: ReportSink & { keys: string[]; bodies: Map<string, string> } = {
    name: 'memory',
    keys: [],
    bodies: new Map(),
    put: async (key, body) => {
      memory.keys.push(key);
      memory.bodies.set(key, body);
    },
  };

  it.each([
    ['a Monday at midnight reports the week just ended', '2021-01-04T00:00:00Z', 1, '2020-W53', '2020-12-28', '2021-01-04'],
    ['a week of 53', '2021-01-06T12:00:00Z', 2, '2020-W53', '2020-12-21', '2021-01-04'],
    ['a week at the turn of a year', '2025-01-01T06:00:00Z', 1, '2024-W52', '2024-12-23', '2024-12-30'],
    ['week 1 starting in December', '2026-01-07T06:00:00Z', 52, '2026-W01', '2025-01-06', '2026-01-05'],
  ])('%s', async (_case, now, weeks, week, from, to) => {
    const result = await runScheduledReport({ source: empty, sink: memory, clock: () => new Date(now), groupBy: [], weeks });
    expect(result).toMatchObject({ week, from, to, totals: [] });
    expect(queries.at(-1)).toEqual({ from: Date.parse(from), to: Date.parse(to), groupBy: [] });
    expect(memory.keys.slice(-2)).toEqual([`cost-reports/${week}/cost-report.json`, `cost-reports/${week}/cost-report.html`]);
  });

  it.each([0, 53, 1.5])('refuses %s weeks, naming the rule', async (weeks) => {
    const error = await errorOf(() => runScheduledReport({ source: empty, sink: memory, clock: () => WEDNESDAY, groupBy: [], weeks }));
    expect(error.message).toBe(`weeks must be a whole number from 1 to 52 (got ${weeks})`);
  });

  it('evaluates the budget on the month of the last day reported', async () => {
    const result = await run(memory, { budget: { USD: parseDecimal('100'), CNY: parseDecimal('100000') } });
    const { reports } = JSON.parse(memory.bodies.get(result.keys.json)!);
    expect(reports.map((r: { currency: string; budget: { month: string; daysElapsed: number; status: string } }) => [r.currency, r.budget.month, r.budget.daysElapsed, r.budget.status])).toEqual([
      ['CNY', '2024-03', 31, 'ok'],
      ['USD', '2024-03', 31, 'over'],
    ]);
  });
});
