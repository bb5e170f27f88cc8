import { App, CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import { Network } from '../../constructs/aws/network';
import { TransitGateway } from '../../constructs/aws/transit-gateway';
import { VpnAlarms } from '../../constructs/aws/vpn-alarms';
import { VpnConnection } from '../../constructs/aws/vpn-connection';
import type { TwinstackSpec } from '../spec';
import { resourcePrefix, stackName } from './naming';

/**
 * Adds the hybrid-vpn stack for the spec: a private VPC attached to a transit gateway, and a
 * BGP site-to-site VPN of two IPsec tunnels from that gateway to the on-premises device.
 */
export function addHybridVpnStacks(app: App, spec: TwinstackSpec): Stack[] {
  const vpn = spec.architectures['hybrid-vpn'];
  const { region, zones } = vpn.aws.placement;
  const name = stackName(spec, 'hybrid-vpn');
  const stack = new Stack(app, name, {
    stackName: name,
    env: { account: spec.aws.account, region },
    description: `${resourcePrefix(spec)}: VPC joined to the on-premises network by an IPsec VPN with BGP`,
  });

  // Reached only from on-premises through the tunnels: isolated subnets, no internet gateway or NAT.
  const network = new Network(stack, 'Network', { cidr: vpn.network.cidr, zones, publicSubnets: false });

  const transitGateway = new TransitGateway(stack, 'TransitGateway', {
    amazonSideAsn: vpn.cloudBgpAsn,
    vpc: network.vpc,
    remoteCidrs: vpn.onPremises.cidrs,
    name: `${resourcePrefix(spec)}-hybrid-vpn`,
  });

  const connection = new VpnConnection(stack, 'Vpn', {
    transitGatewayId: transitGateway.transitGatewayId,
    customerGatewayIp: vpn.onPremises.gatewayIp,
    customerGatewayAsn: vpn.onPremises.bgpAsn,
    tunnelInsideCidrs: vpn.tunnels.map((tunnel) => tunnel.insideCidr),
    name: `${resourcePrefix(spec)}-hybrid-vpn`,
  });

  const alarms = new VpnAlarms(stack, 'TunnelAlarms', { tunnelState: connection.metricTunnelState() });

  new CfnOutput(stack, 'VpnConnectionId', { value: connection.vpnConnectionId, description: 'Site-to-site VPN connection' });
  new CfnOutput(stack, 'TransitGatewayId', { value: transitGateway.transitGatewayId, description: 'Transit gateway the tunnels terminate on' });
  new CfnOutput(stack, 'CustomerGatewayId', {
    value: connection.customerGateway.attrCustomerGatewayId,
    description: 'Customer gateway describing the on-premises device',
  });
  connection.preSharedKeys.forEach((secret, i) => {
    new CfnOutput(stack, `Tunnel${i + 1}PreSharedKeySecretArn`, {
      value: secret.secretArn,
      description: `Secret holding the pre-shared key of tunnel ${i + 1} (aws secretsmanager get-secret-value --secret-id <arn>)`,
    });
  });
  new CfnOutput(stack, 'DeviceConfigurationHint', {
    value: Fn.join('', [
      `List device types with 'aws ec2 get-vpn-connection-device-types --region ${region}', then download the configuration with `,
      `'aws ec2 get-vpn-connection-device-sample-configuration --region ${region} --vpn-connection-id `,
      connection.vpnConnectionId,
      " --internet-key-exchange-version ikev2 --vpn-connection-device-type-id <type-id>'. ",
      'The download contains the pre-shared keys: keep it out of tickets and repositories.',
    ]),
    description: 'How the on-premises engineer gets the configuration of the VPN device',
  });
  new CfnOutput(stack, 'TunnelAlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe the on-call channel to tunnel alarms here' });

  return [stack];
}
