import * as pulumi from '@pulumi/pulumi';
import type { AlicloudNetwork } from './network';
import { buildSite, SiteParts } from './site';
import type { AlicloudWebTier } from './web-tier';

/** A disaster-recovery site; `minInstances` 0 leaves a cold (pilot-light) tier. */
export type AlicloudDrSiteArgs = SiteParts;

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
    ({ network: this.network, webTier: this.webTier } = buildSite(this, name, args));
    this.registerOutputs({ vpcId: this.network.vpc.id, dnsName: this.webTier.dnsName });
  }
}
