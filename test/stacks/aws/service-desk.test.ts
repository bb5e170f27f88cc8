import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TICKET_STORE_ACTIONS } from '../../../constructs/aws/service-desk-table';
import { buildAwsApp, pinnedContext } from '../../../stacks/aws/build';
import { addServiceDeskStacks } from '../../../stacks/aws/service-desk';
import { TICKET_TABLE_SCHEMA } from '../../../functions/store/dynamodb-schema';
import { specWith } from '../../helpers/spec';
import { reachableSources } from '../../fixtures/reachable-sources';

const STACK = 'twinstack-prod-service-desk';
const FIXTURE_ENTRY = path.join(__dirname, '..', '..', 'fixtures', 'service-desk-handler.ts');
const COST_FIXTURE_ENTRY = path.join(__dirname, '..', '..', 'fixtures', 'cost-report-handler.ts');

/** The service-desk stack of the default spec, with stand-in handlers; cdk-nag on, so a finding throws. */
function synthServiceDesk(edit?: (spec: any) => void): Template {
  const app = new App({ context: pinnedContext(), stackTraces: false });
  const spec = specWith(edit);
  const { stacks } = buildAwsApp(spec, { app, only: [] });
  expect(stacks).toEqual([]);
  const [stack] = addServiceDeskStacks(app, spec, { lambdaEntry: FIXTURE_ENTRY, costLambdaEntry: COST_FIXTURE_ENTRY });
  return Template.fromJSON(app.synth().getStackByName(stack.stackName).template);
}

function resourcesOf(template: Template, type: string): Array<[string, any]> {
  return Object.entries(template.findResources(type));
}

/** Resources of the ticketing part (cost reports, under `CostReports`, have tests of their own). */
function deskResourcesOf(template: Template, type: string): Array<[string, any]> {
  return resourcesOf(template, type).filter(([id]) => !id.startsWith('CostReports'));
}

