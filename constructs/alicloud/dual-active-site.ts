import * as pulumi from '@pulumi/pulumi';
import type { AlicloudNetwork } from './network';
import { zoneBelongsToRegion } from '../../stacks/spec/regions';
import { buildSite, SiteParts } from './site';
import type { AlicloudWebTier } from './web-tier';

export interface DualActiveSiteArgs extends SiteParts {
  /** Region code of the site; must be the region of the provider passed in `opts.provider`. */
  readonly region: string;
  /** Path the load balancer (and DNS health checks) probe. */
  readonly healthCheckPath: string;
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
    const foreign = args.zones.find((zone) => !zoneBelongsToRegion('alicloud', zone, args.region));
    if (foreign !== undefined) throw new Error(`DualActiveSite ${name}: zone "${foreign}" is not in region ${args.region}`);
    this.region = args.region;
    this.zones = [...args.zones];
    this.cidr = args.cidr;
    ({ network: this.network, webTier: this.web } = buildSite(this, name, args));
    this.registerOutputs({ vpcId: this.network.vpc.id, dnsName: this.web.dnsName });
  }
}
