import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { attachmentTunnelOptions, TunnelPlan } from './vpn-tunnels';

/** A vSwitch the transit router places its VPC endpoint in, and its zone. */
export interface TransitRouterZone {
  /** Zone id, e.g. cn-hangzhou-h. */
  readonly zoneId: string;
  /** vSwitch of the VPC in that zone. */
  readonly vswitchId: pulumi.Input<string>;
}

export interface CenVpnArgs {
  /** VPC attached to the transit router. */
  readonly vpcId: pulumi.Input<string>;
  /** Zones (two or more) of the transit router's VPC endpoints. */
  readonly zones: readonly TransitRouterZone[];
  /** The two tunnels, master first. */
  readonly tunnels: readonly TunnelPlan[];
  /** BGP ASN of the cloud side, as the tunnels announce it. */
  readonly cloudAsn: number;
  /** Labels on every resource. */
  readonly tags: Record<string, string>;
  /** Resource group of the resources that take one. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * The multi-VPC shape of the hybrid link: a CEN instance with an Enterprise Edition transit
 * router in the region, the VPC attached to it, and a dual-tunnel IPsec attachment (BGP) to the
 * on-premises customer gateway bound to the same router, so VPCs attached later share the
 * tunnels. Pass the region's provider in `opts.provider`.
 */
export class CenVpn extends pulumi.ComponentResource {
  readonly cen: alicloud.cen.Instance;
  readonly transitRouter: alicloud.cen.TransitRouter;
  readonly vpnAttachment: alicloud.vpn.GatewayVpnAttachment;
  readonly vpcAttachment: alicloud.cen.TransitRouterVpcAttachment;
  readonly transitRouterVpnAttachment: alicloud.cen.TransitRouterVpnAttachment;

  constructor(name: string, args: CenVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:CenVpn', name, {}, opts);
    if (args.zones.length < 2) throw new Error(`CenVpn ${name}: zones must list at least two zones for a redundant VPC attachment, got ${args.zones.length}`);
    if (args.tunnels.length !== 2) throw new Error(`CenVpn ${name}: tunnels must list exactly two tunnels, got ${args.tunnels.length}`);
    const child = { parent: this };
    // Attachments name the router by id, a value the router reports once created; the explicit
    // dependency also orders them when only the CEN id (unique router per region) is known.
    const afterRouter = () => ({ parent: this, dependsOn: [this.transitRouter] });

    this.cen = new alicloud.cen.Instance(
      `${name}-cen`,
      {
        cenInstanceName: name,
        description: `Cloud Enterprise Network of ${name}`,
        // Refuse overlapping ranges between attached networks outright.
        protectionLevel: 'FULL',
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      child,
    );
    this.transitRouter = new alicloud.cen.TransitRouter(
      `${name}-tr`,
      { cenId: this.cen.id, transitRouterName: name, transitRouterDescription: `Transit router of ${name}`, tags: args.tags },
      child,
    );
    // The router's system route table associates and learns from every attachment by default, so
    // VPC and on-premises routes meet there without explicit association/propagation resources.
    this.vpcAttachment = new alicloud.cen.TransitRouterVpcAttachment(
      `${name}-vpc-attachment`,
      {
        cenId: this.cen.id,
        transitRouterId: this.transitRouter.transitRouterId,
        transitRouterVpcAttachmentName: `${name}-vpc`,
        vpcId: args.vpcId,
        zoneMappings: args.zones.map((zone) => ({ zoneId: zone.zoneId, vswitchId: zone.vswitchId })),
        // The router writes the on-premises routes it learns by BGP into the VPC's route table.
        autoPublishRouteEnabled: true,
        tags: args.tags,
      },
      afterRouter(),
    );
    this.vpnAttachment = new alicloud.vpn.GatewayVpnAttachment(
      `${name}-vpn-attachment`,
      {
        vpnAttachmentName: name,
        networkType: 'public',
        // Destination routing mode: BGP decides what crosses the tunnels. Narrow selectors would
        // have to be edited (and the tunnels renegotiated) each time a VPC joins the router.
        localSubnet: '0.0.0.0/0',
        remoteSubnet: '0.0.0.0/0',
        effectImmediately: true,
        enableTunnelsBgp: true,
        tunnelOptionsSpecifications: attachmentTunnelOptions(args.tunnels, args.cloudAsn),
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      child,
    );
    this.transitRouterVpnAttachment = new alicloud.cen.TransitRouterVpnAttachment(
      `${name}-tr-vpn-attachment`,
      {
        cenId: this.cen.id,
        transitRouterId: this.transitRouter.transitRouterId,
        transitRouterVpnAttachmentName: `${name}-vpn`,
        vpnId: this.vpnAttachment.id,
        // Announce the attached VPCs' ranges to the on-premises device over BGP.
        autoPublishRouteEnabled: true,
        tags: args.tags,
      },
      afterRouter(),
    );
    this.registerOutputs({ cenId: this.cen.id, transitRouterId: this.transitRouter.transitRouterId, vpnAttachmentId: this.vpnAttachment.id });
  }
}
