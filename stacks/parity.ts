/**
 * Parity report: for each architecture, the capabilities the spec asks for and, per cloud, the
 * resource types that deliver them — read from what was actually rendered (CloudFormation
 * templates, Alibaba manifests), never from intent alone. A capability a cloud did not render is a
 * named gap with the reason recorded below, so a silent drop cannot pass for parity.
 */
import type { Manifest } from './alicloud/manifest';
import type { TwinstackSpec, WorkloadName } from './spec';
import { isEnabled, WORKLOADS } from './spec';

export type Cloud = 'aws' | 'alicloud';

/** A resource type that can deliver a capability, optionally only when its properties say so. */
export interface Realisation {
  /** CloudFormation type (`AWS::S3::Bucket`) or Alibaba type token (`alicloud:oss/bucket:Bucket`). */
  readonly type: string;
  /** What the property test checks, shown next to the type (e.g. `ReplicationConfiguration`). */
  readonly note?: string;
  /** Properties (AWS) or inputs (Alibaba) a resource must have to count; any resource of the type when absent. */
  readonly test?: (properties: Record<string, unknown>) => boolean;
}

/** How one cloud delivers a capability. */
export interface CloudRealisation {
  /** Every group must be rendered by at least one of its candidates. */
  readonly requires: ReadonlyArray<readonly Realisation[]>;
  /** Distinct sites (AWS: stacks; Alibaba: regions) the matching resources must span. Default 1. */
  readonly sites?: number;
  /** Why the capability is missing when nothing renders it: printed as `gap: <reason>`. */
  readonly gap: string;
}

export interface Capability {
  /** What the spec asks for, as a reader of the report names it. */
  readonly label: string | ((spec: TwinstackSpec) => string);
  /** Whether the spec asks for it at all (e.g. standby compute is not part of backup-restore). Default: always. */
  readonly applies?: (spec: TwinstackSpec) => boolean;
  readonly aws: CloudRealisation;
  readonly alicloud: CloudRealisation;
}

/** One synthesized CloudFormation stack, keyed by stack name in `renderParity`'s input. */
export interface AwsTemplate {
  readonly architecture: WorkloadName;
  readonly template: { readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }> };
}

interface Rendered {
  readonly type: string;
  readonly site: string;
  readonly properties: Record<string, unknown>;
}

const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
const isSet = (value: unknown) => value !== undefined && value !== null && value !== false && value !== '' && !(Array.isArray(value) && value.length === 0);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A type that counts whatever its properties. */
const any = (type: string): Realisation => ({ type });
/** A type that counts when the property at `path` is set (not absent, false, empty). */
const withSet = (type: string, path: string): Realisation => ({ type, note: path, test: (p) => isSet(at(p, path)) });
/** A type that counts when the property at `path` equals `value`. */
const withValue = (type: string, path: string, value: unknown): Realisation => ({ type, note: `${path}=${String(value)}`, test: (p) => at(p, path) === value });
/** A type that counts when the array at `path` holds at least `count` items. */
const withItems = (type: string, path: string, count: number): Realisation => ({ type, note: `${count}+ ${path}`, test: (p) => arrayOf(at(p, path)).length >= count });

const ALI_HBR_PLANS = ['ossBackupPlan:OssBackupPlan', 'ecsBackupPlan:EcsBackupPlan', 'nasBackupPlan:NasBackupPlan', 'otsBackupPlan:OtsBackupPlan', 'serverBackupPlan:ServerBackupPlan', 'policy:Policy'].map((t) => any(`alicloud:hbr/${t}`));
const AWS_ALB = any('AWS::ElasticLoadBalancingV2::LoadBalancer');
const ALI_ALB = any('alicloud:alb/loadBalancer:LoadBalancer');
const AUTOSCALING: Pick<Capability, 'aws' | 'alicloud'> = {
  aws: { requires: [[any('AWS::AutoScaling::AutoScalingGroup')], [any('AWS::AutoScaling::ScalingPolicy')]], gap: 'no Auto Scaling group with a scaling policy rendered' },
  alicloud: { requires: [[any('alicloud:ess/scalingGroup:ScalingGroup')], [any('alicloud:ess/scalingRule:ScalingRule')]], gap: 'no ESS scaling group with a scaling rule rendered' },
};

