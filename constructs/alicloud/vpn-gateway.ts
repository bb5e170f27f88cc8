import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { connectionTunnelOptions, TunnelPlan } from './vpn-tunnels';

/** Public VPN gateway bandwidths Alibaba sells, in Mbps. */
export const VPN_GATEWAY_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000] as const;

export interface VpnGatewayConnectionArgs {
  /** VPC the gateway serves. */
  readonly vpcId: pulumi.Input<string>;
  /** IPv4 range of the VPC: the cloud-side traffic selector of phase 2. */
  readonly vpcCidr: string;
  /** vSwitch of the primary endpoint (master tunnel); must be in another zone than the next one. */
  readonly vswitchId: pulumi.Input<string>;
  /** vSwitch of the disaster-recovery endpoint (slave tunnel). */
  readonly disasterRecoveryVswitchId: pulumi.Input<string>;
  /** On-premises ranges: the remote traffic selector of phase 2. */
  readonly remoteCidrs: readonly string[];
  /** The two tunnels, master first. */
  readonly tunnels: readonly TunnelPlan[];
  /** BGP ASN of the cloud side, as the tunnels announce it. */
  readonly cloudAsn: number;
  /** Gateway bandwidth in Mbps, one of VPN_GATEWAY_BANDWIDTHS. @default 200 */
  readonly bandwidthMbps?: number;
  /** Labels on every resource. */
  readonly tags: Record<string, string>;
  /** Resource group of the gateway. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A dual-tunnel IPsec VPN gateway in a VPC (one public endpoint per zone) and its connection to
 * one customer gateway, routing by BGP. Pass the region's provider in `opts.provider`.
 */
export class VpnGatewayConnection extends pulumi.ComponentResource {
  readonly gateway: alicloud.vpn.Gateway;
  readonly connection: alicloud.vpn.Connection;

  constructor(name: string, args: VpnGatewayConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:VpnGatewayConnection', name, {}, opts);
    const bandwidth = args.bandwidthMbps ?? 200;
    if (!(VPN_GATEWAY_BANDWIDTHS as readonly number[]).includes(bandwidth)) {
      throw new Error(`VpnGatewayConnection ${name}: bandwidthMbps must be one of ${VPN_GATEWAY_BANDWIDTHS.join(', ')}, got ${bandwidth}`);
    }
    if (args.tunnels.length !== 2) throw new Error(`VpnGatewayConnection ${name}: tunnels must list exactly two tunnels, got ${args.tunnels.length}`);
    if (args.remoteCidrs.length < 1) throw new Error(`VpnGatewayConnection ${name}: remoteCidrs must list at least one range`);
    const child = { parent: this };

    this.gateway = new alicloud.vpn.Gateway(
      `${name}-gateway`,
      {
        vpnGatewayName: name,
        description: `IPsec gateway of ${name}, one endpoint per zone`,
        vpcId: args.vpcId,
        // Two vSwitches in two zones put the gateway in dual-tunnel mode: each tunnel ends on its
        // own endpoint, so losing a zone leaves the other tunnel up.
        vswitchId: args.vswitchId,
        disasterRecoveryVswitchId: args.disasterRecoveryVswitchId,
        vpnType: 'Normal',
        networkType: 'public',
        paymentType: 'PayAsYouGo',
        bandwidth,
        enableIpsec: true,
        enableSsl: false,
        // BGP-learned on-premises routes go into the VPC's system route table by themselves, and
        // are withdrawn when their tunnel fails; static vpc.RouteEntry rows would pin traffic to
        // the gateway even with both tunnels down and clash with the propagated routes.
        autoPropagate: true,
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      child,
    );

    this.connection = new alicloud.vpn.Connection(
      `${name}-connection`,
      {
        vpnConnectionName: name,
        vpnGatewayId: this.gateway.id,
        networkType: 'public',
        localSubnets: [args.vpcCidr],
        remoteSubnets: [...args.remoteCidrs],
        // Bring the tunnels and their BGP sessions up now rather than on first traffic.
        effectImmediately: true,
        // Routes come from BGP only (as on AWS): policy routes added for the selectors would
        // outrank BGP in the gateway and keep routing into a tunnel whose session is down.
        autoConfigRoute: false,
        enableTunnelsBgp: true,
        // Dual-tunnel connections take no connection-level health check (the API accepts
        // healthCheckConfig only in single-tunnel mode); each tunnel runs dead-peer detection
        // and BGP keepalives instead.
        tunnelOptionsSpecifications: connectionTunnelOptions(args.tunnels, args.cloudAsn),
        tags: args.tags,
      },
      child,
    );
    this.registerOutputs({ vpnGatewayId: this.gateway.id, connectionId: this.connection.id });
  }
}
