import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface TransitGatewayProps {
  /** BGP ASN of the AWS side; a private ASN (64512-65534 or 4200000000-4294967294). */
  readonly amazonSideAsn: number;
  /** VPC attached to the transit gateway. */
  readonly vpc: ec2.IVpc;
  /** Subnets the VPC attachment uses, at most one per zone. @default - the VPC's isolated subnets, one per zone */
  readonly attachmentSubnets?: ec2.SubnetSelection;
  /** Ranges reached through the transit gateway; each gets a route in every subnet route table of the VPC. @default - none */
  readonly remoteCidrs?: readonly string[];
  /** Name tag and description of the transit gateway. @default - the construct path */
  readonly name?: string;
}

const PRIVATE_ASN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [64512, 65534],
  [4200000000, 4294967294],
];
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function isIpv4Cidr(text: string): boolean {
  const match = IPV4_CIDR.exec(text);
  if (!match) return false;
  const [, a, b, c, d, length] = match.map(Number);
  return [a, b, c, d].every((octet) => octet <= 255) && length <= 32;
}

/**
 * A transit gateway with one VPC attached and the VPC's subnets routing the remote ranges to it.
 *
 * Attachments (this VPC and any VPN connection on the gateway) share the gateway's default route
 * table: each is associated with it and propagates its routes into it. That is deliberate.
 * CloudFormation does not return the transit gateway attachment id of an `AWS::EC2::VPNConnection`,
 * so a VPN attachment can only be associated and propagated through the defaults; without them
 * the on-premises side would have no route table and the BGP-learned routes would go nowhere.
 * With default association on, every attachment (this VPC's included) is associated with the
 * default table on creation, and an attachment belongs to exactly one table, so an explicit
 * association of the VPC attachment with a table of its own would fail as "already associated".
 * One shared table is therefore the only layout CloudFormation can express without a custom
 * resource; it suits a single VPC joined to one site. Segmenting further VPCs needs the VPN
 * attachment id (looked up after deployment) and explicit tables.
 */
export class TransitGateway extends Construct {
  readonly transitGateway: ec2.CfnTransitGateway;
  readonly vpcAttachment: ec2.CfnTransitGatewayVpcAttachment;
  readonly transitGatewayId: string;

  constructor(scope: Construct, id: string, props: TransitGatewayProps) {
    super(scope, id);
    const asn = props.amazonSideAsn;
    if (!Number.isInteger(asn) || !PRIVATE_ASN_RANGES.some(([low, high]) => asn >= low && asn <= high)) {
      throw new Error(`TransitGateway ${id}: amazonSideAsn (${asn}) must be a private ASN, 64512-65534 or 4200000000-4294967294`);
    }
    const remoteCidrs = props.remoteCidrs ?? [];
    const badCidr = remoteCidrs.find((cidr) => !isIpv4Cidr(cidr));
    if (badCidr !== undefined) throw new Error(`TransitGateway ${id}: remoteCidrs entry "${badCidr}" is not an IPv4 CIDR (a.b.c.d/n)`);
    if (new Set(remoteCidrs).size !== remoteCidrs.length) throw new Error(`TransitGateway ${id}: remoteCidrs must not repeat a range`);

    const { subnets } = props.vpc.selectSubnets(
      props.attachmentSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED, onePerAz: true },
    );
    if (subnets.length === 0) throw new Error(`TransitGateway ${id}: attachmentSubnets selects no subnet`);
    const zones = subnets.map((subnet) => subnet.availabilityZone);
    if (new Set(zones).size !== zones.length) {
      throw new Error(`TransitGateway ${id}: attachmentSubnets must hold at most one subnet per zone (got ${zones.join(', ')})`);
    }

    const name = props.name ?? this.node.path;
    this.transitGateway = new ec2.CfnTransitGateway(this, 'Gateway', {
      description: name,
      amazonSideAsn: asn,
      // See the class comment: the VPN attachment can only be routed through the default table.
      defaultRouteTableAssociation: 'enable',
      defaultRouteTablePropagation: 'enable',
      // Attachments shared from other accounts join the routing domain only after review.
      autoAcceptSharedAttachments: 'disable',
      dnsSupport: 'enable',
      // Both tunnels carry traffic (equal-cost BGP paths) instead of one idling as standby.
      vpnEcmpSupport: 'enable',
      multicastSupport: 'disable',
    });
    Tags.of(this.transitGateway).add('Name', name);
    this.transitGatewayId = this.transitGateway.attrId;

    this.vpcAttachment = new ec2.CfnTransitGatewayVpcAttachment(this, 'VpcAttachment', {
      transitGatewayId: this.transitGatewayId,
      vpcId: props.vpc.vpcId,
      subnetIds: subnets.map((subnet) => subnet.subnetId),
      options: { DnsSupport: 'enable', Ipv6Support: 'disable', ApplianceModeSupport: 'disable' },
    });
    Tags.of(this.vpcAttachment).add('Name', name);

    const allSubnets = [...props.vpc.publicSubnets, ...props.vpc.privateSubnets, ...props.vpc.isolatedSubnets];
    for (const subnet of allSubnets) {
      for (const cidr of remoteCidrs) {
        // Ids follow the range, not its position, so reordering the spec's list changes nothing.
        const route = new ec2.CfnRoute(this, `${subnet.node.id}To${cidr.replace(/[./]/g, '-')}`, {
          routeTableId: subnet.routeTable.routeTableId,
          destinationCidrBlock: cidr,
          transitGatewayId: this.transitGatewayId,
        });
        // A route to a transit gateway is rejected until the VPC is attached to it.
        route.addResourceDependency(this.vpcAttachment);
      }
    }
  }
}
