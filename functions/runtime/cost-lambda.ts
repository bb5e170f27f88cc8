/**
 * AWS Lambda entries of cost reporting, on AWS Cost Explorer:
 * - `handler`: `GET /cost/reports` behind the HTTP API (payload 2.0); API Gateway's JWT authorizer
 *   has verified the token, its claims arrive in the request context.
 * - `scheduledHandler`: the weekly report, invoked by EventBridge Scheduler, written to S3.
 *
 * Environment: REPORT_BUCKET (scheduled run), REPORT_PREFIX (default `cost-reports/`),
 * REPORT_KMS_KEY_ID (optional: SSE-KMS instead of SSE-S3), COST_GROUP_BY (default `ServiceName`),
 * COST_REPORT_WEEKS (default 4), COST_BUDGET (optional, `1000` or `USD=1000,CNY=7000`).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createCostApp } from '../cost/http/app';
import { runScheduledReport, type ScheduledReportResult } from '../cost/scheduled-report';
import { S3ReportSink } from '../cost/sinks/s3';
import { CostExplorerSource } from '../cost/sources/aws-cost-explorer';
import type { CostSource } from '../cost/sources/source';
import type { HttpApp } from '../ticketing/http/serve';
import { requestFromApiGateway } from './api-gateway';
import { requiredEnv } from './config';
import { runTime, scheduledReportSettingsFromEnv } from './cost-settings';
import { powertoolsLog } from './log';

/** What the schedule passes: its own time (`<aws.scheduler.scheduled-time>`), so a late retry reports the same weeks. */
export interface ScheduledReportEvent {
  readonly scheduledTime?: string;
}

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'cost-reporting' });
let source: CostSource | undefined;
let app: HttpApp | undefined;
let s3: S3Client | undefined;

/** Cost Explorer answers in us-east-1 only, whatever the function's region. */
function costExplorerSource(): CostSource {
  return (source ??= new CostExplorerSource({ client: new CostExplorerClient({ region: 'us-east-1' }) }));
}

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  app ??= createCostApp({ source: costExplorerSource(), clock: () => new Date(), log: powertoolsLog(logger) });
  const request = requestFromApiGateway(event);
  logger.appendKeys({ requestId: request.requestId });
  const response = await app(request);
  logger.info('request', { method: request.method, path: request.path, status: response.status, sub: request.principal?.sub });
  return { statusCode: response.status, headers: response.headers, body: response.body };
}

export async function scheduledHandler(event: ScheduledReportEvent | null | undefined): Promise<ScheduledReportResult> {
  const settings = scheduledReportSettingsFromEnv();
  const now = runTime(event?.scheduledTime);
  const sink = new S3ReportSink({ client: (s3 ??= new S3Client({})), bucket: requiredEnv('REPORT_BUCKET'), kmsKeyId: process.env.REPORT_KMS_KEY_ID || undefined });
  const result = await runScheduledReport({ source: costExplorerSource(), sink, clock: () => now, ...settings });
  logger.info('cost report written', { sink: sink.name, week: result.week, keys: result.keys, totals: result.totals });
  return result;
}
