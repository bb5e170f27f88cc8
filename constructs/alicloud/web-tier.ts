import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

/**
 * Alibaba Cloud Linux 3 public image the web instances boot from when no image is given. ESS
 * scaling configurations take an image id, not an image family, so the id is pinned here and
 * bumped deliberately (a new id rolls the scaling configuration, never the running instances).
 */
export const DEFAULT_WEB_IMAGE_ID = 'aliyun_3_x64_20G_alibase_20240819.vhd';

export interface AlicloudWebTierArgs {
  /** VPC the load balancer, server group and instances live in. */
  readonly vpcId: pulumi.Input<string>;
  /** Zones the tier spans, in order; two or more (ALB requires two zones). */
  readonly zones: readonly string[];
  /** One vSwitch per zone, same order as `zones`: ALB zone mappings and ESS instances. */
  readonly vswitchIds: readonly pulumi.Input<string>[];
  /** ECS instance type of the web instances, e.g. `ecs.g7.large`. */
  readonly instanceType: string;
  /** Image the instances boot from. @default DEFAULT_WEB_IMAGE_ID (Alibaba Cloud Linux 3) */
  readonly imageId?: string;
  /** Instances always running; 0 to 2000. */
  readonly minSize: number;
  /** Upper bound for scaling out; at least `minSize`, at most 2000. */
  readonly maxSize: number;
  /** Average CPU (percent, 1-100) the target-tracking rule keeps the group at. */
  readonly targetCpuPercent: number;
  /** Certificate Management Service certificate id served by the HTTPS listener. */
  readonly certificateId: pulumi.Input<string>;
  /** Port the application listens on in the instances. @default 80 */
  readonly appPort?: number;
  /** Path the server group probes; must start with `/`. @default /health */
  readonly healthCheckPath?: string;
  /** Base64 cloud-init / shell user data of the instances. @default - none */
  readonly userData?: pulumi.Input<string>;
  /** RAM role the instances assume. @default - none */
  readonly instanceRoleName?: pulumi.Input<string>;
  /** Days ALB access logs are kept in Simple Log Service; 0 turns access logs off. @default 90 */
  readonly accessLogRetentionDays?: number;
  /** CIDR blocks allowed to reach the load balancer on 80/443. @default ['0.0.0.0/0'] */
  readonly ingressCidrs?: readonly string[];
  /** Labels on every resource that takes them. */
  readonly tags: Record<string, string>;
  /** Resource group of every resource. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * An internet-facing web tier: a Standard ALB over two or more zones (HTTPS 443 forwarding to an
 * instance server group with HTTP health checks, HTTP 80 redirecting to HTTPS, access logs to
 * SLS, deletion protection), an ESS scaling group balanced across the zones, registered in the
 * server group through `ess.AlbServerGroupAttachment`, and a CPU target-tracking scaling rule.
 * Instances have no public IP and accept traffic only from the load balancer's security group.
 * Pass the region's provider in `opts.provider`; children inherit it.
 */
export class AlicloudWebTier extends pulumi.ComponentResource {
  readonly loadBalancer: alicloud.alb.LoadBalancer;
  readonly serverGroup: alicloud.alb.ServerGroup;
  readonly httpsListener: alicloud.alb.Listener;
  readonly scalingGroup: alicloud.ess.ScalingGroup;
  readonly scalingRule: alicloud.ess.ScalingRule;
  readonly loadBalancerSecurityGroup: alicloud.ecs.SecurityGroup;
  readonly instanceSecurityGroup: alicloud.ecs.SecurityGroup;
  /** Public DNS name of the load balancer. */
  readonly dnsName: pulumi.Output<string>;

