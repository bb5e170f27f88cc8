import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { COST_EXPLORER_ACTIONS } from '../../../constructs/aws/cost-report-function';
import { buildAwsApp, pinnedContext } from '../../../stacks/aws/build';
import { addServiceDeskStacks, COST_REPORT_LAMBDA_ENTRY } from '../../../stacks/aws/service-desk';
import { reachableSources } from '../../fixtures/reachable-sources';
import { specWith } from '../../helpers/spec';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const DESK_ENTRY = path.join(FIXTURES, 'service-desk-handler.ts');
const COST_ENTRY = path.join(FIXTURES, 'cost-report-handler.ts');
const COST = (s: any) => s.services['service-desk'].costReports;

/** The service-desk stack with stand-in handlers; cdk-nag on, so an unacknowledged finding throws. */
function synthServiceDesk(edit?: (spec: any) => void): Template {
  const app = new App({ context: pinnedContext(), stackTraces: false });
  const spec = specWith(edit);
  buildAwsApp(spec, { app, only: [] });
  const [stack] = addServiceDeskStacks(app, spec, { lambdaEntry: DESK_ENTRY, costLambdaEntry: COST_ENTRY });
  return Template.fromJSON(app.synth().getStackByName(stack.stackName).template);
}

type Resources = Array<[string, any]>;
const resourcesOf = (template: Template, type: string): Resources => Object.entries(template.findResources(type));
const idOf = (template: Template, type: string, prefix: string): string => {
  const ids = resourcesOf(template, type).map(([id]) => id).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${ids.join(', ') || 'none'}`);
  return ids[0];
};
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
/** Statements of the policies attached to the role `roleId`. */
const statementsOf = (template: Template, roleId: string) =>
  resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);

describe('cost reports on AWS', () => {
  let template: Template;
  let ids: Record<string, string>;

  beforeAll(() => {
    template = synthServiceDesk();
    ids = {
      apiFunction: idOf(template, 'AWS::Lambda::Function', 'CostReportsApiFunction'),
      jobFunction: idOf(template, 'AWS::Lambda::Function', 'CostReportsJobFunction'),
      apiRole: idOf(template, 'AWS::IAM::Role', 'CostReportsApiRole'),
      jobRole: idOf(template, 'AWS::IAM::Role', 'CostReportsJobRole'),
      schedulerRole: idOf(template, 'AWS::IAM::Role', 'CostReportsWeeklyRole'),
      bucket: idOf(template, 'AWS::S3::Bucket', 'CostReportsBucket'),
      accessLogs: idOf(template, 'AWS::S3::Bucket', 'CostReportsAccessLogs'),
      queue: idOf(template, 'AWS::SQS::Queue', 'CostReportsWeeklyDeadLetters'),
      apiLogs: idOf(template, 'AWS::Logs::LogGroup', 'CostReportsApiLogs'),
      jobLogs: idOf(template, 'AWS::Logs::LogGroup', 'CostReportsJobLogs'),
    };
  });

  test('lets the API function read Cost Explorer (GetCostAndUsage only) and write its own logs and traces, nothing else', () => {
    expect(statementsOf(template, ids.apiRole)).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(ids.apiLogs) },
      { Sid: 'CostExplorerRead', Effect: 'Allow', Action: 'ce:GetCostAndUsage', Resource: '*' },
      { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
    ]);
  });

  test('lets the weekly function also put objects under cost-reports/ of the report bucket and send failed runs to the dead-letter queue', () => {
    expect(statementsOf(template, ids.jobRole)).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(ids.jobLogs) },
      { Sid: 'CostExplorerRead', Effect: 'Allow', Action: 'ce:GetCostAndUsage', Resource: '*' },
      { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
      { Sid: 'WriteCostReports', Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [getAtt(ids.bucket), '/cost-reports/*']] } },
      { Sid: 'FailedRuns', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(ids.queue) },
    ]);
  });

  test('gives no cost role an AWS managed policy, and lets only Lambda assume the function roles', () => {
    for (const role of [ids.apiRole, ids.jobRole, ids.schedulerRole]) {
      const [[, resource]] = resourcesOf(template, 'AWS::IAM::Role').filter(([id]) => id === role);
      expect(resource.Properties.ManagedPolicyArns).toBeUndefined();
    }
    for (const role of [ids.apiRole, ids.jobRole]) {
      const [[, resource]] = resourcesOf(template, 'AWS::IAM::Role').filter(([id]) => id === role);
      expect(resource.Properties.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }]);
    }
  });

  test('lets only this schedule of this account assume the scheduler role, which may invoke the weekly function and fill the queue alone', () => {
    const [[, role]] = resourcesOf(template, 'AWS::IAM::Role').filter(([id]) => id === ids.schedulerRole);
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111122223333' },
          ArnEquals: { 'aws:SourceArn': 'arn:aws:scheduler:eu-west-1:111122223333:schedule/default/twinstack-prod-service-desk-cost-weekly' },
        },
      },
    ]);
    expect(statementsOf(template, ids.schedulerRole)).toEqual([
      { Sid: 'InvokeReportFunction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: getAtt(ids.jobFunction) },
      { Sid: 'DeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(ids.queue) },
    ]);
  });

  test('grants the Cost Explorer and S3 commands the deployed entry sends, no more and no fewer', () => {
    const sent = (folder: string, service: string) => {
      const actions = new Set<string>();
      for (const file of reachableSources(COST_REPORT_LAMBDA_ENTRY).filter((f) => f.split(path.sep).join('/').includes(`/functions/cost/${folder}/`))) {
        for (const [, command] of readFileSync(file, 'utf8').matchAll(/new (\w+)Command\(/g)) actions.add(`${service}:${command}`);
      }
      return [...actions].sort();
    };
    expect(sent('sources', 'ce')).toEqual([...COST_EXPLORER_ACTIONS]);
    const granted = statementsOf(template, ids.jobRole).flatMap((s: any) => [s.Action].flat()).filter((a: string) => a.startsWith('s3:'));
    expect(sent('sinks', 's3')).toEqual(granted);
  });

  test('runs the weekly function on Monday 06:00 UTC through EventBridge Scheduler, with its scheduled time as input', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'twinstack-prod-service-desk-cost-weekly',
      ScheduleExpression: 'cron(0 6 ? * MON *)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: getAtt(ids.jobFunction),
        RoleArn: getAtt(ids.schedulerRole),
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: getAtt(ids.queue) },
      },
    });
  });

  test('follows the spec schedule: day, time and IANA time zone', () => {
    const custom = synthServiceDesk((s) => (COST(s).schedule = { dayOfWeek: 'fri', time: '17:45', timeZone: 'Europe/Dublin' }));
    custom.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(45 17 ? * FRI *)', ScheduleExpressionTimezone: 'Europe/Dublin' });
  });

  test('retries a failed run twice within six hours and then sends it to the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ids.jobFunction },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnFailure: { Destination: getAtt(ids.queue) } },
    });
  });

  test('keeps dead letters 14 days in an SQS-encrypted queue that refuses requests without TLS', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ids.queue }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('keeps reports in a private, encrypted, versioned bucket that expires them after the retention and logs its access', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: [{ Id: 'expire-reports', Status: 'Enabled', ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: ids.accessLogs }, LogFilePrefix: 'cost-reports/' },
      }),
    });
    const [[, policy]] = resourcesOf(template, 'AWS::S3::BucketPolicy').filter(([, p]) => p.Properties.Bucket.Ref === ids.bucket);
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  test('expires reports after the retention the spec names', () => {
    const kept = synthServiceDesk((s) => (COST(s).reportRetentionDays = 30));
    const [[, bucket]] = resourcesOf(kept, 'AWS::S3::Bucket').filter(([id]) => id === ids.bucket);
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(30);
  });

  test('routes GET /cost/reports to the API function behind the service desk JWT authorizer', () => {
    const [[authorizerId]] = resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer');
    const routes = Object.fromEntries(resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties]));
    expect(routes['GET /cost/reports']).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    const integrationId = routes['GET /cost/reports'].Target['Fn::Join'][1][1].Ref;
    const [[, integration]] = resourcesOf(template, 'AWS::ApiGatewayV2::Integration').filter(([id]) => id === integrationId);
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: getAtt(ids.apiFunction) });
  });

  test('runs both functions on Node.js 22 arm64 from one bundle, each with its handler and the report settings', () => {
    const functions = Object.fromEntries(resourcesOf(template, 'AWS::Lambda::Function').map(([id, f]) => [id, f.Properties]));
    const settings = { POWERTOOLS_SERVICE_NAME: 'cost-reports', COST_GROUP_BY: 'ServiceName', COST_REPORT_WEEKS: '4', COST_BUDGET: 'CNY=7000,USD=1000' };
    expect(functions[ids.apiFunction]).toMatchObject({
      FunctionName: 'twinstack-prod-service-desk-cost-api',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 29,
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: settings },
    });
    expect(functions[ids.jobFunction]).toMatchObject({
      FunctionName: 'twinstack-prod-service-desk-cost-job',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.scheduledHandler',
      Timeout: 300,
      Environment: { Variables: { ...settings, REPORT_BUCKET: { Ref: ids.bucket }, REPORT_PREFIX: 'cost-reports/' } },
    });
    expect(functions[ids.apiFunction].Code).toEqual(functions[ids.jobFunction].Code);
  });

  test('passes the group-by columns, weeks and no budget when the spec has none', () => {
    const other = synthServiceDesk((s) => {
      COST(s).groupBy = ['RegionId', 'tag:team'];
      COST(s).weeksOfHistory = 8;
      delete COST(s).monthlyBudget;
    });
    const [[, fn]] = resourcesOf(other, 'AWS::Lambda::Function').filter(([id]) => id === ids.jobFunction);
    expect(fn.Properties.Environment.Variables).toMatchObject({ COST_GROUP_BY: 'RegionId,tag:team', COST_REPORT_WEEKS: '8' });
    expect(fn.Properties.Environment.Variables.COST_BUDGET).toBeUndefined();
  });

  test('alarms on weekly run errors, dead letters and API function errors, through the service alarm topic, which admits them', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('CostReportsAlarms'));
    const [[topicId]] = resourcesOf(template, 'AWS::SNS::Topic');
    const summary = alarms.map(([, a]) => [a.Properties.MetricName, a.Properties.Namespace, a.Properties.Statistic, a.Properties.Threshold, a.Properties.Dimensions[0].Value]);
    expect(summary).toEqual([
      ['Errors', 'AWS/Lambda', 'Sum', 1, { Ref: ids.jobFunction }],
      ['ApproximateNumberOfMessagesVisible', 'AWS/SQS', 'Maximum', 1, getAtt(ids.queue, 'QueueName')],
      ['Errors', 'AWS/Lambda', 'Sum', 1, { Ref: ids.apiFunction }],
    ]);
    for (const [, alarm] of alarms) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }], ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
    }
    const [[, topicPolicy]] = resourcesOf(template, 'AWS::SNS::TopicPolicy');
    expect(topicPolicy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Sid: 'CostReportAlarmsPublish', Condition: expect.objectContaining({ ArnEquals: { 'aws:SourceArn': alarms.map(([id]) => getAtt(id)) } }) }),
    );
  });

  test('outputs the report bucket and the schedule', () => {
    const outputs = template.toJSON().Outputs;
    expect(outputs.CostReportBucketName.Value).toEqual({ Ref: ids.bucket });
    expect(outputs.CostReportSchedule.Value).toBe('mon 06:00 UTC (cron(0 6 ? * MON *))');
  });

  test('adds nothing for cost reports when the spec disables them', () => {
    const without = synthServiceDesk((s) => (s.services['service-desk'].costReports = { enabled: false }));
    expect(resourcesOf(without, 'AWS::Lambda::Function')).toHaveLength(1);
    for (const type of ['AWS::Scheduler::Schedule', 'AWS::SQS::Queue', 'AWS::S3::Bucket']) expect(resourcesOf(without, type)).toEqual([]);
    expect(Object.keys(without.toJSON().Outputs)).not.toContain('CostReportBucketName');
  });
});
