import { z } from 'zod';
import { cidr, ipv4Address, placement, vpcCidr } from './shared';

/** Hybrid VPN: the on-premises network joined to a cloud VPC by two IPsec tunnels running BGP. */
export const hybridVpnSpec = z.strictObject({
  enabled: z.boolean().default(true),
  highAvailability: z.boolean().default(true),
  network: z.strictObject({ cidr: vpcCidr }),
  onPremises: z.strictObject({
    /** Address ranges of the on-premises network; routed to the tunnels. */
    cidrs: z.array(cidr).min(1, 'at least one on-premises range is required'),
    /** Public IPv4 address of the on-premises VPN device. */
    gatewayIp: ipv4Address,
    /** BGP ASN of the on-premises device. */
    bgpAsn: z.number().int(),
  }),
  /** BGP ASN of the cloud side (Transit Gateway / VPN gateway). */
  cloudBgpAsn: z.number().int(),
  /** Inside addresses of the two tunnels: /30 blocks in 169.254.0.0/16. */
  tunnels: z
    .array(z.strictObject({ insideCidr: cidr }))
    .length(2, 'exactly two tunnels are required, one per cloud-side endpoint'),
  aws: z.strictObject({ placement }),
  alicloud: z.strictObject({
    placement,
    /** Attach the VPC to a CEN transit router so further VPCs can share the tunnels. */
    multiVpc: z.boolean().default(false),
  }),
});
export type HybridVpnSpec = z.infer<typeof hybridVpnSpec>;