  constructor(name: string, args: AlicloudWebTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:WebTier', name, {}, opts);
    validate(name, args);
    const appPort = args.appPort ?? 80;
    const retention = args.accessLogRetentionDays ?? 90;
    const tags = args.tags;
    const rg = { resourceGroupId: args.resourceGroupId };
    const child = { parent: this };

    // Security groups: the ALB takes 80/443 from the allowed ranges; instances take the app port
    // from the ALB's group only, so nothing reaches them around the load balancer (no SSH: use
    // Cloud Assistant / Session Manager).
    const sg = (what: string, description: string) =>
      new alicloud.ecs.SecurityGroup(
        `${name}-${what}-sg`,
        { securityGroupName: `${name}-${what}`, description, vpcId: args.vpcId, securityGroupType: 'normal', innerAccessPolicy: 'Drop', tags, ...rg },
        child,
      );
    this.loadBalancerSecurityGroup = sg('alb', `${name}: ALB listeners`);
    this.instanceSecurityGroup = sg('instances', `${name}: web instances, app port from the ALB only`);
    (args.ingressCidrs ?? ['0.0.0.0/0']).forEach((cidr, i) => {
      for (const port of [80, 443]) {
        new alicloud.ecs.SecurityGroupRule(
          `${name}-alb-in-${port}-${i}`,
          { securityGroupId: this.loadBalancerSecurityGroup.id, type: 'ingress', ipProtocol: 'tcp', portRange: `${port}/${port}`, cidrIp: cidr, policy: 'accept', priority: 1, description: `HTTP${port === 443 ? 'S' : ''} from ${cidr}` },
          child,
        );
      }
    });
    new alicloud.ecs.SecurityGroupRule(
      `${name}-instances-in-app`,
      { securityGroupId: this.instanceSecurityGroup.id, type: 'ingress', ipProtocol: 'tcp', portRange: `${appPort}/${appPort}`, sourceSecurityGroupId: this.loadBalancerSecurityGroup.id, policy: 'accept', priority: 1, description: 'app port from the ALB' },
      child,
    );

    const accessLogConfig = retention > 0 ? this.accessLogs(name, retention, args) : undefined;
    this.loadBalancer = new alicloud.alb.LoadBalancer(
      `${name}-alb`,
      {
        loadBalancerName: name,
        loadBalancerEdition: 'Standard',
        addressType: 'Internet',
        addressAllocatedMode: 'Dynamic',
        loadBalancerBillingConfig: { payType: 'PayAsYouGo' },
        vpcId: args.vpcId,
        zoneMappings: args.zones.map((zoneId, i) => ({ zoneId, vswitchId: args.vswitchIds[i] })),
        deletionProtectionEnabled: true,
        accessLogConfig,
        tags,
        ...rg,
      },
      child,
    );
    this.dnsName = this.loadBalancer.dnsName;
    new alicloud.alb.LoadBalancerSecurityGroupAttachment(
      `${name}-alb-sg-attachment`,
      { loadBalancerId: this.loadBalancer.id, securityGroupId: this.loadBalancerSecurityGroup.id },
      child,
    );

    this.serverGroup = new alicloud.alb.ServerGroup(
      `${name}-servers`,
      {
        serverGroupName: name,
        serverGroupType: 'Instance',
        protocol: 'HTTP',
        vpcId: args.vpcId,
        scheduler: 'Wrr',
        healthCheckConfig: {
          healthCheckEnabled: true,
          healthCheckProtocol: 'HTTP',
          healthCheckPath: args.healthCheckPath ?? '/health',
          healthCheckMethod: 'GET',
          healthCheckCodes: ['http_2xx'],
          healthCheckInterval: 5,
          healthCheckTimeout: 5,
          healthyThreshold: 3,
          unhealthyThreshold: 3,
        },
        // Lets in-flight requests finish when ESS scales in.
        connectionDrainConfig: { connectionDrainEnabled: true, connectionDrainTimeout: 30 },
        tags,
        ...rg,
      },
      child,
    );

    const forward = [{ type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: this.serverGroup.id }] } }];
    this.httpsListener = new alicloud.alb.Listener(
      `${name}-https`,
      {
        loadBalancerId: this.loadBalancer.id,
        listenerProtocol: 'HTTPS',
        listenerPort: 443,
        listenerDescription: `${name} HTTPS`,
        certificates: { certificateId: args.certificateId },
        securityPolicyId: 'tls_cipher_policy_1_2_strict_with_1_3',
        defaultActions: forward,
        xForwardedForConfig: { xForwardedForEnabled: true, xForwardedForProtoEnabled: true },
        tags,
      },
      child,
    );
    // An ALB listener's default action can only forward, so HTTP is redirected by a catch-all rule.
    const http = new alicloud.alb.Listener(
      `${name}-http`,
      { loadBalancerId: this.loadBalancer.id, listenerProtocol: 'HTTP', listenerPort: 80, listenerDescription: `${name} HTTP to HTTPS`, defaultActions: forward, tags },
      child,
    );
    new alicloud.alb.Rule(
      `${name}-http-redirect`,
      {
        ruleName: `${name}-http-to-https`,
        listenerId: http.id,
        priority: 1,
        ruleConditions: [{ type: 'Path', pathConfig: { values: ['/*'] } }],
        ruleActions: [{ order: 1, type: 'Redirect', redirectConfig: { protocol: 'HTTPS', port: '443', httpCode: '301' } }],
      },
      child,
    );

    this.scalingGroup = new alicloud.ess.ScalingGroup(
      `${name}-group`,
      {
        scalingGroupName: name,
        minSize: args.minSize,
        maxSize: args.maxSize,
        vswitchIds: [...args.vswitchIds],
        multiAzPolicy: 'BALANCE',
        azBalance: true,
        // Instances failing the ALB health check are replaced, not just taken out of rotation.
        healthCheckTypes: ['ECS', 'LOAD_BALANCER'],
        removalPolicies: ['OldestScalingConfiguration', 'OldestInstance'],
        defaultCooldown: 300,
        groupDeletionProtection: true,
        tags,
        ...rg,
      },
      child,
    );
    const configuration = new alicloud.ess.ScalingConfiguration(
      `${name}-launch`,
      {
        scalingGroupId: this.scalingGroup.id,
        scalingConfigurationName: name,
        active: true,
        enable: true,
        instanceName: name,
        instanceType: args.instanceType,
        imageId: args.imageId ?? DEFAULT_WEB_IMAGE_ID,
        securityGroupIds: [this.instanceSecurityGroup.id],
        internetMaxBandwidthOut: 0,
        systemDiskCategory: 'cloud_essd',
        systemDiskSize: 40,
        systemDiskEncrypted: true,
        securityEnhancementStrategy: 'Active',
        httpEndpoint: 'enabled',
        roleName: args.instanceRoleName,
        userData: args.userData,
        tags,
        ...rg,
      },
      child,
    );
    new alicloud.ess.AlbServerGroupAttachment(
      `${name}-group-attachment`,
      { scalingGroupId: this.scalingGroup.id, albServerGroupId: this.serverGroup.id, port: appPort, weight: 100, forceAttach: true },
      { ...child, dependsOn: [configuration] },
    );
    this.scalingRule = new alicloud.ess.ScalingRule(
      `${name}-cpu-target`,
      {
        scalingGroupId: this.scalingGroup.id,
        scalingRuleName: `${name}-cpu-target`,
        scalingRuleType: 'TargetTrackingScalingRule',
        metricType: 'system',
        metricName: 'CpuUtilization',
        targetValue: args.targetCpuPercent,
        estimatedInstanceWarmup: 300,
      },
      child,
    );

    this.registerOutputs({ dnsName: this.dnsName, loadBalancerId: this.loadBalancer.id, serverGroupId: this.serverGroup.id, scalingGroupId: this.scalingGroup.id });
  }

  /** SLS project + logstore the ALB writes its access logs to. */
  private accessLogs(name: string, retentionDays: number, args: AlicloudWebTierArgs) {
    const project = new alicloud.log.Project(
      `${name}-alb-logs`,
      { projectName: `${name}-alb-logs`, description: `ALB access logs of ${name}`, resourceGroupId: args.resourceGroupId, tags: args.tags },
      { parent: this },
    );
    const store = new alicloud.log.Store(
      `${name}-alb-logstore`,
      { projectName: project.projectName, logstoreName: 'alb-access', retentionPeriod: retentionDays, autoSplit: true, shardCount: 2 },
      { parent: this },
    );
    return { logProject: project.projectName, logStore: store.logstoreName };
  }
}

