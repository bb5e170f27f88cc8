import * as path from 'node:path';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { CostReportService } from '../../constructs/aws/cost-report-service';
import { ServiceDeskAlarms } from '../../constructs/aws/service-desk-alarms';
import { ServiceDeskApi } from '../../constructs/aws/service-desk-api';
import { ServiceDeskFunction } from '../../constructs/aws/service-desk-function';
import { ServiceDeskTable } from '../../constructs/aws/service-desk-table';
import { ServiceDeskUserPool } from '../../constructs/aws/service-desk-user-pool';
import type { TwinstackSpec } from '../spec';
import { describeSchedule, eventBridgeSchedule } from '../spec/cost-schedule';
import { businessCalendarSetting, costReportSettings } from '../spec/service-desk';
import { resourcePrefix, stackName } from './naming';

/** The Lambda entry of the ticketing service (API Gateway HTTP API v2 events). */
export const SERVICE_DESK_LAMBDA_ENTRY = path.join(__dirname, '..', '..', 'functions', 'runtime', 'lambda.ts');

/** The Lambda entry of the cost reports (`handler` for the API, `scheduledHandler` for the weekly run). */
export const COST_REPORT_LAMBDA_ENTRY = path.join(__dirname, '..', '..', 'functions', 'runtime', 'cost-lambda.ts');

export interface ServiceDeskStackOptions {
  /** Module exporting the function's `handler`. @default SERVICE_DESK_LAMBDA_ENTRY */
  readonly lambdaEntry?: string;
  /** Module exporting the cost report handlers. @default COST_REPORT_LAMBDA_ENTRY */
  readonly costLambdaEntry?: string;
}

/**
 * Adds the service-desk stack for the spec: the ticketing HTTP API behind a Cognito JWT
 * authorizer, one Lambda function, the ticket table, and alarms; with cost reports enabled, also
 * `GET /cost/reports` on the same API and authorizer and the weekly report to a bucket.
 */
export function addServiceDeskStacks(app: App, spec: TwinstackSpec, options: ServiceDeskStackOptions = {}): Stack[] {
  const desk = spec.services['service-desk'];
  if (!desk) throw new Error('services.service-desk is not in the spec');
  const name = stackName(spec, 'service-desk');
  const stack = new Stack(app, name, {
    stackName: name,
    env: { account: spec.aws.account, region: desk.aws.region },
    description: `${resourcePrefix(spec)}: service desk (ticketing) API, function, table and alarms${desk.costReports.enabled ? '; cost reports' : ''}`,
  });

  const table = new ServiceDeskTable(stack, 'Tickets', { tableName: `${name}-tickets` });
  const users = new ServiceDeskUserPool(stack, 'Users', { userPoolName: name });
  const calendar = businessCalendarSetting(desk.businessCalendar);
  const fn = new ServiceDeskFunction(stack, 'Handler', {
    entry: options.lambdaEntry ?? SERVICE_DESK_LAMBDA_ENTRY,
    functionName: `${name}-api`,
    environment: {
      TABLE_NAME: table.table.tableName,
      POWERTOOLS_SERVICE_NAME: 'ticketing',
      ...(calendar ? { BUSINESS_CALENDAR: calendar } : {}),
    },
    logRetentionDays: desk.logRetentionDays,
  });
  fn.allowTicketStore(table);

  const api = new ServiceDeskApi(stack, 'Api', {
    apiName: name,
    handler: fn.function,
    userPool: users.userPool,
    userPoolClients: [users.client],
    accessLogRetentionDays: desk.logRetentionDays,
  });

  const alarms = new ServiceDeskAlarms(stack, 'Alarms', {
    functionErrors: fn.function.metricErrors(),
    functionThrottles: fn.function.metricThrottles(),
    apiServerErrors: api.api.metricServerError(),
    apiLatency: api.api.metricLatency(),
    tableThrottles: table.metricThrottledRequests(),
    email: desk.alarmEmail,
  });

  if (desk.costReports.enabled) {
    const weekly = eventBridgeSchedule(desk.costReports.schedule);
    const costReports = new CostReportService(stack, 'CostReports', {
      entry: options.costLambdaEntry ?? COST_REPORT_LAMBDA_ENTRY,
      namePrefix: name,
      api: api.api,
      authorizer: api.authorizer,
      schedule: weekly,
      reportSettings: costReportSettings(desk.costReports),
      reportRetentionDays: desk.costReports.reportRetentionDays,
      logRetentionDays: desk.logRetentionDays,
      alarmTopic: alarms.topic,
    });
    new CfnOutput(stack, 'CostReportBucketName', { value: costReports.bucket.bucket.bucketName, description: 'Bucket the weekly cost reports are written to (JSON and HTML)' });
    new CfnOutput(stack, 'CostReportSchedule', {
      value: `${describeSchedule(desk.costReports.schedule)} (${weekly.expression})`,
      description: 'When the weekly cost report runs (EventBridge Scheduler)',
    });
  }

  new CfnOutput(stack, 'ApiUrl', { value: api.url, description: 'Base URL of the service desk API' });
  new CfnOutput(stack, 'UserPoolId', { value: users.userPool.userPoolId, description: 'User pool of the service desk; add users to the groups requester, agent, approver, auditor' });
  new CfnOutput(stack, 'UserPoolClientId', { value: users.client.userPoolClientId, description: 'App client that signs users in (SRP) and whose tokens the API accepts' });
  new CfnOutput(stack, 'TableName', { value: table.table.tableName, description: 'Ticket table' });
  new CfnOutput(stack, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe the on-call channel to service desk alarms here' });

  return [stack];
}
