import { Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DEFAULT_REPORT_PREFIX } from '../../functions/cost/scheduled-report';
import { CostReportAlarms } from './cost-report-alarms';
import { CostReportBucket } from './cost-report-bucket';
import { CostReportFunction } from './cost-report-function';
import { CostReportSchedule } from './cost-report-schedule';

/** Path of the on-request report on the service's API. */
export const COST_REPORT_ROUTE_PATH = '/cost/reports';
/** Key prefix of the weekly reports in the bucket: the report code's own default. */
const COST_REPORT_PREFIX = DEFAULT_REPORT_PREFIX;

export interface CostReportServiceProps {
  /** Module exporting `handler` (HTTP API payload 2.0) and `scheduledHandler` (EventBridge Scheduler). */
  readonly entry: string;
  /** Prefix of the function and schedule names, e.g. `twinstack-prod-service-desk`. */
  readonly namePrefix: string;
  /** API the `GET /cost/reports` route is added to. */
  readonly api: apigwv2.HttpApi;
  /** Authorizer of the route: the one the service's other routes use. */
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  /** Weekly run: EventBridge Scheduler cron expression and its time zone. */
  readonly schedule: { readonly expression: string; readonly timeZone: string };
  /** Report settings both functions read: COST_GROUP_BY, COST_REPORT_WEEKS, COST_BUDGET. */
  readonly reportSettings: Record<string, string>;
  /** Days the weekly reports are kept in the bucket. */
  readonly reportRetentionDays: number;
  /** Days the functions' logs are kept (a value CloudWatch Logs accepts). */
  readonly logRetentionDays: number;
  /** Topic the alarms notify. */
  readonly alarmTopic: sns.ITopic;
}

/**
 * Cost reports on AWS: `GET /cost/reports` on the service's API behind its JWT authorizer, and a
 * weekly EventBridge Scheduler run of a second function that writes the report to a private
 * bucket. Both functions may call Cost Explorer's GetCostAndUsage; only the weekly one may write,
 * and only s3:PutObject under the report prefix.
 */
export class CostReportService extends Construct {
  readonly bucket: CostReportBucket;
  readonly apiFunction: CostReportFunction;
  readonly jobFunction: CostReportFunction;
  readonly schedule: CostReportSchedule;
  readonly route: apigwv2.HttpRoute;
  readonly alarms: CostReportAlarms;

  constructor(scope: Construct, id: string, props: CostReportServiceProps) {
    super(scope, id);
    const common = { POWERTOOLS_SERVICE_NAME: 'cost-reports', ...props.reportSettings };

    this.bucket = new CostReportBucket(this, 'Reports', { retentionDays: props.reportRetentionDays });
    this.apiFunction = new CostReportFunction(this, 'Api', {
      entry: props.entry,
      handlerExport: 'handler',
      description: 'Cost report on request (GET /cost/reports)',
      functionName: `${props.namePrefix}-cost-api`,
      environment: common,
      logRetentionDays: props.logRetentionDays,
      // Cost Explorer pages slowly; the API gives up at 30 s.
      timeout: Duration.seconds(29),
    });
    const scheduleName = `${props.namePrefix}-cost-weekly`;
    this.jobFunction = new CostReportFunction(this, 'Job', {
      entry: props.entry,
      handlerExport: 'scheduledHandler',
      description: 'Weekly cost report to the report bucket',
      functionName: `${props.namePrefix}-cost-job`,
      environment: { ...common, REPORT_BUCKET: this.bucket.bucket.bucketName, REPORT_PREFIX: COST_REPORT_PREFIX },
      logRetentionDays: props.logRetentionDays,
      timeout: Duration.minutes(5),
    });
    this.bucket.allowReportWrites(this.jobFunction.role, COST_REPORT_PREFIX);

    this.schedule = new CostReportSchedule(this, 'Weekly', {
      scheduleName,
      expression: props.schedule.expression,
      timeZone: props.schedule.timeZone,
      target: this.jobFunction.function,
    });
    // The scheduler hands the run over asynchronously: runs the function failed on every retry
    // join the ones the scheduler could not deliver. Sending is all the function may do there
    // (SqsDestination would also grant GetQueueAttributes and GetQueueUrl).
    const deadLetters = this.schedule.deadLetterQueue;
    this.jobFunction.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'FailedRuns', actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] }));
    this.jobFunction.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: { bind: () => ({ destination: deadLetters.queueArn }) },
    });

    const integration = new HttpLambdaIntegration('CostReports', this.apiFunction.function, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 });
    [this.route] = props.api.addRoutes({ path: COST_REPORT_ROUTE_PATH, methods: [apigwv2.HttpMethod.GET], integration, authorizer: props.authorizer });

    this.alarms = new CostReportAlarms(this, 'Alarms', {
      apiFunction: this.apiFunction.function,
      jobFunction: this.jobFunction.function,
      deadLetterQueue: this.schedule.deadLetterQueue,
      topic: props.alarmTopic,
    });
  }
}
