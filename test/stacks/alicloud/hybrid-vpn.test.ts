import * as pulumi from '@pulumi/pulumi';
import type { Manifest, ManifestResource } from '../../../stacks/alicloud/manifest';
import type { TwinstackSpec } from '../../../stacks/spec';
import { attachmentTunnelOptions, connectionTunnelOptions, placeholderPsk, planTunnels } from '../../../constructs/alicloud/vpn-tunnels';
import { ofType, oneOfType, renderArchitecture } from '../../helpers/alicloud';
import { specWith } from '../../helpers/spec';

const COMPONENT = 'twinstack-prod-hybrid-vpn';
const GATEWAY = 'alicloud:vpn/gateway:Gateway';
const CUSTOMER_GATEWAY = 'alicloud:vpn/customerGateway:CustomerGateway';
const CONNECTION = 'alicloud:vpn/connection:Connection';
const SWITCH = 'alicloud:vpc/switch:Switch';
const CEN_TYPES = [
  'alicloud:cen/instance:Instance',
  'alicloud:cen/transitRouter:TransitRouter',
  'alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment',
  'alicloud:cen/transitRouterVpnAttachment:TransitRouterVpnAttachment',
  'alicloud:vpn/gatewayVpnAttachment:GatewayVpnAttachment',
];

/** Resolves outputs at any depth, writing secret leaves as "[secret]" and keeping the rest readable. */
async function leaves(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    if (await pulumi.isSecret(value)) return '[secret]';
    return leaves(await new Promise((resolve) => value.apply(resolve)));
  }
  if (Array.isArray(value)) return Promise.all(value.map(leaves));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await leaves(v)] as const));
    return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
  }
  return value;
}

/**
 * Tunnel options exactly as the component builds them for a spec. The manifest cannot show them:
 * a secret key inside makes Pulumi mark the whole property secret, so it renders as one "[secret]".
 */
async function tunnelsFor(spec: TwinstackSpec, mode: 'connection' | 'attachment'): Promise<any[]> {
  const vpn = spec.architectures['hybrid-vpn'];
  const tunnels = planTunnels({
    insideCidrs: vpn.tunnels.map((t) => t.insideCidr),
    cloudAsn: vpn.cloudBgpAsn,
    onPremisesAsn: vpn.onPremises.bgpAsn,
    customerGatewayId: `${COMPONENT}-customer-gateway.id`,
    preSharedKeys: [placeholderPsk(0), placeholderPsk(1)],
  });
  const options = mode === 'connection' ? connectionTunnelOptions(tunnels, vpn.cloudBgpAsn) : attachmentTunnelOptions(tunnels, vpn.cloudBgpAsn);
  return (await leaves(options)) as any[];
}

function switchNamed(manifest: Manifest, id: unknown): ManifestResource {
  const found = ofType(manifest, SWITCH).find((s) => `${s.name}.id` === id);
  if (!found) throw new Error(`no vSwitch has id ${String(id)}`);
  return found;
}

