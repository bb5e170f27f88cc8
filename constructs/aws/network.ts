import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkProps {
  /** IPv4 range of the VPC. */
  readonly cidr: string;
  /** Zones the subnets span, in order; spread across all of them. */
  readonly zones: readonly string[];
  /**
   * One NAT gateway per zone, so losing a zone does not cut the others' egress. With false, one
   * NAT gateway serves all zones. @default true
   */
  readonly natPerZone?: boolean;
  /** Add private subnets with egress (NAT) for compute. @default true */
  readonly privateSubnets?: boolean;
  /** Add public subnets (internet-facing load balancers, NAT gateways). @default true */
  readonly publicSubnets?: boolean;
  /** Days VPC flow logs are kept. @default 90 */
  readonly flowLogRetentionDays?: logs.RetentionDays;
}

/**
 * A VPC over explicit zones (no account look-up at synth), with public subnets for entry points,
 * private subnets for compute, isolated subnets for data, and flow logs of all traffic.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const publicSubnets = props.publicSubnets ?? true;
    const privateSubnets = props.privateSubnets ?? true;
    const subnetConfiguration: ec2.SubnetConfiguration[] = [];
    if (publicSubnets) subnetConfiguration.push({ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 });
    if (privateSubnets && publicSubnets) {
      subnetConfiguration.push({ name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 });
    }
    subnetConfiguration.push({ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 });

    const flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetentionDays ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      availabilityZones: [...props.zones],
      subnetConfiguration,
      natGateways: publicSubnets && privateSubnets ? ((props.natPerZone ?? true) ? props.zones.length : 1) : 0,
      restrictDefaultSecurityGroup: false,
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });
    // The default security group is left as AWS creates it: restricting it takes a custom
    // resource (a Lambda) per VPC. Nothing here attaches to it; every resource gets its own group.
  }
}
