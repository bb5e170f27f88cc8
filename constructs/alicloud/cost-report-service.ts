import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { DEFAULT_REPORT_PREFIX } from '../../functions/cost/scheduled-report';
import type { PublicJwk } from '../../stacks/spec/service-desk';
import { CostReportCode } from './cost-report-code';
import { CostReportFcFunction } from './cost-report-function';
import { fcHttpTrigger } from './fc-http-trigger';
import { fcLogs } from './fc-logs';
import { AlicloudPrivateBucket } from './oss-private-bucket';

/**
 * The RAM action of each BSS OpenAPI operation cost reporting uses, from the authorization tables
 * of the API reference (Alibaba Cloud Help Center, BssOpenApi 2017-12-14, DescribeInstanceBill and
 * QueryBillOverview, "Authorization information"): both read-only, resource "*" only, since BSS
 * authorises per action.
 */
export const BSS_ACTION_OF = {
  DescribeInstanceBill: 'bssapi:DescribeInstanceBill',
  QueryBillOverview: 'bssapi:QueryBillOverview',
} as const;

/** The BSS actions of the API function: `GET /cost/reports` reads daily instance bills only. */
export const BSS_API_ACTIONS = [BSS_ACTION_OF.DescribeInstanceBill] as const;
/**
 * The BSS actions of the weekly function: the report's, and the bill overview it reconciles the
 * last closed month's instance bills with (`reconcileBillingCycle`). The stack test compares both
 * lists with the operations each function's code sends.
 */
export const BSS_JOB_ACTIONS = [BSS_ACTION_OF.DescribeInstanceBill, BSS_ACTION_OF.QueryBillOverview] as const;
/** Key prefix of the weekly reports in the bucket: the report code's own default. */
const COST_REPORT_PREFIX = DEFAULT_REPORT_PREFIX;

export interface CostReportsArgs {
  /** Module exporting `handler` (HTTP trigger) and `timerHandler` (timer trigger). */
  readonly entry: string;
  /** Prefix of the function, bucket and log project names, e.g. `twinstack-prod-service-desk`. */
  readonly namePrefix: string;
  /** Region of everything here. */
  readonly region: string;
  /** Private bucket the code package is uploaded to (the service's code bucket). */
  readonly codeBucketName: pulumi.Input<string>;
  /** Token settings of the API function (JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL), as the service desk's. */
  readonly tokenSettings: Record<string, string>;
  /** Keys FC checks bearer tokens against at the HTTP trigger; none leaves the check to the function. */
  readonly triggerKeys?: readonly PublicJwk[];
  /** Report settings both functions read: COST_GROUP_BY, COST_REPORT_WEEKS, COST_BUDGET. */
  readonly reportSettings: Record<string, string>;
  /** The timer trigger's `cronExpression` (`CRON_TZ=<zone> s m h ? * DAY`). */
  readonly timerCron: string;
  /** Days the weekly reports are kept in the bucket. */
  readonly reportRetentionDays: number;
  /** Days the functions' logs are kept in SLS. */
  readonly logRetentionDays: number;
  /** Labels on every resource that takes them. */
  readonly tags: Record<string, string>;
  /** Resource group. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * Cost reports on Alibaba Cloud: an FC 3.0 function behind an HTTP trigger (the token settings of
 * the service desk) answering `GET /cost/reports`, and a second function on a weekly timer trigger
 * that writes the report, and the last closed month's reconciliation, to a private OSS bucket. The
 * API may read instance bills; the weekly one also the bill overview, and may write, only
 * oss:PutObject under the report prefix. Logs go to one SLS project.
 */
export class CostReports extends pulumi.ComponentResource {
  readonly bucket: AlicloudPrivateBucket;
  readonly apiFunction: CostReportFcFunction;
  readonly jobFunction: CostReportFcFunction;
  readonly httpTrigger: alicloud.fc.V3Trigger;
  readonly timerTrigger: alicloud.fc.V3Trigger;
  readonly logProject: alicloud.log.Project;
  /** Public URL of the HTTP trigger (reported by FC after creation). */
  readonly url: pulumi.Output<string | undefined>;

