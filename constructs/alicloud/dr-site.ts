import * as pulumi from '@pulumi/pulumi';
import { AlicloudNetwork } from './network';
import { AlicloudWebTier } from './web-tier';

export interface AlicloudDrSiteArgs {
  /** IPv4 range of the site's VPC (/16 to /24). */
  readonly cidr: string;
  /** Zones the site spans, in order; two or more (the ALB needs two). */
  readonly zones: readonly string[];
  /** Web instances kept running; 0 leaves a cold (pilot-light) tier. */
  readonly minInstances: number;
  /** Upper bound for scaling out; at least minInstances and at least 1. */
  readonly maxInstances: number;
  /** Average CPU percent the scaling rule aims for (10-90). */
  readonly targetCpuPercent: number;
  /** ECS instance type of the web instances. */
  readonly instanceType: string;
  /** Certificate Management Service certificate id for the HTTPS listener. */
  readonly certificateId: pulumi.Input<string>;
  /** Labels on every resource. */
  readonly tags: Record<string, string>;
  /** Resource group of every resource. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * One site of a disaster-recovery pair: a VPC over the zones (app and data vSwitches, NAT egress,
 * flow logs) and the HTTPS web tier (ALB + ESS scaling group) in its application vSwitches. The
 * primary runs at full capacity; a recovery site runs the same shape with fewer (or no)
 * instances, so failing over is raising a number, not building a site. Pass the region's provider
 * in `opts.provider`.
 */
export class AlicloudDrSite extends pulumi.ComponentResource {
  readonly network: AlicloudNetwork;
  readonly webTier: AlicloudWebTier;

  constructor(name: string, args: AlicloudDrSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:DrSite', name, {}, opts);
    if (!Number.isInteger(args.minInstances) || args.minInstances < 0) {
      throw new Error(`AlicloudDrSite ${name}: minInstances must be a whole number ≥ 0, got ${args.minInstances}`);
    }
    if (args.minInstances > args.maxInstances) {
      throw new Error(`AlicloudDrSite ${name}: minInstances (${args.minInstances}) must not exceed maxInstances (${args.maxInstances})`);
    }
    this.network = new AlicloudNetwork(
      `${name}-network`,
      { cidr: args.cidr, zones: args.zones, tags: args.tags, resourceGroupId: args.resourceGroupId },
      { parent: this },
    );
    this.webTier = new AlicloudWebTier(
      `${name}-web`,
      {
        vpcId: this.network.vpc.id,
        zones: args.zones,
        vswitchIds: this.network.appSwitches.map((s) => s.id),
        instanceType: args.instanceType,
        minSize: args.minInstances,
        maxSize: args.maxInstances,
        targetCpuPercent: args.targetCpuPercent,
        certificateId: args.certificateId,
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      { parent: this },
    );
    this.registerOutputs({ vpcId: this.network.vpc.id, dnsName: this.webTier.dnsName });
  }
}