const costReportsEnabled = (spec: TwinstackSpec) => spec.services['service-desk']?.costReports.enabled ?? false;
const ALI_FUNCTION = 'alicloud:fc/v3Function:V3Function';
/** Actions a policy document allows: a CloudFormation object or RAM's JSON text. */
function allowedActions(document: unknown): string[] {
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch {
      return [];
    }
  }
  return arrayOf(at(parsed, 'Statement')).flatMap((statement: any) => (statement?.Effect === 'Allow' ? [statement.Action].flat() : []));
}

/** The cost reports of the service desk: on request, weekly to a bucket, with least-privilege billing reads. */
const COST_REPORT_CAPABILITIES: readonly Capability[] = [
  {
    label: 'Cost report API (GET /cost/reports) behind the token check',
    applies: costReportsEnabled,
    aws: {
      requires: [[{ type: 'AWS::ApiGatewayV2::Route', note: 'GET /cost/reports, JWT', test: (p) => p.RouteKey === 'GET /cost/reports' && p.AuthorizationType === 'JWT' }]],
      gap: 'no JWT-authorized GET /cost/reports route rendered',
    },
    alicloud: {
      requires: [
        [{ type: ALI_FUNCTION, note: 'handler with COST_GROUP_BY and JWT_JWKS_URL', test: (p) => isSet(at(p, 'environmentVariables.COST_GROUP_BY')) && isSet(at(p, 'environmentVariables.JWT_JWKS_URL')) }],
        [withValue('alicloud:fc/v3Trigger:V3Trigger', 'triggerType', 'http')],
      ],
      gap: 'no HTTP-triggered cost function that verifies tokens rendered',
    },
  },
  {
    label: (spec) => {
      const schedule = spec.services['service-desk']!.costReports.schedule;
      return `Weekly cost report (${schedule.dayOfWeek} ${schedule.time} ${schedule.timeZone})`;
    },
    applies: costReportsEnabled,
    aws: { requires: [[withSet('AWS::Scheduler::Schedule', 'ScheduleExpressionTimezone')]], gap: 'no EventBridge Scheduler schedule with a time zone rendered' },
    alicloud: {
      requires: [[{ type: 'alicloud:fc/v3Trigger:V3Trigger', note: 'timer, CRON_TZ', test: (p) => p.triggerType === 'timer' && String(p.triggerConfig).includes('CRON_TZ=') }]],
      gap: 'no FC timer trigger with a time zone rendered',
    },
  },
  {
    label: 'Billing read access only (Cost Explorer GetCostAndUsage; BSS read actions)',
    applies: costReportsEnabled,
    aws: {
      requires: [[{ type: 'AWS::IAM::Policy', note: 'ce:GetCostAndUsage', test: (p) => allowedActions(p.PolicyDocument).includes('ce:GetCostAndUsage') }]],
      gap: 'no policy granting ce:GetCostAndUsage rendered',
    },
    alicloud: {
      requires: [[{ type: 'alicloud:ram/policy:Policy', note: 'bssapi:DescribeInstanceBill', test: (p) => allowedActions(p.policyDocument).includes('bssapi:DescribeInstanceBill') }]],
      gap: 'no RAM policy granting the BSS bill reads rendered',
    },
  },
  {
    label: 'Reports in a private bucket that expires them',
    applies: costReportsEnabled,
    aws: {
      requires: [[{ type: 'AWS::S3::Bucket', note: 'PublicAccessBlock, ExpirationInDays', test: (p) => isSet(p.PublicAccessBlockConfiguration) && arrayOf(at(p, 'LifecycleConfiguration.Rules')).some((r: any) => isSet(r?.ExpirationInDays)) }]],
      gap: 'no blocked bucket with an expiry rendered',
    },
    alicloud: {
      requires: [
        [{ type: 'alicloud:oss/bucket:Bucket', note: 'lifecycle expirations', test: (p) => arrayOf(p.lifecycleRules).some((r: any) => arrayOf(r?.expirations).length > 0) }],
        [withValue('alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock', 'blockPublicAccess', true)],
      ],
      gap: 'no blocked OSS bucket with an expiry rendered',
    },
  },
  {
    label: 'Failed weekly runs retried',
    applies: costReportsEnabled,
    aws: {
      requires: [[withSet('AWS::Scheduler::Schedule', 'Target.RetryPolicy')], [withSet('AWS::Lambda::EventInvokeConfig', 'MaximumRetryAttempts')]],
      gap: 'no schedule retry policy and asynchronous retry configuration rendered',
    },
    alicloud: { requires: [[withSet('alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig', 'maxAsyncRetryAttempts')]], gap: 'no asynchronous retry configuration rendered' },
  },
  {
    label: 'Failed weekly runs kept for a rerun, and alarmed',
    applies: costReportsEnabled,
    aws: {
      requires: [[withSet('AWS::Scheduler::Schedule', 'Target.DeadLetterConfig')], [withValue('AWS::CloudWatch::Alarm', 'MetricName', 'ApproximateNumberOfMessagesVisible')]],
      gap: 'no dead-letter queue with a depth alarm rendered',
    },
    alicloud: {
      requires: [[withSet('alicloud:fc/v3AsyncInvokeConfig:V3AsyncInvokeConfig', 'destinationConfig.onFailure.destination')], [any('alicloud:cms/alarm:Alarm')]],
      gap: 'no failure destination for the timer function and no CloudMonitor alarm rendered',
    },
  },
];

