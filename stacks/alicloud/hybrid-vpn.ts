import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { CenVpn } from '../../constructs/alicloud/cen-vpn';
import { AlicloudNetwork } from '../../constructs/alicloud/network';
import { VpnGatewayConnection } from '../../constructs/alicloud/vpn-gateway';
import { placeholderPsk, planTunnels, TUNNEL_CRYPTO } from '../../constructs/alicloud/vpn-tunnels';
import type { TwinstackSpec } from '../spec';
import { labelsFor, regionalProvider } from './common';

export interface HybridVpnArgs {
  /** The validated spec; this component reads `architectures['hybrid-vpn']`. */
  readonly spec: TwinstackSpec;
  /**
   * Pre-shared keys of tunnel 0 and tunnel 1 (Alibaba needs the key value itself; no secret
   * store reference is accepted). Wrapped as secrets here.
   * @default placeholders "set-twinstack:vpnPsk0-before-deploy" / "...vpnPsk1..." — for offline
   * rendering only; a deploy must pass the stack's secret config `twinstack:vpnPsk0` / `vpnPsk1`.
   */
  readonly preSharedKeys?: readonly pulumi.Input<string>[];
  /** Bandwidth of the VPN gateway in Mbps (5, 10, 20, 50, 100, 200, 500 or 1000). @default 200 */
  readonly bandwidthMbps?: number;
}

/**
 * Resolves nested outputs into the plain record operators read after `pulumi up`, leaving out
 * attributes the cloud has not reported (Pulumi would warn about each undefined stack output).
 */
function exposed(values: Record<string, unknown>): pulumi.Output<Record<string, unknown>> {
  return pulumi
    .output(values)
    .apply((resolved) => Object.fromEntries(Object.entries(resolved as Record<string, unknown>).filter(([, value]) => value !== undefined)));
}

/**
 * hybrid-vpn on Alibaba Cloud: the on-premises network joined to a VPC by two IPsec tunnels (IKEv2,
 * BGP), one per cloud-side endpoint in its own zone. By default a dual-tunnel VPN gateway in the
 * VPC; with `alicloud.multiVpc` a CEN transit router carries the tunnels so other VPCs can share
 * them.
 */
export class HybridVpn extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: HybridVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:HybridVpn', name, {}, opts);
    const { spec } = args;
    const vpn = spec.architectures['hybrid-vpn'];
    const { region, zones } = vpn.alicloud.placement;
    if (zones.length < 2) {
      throw new Error(
        `architectures.hybrid-vpn.alicloud.placement.zones must list at least two zones: each tunnel ends on its own endpoint in its own zone (got ${zones.length})`,
      );
    }
    if (args.preSharedKeys !== undefined && args.preSharedKeys.length !== 2) {
      throw new Error(`HybridVpn ${name}: preSharedKeys must list exactly two keys, one per tunnel (got ${args.preSharedKeys.length})`);
    }
    const tags = labelsFor(spec, 'hybrid-vpn');
    const resourceGroupId = spec.alicloud.resourceGroupId;
    const provider = regionalProvider(this, `${name}-${region}`, region);
    const child = { parent: this, provider };

    // The VPC only talks to on-premises and to itself, so it gets no NAT egress.
    const network = new AlicloudNetwork(
      `${name}-network`,
      { cidr: vpn.network.cidr, zones, tags, resourceGroupId, natGateway: false },
      child,
    );
    const customerGateway = new alicloud.vpn.CustomerGateway(
      `${name}-customer-gateway`,
      {
        customerGatewayName: `${name}-on-premises`,
        description: `On-premises VPN device of ${name}`,
        ipAddress: vpn.onPremises.gatewayIp,
        asn: String(vpn.onPremises.bgpAsn),
        tags,
      },
      child,
    );
    const tunnels = planTunnels({
      insideCidrs: vpn.tunnels.map((tunnel) => tunnel.insideCidr),
      cloudAsn: vpn.cloudBgpAsn,
      onPremisesAsn: vpn.onPremises.bgpAsn,
      customerGatewayId: customerGateway.id,
      preSharedKeys: args.preSharedKeys ?? [placeholderPsk(0), placeholderPsk(1)],
    });

    // What the on-premises device needs, tunnel by tunnel (outside address added per mode below).
    const deviceTunnel = (i: number, outsideIp: pulumi.Input<string | undefined>) => ({
      role: tunnels[i].role,
      zone: zones[i],
      insideCidr: tunnels[i].insideCidr,
      cloudBgpIp: tunnels[i].cloudBgpIp,
      onPremisesBgpIp: tunnels[i].onPremisesBgpIp,
      cloudOutsideIp: outsideIp,
    });
    const common = {
      region,
      vpcId: network.vpc.id,
      customerGatewayId: customerGateway.id,
      cloudBgpAsn: vpn.cloudBgpAsn,
      onPremisesBgpAsn: vpn.onPremises.bgpAsn,
      ike: { ...TUNNEL_CRYPTO },
    };

    if (vpn.alicloud.multiVpc) {
      const cen = new CenVpn(
        `${name}-cen`,
        {
          vpcId: network.vpc.id,
          zones: zones.map((zoneId, i) => ({ zoneId, vswitchId: network.appSwitches[i].id })),
          tunnels,
          cloudAsn: vpn.cloudBgpAsn,
          tags,
          resourceGroupId,
        },
        child,
      );
      // The tunnel endpoints of a transit-router attachment are reported per tunnel.
      const outsideIp = (i: number) => cen.vpnAttachment.tunnelOptionsSpecifications.apply((specs) => specs?.[i]?.internetIp);
      this.outputs = exposed({
        ...common,
        mode: 'transit-router',
        cenId: cen.cen.id,
        transitRouterId: cen.transitRouter.transitRouterId,
        vpcAttachmentId: cen.vpcAttachment.id,
        vpnAttachmentId: cen.vpnAttachment.id,
        connectionId: cen.vpnAttachment.id,
        transitRouterVpnAttachmentId: cen.transitRouterVpnAttachment.id,
        internetIp: outsideIp(0),
        disasterRecoveryInternetIp: outsideIp(1),
        tunnels: [deviceTunnel(0, outsideIp(0)), deviceTunnel(1, outsideIp(1))],
      });
    } else {
      const gateway = new VpnGatewayConnection(
        `${name}-vpn`,
        {
          vpcId: network.vpc.id,
          vpcCidr: vpn.network.cidr,
          vswitchId: network.appSwitches[0].id,
          disasterRecoveryVswitchId: network.appSwitches[1].id,
          remoteCidrs: vpn.onPremises.cidrs,
          tunnels,
          cloudAsn: vpn.cloudBgpAsn,
          bandwidthMbps: args.bandwidthMbps,
          tags,
          resourceGroupId,
        },
        child,
      );
      this.outputs = exposed({
        ...common,
        mode: 'vpn-gateway',
        vpnGatewayId: gateway.gateway.id,
        connectionId: gateway.connection.id,
        internetIp: gateway.gateway.internetIp,
        disasterRecoveryInternetIp: gateway.gateway.disasterRecoveryInternetIp,
        tunnels: [deviceTunnel(0, gateway.gateway.internetIp), deviceTunnel(1, gateway.gateway.disasterRecoveryInternetIp)],
      });
    }
    this.registerOutputs(this.outputs);
  }
}
