import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TABLESTORE_STORE_ACTIONS } from '../../../constructs/alicloud/service-desk-tablestore';
import { httpTriggerConfig } from '../../../constructs/alicloud/fc-http-trigger';
import { TABLESTORE_TABLES } from '../../../functions/store/tablestore-schema';
import { evaluate } from '../../../stacks/alicloud/compliance';
import type { Manifest } from '../../../stacks/alicloud/manifest';
import { ofType, oneOfType, renderArchitecture } from '../../helpers/alicloud';
import { specWith } from '../../helpers/spec';
import { reachableSources } from '../../fixtures/reachable-sources';

const FUNCTION = 'alicloud:fc/v3Function:V3Function';
const TRIGGER = 'alicloud:fc/v3Trigger:V3Trigger';
const TABLE = 'alicloud:ots/table:Table';
const RAM_POLICY = 'alicloud:ram/policy:Policy';
const KEY = { kty: 'RSA', alg: 'RS256', use: 'sig', kid: 'k1', n: 'sXch', e: 'AQAB' };

/** The ticketing part of the manifest: the cost reports (`…-service-desk-cost*`) have tests of their own. */
function ticketingOf(manifest: Manifest): Manifest {
  return { ...manifest, resources: manifest.resources.filter((r) => !r.name.startsWith('twinstack-prod-service-desk-cost')) };
}

