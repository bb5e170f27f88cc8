import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { subnetOf } from '../../stacks/spec/network';

export interface AlicloudNetworkArgs {
  /** IPv4 range of the VPC (/16 to /24). */
  readonly cidr: string;
  /** Zones the vSwitches span, in order; at most four. */
  readonly zones: readonly string[];
  /** Labels on every resource. */
  readonly tags: Record<string, string>;
  /** Resource group of every resource. @default - the account's default group */
  readonly resourceGroupId?: string;
  /**
   * Give the application vSwitches internet egress through an enhanced NAT gateway with an EIP.
   * @default true
   */
  readonly natGateway?: boolean;
  /** Days flow logs are kept in Simple Log Service. @default 90 */
  readonly flowLogRetentionDays?: number;
}

/**
 * A VPC over explicit zones: per zone an application vSwitch and a data vSwitch (each an eighth of
 * the VPC range: application blocks 0-3, data blocks 4-7), optional NAT egress for the application
 * vSwitches, and VPC flow logs of all traffic to Simple Log Service. Pass the region's provider in
 * `opts.provider`; children inherit it.
 */
export class AlicloudNetwork extends pulumi.ComponentResource {
  readonly vpc: alicloud.vpc.Network;
  /** One per zone, in zone order: compute, load balancers. */
  readonly appSwitches: alicloud.vpc.Switch[];
  /** One per zone, in zone order: databases, caches. */
  readonly dataSwitches: alicloud.vpc.Switch[];
  readonly zones: readonly string[];

  constructor(name: string, args: AlicloudNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:Network', name, {}, opts);
    if (args.zones.length < 1 || args.zones.length > 4) {
      throw new Error(`AlicloudNetwork ${name}: zones must list 1 to 4 zones, got ${args.zones.length}`);
    }
    const prefixLength = Number(args.cidr.split('/')[1]);
    if (!(prefixLength >= 16 && prefixLength <= 24)) {
      throw new Error(`AlicloudNetwork ${name}: cidr must be /16 to /24, got ${args.cidr}`);
    }
    this.zones = [...args.zones];
    const common = { tags: args.tags, resourceGroupId: args.resourceGroupId };
    const child = { parent: this };

    this.vpc = new alicloud.vpc.Network(`${name}-vpc`, { vpcName: name, cidrBlock: args.cidr, ...common }, child);
    const vswitch = (tier: 'app' | 'data', zone: string, block: number) =>
      new alicloud.vpc.Switch(
        `${name}-${tier}-${zone}`,
        {
          vswitchName: `${name}-${tier}-${zone}`,
          vpcId: this.vpc.id,
          zoneId: zone,
          cidrBlock: subnetOf(args.cidr, prefixLength + 3, block),
          tags: args.tags,
        },
        child,
      );
    this.appSwitches = args.zones.map((zone, i) => vswitch('app', zone, i));
    this.dataSwitches = args.zones.map((zone, i) => vswitch('data', zone, 4 + i));

    if (args.natGateway ?? true) {
      const nat = new alicloud.vpc.NatGateway(
        `${name}-nat`,
        {
          natGatewayName: `${name}-nat`,
          vpcId: this.vpc.id,
          vswitchId: this.appSwitches[0].id,
          natType: 'Enhanced',
          paymentType: 'PayAsYouGo',
          networkType: 'internet',
          eipBindMode: 'NAT',
          deletionProtection: true,
          tags: args.tags,
        },
        child,
      );
      const eip = new alicloud.ecs.EipAddress(
        `${name}-nat-eip`,
        { addressName: `${name}-nat`, paymentType: 'PayAsYouGo', internetChargeType: 'PayByTraffic', deletionProtection: true, ...common },
        child,
      );
      new alicloud.ecs.EipAssociation(`${name}-nat-eip-association`, { allocationId: eip.id, instanceId: nat.id, instanceType: 'Nat' }, child);
      this.appSwitches.forEach((appSwitch, i) => {
        new alicloud.vpc.SnatEntry(
          `${name}-snat-${args.zones[i]}`,
          { snatTableId: nat.snatTableIds, sourceVswitchId: appSwitch.id, snatIp: eip.ipAddress, snatEntryName: `${name}-${args.zones[i]}` },
          child,
        );
      });
    }

    const logProject = new alicloud.log.Project(`${name}-logs`, { projectName: name, description: `Flow logs of ${name}`, ...common }, child);
    const logStore = new alicloud.log.Store(
      `${name}-flowlogs`,
      { projectName: logProject.projectName, logstoreName: 'flowlogs', retentionPeriod: args.flowLogRetentionDays ?? 90, autoSplit: true, shardCount: 2 },
      child,
    );
    new alicloud.vpc.FlowLog(
      `${name}-flowlog`,
      {
        flowLogName: name,
        resourceType: 'VPC',
        resourceId: this.vpc.id,
        trafficType: 'All',
        projectName: logProject.projectName,
        logStoreName: logStore.logstoreName,
        status: 'Active',
        ...common,
      },
      child,
    );
    this.registerOutputs({ vpcId: this.vpc.id });
  }
}
