/**
 * Alibaba Cloud Function Compute 3.0 entries of cost reporting, on the BSS OpenAPI:
 * - `handler`: `GET /cost/reports` behind an HTTP trigger; the bearer token is verified against the
 *   identity provider's JWKS (JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL) as the ticketing entry does.
 * - `timerHandler`: the weekly report, invoked by a timer trigger, written to OSS; then the last
 *   closed billing month reconciled (`QueryBillOverview` against the daily instance bills) and
 *   written beside it as `<REPORT_PREFIX>reconciliation/<YYYY-MM>.json`.
 * Both call Alibaba Cloud with the STS credentials of the function's role, from the context.
 *
 * Environment: BSS_ENDPOINT (default `business.aliyuncs.com`; `http://host:port` for a test
 * endpoint), OSS_BUCKET and OSS_REGION (e.g. `oss-cn-hangzhou`) for the timer, OSS_ENDPOINT
 * (optional, e.g. the internal endpoint), REPORT_PREFIX, COST_GROUP_BY, COST_REPORT_WEEKS and
 * COST_BUDGET as on AWS.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import Bss from '@alicloud/bssopenapi20171214';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import OSS from 'ali-oss';
import { createCostApp } from '../cost/http/app';
import { runMonthlyReconciliation, type MonthlyReconciliationResult } from '../cost/monthly-reconciliation';
import { runScheduledReport, type ScheduledReportResult } from '../cost/scheduled-report';
import { OssReportSink } from '../cost/sinks/oss';
import { AlibabaBssSource, BSS_REQUESTS_PER_SECOND } from '../cost/sources/alibaba-bss';
import { CostSourceError } from '../cost/sources/errors';
import { RateLimiter } from '../cost/sources/rate-limiter';
import type { HttpApp } from '../ticketing/http/serve';
import { requiredEnv } from './config';
import { runTime, scheduledReportSettingsFromEnv } from './cost-settings';
import { fcHttpHandler, parseFcEvent, perCredentials, type FcContext } from './fc-http';
import { powertoolsLog } from './log';

/** The FC timer trigger's event. */
export interface FcTimerEvent {
  /** When the trigger fired, ISO 8601 UTC, e.g. `2024-04-01T06:00:00Z`. */
  readonly triggerTime?: string;
  readonly triggerName?: string;
  /** The trigger's configured payload (unused). */
  readonly payload?: string;
}

const DEFAULT_BSS_ENDPOINT = 'business.aliyuncs.com';
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'cost-reporting' });
/** One pace for every source this instance builds: the BSS limit is per account, not per credentials. */
const bssRateLimiter = new RateLimiter({ requestsPerSecond: BSS_REQUESTS_PER_SECOND });

/** `host`, or `http://host:port` for an endpoint without TLS (a local test endpoint). */
function endpointOf(text: string): { endpoint: string; protocol: 'HTTP' | 'HTTPS' } {
  const match = /^(https?):\/\/([^/]+)\/?$/i.exec(text);
  return match ? { endpoint: match[2], protocol: match[1].toUpperCase() as 'HTTP' | 'HTTPS' } : { endpoint: text, protocol: 'HTTPS' };
}

/** The BSS OpenAPI source on the role's current STS credentials. */
const sourceFor = perCredentials((context): AlibabaBssSource => {
  const { accessKeyId, accessKeySecret, securityToken } = context.credentials;
  const client = new Bss(new $OpenApiUtil.Config({ accessKeyId, accessKeySecret, securityToken, ...endpointOf(process.env.BSS_ENDPOINT || DEFAULT_BSS_ENDPOINT) }));
  return new AlibabaBssSource({ client, rateLimiter: bssRateLimiter });
});

/** The OSS report sink on the role's current STS credentials. */
const sinkFor = perCredentials((context): OssReportSink => {
  const bucket = requiredEnv('OSS_BUCKET');
  const { accessKeyId, accessKeySecret, securityToken } = context.credentials;
  const client = new OSS({
    region: requiredEnv('OSS_REGION'),
    bucket,
    accessKeyId,
    accessKeySecret,
    stsToken: securityToken,
    // The client is rebuilt when FC rotates the role's credentials, so these stay the current ones.
    refreshSTSToken: async () => ({ accessKeyId, accessKeySecret, stsToken: securityToken ?? '' }),
    secure: true,
    ...(process.env.OSS_ENDPOINT ? { endpoint: process.env.OSS_ENDPOINT } : {}),
  });
  return new OssReportSink({ client, bucket });
});

const appFor = perCredentials((context): HttpApp => createCostApp({ source: sourceFor(context), clock: () => new Date(), log: powertoolsLog(logger) }));

export const handler = fcHttpHandler(appFor, powertoolsLog(logger));

/** What a timer run wrote: the weekly report and the last closed month's reconciliation. */
export interface CostTimerResult extends ScheduledReportResult {
  readonly reconciliation: MonthlyReconciliationResult;
}

export async function timerHandler(event: Buffer | string | FcTimerEvent, context: FcContext): Promise<CostTimerResult> {
  const settings = scheduledReportSettingsFromEnv();
  const now = runTime(parseFcEvent<FcTimerEvent>(event).triggerTime);
  const sink = sinkFor(context);
  const source = sourceFor(context);
  const result = await runScheduledReport({ source, sink, clock: () => now, ...settings });
  logger.info('cost report written', { requestId: context.requestId, sink: sink.name, week: result.week, keys: result.keys, totals: result.totals });

  // The report is written first so a failed reconciliation (throttled, denied) cannot lose it. The
  // failure is still the invocation's: FC then records the run as failed and retries it (twice,
  // see the async invoke config), which rewrites the same report keys and tries the month again,
  // rather than a green run with no reconciliation file that nobody notices.
  let reconciliation: MonthlyReconciliationResult;
  try {
    reconciliation = await runMonthlyReconciliation({ source, sink, clock: () => now, prefix: settings.prefix });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const call = error instanceof CostSourceError ? { operation: error.operation, failure: error.failure, code: error.code } : {};
    logger.error('cost reconciliation failed', { requestId: context.requestId, reportKeys: result.keys, ...call, error: reason });
    throw new Error(`the weekly report was written (${result.keys.json}), but reconciling the last closed billing month failed: ${reason}`, { cause: error });
  }
  const fields = { requestId: context.requestId, billingCycle: reconciliation.billingCycle, status: reconciliation.status, key: reconciliation.key };
  if (reconciliation.matched) {
    logger.info('cost reconciliation matched', fields);
  } else {
    const differing = reconciliation.differing.map((product) => `${product.productCode} ${product.currency} (${product.difference})`);
    logger.warn(`cost reconciliation of ${reconciliation.billingCycle} (${reconciliation.status}) differs for ${differing.join(', ')}`, { ...fields, differing: reconciliation.differing });
  }
  return { ...result, reconciliation };
}