describe('hybrid-vpn on Alibaba Cloud', () => {
  let manifest: Manifest;

  beforeAll(async () => {
    manifest = await renderArchitecture('hybrid-vpn');
  });

  test('matches the snapshot', () => {
    expect(manifest).toMatchSnapshot();
  });

  test('renders the same manifest twice', async () => {
    expect(JSON.stringify(await renderArchitecture('hybrid-vpn'))).toBe(JSON.stringify(manifest));
  });

  test('creates every resource through one explicit provider in the spec region', () => {
    const providers = ofType(manifest, 'pulumi:providers:alicloud');
    expect(providers.map((p) => [p.name, p.region])).toEqual([[`${COMPONENT}-cn-hangzhou`, 'cn-hangzhou']]);
    const resources = manifest.resources.filter((r) => r.type.startsWith('alicloud:'));
    expect(resources.length).toBeGreaterThan(5);
    for (const resource of resources) expect([resource.name, resource.region]).toEqual([resource.name, 'cn-hangzhou']);
  });

  test('puts the VPC on the spec range without internet egress', () => {
    expect(oneOfType(manifest, 'alicloud:vpc/network:Network').inputs.cidrBlock).toBe('10.60.0.0/16');
    expect(ofType(manifest, 'alicloud:vpc/natGateway:NatGateway')).toHaveLength(0);
    expect(ofType(manifest, 'alicloud:ecs/eipAddress:EipAddress')).toHaveLength(0);
  });

  test('spans the VPN gateway over two vSwitches in the two spec zones (dual-tunnel mode)', () => {
    const gateway = oneOfType(manifest, GATEWAY);
    expect(gateway.inputs).toMatchObject({
      enableIpsec: true,
      enableSsl: false,
      networkType: 'public',
      paymentType: 'PayAsYouGo',
      bandwidth: 200,
      autoPropagate: true,
      vpcId: `${COMPONENT}-network-vpc.id`,
    });
    const primary = switchNamed(manifest, gateway.inputs.vswitchId);
    const standby = switchNamed(manifest, gateway.inputs.disasterRecoveryVswitchId);
    expect([primary.inputs.zoneId, standby.inputs.zoneId]).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
    expect(gateway.inputs.tags).toMatchObject({ 'twinstack:architecture': 'hybrid-vpn' });
  });

  test('declares the customer gateway with the on-premises address and ASN', () => {
    const customerGateway = oneOfType(manifest, CUSTOMER_GATEWAY);
    expect(customerGateway.inputs).toMatchObject({ ipAddress: '203.0.113.10', asn: '65010' });
  });

  test('connects with exactly two IKEv2 tunnels running BGP on the spec inside ranges and ASN', async () => {
    const connection = oneOfType(manifest, CONNECTION);
    expect(connection.inputs).toMatchObject({
      vpnGatewayId: `${COMPONENT}-vpn-gateway.id`,
      localSubnets: ['10.60.0.0/16'],
      remoteSubnets: ['192.168.0.0/16', '172.16.0.0/20'],
      enableTunnelsBgp: true,
      autoConfigRoute: false,
      effectImmediately: true,
    });
    // The key inside makes the whole tunnel list secret in the manifest: nothing leaks there.
    expect(connection.inputs.tunnelOptionsSpecifications).toBe('[secret]');
    const tunnels = await tunnelsFor(specWith(), 'connection');
    expect(tunnels).toHaveLength(2);
    expect(tunnels.map((t) => t.role)).toEqual(['master', 'slave']);
    expect(tunnels.map((t) => t.tunnelBgpConfig)).toEqual([
      { localAsn: '64512', tunnelCidr: '169.254.10.0/30', localBgpIp: '169.254.10.1' },
      { localAsn: '64512', tunnelCidr: '169.254.11.0/30', localBgpIp: '169.254.11.1' },
    ]);
    for (const tunnel of tunnels) {
      expect(tunnel.customerGatewayId).toBe(`${COMPONENT}-customer-gateway.id`);
      expect(tunnel.enableDpd).toBe(true);
      expect(tunnel.tunnelIkeConfig).toEqual({
        ikeVersion: 'ikev2',
        ikeMode: 'main',
        ikeEncAlg: 'aes256',
        ikeAuthAlg: 'sha256',
        ikePfs: 'group14',
        ikeLifetime: 28800,
        psk: '[secret]',
      });
      expect(tunnel.tunnelIpsecConfig).toEqual({ ipsecEncAlg: 'aes256', ipsecAuthAlg: 'sha256', ipsecPfs: 'group14', ipsecLifetime: 3600 });
    }
  });

  test('never writes a pre-shared key in clear', () => {
    expect(JSON.stringify(manifest)).not.toContain('before-deploy');
  });

  test('relies on BGP propagation rather than static VPC routes', () => {
    expect(ofType(manifest, 'alicloud:vpc/routeEntry:RouteEntry')).toHaveLength(0);
    for (const type of CEN_TYPES) expect(ofType(manifest, type)).toHaveLength(0);
  });

  test('outputs the gateway, both tunnel addresses and what the device needs per tunnel', () => {
    expect(manifest.outputs).toMatchObject({
      mode: 'vpn-gateway',
      region: 'cn-hangzhou',
      vpnGatewayId: `${COMPONENT}-vpn-gateway.id`,
      customerGatewayId: `${COMPONENT}-customer-gateway.id`,
      connectionId: `${COMPONENT}-vpn-connection.id`,
      internetIp: `${COMPONENT}-vpn-gateway.internetIp`,
      disasterRecoveryInternetIp: `${COMPONENT}-vpn-gateway.disasterRecoveryInternetIp`,
      cloudBgpAsn: 64512,
      onPremisesBgpAsn: 65010,
    });
    expect(manifest.outputs.tunnels).toEqual([
      {
        role: 'master',
        zone: 'cn-hangzhou-h',
        insideCidr: '169.254.10.0/30',
        cloudBgpIp: '169.254.10.1',
        onPremisesBgpIp: '169.254.10.2',
        cloudOutsideIp: `${COMPONENT}-vpn-gateway.internetIp`,
      },
      {
        role: 'slave',
        zone: 'cn-hangzhou-i',
        insideCidr: '169.254.11.0/30',
        cloudBgpIp: '169.254.11.1',
        onPremisesBgpIp: '169.254.11.2',
        cloudOutsideIp: `${COMPONENT}-vpn-gateway.disasterRecoveryInternetIp`,
      },
    ]);
  });

  test('follows the spec: on-premises ranges, ASNs, tunnels, region and zones', async () => {
    const editedSpec = specWith((input) => {
      const vpn = input.architectures['hybrid-vpn'];
      vpn.onPremises.cidrs = ['192.168.10.0/24'];
      vpn.onPremises.bgpAsn = 65020;
      vpn.cloudBgpAsn = 64600;
      vpn.tunnels = [{ insideCidr: '169.254.20.0/30' }, { insideCidr: '169.254.21.4/30' }];
      vpn.alicloud.placement = { region: 'cn-shanghai', zones: ['cn-shanghai-e', 'cn-shanghai-f'] };
    });
    const edited = await renderArchitecture('hybrid-vpn', editedSpec);
    const connection = oneOfType(edited, CONNECTION);
    expect(connection.inputs.remoteSubnets).toEqual(['192.168.10.0/24']);
    expect((await tunnelsFor(editedSpec, 'connection')).map((t) => t.tunnelBgpConfig)).toEqual([
      { localAsn: '64600', tunnelCidr: '169.254.20.0/30', localBgpIp: '169.254.20.1' },
      { localAsn: '64600', tunnelCidr: '169.254.21.4/30', localBgpIp: '169.254.21.5' },
    ]);
    expect(oneOfType(edited, CUSTOMER_GATEWAY).inputs.asn).toBe('65020');
    const gateway = oneOfType(edited, GATEWAY);
    expect(gateway.region).toBe('cn-shanghai');
    expect(switchNamed(edited, gateway.inputs.disasterRecoveryVswitchId).inputs.zoneId).toBe('cn-shanghai-f');
    expect(edited.resources.filter((r) => r.type.startsWith('alicloud:')).every((r) => r.region === 'cn-shanghai')).toBe(true);
  });

  test('refuses a key list that is not one key per tunnel, and inside ranges Alibaba cannot run BGP on', () => {
    const base = { insideCidrs: ['169.254.10.0/30', '169.254.11.0/30'], cloudAsn: 64512, onPremisesAsn: 65010, customerGatewayId: 'cgw' };
    expect(() => planTunnels({ ...base, preSharedKeys: ['only-one'] })).toThrow(/preSharedKeys must list exactly two keys/);
    expect(() => planTunnels({ ...base, insideCidrs: ['169.254.10.0/29', '169.254.11.0/30'], preSharedKeys: ['a', 'b'] })).toThrow(
      /insideCidrs\[0\] must be a \/30 inside 169.254.0.0\/16/,
    );
    expect(planTunnels({ ...base, preSharedKeys: ['a', 'b'] }).map((t) => [t.cloudBgpIp, t.onPremisesBgpIp])).toEqual([
      ['169.254.10.1', '169.254.10.2'],
      ['169.254.11.1', '169.254.11.2'],
    ]);
  });

  describe('with alicloud.multiVpc', () => {
    const cenSpec = specWith((input) => {
      input.architectures['hybrid-vpn'].alicloud.multiVpc = true;
    });
    let cen: Manifest;

    beforeAll(async () => {
      cen = await renderArchitecture('hybrid-vpn', cenSpec);
    });

    test('carries the tunnels on a CEN transit router instead of a VPN gateway', () => {
      for (const type of CEN_TYPES) expect(ofType(cen, type)).toHaveLength(1);
      expect(ofType(cen, GATEWAY)).toHaveLength(0);
      expect(ofType(cen, CONNECTION)).toHaveLength(0);
      expect(cen.resources.filter((r) => r.type.startsWith('alicloud:')).every((r) => r.region === 'cn-hangzhou')).toBe(true);
    });

    test('attaches the VPC in both spec zones and the IPsec attachment to the router, publishing routes both ways', () => {
      const vpcAttachment = oneOfType(cen, CEN_TYPES[2]);
      expect(vpcAttachment.inputs).toMatchObject({ cenId: `${COMPONENT}-cen-cen.id`, vpcId: `${COMPONENT}-network-vpc.id`, autoPublishRouteEnabled: true });
      const zoneMappings = vpcAttachment.inputs.zoneMappings as Array<{ zoneId: string; vswitchId: string }>;
      expect(zoneMappings.map((z) => [z.zoneId, switchNamed(cen, z.vswitchId).inputs.zoneId])).toEqual([
        ['cn-hangzhou-h', 'cn-hangzhou-h'],
        ['cn-hangzhou-i', 'cn-hangzhou-i'],
      ]);
      expect(oneOfType(cen, CEN_TYPES[3]).inputs).toMatchObject({
        cenId: `${COMPONENT}-cen-cen.id`,
        vpnId: `${COMPONENT}-cen-vpn-attachment.id`,
        autoPublishRouteEnabled: true,
      });
    });

    test('runs the same two BGP tunnels on the IPsec attachment', async () => {
      const attachment = oneOfType(cen, CEN_TYPES[4]);
      expect(attachment.inputs).toMatchObject({ networkType: 'public', enableTunnelsBgp: true, localSubnet: '0.0.0.0/0', remoteSubnet: '0.0.0.0/0' });
      expect(attachment.inputs.tunnelOptionsSpecifications).toBe('[secret]');
      const tunnels = await tunnelsFor(cenSpec, 'attachment');
      expect(tunnels.map((t) => [t.tunnelIndex, t.customerGatewayId, t.tunnelBgpConfig])).toEqual([
        [1, `${COMPONENT}-customer-gateway.id`, { localAsn: 64512, tunnelCidr: '169.254.10.0/30', localBgpIp: '169.254.10.1' }],
        [2, `${COMPONENT}-customer-gateway.id`, { localAsn: 64512, tunnelCidr: '169.254.11.0/30', localBgpIp: '169.254.11.1' }],
      ]);
      for (const tunnel of tunnels) expect(tunnel.tunnelIkeConfig).toMatchObject({ ikeVersion: 'ikev2', ikePfs: 'group14', psk: '[secret]' });
      expect(cen.outputs).toMatchObject({ mode: 'transit-router', cenId: `${COMPONENT}-cen-cen.id`, vpnAttachmentId: `${COMPONENT}-cen-vpn-attachment.id` });
    });
  });
});