/** The capabilities of each architecture and service, and the types that may realise them on each cloud. */
export const CAPABILITIES: Record<WorkloadName, readonly Capability[]> = {
  'dual-active': [
    {
      label: 'Two active sites, each behind a load balancer',
      aws: { requires: [[AWS_ALB]], sites: 2, gap: 'a load balancer is not rendered in both regional stacks' },
      alicloud: { requires: [[ALI_ALB]], sites: 2, gap: 'an ALB is not rendered in both regions' },
    },
    {
      label: 'Global data replication',
      aws: { requires: [[withItems('AWS::DynamoDB::GlobalTable', 'Replicas', 2), any('AWS::RDS::GlobalCluster')]], gap: 'no global table or global database rendered' },
      alicloud: {
        requires: [[any('alicloud:polardb/globalDatabaseNetwork:GlobalDatabaseNetwork'), any('alicloud:dts/synchronizationJob:SynchronizationJob')]],
        gap: 'no PolarDB global database network or DTS synchronization rendered (RDS read-only instances stay in the primary region)',
      },
    },
    {
      label: 'DNS steering with health checks',
      aws: { requires: [[any('AWS::Route53::HealthCheck')], [withSet('AWS::Route53::RecordSet', 'Region'), withSet('AWS::Route53::RecordSet', 'Failover')]], gap: 'no health-checked latency or failover records rendered' },
      alicloud: {
        requires: [[any('alicloud:dns/addressPool:AddressPool')], [any('alicloud:dns/monitorConfig:MonitorConfig'), any('alicloud:cms/siteMonitor:SiteMonitor')]],
        gap: 'no GTM address pools with health monitoring rendered',
      },
    },
    {
      label: 'HTTPS entry',
      aws: { requires: [[withValue('AWS::ElasticLoadBalancingV2::Listener', 'Protocol', 'HTTPS')]], gap: 'no HTTPS listener rendered' },
      alicloud: { requires: [[withValue('alicloud:alb/listener:Listener', 'listenerProtocol', 'HTTPS')]], gap: 'no HTTPS ALB listener rendered' },
    },
    { label: 'Autoscaling on CPU', ...AUTOSCALING },
    {
      label: 'Load balancer access logs',
      aws: {
        requires: [[{ type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', note: 'access_logs.s3.enabled', test: (p) => arrayOf(p.LoadBalancerAttributes).some((a: any) => a?.Key === 'access_logs.s3.enabled' && String(a?.Value) === 'true') }]],
        gap: 'no load balancer with access logs enabled rendered',
      },
      alicloud: {
        requires: [[withSet('alicloud:alb/loadBalancer:LoadBalancer', 'accessLogConfig'), any('alicloud:alb/loadBalancerAccessLogConfigAttachment:LoadBalancerAccessLogConfigAttachment')]],
        gap: 'no ALB access log configuration rendered',
      },
    },
  ],
  'disaster-recovery': [
    {
      label: 'Backups with a cross-region copy',
      aws: {
        requires: [[{ type: 'AWS::Backup::BackupPlan', note: 'CopyActions', test: (p) => arrayOf(at(p, 'BackupPlan.BackupPlanRule')).some((r: any) => isSet(r?.CopyActions)) }]],
        gap: 'no backup plan copying to the recovery region rendered',
      },
      alicloud: {
        requires: [ALI_HBR_PLANS, [any('alicloud:hbr/replicationVault:ReplicationVault'), any('alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy')]],
        gap: 'no HBR backup plan with a replication vault (or RDS cross-region backup) rendered',
      },
    },
    {
      label: 'Object replication to the recovery region',
      aws: { requires: [[withSet('AWS::S3::Bucket', 'ReplicationConfiguration')]], gap: 'no bucket with a replication configuration rendered' },
      alicloud: { requires: [[any('alicloud:oss/bucketReplication:BucketReplication')]], gap: 'no OSS bucket replication rendered' },
    },
    {
      label: (spec) => `Standby compute at the recovery site (${spec.architectures['disaster-recovery'].strategy})`,
      applies: (spec) => spec.architectures['disaster-recovery'].strategy !== 'backup-restore',
      aws: { requires: [[any('AWS::AutoScaling::AutoScalingGroup')]], sites: 2, gap: 'no Auto Scaling group at both sites rendered' },
      alicloud: { requires: [[any('alicloud:ess/scalingGroup:ScalingGroup')]], sites: 2, gap: 'no ESS scaling group in both regions rendered' },
    },
    {
      label: 'DNS failover with health checks',
      aws: { requires: [[any('AWS::Route53::HealthCheck')], [withSet('AWS::Route53::RecordSet', 'Failover')]], gap: 'no health-checked failover records rendered' },
      alicloud: {
        requires: [[any('alicloud:dns/accessStrategy:AccessStrategy')], [any('alicloud:dns/monitorConfig:MonitorConfig'), any('alicloud:cms/siteMonitor:SiteMonitor')]],
        gap: 'no GTM access strategy with health monitoring rendered',
      },
    },
    {
      label: (spec) => {
        const dr = spec.architectures['disaster-recovery'];
        return `RPO ${dr.rpoMinutes} min / RTO ${dr.rtoMinutes} min stated, backups scheduled`;
      },
      aws: { requires: [[any('AWS::Backup::BackupPlan')]], gap: 'no backup schedule rendered to hold the RPO' },
      alicloud: { requires: [ALI_HBR_PLANS], gap: 'no HBR schedule rendered to hold the RPO' },
    },
  ],
  'high-performance-web': [
    {
      label: 'CDN',
      aws: { requires: [[any('AWS::CloudFront::Distribution')]], gap: 'no CloudFront distribution rendered' },
      alicloud: { requires: [[any('alicloud:cdn/domainNew:DomainNew'), any('alicloud:dcdn/domain:Domain')]], gap: 'no CDN or DCDN domain rendered' },
    },
    {
      label: 'WAF with managed rules and rate limit',
      aws: { requires: [[any('AWS::WAFv2::WebACL')]], gap: 'no WAFv2 web ACL rendered' },
      alicloud: {
        requires: [[any('alicloud:wafv3/instance:Instance'), any('alicloud:dcdn/wafDomain:WafDomain')], [any('alicloud:wafv3/defenseRule:DefenseRule'), any('alicloud:wafv3/domain:Domain'), any('alicloud:dcdn/wafPolicy:WafPolicy')]],
        gap: 'no WAF 3.0 instance with protected domain or rules rendered',
      },
    },
    {
      label: 'Load balancer',
      aws: { requires: [[AWS_ALB]], gap: 'no load balancer rendered' },
      alicloud: { requires: [[ALI_ALB]], gap: 'no ALB rendered' },
    },
    { label: 'Autoscaling on CPU', ...AUTOSCALING },
    {
      label: 'Cache with a replica in a second zone',
      aws: { requires: [[withValue('AWS::ElastiCache::ReplicationGroup', 'MultiAZEnabled', true)]], gap: 'no multi-AZ replication group rendered' },
      alicloud: { requires: [[withSet('alicloud:kvstore/instance:Instance', 'secondaryZoneId')]], gap: 'no KVStore instance with a secondary zone rendered' },
    },
    {
      label: 'Static origin private, read by the CDN only',
      aws: { requires: [[any('AWS::CloudFront::OriginAccessControl')], [withSet('AWS::S3::Bucket', 'PublicAccessBlockConfiguration')]], gap: 'no origin access control over a blocked bucket rendered' },
      alicloud: {
        requires: [
          [withValue('alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock', 'blockPublicAccess', true)],
          [withValue('alicloud:cdn/domainConfig:DomainConfig', 'functionName', 'l2_oss_key'), withValue('alicloud:dcdn/domainConfig:DomainConfig', 'functionName', 'l2_oss_key')],
        ],
        gap: 'no private-bucket back-to-origin (l2_oss_key) over a blocked bucket rendered',
      },
    },
  ],
  'hybrid-vpn': [
    {
      label: 'IPsec with two tunnels',
      aws: { requires: [[withItems('AWS::EC2::VPNConnection', 'VpnTunnelOptionsSpecifications', 2)]], gap: 'no VPN connection with two tunnels rendered' },
      alicloud: { requires: [[withItems('alicloud:vpn/connection:Connection', 'tunnelOptionsSpecifications', 2)]], gap: 'no dual-tunnel VPN connection rendered' },
    },
    {
      label: 'BGP over the tunnels',
      aws: { requires: [[{ type: 'AWS::EC2::VPNConnection', note: 'StaticRoutesOnly not true', test: (p) => p.StaticRoutesOnly !== true }]], gap: 'the VPN connection uses static routes only' },
      alicloud: {
        requires: [[withValue('alicloud:vpn/connection:Connection', 'enableTunnelsBgp', true), withValue('alicloud:vpn/connection:Connection', 'bgpConfig.enable', true)]],
        gap: 'no VPN connection with BGP enabled rendered',
      },
    },
    {
      label: 'Customer gateway with the on-premises ASN',
      aws: { requires: [[withSet('AWS::EC2::CustomerGateway', 'BgpAsn')]], gap: 'no customer gateway rendered' },
      alicloud: { requires: [[withSet('alicloud:vpn/customerGateway:CustomerGateway', 'asn')]], gap: 'no customer gateway with an ASN rendered' },
    },
    {
      label: 'Routing to the on-premises ranges',
      aws: { requires: [[any('AWS::EC2::TransitGatewayVpcAttachment')], [withSet('AWS::EC2::Route', 'TransitGatewayId')]], gap: 'no VPC routes through a transit gateway attachment rendered' },
      alicloud: {
        requires: [[any('alicloud:vpn/routeEntry:RouteEntry'), any('alicloud:vpc/routeEntry:RouteEntry'), any('alicloud:cen/transitRouterVpnAttachment:TransitRouterVpnAttachment'), withValue('alicloud:vpn/connection:Connection', 'enableTunnelsBgp', true)]],
        gap: 'no route entries or BGP propagation towards the on-premises ranges rendered',
      },
    },
    {
      label: 'Tunnel monitoring and alarms',
      aws: { requires: [[any('AWS::CloudWatch::Alarm')]], gap: 'no tunnel alarm rendered' },
      alicloud: {
        requires: [[withSet('alicloud:vpn/connection:Connection', 'healthCheckConfig.enable'), any('alicloud:cms/alarm:Alarm')]],
        gap: 'no VPN health check or CloudMonitor alarm rendered',
      },
    },
  ],
  'service-desk': [
    {
      label: 'HTTP API that verifies bearer tokens',
      aws: { requires: [[any('AWS::ApiGatewayV2::Api')], [withValue('AWS::ApiGatewayV2::Authorizer', 'AuthorizerType', 'JWT')]], gap: 'no HTTP API with a JWT authorizer rendered' },
      alicloud: {
        requires: [[withValue('alicloud:fc/v3Trigger:V3Trigger', 'triggerType', 'http')], [withSet('alicloud:fc/v3Function:V3Function', 'environmentVariables.JWT_JWKS_URL')]],
        gap: 'no HTTP trigger on a function that verifies tokens rendered',
      },
    },
    {
      label: 'Serverless function',
      aws: { requires: [[any('AWS::Lambda::Function')]], gap: 'no Lambda function rendered' },
      alicloud: { requires: [[any('alicloud:fc/v3Function:V3Function')]], gap: 'no FC 3.0 function rendered' },
    },
    {
      label: 'Ticket table with encryption at rest',
      aws: { requires: [[withValue('AWS::DynamoDB::GlobalTable', 'SSESpecification.SSEEnabled', true), any('AWS::DynamoDB::Table')]], gap: 'no encrypted DynamoDB table rendered' },
      alicloud: { requires: [[withValue('alicloud:ots/table:Table', 'enableSse', true)]], gap: 'no encrypted Tablestore table rendered' },
    },
    {
      label: 'Point-in-time recovery or backups of the tickets',
      aws: {
        requires: [[{ type: 'AWS::DynamoDB::GlobalTable', note: 'PointInTimeRecoveryEnabled', test: (p) => arrayOf(p.Replicas).some((r: any) => r?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true) }]],
        gap: 'no table with point-in-time recovery rendered',
      },
      alicloud: { requires: [[any('alicloud:hbr/otsBackupPlan:OtsBackupPlan')]], gap: 'no HBR backup plan for the Tablestore instance rendered' },
    },
    {
      label: 'Function logs retained',
      aws: { requires: [[withSet('AWS::Logs::LogGroup', 'RetentionInDays')]], gap: 'no log group with a retention rendered' },
      alicloud: { requires: [[withSet('alicloud:log/store:Store', 'retentionPeriod')]], gap: 'no SLS logstore with a retention rendered' },
    },
    {
      label: 'Alarms on errors, throttling and latency',
      aws: { requires: [[any('AWS::CloudWatch::Alarm')]], gap: 'no alarm rendered' },
      alicloud: { requires: [[any('alicloud:cms/alarm:Alarm')]], gap: 'no CloudMonitor alarm rendered' },
    },
    ...COST_REPORT_CAPABILITIES,
  ],
};

const CLOUD_TITLES: Record<Cloud, string> = { aws: 'AWS', alicloud: 'Alibaba Cloud' };

function renderedAws(templates: Record<string, AwsTemplate>, architecture: WorkloadName): Rendered[] | undefined {
  const stacks = Object.keys(templates).sort().filter((name) => templates[name].architecture === architecture);
  if (stacks.length === 0) return undefined;
  return stacks.flatMap((site) =>
    Object.keys(templates[site].template.Resources ?? {})
      .sort()
      .map((id) => {
        const resource = templates[site].template.Resources![id];
        return { type: resource.Type, site, properties: resource.Properties ?? {} };
      }),
  );
}

function renderedAlicloud(manifest: Manifest | undefined): Rendered[] | undefined {
  return manifest?.resources.map((r) => ({ type: r.type, site: r.region ?? 'global', properties: r.inputs }));
}

const matches = (candidate: Realisation, resource: Rendered) => resource.type === candidate.type && (candidate.test?.(resource.properties) ?? true);
const escape = (text: string) => text.replace(/\|/g, '\\|');

/** One cell: the types that were rendered for the capability, or a named gap. */
function cell(realisation: CloudRealisation, rendered: readonly Rendered[] | undefined): { text: string; gap: boolean } {
  if (!rendered) return { text: 'gap: nothing rendered for this architecture on this cloud', gap: true };
  const found = realisation.requires.map((group) => group.map((candidate) => ({ candidate, hits: rendered.filter((r) => matches(candidate, r)) })).filter((c) => c.hits.length > 0));
  const missing = found.findIndex((group) => group.length === 0);
  if (missing >= 0) {
    const wanted = realisation.requires[missing].map((c) => `\`${c.type}\`${c.note ? ` (${c.note})` : ''}`).join(' or ');
    return { text: escape(`gap: ${realisation.gap} — none of ${wanted}`), gap: true };
  }
  const sites = new Set(found.flat().flatMap((c) => c.hits.map((h) => h.site))).size;
  const wantedSites = realisation.sites ?? 1;
  if (sites < wantedSites) return { text: escape(`gap: ${realisation.gap} — rendered in ${sites} of ${wantedSites} sites`), gap: true };
  const claimed = found.flat().map(({ candidate, hits }) => `\`${candidate.type}\`${candidate.note ? ` (${candidate.note})` : ''} ×${hits.length}`);
  return { text: escape([...new Set(claimed)].join(', ')), gap: false };
}

/**
 * Markdown parity report for the enabled architectures of `spec`, from the synthesized AWS
 * templates (by stack name) and the Alibaba manifests (by architecture). Same inputs, same text.
 */
export function renderParity(
  spec: TwinstackSpec,
  awsTemplates: Record<string, AwsTemplate>,
  manifests: Record<string, Manifest>,
  capabilities: Partial<Record<WorkloadName, readonly Capability[]>> = CAPABILITIES,
): string {
  const clouds: Cloud[] = ['aws', 'alicloud'];
  const summary: string[] = [];
  const sections: string[] = [];
  // Each architecture and service the capability table covers, in the spec's order.
  for (const architecture of WORKLOADS.filter((w) => capabilities[w] !== undefined)) {
    if (!isEnabled(spec, architecture)) {
      sections.push(`## ${architecture}\n\nDisabled in the spec.\n`);
      continue;
    }
    const rendered: Record<Cloud, Rendered[] | undefined> = {
      aws: renderedAws(awsTemplates, architecture),
      alicloud: renderedAlicloud(manifests[architecture]),
    };
    const applicable = (capabilities[architecture] ?? []).filter((c) => c.applies?.(spec) ?? true);
    const gaps: Record<Cloud, number> = { aws: 0, alicloud: 0 };
    const rows = applicable.map((capability) => {
      const label = typeof capability.label === 'function' ? capability.label(spec) : capability.label;
      const cells = clouds.map((cloud) => {
        const result = cell(capability[cloud], rendered[cloud]);
        if (result.gap) gaps[cloud] += 1;
        return result.text;
      });
      return `| ${escape(label)} | ${cells.join(' | ')} |`;
    });
    summary.push(`| ${architecture} | ${applicable.length} | ${gaps.aws} | ${gaps.alicloud} |`);
    sections.push(
      [`## ${architecture}`, '', `| Capability | ${clouds.map((c) => CLOUD_TITLES[c]).join(' | ')} |`, '| --- | --- | --- |', ...rows, ''].join('\n'),
    );
  }
  return [
    '# Parity: AWS and Alibaba Cloud',
    '',
    'Each capability the spec asks for, with the resource types that deliver it as rendered (CloudFormation templates, Alibaba manifests). A type is listed only when it was rendered; a capability with none is a named gap.',
    '',
    '| Architecture | Capabilities | AWS gaps | Alibaba Cloud gaps |',
    '| --- | --- | --- | --- |',
    ...summary,
    '',
    ...sections,
  ].join('\n');
}
