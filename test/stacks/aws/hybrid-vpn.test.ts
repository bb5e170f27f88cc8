import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TransitGateway } from '../../../constructs/aws/transit-gateway';
import { VpnConnection } from '../../../constructs/aws/vpn-connection';
import { synthArchitecture } from '../../helpers/aws';
import { specWith } from '../../helpers/spec';

const STACK = 'twinstack-prod-hybrid-vpn';
const ON_PREM_CIDRS = ['192.168.0.0/16', '172.16.0.0/20'];

function resourcesOf(template: Template, type: string): Array<[string, any]> {
  return Object.entries(template.findResources(type));
}

function tunnelsOf(template: Template): any[] {
  const [[, connection]] = resourcesOf(template, 'AWS::EC2::VPNConnection');
  return connection.Properties.VpnTunnelOptionsSpecifications;
}

describe('hybrid-vpn on AWS', () => {
  let template: Template;
  let stacks: Stack[];

  beforeAll(() => {
    const synthesized = synthArchitecture('hybrid-vpn');
    template = synthesized.templates[STACK];
    stacks = synthesized.stacks;
  });

  test('renders one stack in the spec region and account', () => {
    expect(stacks.map((stack) => [stack.stackName, stack.region, stack.account])).toEqual([[STACK, 'eu-west-1', '111122223333']]);
  });

  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('synthesizes the same template twice', () => {
    expect(synthArchitecture('hybrid-vpn').templates[STACK].toJSON()).toEqual(template.toJSON());
  });

  test('keeps the VPC private: isolated subnets in both zones, no internet gateway or NAT', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.60.0.0/16' });
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1a', MapPublicIpOnLaunch: false });
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1b', MapPublicIpOnLaunch: false });
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL' });
  });

  test('creates a transit gateway with the cloud-side ASN, DNS and ECMP across both tunnels', () => {
    template.resourceCountIs('AWS::EC2::TransitGateway', 1);
    template.hasResourceProperties('AWS::EC2::TransitGateway', {
      AmazonSideAsn: 64512,
      DnsSupport: 'enable',
      VpnEcmpSupport: 'enable',
      AutoAcceptSharedAttachments: 'disable',
      // The VPN attachment id is not returned by CloudFormation: routing goes through the default table.
      DefaultRouteTableAssociation: 'enable',
      DefaultRouteTablePropagation: 'enable',
    });
  });

  test('attaches the VPC to the transit gateway in one subnet per zone', () => {
    const [[, attachment]] = resourcesOf(template, 'AWS::EC2::TransitGatewayVpcAttachment');
    const subnetIds = resourcesOf(template, 'AWS::EC2::Subnet').map(([logicalId]) => ({ Ref: logicalId }));
    expect(attachment.Properties.SubnetIds).toEqual(expect.arrayContaining(subnetIds));
    expect(attachment.Properties.SubnetIds).toHaveLength(2);
    expect(attachment.Properties.TransitGatewayId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TransitGateway/), 'Id'] });
  });

  test('routes every on-premises range to the transit gateway from every subnet, once the VPC is attached', () => {
    const routes = resourcesOf(template, 'AWS::EC2::Route');
    const routeTables = resourcesOf(template, 'AWS::EC2::RouteTable').map(([logicalId]) => logicalId);
    const [[attachmentId]] = resourcesOf(template, 'AWS::EC2::TransitGatewayVpcAttachment');
    expect(routes).toHaveLength(ON_PREM_CIDRS.length * routeTables.length);
    for (const routeTable of routeTables) {
      const destinations = routes
        .filter(([, route]) => route.Properties.RouteTableId.Ref === routeTable)
        .map(([, route]) => route.Properties.DestinationCidrBlock);
      expect(destinations.sort()).toEqual([...ON_PREM_CIDRS].sort());
    }
    for (const [, route] of routes) {
      expect(route.Properties.TransitGatewayId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TransitGateway/), 'Id'] });
      expect(route.DependsOn).toContain(attachmentId);
    }
  });

  test('describes the on-premises device as a customer gateway with its ASN and public address', () => {
    template.resourceCountIs('AWS::EC2::CustomerGateway', 1);
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { Type: 'ipsec.1', BgpAsn: 65010, IpAddress: '203.0.113.10' });
  });

  test('connects on-premises over exactly two BGP tunnels on the spec inside ranges', () => {
    template.resourceCountIs('AWS::EC2::VPNConnection', 1);
    template.hasResourceProperties('AWS::EC2::VPNConnection', {
      Type: 'ipsec.1',
      StaticRoutesOnly: false,
      TransitGatewayId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TransitGateway'), 'Id'] },
      CustomerGatewayId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpnCustomerGateway'), 'CustomerGatewayId'] },
    });
    expect(tunnelsOf(template).map((tunnel) => tunnel.TunnelInsideCidr)).toEqual(['169.254.10.0/30', '169.254.11.0/30']);
  });

  test('negotiates IKEv2 only, with AES-256, SHA-2 and Diffie-Hellman groups 14 or stronger', () => {
    const values = (list: Array<{ Value: string | number }>) => list.map((item) => item.Value);
    for (const tunnel of tunnelsOf(template)) {
      expect(values(tunnel.IKEVersions)).toEqual(['ikev2']);
      for (const phase of ['Phase1', 'Phase2']) {
        expect(values(tunnel[`${phase}EncryptionAlgorithms`])).toEqual(['AES256-GCM-16', 'AES256']);
        expect(values(tunnel[`${phase}IntegrityAlgorithms`])).toEqual(['SHA2-256', 'SHA2-384', 'SHA2-512']);
        expect(values(tunnel[`${phase}DHGroupNumbers`])).toEqual([14, 15, 16, 19, 20, 21]);
      }
      expect(tunnel.Phase1LifetimeSeconds).toBeGreaterThan(tunnel.Phase2LifetimeSeconds);
    }
  });

  test('logs tunnel and BGP activity of both tunnels to one CloudWatch log group', () => {
    const [[logGroupId, logGroup]] = resourcesOf(template, 'AWS::Logs::LogGroup').filter(([id]) => id.startsWith('VpnTunnelLogs'));
    expect(logGroup.Properties.RetentionInDays).toBe(90);
    const arn = { 'Fn::GetAtt': [logGroupId, 'Arn'] };
    for (const tunnel of tunnelsOf(template)) {
      expect(tunnel.LogOptions.CloudwatchLogOptions).toEqual({
        LogEnabled: true,
        LogGroupArn: arn,
        LogOutputFormat: 'json',
        BgpLogEnabled: true,
        BgpLogGroupArn: arn,
        BgpLogOutputFormat: 'json',
      });
    }
  });

  test('takes each pre-shared key from its own generated secret by dynamic reference, never as a literal', () => {
    const secrets = resourcesOf(template, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(2);
    for (const [, secret] of secrets) {
      const generated = secret.Properties.GenerateSecretString;
      expect(generated).toMatchObject({ ExcludePunctuation: true, IncludeSpace: false });
      expect(generated.ExcludeCharacters).toContain('0');
      expect(generated.PasswordLength).toBeGreaterThanOrEqual(8);
      expect(generated.PasswordLength).toBeLessThanOrEqual(64);
      expect(secret.Properties.SecretString).toBeUndefined();
    }
    const referenced = tunnelsOf(template).map((tunnel) => {
      expect(typeof tunnel.PreSharedKey).not.toBe('string');
      const [separator, [prefix, ref, suffix]] = tunnel.PreSharedKey['Fn::Join'];
      expect([separator, prefix, suffix]).toEqual(['', '{{resolve:secretsmanager:', ':SecretString:::}}']);
      return ref.Ref;
    });
    expect(referenced.sort()).toEqual(secrets.map(([logicalId]) => logicalId).sort());
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"PreSharedKey":"/);
  });

  test('alarms on a degraded and a failed connection to a KMS-encrypted, TLS-only topic', () => {
    const [[topicId]] = resourcesOf(template, 'AWS::SNS::Topic');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TunnelAlarmsTopicKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
    const alarm = (operator: string, threshold: number) => ({
      Namespace: 'AWS/VPN',
      MetricName: 'TunnelState',
      Dimensions: [{ Name: 'VpnId', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpnConnection'), 'VpnConnectionId'] } }],
      Statistic: 'Maximum',
      ComparisonOperator: operator,
      Threshold: threshold,
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: topicId }],
      OKActions: [{ Ref: topicId }],
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', alarm('LessThanThreshold', 1));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', alarm('LessThanOrEqualToThreshold', 0));
  });

  test('outputs what an on-premises engineer needs to configure the device', () => {
    const outputs = template.toJSON().Outputs;
    const ref = (prefix: string) => expect.objectContaining({ Value: { Ref: expect.stringMatching(new RegExp(`^${prefix}`)) } });
    const getAtt = (prefix: string, attribute: string) =>
      expect.objectContaining({ Value: { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${prefix}`)), attribute] } });
    expect(outputs).toMatchObject({
      VpnConnectionId: getAtt('VpnConnection', 'VpnConnectionId'),
      TransitGatewayId: getAtt('TransitGateway', 'Id'),
      CustomerGatewayId: getAtt('VpnCustomerGateway', 'CustomerGatewayId'),
      Tunnel1PreSharedKeySecretArn: ref('VpnTunnel1PreSharedKey'),
      Tunnel2PreSharedKeySecretArn: ref('VpnTunnel2PreSharedKey'),
      TunnelAlarmTopicArn: ref('TunnelAlarmsTopic'),
    });
    const hint = JSON.stringify(outputs.DeviceConfigurationHint.Value);
    expect(hint).toContain('get-vpn-connection-device-sample-configuration --region eu-west-1 --vpn-connection-id ');
    expect(hint).toContain('VpnConnectionId');
  });
});

describe('hybrid-vpn on AWS follows the spec', () => {
  test('routes the on-premises ranges the spec lists, and only those', () => {
    const spec = specWith((input) => {
      input.architectures['hybrid-vpn'].onPremises.cidrs = ['10.200.0.0/16'];
    });
    const template = synthArchitecture('hybrid-vpn', spec).templates[STACK];
    const destinations = resourcesOf(template, 'AWS::EC2::Route').map(([, route]) => route.Properties.DestinationCidrBlock);
    expect(destinations).toEqual(['10.200.0.0/16', '10.200.0.0/16']);
  });

  test('uses the ASNs, device address and tunnel ranges the spec gives', () => {
    const spec = specWith((input) => {
      const vpn = input.architectures['hybrid-vpn'];
      vpn.cloudBgpAsn = 64600;
      vpn.onPremises.bgpAsn = 4200000001;
      vpn.onPremises.gatewayIp = '198.51.100.7';
      vpn.tunnels = [{ insideCidr: '169.254.20.0/30' }, { insideCidr: '169.254.20.4/30' }];
    });
    const template = synthArchitecture('hybrid-vpn', spec).templates[STACK];
    template.hasResourceProperties('AWS::EC2::TransitGateway', { AmazonSideAsn: 64600 });
    // ASNs above 2147483647 only fit the extended field.
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { BgpAsnExtended: 4200000001, BgpAsn: Match.absent(), IpAddress: '198.51.100.7' });
    expect(tunnelsOf(template).map((tunnel) => tunnel.TunnelInsideCidr)).toEqual(['169.254.20.0/30', '169.254.20.4/30']);
  });
});

describe('hybrid-vpn constructs reject unusable settings', () => {
  function scope(): { stack: Stack; vpc: ec2.Vpc } {
    const stack = new Stack(new App(), 'Test', { env: { account: '111122223333', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      availabilityZones: ['eu-west-1a'],
      subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    return { stack, vpc };
  }
  const vpnProps = { transitGatewayId: 'tgw-1', customerGatewayIp: '203.0.113.10', customerGatewayAsn: 65010 };

  test('a transit gateway with a public ASN', () => {
    const { stack, vpc } = scope();
    expect(() => new TransitGateway(stack, 'Tgw', { amazonSideAsn: 16509, vpc })).toThrow(/amazonSideAsn \(16509\) must be a private ASN/);
  });

  test('a remote range that is not a CIDR', () => {
    const { stack, vpc } = scope();
    expect(() => new TransitGateway(stack, 'Tgw', { amazonSideAsn: 64512, vpc, remoteCidrs: ['192.168.0.0'] })).toThrow(/remoteCidrs entry "192.168.0.0"/);
  });

  test('a VPN with other than two tunnels', () => {
    const { stack } = scope();
    expect(() => new VpnConnection(stack, 'Vpn', { ...vpnProps, tunnelInsideCidrs: ['169.254.10.0/30'] })).toThrow(/exactly two ranges/);
  });

  test('a tunnel range AWS reserves or that is not a /30 of 169.254.0.0/16', () => {
    const { stack } = scope();
    expect(() => new VpnConnection(stack, 'A', { ...vpnProps, tunnelInsideCidrs: ['169.254.1.0/30', '169.254.10.0/30'] })).toThrow(/reserved by AWS/);
    expect(() => new VpnConnection(stack, 'B', { ...vpnProps, tunnelInsideCidrs: ['10.0.0.0/30', '169.254.10.0/30'] })).toThrow(/must be a \/30 of 169.254.0.0\/16/);
  });

  test('a pre-shared key length AWS does not accept', () => {
    const { stack } = scope();
    const tunnelInsideCidrs = ['169.254.10.0/30', '169.254.11.0/30'];
    expect(() => new VpnConnection(stack, 'Vpn', { ...vpnProps, tunnelInsideCidrs, preSharedKeyLength: 65 })).toThrow(/preSharedKeyLength \(65\) must be an integer from 8 to 64/);
  });
});