describe('service-desk on Alibaba Cloud', () => {
  let manifest: Manifest;
  let desk: Manifest;

  beforeAll(async () => {
    manifest = await renderArchitecture('service-desk' as any);
    desk = ticketingOf(manifest);
  });

  test('matches the snapshot', () => {
    expect(manifest).toMatchSnapshot();
  });

  test('renders the same manifest twice', async () => {
    expect(JSON.stringify(await renderArchitecture('service-desk' as any))).toBe(JSON.stringify(manifest));
  });

  test('puts every resource in the service region through one provider', () => {
    const regions = new Set(manifest.resources.filter((r) => r.type.startsWith('alicloud:') || r.type.startsWith('pulumi:')).map((r) => r.region));
    expect(regions).toEqual(new Set(['cn-hangzhou']));
  });

  test('passes the compliance rules without acknowledgements', () => {
    expect(evaluate(manifest, specWith())).toEqual({ errors: [], warnings: [], acknowledged: [] });
  });

  test('runs the function on the newest built-in Node runtime, its code from the hashed object in the private bucket', () => {
    const fn = oneOfType(desk, FUNCTION);
    const object = oneOfType(desk, 'alicloud:oss/bucketObject:BucketObject');
    expect(fn.inputs).toMatchObject({ runtime: 'nodejs20', handler: 'index.handler', internetAccess: true, role: 'twinstack-prod-service-desk-api-role.arn' });
    expect(object.inputs).toMatchObject({ acl: 'private', key: expect.stringMatching(/^service-desk\/fc-[0-9a-f]{64}\.zip$/), source: 'dist/functions/twinstack-prod-service-desk-code.zip' });
    expect(fn.inputs.code).toEqual({ ossBucketName: object.inputs.bucket, ossObjectName: object.inputs.key });
  });

  test('gives the function the Tablestore endpoint, instance, table prefix, token issuer and business calendar', () => {
    expect(oneOfType(desk, FUNCTION).inputs.environmentVariables).toEqual({
      OTS_ENDPOINT: 'https://twinstack-prod.cn-hangzhou.ots.aliyuncs.com',
      OTS_INSTANCE_NAME: 'twinstack-prod',
      TABLE_NAME: 'service_desk',
      POWERTOOLS_SERVICE_NAME: 'ticketing',
      JWT_ISSUER: 'https://login.example.com',
      JWT_AUDIENCE: 'service-desk',
      JWT_JWKS_URL: 'https://login.example.com/.well-known/jwks.json',
      BUSINESS_CALENDAR: JSON.stringify({ timeZone: 'Europe/Dublin', workingDays: [1, 2, 3, 4, 5], start: '09:00', end: '17:30', holidays: ['2026-12-25', '2026-12-26', '2027-01-01'] }),
    });
  });

  test('creates every table of the Tablestore layout, encrypted, with its keys and TTL', () => {
    const tables = Object.fromEntries(ofType(desk, TABLE).map((t) => [t.inputs.tableName, t.inputs]));
    expect(Object.keys(tables).sort()).toEqual(Object.values(TABLESTORE_TABLES).map((t) => `service_desk_${t.suffix}`).sort());
    for (const table of Object.values(TABLESTORE_TABLES)) {
      expect(tables[`service_desk_${table.suffix}`]).toMatchObject({
        instanceName: 'twinstack-prod',
        primaryKeys: table.primaryKey.map((k) => ({ name: k.name, type: k.type === 'STRING' ? 'String' : 'Integer' })),
        timeToLive: table.timeToLiveSeconds,
        maxVersion: 1,
        enableSse: true,
      });
    }
    expect(oneOfType(desk, 'alicloud:ots/instance:Instance').inputs).toMatchObject({ name: 'twinstack-prod', networkTypeAcls: ['INTERNET', 'VPC'] });
  });

  test('lets only Function Compute assume the role, and limits it to the store actions on these tables and its own logstore', () => {
    const role = oneOfType(desk, 'alicloud:ram/role:Role');
    expect(JSON.parse(role.inputs.assumeRolePolicyDocument as string).Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } },
    ]);
    const policy = JSON.parse(oneOfType(desk, RAM_POLICY).inputs.policyDocument as string);
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: [...TABLESTORE_STORE_ACTIONS],
        Resource: ['tickets', 'ticket_list', 'idempotency'].map((t) => `acs:ots:cn-hangzhou:*:instance/twinstack-prod/table/service_desk_${t}`),
      },
      { Effect: 'Allow', Action: ['log:PostLogStoreLogs'], Resource: ['acs:log:cn-hangzhou:*:project/twinstack-prod-service-desk/logstore/function-logs'] },
    ]);
    expect(oneOfType(desk, 'alicloud:ram/rolePolicyAttachment:RolePolicyAttachment').inputs).toEqual({
      roleName: role.inputs.roleName,
      policyName: oneOfType(desk, RAM_POLICY).inputs.policyName,
      policyType: 'Custom',
    });
  });

  test('grants the RAM actions the deployed Tablestore store calls, no more and no fewer', () => {
    const entry = path.join(__dirname, '..', '..', '..', 'functions', 'runtime', 'fc.ts');
    const source = reachableSources(entry)
      .filter((file) => /[\\/]functions[\\/]store[\\/]tablestore[^/\\]*\.ts$/.test(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const called = new Set([...source.matchAll(/client\.([a-z][A-Za-z]+)\(/g)].map(([, method]) => `ots:${method[0].toUpperCase()}${method.slice(1)}`));
    expect([...called].sort()).toEqual([...TABLESTORE_STORE_ACTIONS].sort());
  });

  test('ships function logs to an SLS logstore kept for the spec retention', () => {
    const store = oneOfType(desk, 'alicloud:log/store:Store');
    expect(store.inputs).toMatchObject({ retentionPeriod: 365, logstoreName: 'function-logs' });
    expect(oneOfType(desk, FUNCTION).inputs.logConfig).toMatchObject({ project: store.inputs.projectName, logstore: 'function-logs', enableRequestMetrics: true });
  });

  test('opens an HTTP trigger on every method that leaves token checks to the function when the spec lists no keys', () => {
    const trigger = oneOfType(desk, TRIGGER);
    expect(trigger.inputs).toMatchObject({ triggerType: 'http', qualifier: 'LATEST', functionName: 'twinstack-prod-service-desk' });
    expect(JSON.parse(trigger.inputs.triggerConfig as string)).toEqual({
      authType: 'anonymous',
      disableURLInternet: false,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    });
    expect(manifest.outputs.url).toBe('twinstack-prod-service-desk-api-http.urlInternet');
  });

  test('checks tokens at the trigger with the spec keys, the health path excepted', async () => {
    const spec = specWith((s) => (s.services['service-desk'].alicloud.tokenIssuer.triggerKeys = [KEY]));
    const withKeys = await renderArchitecture('service-desk' as any, spec);
    expect(JSON.parse(oneOfType(ticketingOf(withKeys), TRIGGER).inputs.triggerConfig as string)).toEqual(JSON.parse(httpTriggerConfig([KEY as any], '/health')));
    expect(JSON.parse(httpTriggerConfig([KEY as any], '/health'))).toMatchObject({
      authType: 'jwt',
      authConfig: { jwks: { keys: [KEY] }, tokenLookup: 'header:Authorization:Bearer ', whitelist: ['/health'] },
    });
  });

  test('names the manual step the provider cannot do: local transactions on the tickets table', () => {
    expect(manifest.outputs.manualSteps).toEqual([expect.stringContaining('Enable local transactions on Tablestore table service_desk_tickets of instance twinstack-prod')]);
  });

  test('takes the Tablestore instance name from the spec when given', async () => {
    const named = await renderArchitecture('service-desk' as any, specWith((s) => (s.services['service-desk'].alicloud.tablestoreInstanceName = 'desk-eu')));
    expect(oneOfType(named, 'alicloud:ots/instance:Instance').inputs.name).toBe('desk-eu');
  });
});