function validate(name: string, args: AlicloudWebTierArgs): void {
  const fail = (field: string, rule: string) => {
    throw new Error(`AlicloudWebTier ${name}: ${field} ${rule}`);
  };
  if (args.zones.length < 2) fail('zones', `must list at least two zones (ALB spans two), got ${args.zones.length}`);
  if (new Set(args.zones).size !== args.zones.length) fail('zones', 'must not repeat a zone');
  if (args.vswitchIds.length !== args.zones.length) fail('vswitchIds', `must have one vSwitch per zone (${args.zones.length}), got ${args.vswitchIds.length}`);
  if (!Number.isInteger(args.minSize) || args.minSize < 0 || args.minSize > 2000) fail('minSize', 'must be an integer from 0 to 2000');
  if (!Number.isInteger(args.maxSize) || args.maxSize < 1 || args.maxSize > 2000) fail('maxSize', 'must be an integer from 1 to 2000');
  if (args.minSize > args.maxSize) fail('minSize', `must not exceed maxSize (${args.minSize} > ${args.maxSize})`);
  if (!(args.targetCpuPercent > 0 && args.targetCpuPercent <= 100)) fail('targetCpuPercent', 'must be above 0 and at most 100');
  const appPort = args.appPort ?? 80;
  if (!Number.isInteger(appPort) || appPort < 1 || appPort > 65535) fail('appPort', 'must be a port from 1 to 65535');
  const path = args.healthCheckPath ?? '/health';
  if (!/^\/[A-Za-z0-9\-/.%?#&=_;~!()*[\]@$^:',+]{0,79}$/.test(path)) fail('healthCheckPath', 'must start with / and be at most 80 URL characters');
  const retention = args.accessLogRetentionDays ?? 90;
  if (!Number.isInteger(retention) || retention < 0 || retention > 3650) fail('accessLogRetentionDays', 'must be an integer from 0 to 3650');
  if (args.ingressCidrs !== undefined && args.ingressCidrs.length === 0) fail('ingressCidrs', 'must name at least one CIDR block when given');
}