  constructor(name: string, args: CostReportsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:CostReports', name, {}, opts);
    const child = { parent: this };
    const common = { tags: args.tags, resourceGroupId: args.resourceGroupId };

    const code = new CostReportCode(`${name}-code`, { entry: args.entry, bucketName: args.codeBucketName }, child);
    const reportBucketName = `${args.namePrefix}-cost-reports`;
    this.bucket = new AlicloudPrivateBucket(`${name}-reports`, { bucketName: reportBucketName, expirationDays: args.reportRetentionDays, noncurrentVersionDays: 30, ...common }, child);

    // SLS project names are global: the service's prefix keeps this one ours.
    const functionLogs = fcLogs(
      name,
      { projectName: `${args.namePrefix}-cost`.toLowerCase(), description: 'Logs of the cost report functions', retentionDays: args.logRetentionDays, ...common },
      this,
    );
    this.logProject = functionLogs.project;
    const logs = { project: this.logProject.projectName, logstore: functionLogs.store.logstoreName };
    const codeObject = { bucketName: code.object.bucket, objectKey: code.object.key };
    const functionBase = { region: args.region, code: codeObject, logs, ...common };

    this.apiFunction = new CostReportFcFunction(
      `${name}-api`,
      {
        ...functionBase,
        functionName: `${args.namePrefix}-cost-api`,
        description: 'Cost report on request (GET /cost/reports)',
        handlerExport: 'handler',
        environment: { POWERTOOLS_SERVICE_NAME: 'cost-reports', ...args.tokenSettings, ...args.reportSettings },
        permissions: [{ actions: BSS_API_ACTIONS, resources: ['*'] }],
        timeoutSeconds: 30,
      },
      child,
    );
    this.httpTrigger = fcHttpTrigger(`${name}-api-http`, { functionName: this.apiFunction.function.functionName, triggerKeys: args.triggerKeys, healthPath: '/health' }, this);

    this.jobFunction = new CostReportFcFunction(
      `${name}-job`,
      {
        ...functionBase,
        functionName: `${args.namePrefix}-cost-job`,
        description: 'Weekly cost report to the report bucket',
        handlerExport: 'timerHandler',
        environment: {
          POWERTOOLS_SERVICE_NAME: 'cost-reports',
          ...args.reportSettings,
          OSS_BUCKET: this.bucket.bucketName,
          OSS_REGION: `oss-${args.region}`,
          // Same-region traffic to OSS stays on Alibaba's internal network.
          OSS_ENDPOINT: `oss-${args.region}-internal.aliyuncs.com`,
          REPORT_PREFIX: COST_REPORT_PREFIX,
        },
        permissions: [{ actions: BSS_JOB_ACTIONS, resources: ['*'] }, { actions: ['oss:PutObject'], resources: [`acs:oss:*:*:${reportBucketName}/${COST_REPORT_PREFIX}*`] }],
        timeoutSeconds: 300,
      },
      child,
    );
    this.timerTrigger = new alicloud.fc.V3Trigger(
      `${name}-job-timer`,
      {
        functionName: this.jobFunction.function.functionName,
        triggerName: 'weekly',
        triggerType: 'timer',
        qualifier: 'LATEST',
        description: 'Weekly cost report',
        triggerConfig: JSON.stringify({ cronExpression: args.timerCron, enable: true }),
      },
      child,
    );
    // Timer triggers invoke asynchronously: a failed run is retried twice, for at most six hours.
    new alicloud.fc.V3AsyncInvokeConfig(
      `${name}-job-retries`,
      { functionName: this.jobFunction.function.functionName, maxAsyncRetryAttempts: 2, maxAsyncEventAgeInSeconds: 6 * 3600 },
      child,
    );

    this.url = this.httpTrigger.httpTrigger.apply((http) => http?.urlInternet);
    this.registerOutputs({ url: this.url, bucketName: this.bucket.bucketName });
  }
}