describe('service-desk on AWS', () => {
  let template: Template;

  beforeAll(() => {
    template = synthServiceDesk();
  });

  test('renders one stack in the service region, through buildAwsApp when enabled', () => {
    const { stacks } = buildAwsApp(specWith(), { only: ['service-desk'], nag: false });
    expect(stacks.map(({ architecture, stack }) => [architecture, stack.stackName, stack.region, stack.account])).toEqual([
      ['service-desk', STACK, 'eu-west-1', '111122223333'],
    ]);
  });

  test('is left out when the spec disables the service or has none', () => {
    const disabled = buildAwsApp(specWith((s) => (s.services['service-desk'].enabled = false)), { nag: false });
    const absent = buildAwsApp(specWith((s) => delete s.services), { nag: false });
    for (const { stacks } of [disabled, absent]) expect(stacks.map((s) => s.architecture)).not.toContain('service-desk');
  });

  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('synthesizes the same template twice', () => {
    expect(synthServiceDesk().toJSON()).toEqual(template.toJSON());
  });

  test('keeps the tickets in an on-demand table with point-in-time recovery, deletion protection, TTL and every schema index', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        TableName: `${STACK}-tickets`,
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        Replicas: [
          Match.objectLike({ Region: 'eu-west-1', DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        ],
      }),
    });
    const [[, table]] = resourcesOf(template, 'AWS::DynamoDB::GlobalTable');
    expect(table.Properties.GlobalSecondaryIndexes.map((i: any) => [i.IndexName, i.KeySchema.map((k: any) => k.AttributeName), i.Projection.ProjectionType])).toEqual(
      TICKET_TABLE_SCHEMA.globalSecondaryIndexes.map((i) => [i.indexName, [i.partitionKey.name, i.sortKey.name], 'ALL']),
    );
  });

  test('runs the function on Node.js 22, arm64, traced, with the table, service name and business calendar in its environment', () => {
    const [[tableId]] = resourcesOf(template, 'AWS::DynamoDB::GlobalTable');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: tableId },
          POWERTOOLS_SERVICE_NAME: 'ticketing',
          BUSINESS_CALENDAR: JSON.stringify({ timeZone: 'Europe/Dublin', workingDays: [1, 2, 3, 4, 5], start: '09:00', end: '17:30', holidays: ['2026-12-25', '2026-12-26', '2027-01-01'] }),
        },
      },
    });
  });

  test('leaves BUSINESS_CALENDAR out when the spec has no calendar', () => {
    const without = synthServiceDesk((s) => delete s.services['service-desk'].businessCalendar);
    const [[, fn]] = deskResourcesOf(without, 'AWS::Lambda::Function');
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['POWERTOOLS_SERVICE_NAME', 'TABLE_NAME']);
  });

  test('lets the function do exactly what the ticket store does, on the ticket table and its indexes only', () => {
    const [[tableId]] = resourcesOf(template, 'AWS::DynamoDB::GlobalTable');
    const statements = resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const dynamo = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        Resource: [{ 'Fn::GetAtt': [tableId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] }],
      },
    ]);
    const roles = deskResourcesOf(template, 'AWS::IAM::Role');
    expect(roles).toHaveLength(1);
    for (const [, role] of resourcesOf(template, 'AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('grants the actions the deployed DynamoDB store sends, no more and no fewer', () => {
    const entry = path.join(__dirname, '..', '..', '..', 'functions', 'runtime', 'lambda.ts');
    const source = reachableSources(entry)
      .filter((file) => /[\\/]functions[\\/]store[\\/]dynamodb[^/\\]*\.ts$/.test(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const sent = new Set<string>();
    for (const [, command] of source.matchAll(/new (Get|Query|Put|Update|Delete|BatchGet|BatchWrite|Scan)Command\(/g)) {
      sent.add(`dynamodb:${{ Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' }[command] ?? command}`);
    }
    if (/new TransactWriteCommand\(/.test(source)) {
      for (const [, kind] of source.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:\s*\{/g)) sent.add(`dynamodb:${kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`}`);
    }
    expect([...sent].sort()).toEqual([...TICKET_STORE_ACTIONS].sort());
  });

  test('puts the authorizer on the proxy and cost report routes and none on the health check', () => {
    const [[authorizerId, authorizer]] = resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer');
    const [[poolId]] = resourcesOf(template, 'AWS::Cognito::UserPool');
    const [[clientId]] = resourcesOf(template, 'AWS::Cognito::UserPoolClient');
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }], Issuer: { 'Fn::Join': ['', expect.arrayContaining([{ Ref: poolId }])] } },
    });
    const routes = Object.fromEntries(resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties]));
    expect(Object.keys(routes).sort()).toEqual(['ANY /{proxy+}', 'GET /cost/reports', 'GET /health']);
    expect(routes['ANY /{proxy+}']).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    expect(routes['GET /cost/reports']).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    expect(routes['GET /health'].AuthorizationType ?? 'NONE').toBe('NONE');
    expect(routes['GET /health'].AuthorizerId).toBeUndefined();
  });

  test('throttles the stage and writes JSON access logs to a retained log group', () => {
    const [[logsId]] = resourcesOf(template, 'AWS::Logs::LogGroup').filter(([id]) => id.startsWith('ApiAccessLogs'));
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logsId, 'Arn'] }, Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
    for (const [, group] of resourcesOf(template, 'AWS::Logs::LogGroup')) {
      expect(group).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365 } });
    }
  });

  test('signs users in with MFA and a strong password, no self sign-up, threat protection, and one group per role', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtection: 'ACTIVE',
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      }),
    });
    expect(resourcesOf(template, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName).sort()).toEqual(['agent', 'approver', 'auditor', 'requester']);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false, PreventUserExistenceErrors: 'ENABLED', ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']) });
  });

  test('alarms on function errors and throttles, API 5xx and p99 latency, and table throttling, to an encrypted topic', () => {
    const alarms = deskResourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const byMetric = (name: string) => alarms.filter((a) => a.MetricName === name || a.Metrics?.some((m: any) => m.MetricStat?.Metric?.MetricName === name));
    expect(byMetric('Errors')).toEqual([expect.objectContaining({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 1 })]);
    expect(byMetric('Throttles')).toEqual([expect.objectContaining({ Namespace: 'AWS/Lambda', Threshold: 1 })]);
    expect(byMetric('5xx')).toEqual([expect.objectContaining({ Namespace: 'AWS/ApiGateway', Threshold: 5 })]);
    expect(byMetric('Latency')).toEqual([expect.objectContaining({ ExtendedStatistic: 'p99', Threshold: 3000, EvaluationPeriods: 3 })]);
    expect(byMetric('ThrottledRequests')).toHaveLength(1);
    expect(alarms).toHaveLength(5);
    const [[topicId, topic]] = resourcesOf(template, 'AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('subscribes the alarm email when the spec names one', () => {
    const withEmail = synthServiceDesk((s) => (s.services['service-desk'].alarmEmail = 'oncall@example.com'));
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  test('outputs the API URL, user pool and client ids, table name, and the cost report bucket and schedule', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(['AlarmTopicArn', 'ApiUrl', 'CostReportBucketName', 'CostReportSchedule', 'TableName', 'UserPoolClientId', 'UserPoolId']);
  });
});
