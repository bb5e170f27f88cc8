import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BSS_ACTION_OF, BSS_API_ACTIONS, BSS_JOB_ACTIONS } from '../../../constructs/alicloud/cost-report-service';
import { httpTriggerConfig } from '../../../constructs/alicloud/fc-http-trigger';
import { evaluate } from '../../../stacks/alicloud/compliance';
import type { Manifest, ManifestResource } from '../../../stacks/alicloud/manifest';
import { COST_REPORT_FC_ENTRY } from '../../../stacks/alicloud/service-desk';
import { reachableSources } from '../../fixtures/reachable-sources';
import { renderArchitecture } from '../../helpers/alicloud';
import { specWith } from '../../helpers/spec';

const PREFIX = 'twinstack-prod-service-desk-cost';
const COST = (s: any) => s.services['service-desk'].costReports;
const KEY = { kty: 'RSA', alg: 'RS256', use: 'sig', kid: 'k1', n: 'sXch', e: 'AQAB' };

/** The resource named `name`; fails the test when there is none. */
function named(manifest: Manifest, name: string): ManifestResource {
  const found = manifest.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource named ${name}`);
  return found;
}
const json = (resource: ManifestResource, input: string) => JSON.parse(resource.inputs[input] as string);

/** The RAM actions of the BSS operations the code reachable from `entries` sends, sorted. */
function bssActionsSentFrom(...entries: string[]): string[] {
  const called = new Set<string>();
  for (const file of new Set(entries.flatMap(reachableSources))) {
    const source = readFileSync(file, 'utf8');
    if (!/callBss\(/.test(source)) continue;
    for (const [, operation] of source.matchAll(/const OPERATION = '(\w+)'/g)) called.add(operation);
    for (const [, operation] of source.matchAll(/callBss\([^,]+,\s*'(\w+)'/g)) called.add(operation);
  }
  return [...called].map((operation) => BSS_ACTION_OF[operation as keyof typeof BSS_ACTION_OF] ?? `unmapped operation ${operation}`).sort();
}
/** What the entry's HTTP `handler` is built from: the cost HTTP app over the BSS source. */
const API_HANDLER_MODULES = ['functions/cost/http/app.ts', 'functions/cost/sources/alibaba-bss.ts'].map((file) => path.join(__dirname, '..', '..', '..', file));

describe('cost reports on Alibaba Cloud', () => {
  let manifest: Manifest;

  beforeAll(async () => {
    manifest = await renderArchitecture('service-desk' as any);
  });

  test('lets the API function read instance bills (BSS DescribeInstanceBill) and write its logs, nothing else', () => {
    expect(json(named(manifest, `${PREFIX}-api-policy`), 'policyDocument')).toEqual({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['bssapi:DescribeInstanceBill'], Resource: ['*'] },
        { Effect: 'Allow', Action: ['log:PostLogStoreLogs'], Resource: [`acs:log:cn-hangzhou:*:project/${PREFIX}/logstore/function-logs`] },
      ],
    });
  });

  test('lets the weekly function also read the bill overview and put objects under cost-reports/ of the report bucket, and nothing else of OSS', () => {
    expect(json(named(manifest, `${PREFIX}-job-policy`), 'policyDocument').Statement).toEqual([
      { Effect: 'Allow', Action: ['bssapi:DescribeInstanceBill', 'bssapi:QueryBillOverview'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['oss:PutObject'], Resource: [`acs:oss:*:*:${PREFIX}-reports/cost-reports/*`] },
      { Effect: 'Allow', Action: ['log:PostLogStoreLogs'], Resource: [`acs:log:cn-hangzhou:*:project/${PREFIX}/logstore/function-logs`] },
    ]);
  });

  test('lets only Function Compute assume each role, and attaches each policy to its own role', () => {
    for (const part of ['api', 'job']) {
      const role = named(manifest, `${PREFIX}-${part}-role`);
      expect(json(role, 'assumeRolePolicyDocument').Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }]);
      expect(named(manifest, `${PREFIX}-${part}-role-policy`).inputs).toEqual({ roleName: role.inputs.roleName, policyName: `${PREFIX}-${part}-policy`, policyType: 'Custom' });
      expect(named(manifest, `${PREFIX}-${part}-function`).inputs.role).toBe(`${PREFIX}-${part}-role.arn`);
    }
  });

  test('grants the weekly function the BSS operations the deployed entry sends, no more and no fewer, under their documented RAM names', () => {
    const sent = bssActionsSentFrom(COST_REPORT_FC_ENTRY);
    expect(sent).toEqual(['bssapi:DescribeInstanceBill', 'bssapi:QueryBillOverview']);
    expect(sent).toEqual([...BSS_JOB_ACTIONS].sort());
  });

  test('grants the API function only the BSS operations its handler sends: instance bills, not the overview', () => {
    const sent = bssActionsSentFrom(...API_HANDLER_MODULES);
    expect(sent).toEqual(['bssapi:DescribeInstanceBill']);
    expect(sent).toEqual([...BSS_API_ACTIONS].sort());
  });

  test('runs the weekly function on an FC timer trigger at Monday 06:00 in the spec time zone', () => {
    const timer = named(manifest, `${PREFIX}-job-timer`);
    expect(timer.inputs).toMatchObject({ triggerType: 'timer', qualifier: 'LATEST', functionName: `${PREFIX}-job` });
    expect(json(timer, 'triggerConfig')).toEqual({ cronExpression: 'CRON_TZ=UTC 0 0 6 ? * MON', enable: true });
  });

  test('follows the spec schedule: day, time and IANA time zone', async () => {
    const custom = await renderArchitecture('service-desk' as any, specWith((s) => (COST(s).schedule = { dayOfWeek: 'sun', time: '23:05', timeZone: 'Asia/Shanghai' })));
    expect(json(named(custom, `${PREFIX}-job-timer`), 'triggerConfig').cronExpression).toBe('CRON_TZ=Asia/Shanghai 0 5 23 ? * SUN');
    expect(custom.outputs.costReportSchedule).toBe('sun 23:05 Asia/Shanghai (CRON_TZ=Asia/Shanghai 0 5 23 ? * SUN)');
  });

  test('retries a failed weekly run twice within six hours', () => {
    expect(named(manifest, `${PREFIX}-job-retries`).inputs).toEqual({ functionName: `${PREFIX}-job`, maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 21600 });
  });

  test('keeps reports in a private, encrypted, versioned bucket that expires them after the retention, with access logs', () => {
    const bucket = `${PREFIX}-reports-bucket`;
    expect(named(manifest, bucket).inputs).toMatchObject({
      bucket: `${PREFIX}-reports`,
      lifecycleRules: [{ id: 'expire-objects', enabled: true, prefix: '', expirations: [{ days: 400 }], noncurrentVersionExpirations: [{ days: 30 }] }],
    });
    expect(named(manifest, `${bucket}-acl`).inputs).toEqual({ bucket: `${PREFIX}-reports`, acl: 'private' });
    expect(named(manifest, `${bucket}-public-access-block`).inputs).toEqual({ bucket: `${PREFIX}-reports`, blockPublicAccess: true });
    expect(named(manifest, `${bucket}-sse`).inputs).toEqual({ bucket: `${PREFIX}-reports`, sseAlgorithm: 'AES256' });
    expect(named(manifest, `${bucket}-versioning`).inputs).toEqual({ bucket: `${PREFIX}-reports`, status: 'Enabled' });
    expect(named(manifest, `${bucket}-logging`).inputs).toEqual({ bucket: `${PREFIX}-reports`, targetBucket: `${PREFIX}-reports-logs`, targetPrefix: 'access/' });
  });

  test('expires reports after the retention the spec names', async () => {
    const kept = await renderArchitecture('service-desk' as any, specWith((s) => (COST(s).reportRetentionDays = 30)));
    expect((named(kept, `${PREFIX}-reports-bucket`).inputs.lifecycleRules as any)[0].expirations).toEqual([{ days: 30 }]);
  });

  test('opens the API function on an HTTP trigger with the service desk token settings', async () => {
    const api = named(manifest, `${PREFIX}-api-function`);
    const desk = named(manifest, 'twinstack-prod-service-desk-api-function');
    expect(api.inputs).toMatchObject({ handler: 'index.handler', runtime: 'nodejs20', timeout: 30 });
    for (const variable of ['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_JWKS_URL']) expect((api.inputs.environmentVariables as any)[variable]).toBe((desk.inputs.environmentVariables as any)[variable]);
    const trigger = named(manifest, `${PREFIX}-api-http`);
    expect(trigger.inputs).toMatchObject({ triggerType: 'http', qualifier: 'LATEST', functionName: `${PREFIX}-api` });
    expect(trigger.inputs.triggerConfig).toBe(named(manifest, 'twinstack-prod-service-desk-api-http').inputs.triggerConfig);
    expect(manifest.outputs.costReportsUrl).toBe(`${PREFIX}-api-http.urlInternet`);

    const withKeys = await renderArchitecture('service-desk' as any, specWith((s) => (s.services['service-desk'].alicloud.tokenIssuer.triggerKeys = [KEY])));
    expect(named(withKeys, `${PREFIX}-api-http`).inputs.triggerConfig).toBe(httpTriggerConfig([KEY as any], '/health'));
  });

  test('gives the weekly function its bucket, region, internal endpoint, prefix and the report settings', () => {
    const job = named(manifest, `${PREFIX}-job-function`);
    expect(job.inputs).toMatchObject({ handler: 'index.timerHandler', runtime: 'nodejs20', timeout: 300 });
    expect(job.inputs.environmentVariables).toEqual({
      POWERTOOLS_SERVICE_NAME: 'cost-reports',
      COST_GROUP_BY: 'ServiceName',
      COST_REPORT_WEEKS: '4',
      COST_BUDGET: 'CNY=7000,USD=1000',
      OSS_BUCKET: `${PREFIX}-reports`,
      OSS_REGION: 'oss-cn-hangzhou',
      OSS_ENDPOINT: 'oss-cn-hangzhou-internal.aliyuncs.com',
      REPORT_PREFIX: 'cost-reports/',
    });
  });

  test('ships both functions from one hashed package in the private code bucket', () => {
    const object = named(manifest, `${PREFIX}-code-package`);
    expect(object.inputs).toMatchObject({
      bucket: 'twinstack-prod-service-desk-code',
      key: expect.stringMatching(/^cost-reports\/fc-[0-9a-f]{64}\.zip$/),
      acl: 'private',
      serverSideEncryption: 'AES256',
      source: `dist/functions/${PREFIX}-code.zip`,
    });
    for (const part of ['api', 'job']) {
      expect(named(manifest, `${PREFIX}-${part}-function`).inputs.code).toEqual({ ossBucketName: object.inputs.bucket, ossObjectName: object.inputs.key });
    }
  });

  test('logs both functions to one SLS logstore kept for the spec retention', () => {
    expect(named(manifest, `${PREFIX}-logstore`).inputs).toMatchObject({ projectName: PREFIX, logstoreName: 'function-logs', retentionPeriod: 365 });
    for (const part of ['api', 'job']) {
      expect(named(manifest, `${PREFIX}-${part}-function`).inputs.logConfig).toMatchObject({ project: PREFIX, logstore: 'function-logs', enableRequestMetrics: true });
    }
  });

  test('passes the compliance rules without acknowledgements', () => {
    const cost = { ...manifest, resources: manifest.resources.filter((r) => r.name.startsWith(PREFIX)) };
    expect(cost.resources.length).toBeGreaterThan(20);
    expect(evaluate(cost, specWith())).toEqual({ errors: [], warnings: [], acknowledged: [] });
  });

  test('adds nothing for cost reports when the spec disables them', async () => {
    const without = await renderArchitecture('service-desk' as any, specWith((s) => (s.services['service-desk'].costReports = { enabled: false })));
    expect(without.resources.filter((r) => r.name.startsWith(PREFIX))).toEqual([]);
    expect(Object.keys(without.outputs).filter((key) => key.startsWith('cost'))).toEqual([]);
  });
});
