import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { CostReports } from '../../constructs/alicloud/cost-report-service';
import { ServiceDeskCode } from '../../constructs/alicloud/service-desk-code';
import { ServiceDeskFcFunction } from '../../constructs/alicloud/service-desk-function';
import { ServiceDeskTablestore, TABLESTORE_STORE_ACTIONS } from '../../constructs/alicloud/service-desk-tablestore';
import type { TwinstackSpec } from '../spec';
import { resourcePrefix } from '../spec/naming';
import { describeSchedule, fcTimerCronExpression } from '../spec/cost-schedule';
import { businessCalendarSetting, costReportSettings } from '../spec/service-desk';
import { labelsFor, regionalProvider } from './common';

/** The FC 3.0 entry of the ticketing service (HTTP trigger events). */
export const SERVICE_DESK_FC_ENTRY = path.join(__dirname, '..', '..', 'functions', 'runtime', 'fc.ts');
/** The FC 3.0 entry of the cost reports (`handler` for the HTTP trigger, `timerHandler` for the timer). */
export const COST_REPORT_FC_ENTRY = path.join(__dirname, '..', '..', 'functions', 'runtime', 'cost-fc.ts');

/** Prefix of the service's Tablestore tables (`service_desk_tickets`, …); the instance is the service's own. */
const TABLE_PREFIX = 'service_desk';

export interface ServiceDeskArgs {
  /** The validated spec; this component reads `services['service-desk']`. */
  readonly spec: TwinstackSpec;
  /** Module exporting the function's `handler`. @default SERVICE_DESK_FC_ENTRY */
  readonly entry?: string;
  /** Module exporting the cost report handlers. @default COST_REPORT_FC_ENTRY */
  readonly costEntry?: string;
}

/**
 * The first of `<project>-<environment>-sd`, `<project>-<environment>` that fits Tablestore's 16
 * characters; otherwise the latter with the project shortened.
 */
export function defaultTablestoreInstanceName(spec: TwinstackSpec): string {
  const fitting = [`${spec.project}-${spec.environment}-sd`, `${spec.project}-${spec.environment}`].find((name) => name.length <= 16);
  if (fitting) return fitting;
  const suffix = `-${spec.environment}`;
  return `${spec.project.slice(0, 16 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/**
 * service-desk on Alibaba Cloud: the ticketing function on Function Compute 3.0 behind an HTTP
 * trigger, its tickets in Tablestore, its logs in SLS, its code in a private OSS bucket. Tokens are
 * checked by the function against the spec's issuer (and also by FC at the trigger when the spec
 * lists the issuer's keys). Local transactions must be enabled on the tickets table by hand once
 * (no API of the provider switches them on): the `manualSteps` output says so. With cost reports
 * enabled, also `GET /cost/reports` on a function of its own with the same token settings, and the
 * weekly report to a private OSS bucket on an FC timer trigger.
 */
export class ServiceDesk extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: ServiceDeskArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:ServiceDesk', name, {}, opts);
    const { spec } = args;
    const desk = spec.services['service-desk'];
    if (!desk) throw new Error('services.service-desk is not in the spec');
    const { region, tokenIssuer } = desk.alicloud;
    const tags = labelsFor(spec, 'service-desk');
    const resourceGroupId = spec.alicloud.resourceGroupId;
    const provider = regionalProvider(this, `${name}-${region}`, region);
    const child = { parent: this, provider };

    const code = new ServiceDeskCode(
      `${name}-code`,
      { entry: args.entry ?? SERVICE_DESK_FC_ENTRY, bucketName: `${resourcePrefix(spec)}-service-desk-code`, tags, resourceGroupId },
      child,
    );
    const instanceName = desk.alicloud.tablestoreInstanceName ?? defaultTablestoreInstanceName(spec);
    const store = new ServiceDeskTablestore(
      `${name}-store`,
      { instanceName, tablePrefix: TABLE_PREFIX, region, tags, resourceGroupId },
      child,
    );
    const calendar = businessCalendarSetting(desk.businessCalendar);
    const tokenSettings = {
      JWT_ISSUER: tokenIssuer.issuer,
      JWT_AUDIENCE: tokenIssuer.audience,
      JWT_JWKS_URL: tokenIssuer.jwksUrl ?? `${tokenIssuer.issuer.replace(/\/+$/, '')}/.well-known/jwks.json`,
    };
    const fn = new ServiceDeskFcFunction(
      `${name}-api`,
      {
        functionName: `${resourcePrefix(spec)}-service-desk`,
        region,
        code: { bucketName: code.bucket.bucketName, objectKey: code.object.key },
        environment: {
          OTS_ENDPOINT: store.endpoint,
          OTS_INSTANCE_NAME: instanceName,
          TABLE_NAME: TABLE_PREFIX,
          POWERTOOLS_SERVICE_NAME: 'ticketing',
          ...tokenSettings,
          ...(calendar ? { BUSINESS_CALENDAR: calendar } : {}),
        },
        permissions: [{ actions: TABLESTORE_STORE_ACTIONS, resources: store.tableArns }],
        logRetentionDays: desk.logRetentionDays,
        triggerKeys: tokenIssuer.triggerKeys,
        tags,
        resourceGroupId,
      },
      child,
    );

    const reports = desk.costReports;
    const costReports = reports.enabled
      ? new CostReports(
          `${name}-cost`,
          {
            entry: args.costEntry ?? COST_REPORT_FC_ENTRY,
            namePrefix: `${resourcePrefix(spec)}-service-desk`,
            region,
            codeBucketName: code.bucket.bucketName,
            tokenSettings,
            triggerKeys: tokenIssuer.triggerKeys,
            reportSettings: costReportSettings(reports),
            timerCron: fcTimerCronExpression(reports.schedule),
            reportRetentionDays: reports.reportRetentionDays,
            logRetentionDays: desk.logRetentionDays,
            tags,
            resourceGroupId,
          },
          child,
        )
      : undefined;

    this.outputs = pulumi
      .output({
        region,
        url: fn.url,
        functionName: fn.function.functionName,
        tablestoreInstance: instanceName,
        tablestoreEndpoint: store.endpoint,
        tables: store.tableNames,
        logProject: fn.logProject.projectName,
        codeObject: code.objectKey,
        ...(costReports
          ? {
              costReportsUrl: costReports.url,
              costReportBucket: costReports.bucket.bucketName,
              costReportSchedule: `${describeSchedule(reports.schedule)} (${fcTimerCronExpression(reports.schedule)})`,
            }
          : {}),
        manualSteps: [
          `Enable local transactions on Tablestore table ${store.tableNames.tickets} of instance ${instanceName}: ` +
            'the store writes a ticket and its audit events in one local transaction, which the provider cannot switch on.',
        ],
      })
      .apply((resolved) => Object.fromEntries(Object.entries(resolved as Record<string, unknown>).filter(([, value]) => value !== undefined)));
    this.registerOutputs(this.outputs);
  }
}
