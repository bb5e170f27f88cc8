import * as pulumi from '@pulumi/pulumi';
import { intToIpv4, parseCidr } from '../../stacks/spec/network';

/**
 * IKE and IPsec proposals of every tunnel. Alibaba takes one algorithm per setting (AWS takes
 * lists), so these are the strongest values both clouds and common on-premises devices agree on:
 * IKEv2, AES-256, SHA-256, DH group 14 (2048-bit MODP), main mode.
 */
export const TUNNEL_CRYPTO = {
  ikeVersion: 'ikev2',
  ikeMode: 'main',
  encryption: 'aes256',
  integrity: 'sha256',
  dhGroup: 'group14',
  /** Same lifetimes as the AWS tunnels, so one device template fits both clouds. */
  phase1LifetimeSeconds: 28800,
  phase2LifetimeSeconds: 3600,
} as const;

/** Marks the placeholder pre-shared keys used when none are passed; a deploy must replace them. */
export const PLACEHOLDER_PSK_PREFIX = 'set-twinstack:vpnPsk';

/** Placeholder key of tunnel `index`, as a secret. Rendering only: set a real key before deploy. */
export function placeholderPsk(index: number): pulumi.Output<string> {
  return pulumi.secret(`${PLACEHOLDER_PSK_PREFIX}${index}-before-deploy`);
}

export interface TunnelPlanArgs {
  /** Inside /30 of each tunnel, in tunnel order (exactly two). */
  readonly insideCidrs: readonly string[];
  /** BGP ASN of the cloud side. */
  readonly cloudAsn: number;
  /** BGP ASN of the on-premises device. */
  readonly onPremisesAsn: number;
  /** Customer gateway both tunnels end on. */
  readonly customerGatewayId: pulumi.Input<string>;
  /** Pre-shared key of each tunnel, in tunnel order (exactly two). */
  readonly preSharedKeys: readonly pulumi.Input<string>[];
}

/** One tunnel as both Alibaba VPN resources describe it; callers adapt field types. */
export interface TunnelPlan {
  /** `master` rides the gateway's primary endpoint, `slave` the disaster-recovery one. */
  readonly role: 'master' | 'slave';
  readonly insideCidr: string;
  /** Cloud-side BGP address: the first host of the /30. */
  readonly cloudBgpIp: string;
  /** On-premises BGP address: the second host of the /30, configured on the device. */
  readonly onPremisesBgpIp: string;
  readonly customerGatewayId: pulumi.Input<string>;
  readonly psk: pulumi.Output<string>;
}

/** Host `n` (1-based) of a CIDR block. */
export function hostOf(cidr: string, n: number): string {
  const range = parseCidr(cidr);
  if (n < 1 || range.first + n >= range.last) throw new Error(`${cidr} has no usable host ${n}`);
  return intToIpv4(range.first + n);
}

/**
 * The two tunnels of a dual-tunnel IPsec connection, validated. Keys are wrapped as secrets here
 * so they never reach a manifest or state in clear, whichever way the caller supplied them.
 */
export function planTunnels(args: TunnelPlanArgs): TunnelPlan[] {
  if (args.insideCidrs.length !== 2) throw new Error(`insideCidrs must list exactly two /30 blocks, got ${args.insideCidrs.length}`);
  if (args.preSharedKeys.length !== 2) throw new Error(`preSharedKeys must list exactly two keys (one per tunnel), got ${args.preSharedKeys.length}`);
  args.insideCidrs.forEach((cidr, i) => {
    const range = parseCidr(cidr);
    if (range.prefixLength !== 30 || !cidr.startsWith('169.254.')) {
      throw new Error(`insideCidrs[${i}] must be a /30 inside 169.254.0.0/16 (Alibaba tunnel BGP rule), got ${cidr}`);
    }
  });
  for (const [field, asn] of [['cloudAsn', args.cloudAsn], ['onPremisesAsn', args.onPremisesAsn]] as const) {
    if (!Number.isInteger(asn) || asn < 1 || asn > 4294967295) throw new Error(`${field} must be an integer from 1 to 4294967295, got ${asn}`);
  }
  return args.insideCidrs.map((insideCidr, i) => ({
    role: i === 0 ? 'master' : 'slave',
    insideCidr,
    cloudBgpIp: hostOf(insideCidr, 1),
    onPremisesBgpIp: hostOf(insideCidr, 2),
    customerGatewayId: args.customerGatewayId,
    psk: pulumi.secret(args.preSharedKeys[i]),
  }));
}

/** Phase 1 settings of a tunnel, in the shape both VPN resources accept. */
export function ikeConfigOf(tunnel: TunnelPlan) {
  return {
    ikeVersion: TUNNEL_CRYPTO.ikeVersion,
    ikeMode: TUNNEL_CRYPTO.ikeMode,
    ikeEncAlg: TUNNEL_CRYPTO.encryption,
    ikeAuthAlg: TUNNEL_CRYPTO.integrity,
    ikePfs: TUNNEL_CRYPTO.dhGroup,
    ikeLifetime: TUNNEL_CRYPTO.phase1LifetimeSeconds,
    psk: tunnel.psk,
  };
}

/** Phase 2 settings of a tunnel; PFS on, with the same DH group as phase 1. */
export function ipsecConfigOf() {
  return {
    ipsecEncAlg: TUNNEL_CRYPTO.encryption,
    ipsecAuthAlg: TUNNEL_CRYPTO.integrity,
    ipsecPfs: TUNNEL_CRYPTO.dhGroup,
    ipsecLifetime: TUNNEL_CRYPTO.phase2LifetimeSeconds,
  };
}

/** Tunnel options of a dual-tunnel `vpn.Connection` (master tunnel on the primary endpoint). */
export function connectionTunnelOptions(tunnels: readonly TunnelPlan[], cloudAsn: number) {
  return tunnels.map((tunnel) => ({
    role: tunnel.role,
    customerGatewayId: tunnel.customerGatewayId,
    // Dead-peer detection is the per-tunnel health check of dual-tunnel mode; it tears a dead
    // tunnel down so BGP withdraws its routes and traffic moves to the other one.
    enableDpd: true,
    enableNatTraversal: true,
    tunnelIkeConfig: ikeConfigOf(tunnel),
    tunnelIpsecConfig: ipsecConfigOf(),
    tunnelBgpConfig: { localAsn: String(cloudAsn), tunnelCidr: tunnel.insideCidr, localBgpIp: tunnel.cloudBgpIp },
  }));
}

/** Tunnel options of a dual-tunnel `vpn.GatewayVpnAttachment` (tunnels are numbered 1 and 2). */
export function attachmentTunnelOptions(tunnels: readonly TunnelPlan[], cloudAsn: number) {
  return tunnels.map((tunnel, i) => ({
    tunnelIndex: i + 1,
    customerGatewayId: tunnel.customerGatewayId,
    enableDpd: true,
    enableNatTraversal: true,
    tunnelIkeConfig: ikeConfigOf(tunnel),
    tunnelIpsecConfig: ipsecConfigOf(),
    tunnelBgpConfig: { localAsn: cloudAsn, tunnelCidr: tunnel.insideCidr, localBgpIp: tunnel.cloudBgpIp },
  }));
}
