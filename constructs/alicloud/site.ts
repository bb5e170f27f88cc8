import type * as pulumi from '@pulumi/pulumi';
import { AlicloudNetwork } from './network';
import { AlicloudWebTier } from './web-tier';

/** What one web site needs: its network and the web tier's size, image and certificate. */
export interface SiteParts {
  /** IPv4 range of the site's VPC (/16 to /24). */
  readonly cidr: string;
  /** Zones the site spans, in order; two or more (the ALB needs two). */
  readonly zones: readonly string[];
  /** ECS instance type of the web instances. */
  readonly instanceType: string;
  /** Web instances always running. */
  readonly minInstances: number;
  /** Upper bound of the web instances. */
  readonly maxInstances: number;
  /** Average CPU percent the scaling rule aims for. */
  readonly targetCpuPercent: number;
  /** Certificate Management Service certificate id for the HTTPS listener. */
  readonly certificateId: pulumi.Input<string>;
  /** Path the load balancer probes. @default the web tier's default */
  readonly healthCheckPath?: string;
  /** Labels on every resource that takes them. */
  readonly tags: Record<string, string>;
  /** Resource group of every resource. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A VPC over the site's zones and the HTTPS web tier in its application vSwitches, both parented
 * to `parent` (and so created with its provider): the shape shared by every Alibaba web site.
 */
export function buildSite(parent: pulumi.Resource, name: string, args: SiteParts): { network: AlicloudNetwork; webTier: AlicloudWebTier } {
  const common = { tags: args.tags, resourceGroupId: args.resourceGroupId };
  const network = new AlicloudNetwork(`${name}-network`, { cidr: args.cidr, zones: args.zones, ...common }, { parent });
  const webTier = new AlicloudWebTier(
    `${name}-web`,
    {
      vpcId: network.vpc.id,
      zones: args.zones,
      vswitchIds: network.appSwitches.map((s) => s.id),
      instanceType: args.instanceType,
      minSize: args.minInstances,
      maxSize: args.maxInstances,
      targetCpuPercent: args.targetCpuPercent,
      certificateId: args.certificateId,
      ...(args.healthCheckPath !== undefined ? { healthCheckPath: args.healthCheckPath } : {}),
      ...common,
    },
    { parent },
  );
  return { network, webTier };
}
