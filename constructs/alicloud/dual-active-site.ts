import * as pulumi from '@pulumi/pulumi';
import { AlicloudNetwork } from './network';
import { AlicloudWebTier } from './web-tier';

export interface DualActiveSiteArgs {
  /** Region code of the site; must be the region of the provider passed in `opts.provider`. */
  readonly region: string;
  /** Zones the site spans, in order; two or more (the ALB needs two). */
  readonly zones: readonly string[];
  /** IPv4 range of the site's VPC (/16 to /24). */
  readonly cidr: string;
  /** ECS instance type of the web instances. */
  readonly instanceType: string;
  /** Web instances always running. */
  readonly minInstances: number;
  /** Upper bound of the web instances. */
  readonly maxInstances: number;
  /** Average CPU percent the scaling rule aims for. */
  readonly targetCpuPercent: number;
  /** Path the load balancer (and DNS health checks) probe. */
  readonly healthCheckPath: string;
  /** Certificate Management Service certificate id (`<id>-<region>`) served by the site's HTTPS listener. */
  readonly certificateId: pulumi.Input<string>;
  /** Labels on every resource that takes them. */
  readonly tags: Record<string, string>;
  /** Resource group of every resource. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * One dual-active site in one region: a VPC over the site's zones (application and data
 * vSwitches per zone, NAT egress, flow logs) and an internet-facing web tier (ALB over the
 * application vSwitches of every zone, ESS-managed instances, CPU target tracking). Pass the
 * region's provider in `opts.provider`; every child inherits it.
 */
export class DualActiveSite extends pulumi.ComponentResource {
  readonly network: AlicloudNetwork;
  readonly web: AlicloudWebTier;
  readonly region: string;
  readonly zones: readonly string[];
  readonly cidr: string;

  constructor(name: string, args: DualActiveSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:DualActiveSite', name, {}, opts);
    if (!opts?.provider) throw new Error(`DualActiveSite ${name}: opts.provider must be the provider of region ${args.region}`);
    if (args.zones.length < 2) {
      throw new Error(`DualActiveSite ${name}: zones must list at least two zones of ${args.region} (the ALB spans two), got ${args.zones.length}`);
    }
    const foreign = args.zones.find((zone) => !zone.startsWith(`${args.region}-`));
    if (foreign !== undefined) throw new Error(`DualActiveSite ${name}: zone "${foreign}" is not in region ${args.region}`);
    this.region = args.region;
    this.zones = [...args.zones];
    this.cidr = args.cidr;
    const common = { tags: args.tags, resourceGroupId: args.resourceGroupId };

    this.network = new AlicloudNetwork(`${name}-network`, { cidr: args.cidr, zones: args.zones, ...common }, { parent: this });
    this.web = new AlicloudWebTier(
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
        healthCheckPath: args.healthCheckPath,
        ...common,
      },
      { parent: this },
    );
    this.registerOutputs({ vpcId: this.network.vpc.id, dnsName: this.web.dnsName });
  }
}
