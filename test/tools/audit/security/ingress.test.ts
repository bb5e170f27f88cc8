import { ingressChanges } from '../../../../tools/audit/security/ingress';
import { sourceCovers, uncoveredPorts } from '../../../../tools/audit/security/ingress-rules';
import { ali, cfn, pair, summary } from '../fixtures';

const sg = (...rules: unknown[]) => cfn('AWS::EC2::SecurityGroup', { GroupDescription: 'web', SecurityGroupIngress: rules });
const tcp = (port: number, CidrIp = '0.0.0.0/0', to = port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: to, CidrIp });
const aliRule = (portRange: string, cidrIp = '0.0.0.0/0', extra: Record<string, unknown> = {}) =>
  ali('ecs/securityGroupRule:SecurityGroupRule', { type: 'ingress', ipProtocol: 'tcp', policy: 'accept', portRange, cidrIp, securityGroupId: 'sg.id', ...extra });
const check = (before: any, after: any) => summary(ingressChanges.check(pair(before, after)));

describe('security group and network ACL ingress opened or closed', () => {
  it('reports an AWS security group port opened to the internet, naming protocol, port and source', () => {
    expect(check(sg(tcp(443)), sg(tcp(443), tcp(22)))).toEqual(['!opened @Properties.SecurityGroupIngress: tcp 22 from 0.0.0.0/0']);
  });

  it('reports a port range widened by the ports it adds, and a source widened to a larger CIDR', () => {
    expect(check(sg(tcp(8000, '10.0.0.0/16', 8080)), sg(tcp(8000, '10.0.0.0/16', 8100)))).toEqual(['!opened @Properties.SecurityGroupIngress: tcp 8081-8100 from 10.0.0.0/16']);
    expect(check(sg(tcp(443, '10.1.0.0/16')), sg(tcp(443, '10.0.0.0/8')))).toEqual([
      '!opened @Properties.SecurityGroupIngress: tcp 443 from 10.0.0.0/8',
    ]);
  });

  it('does not report a rule narrowed inside what was already open, only the closing', () => {
    expect(check(sg(tcp(0, '0.0.0.0/0', 65535)), sg(tcp(443)))).toEqual(['closed @Properties.SecurityGroupIngress: tcp 0-442, 444-65535 from 0.0.0.0/0']);
  });

  it('reports all traffic opened by protocol -1, and a standalone ingress resource added or removed', () => {
    expect(check(sg(tcp(443)), sg({ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }))).toEqual(['!opened @Properties.SecurityGroupIngress: all traffic from 0.0.0.0/0']);
    const ingress = cfn('AWS::EC2::SecurityGroupIngress', { GroupId: { Ref: 'Sg' }, IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, SourceSecurityGroupId: { Ref: 'App' } });
    expect(check(undefined, ingress)).toEqual(['!opened: tcp 3306 from {"Ref":"App"}']);
    expect(check(ingress, undefined)).toEqual(['closed: tcp 3306 from {"Ref":"App"}']);
  });

  it('reports an AWS network ACL allow entry opened, and ignores egress and deny entries', () => {
    const entry = (props: Record<string, unknown>) => cfn('AWS::EC2::NetworkAclEntry', { NetworkAclId: { Ref: 'Acl' }, RuleNumber: 100, Protocol: 6, CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 }, ...props });
    expect(check(undefined, entry({ RuleAction: 'allow' }))).toEqual(['!opened: tcp 22 from 0.0.0.0/0']);
    expect(check(undefined, entry({ RuleAction: 'allow', Egress: true }))).toEqual([]);
    expect(check(undefined, entry({ RuleAction: 'deny' }))).toEqual([]);
  });

  it('reports an Alibaba security group rule added, widened, and a drop rule not as opening', () => {
    expect(check(undefined, aliRule('22/22'))).toEqual(['!opened: tcp 22 from 0.0.0.0/0']);
    expect(check(aliRule('443/443'), aliRule('443/443', '0.0.0.0/0', { ipProtocol: 'all', portRange: '-1/-1' }))).toEqual(['!opened: all traffic from 0.0.0.0/0']);
    expect(check(undefined, aliRule('22/22', '0.0.0.0/0', { policy: 'drop' }))).toEqual([]);
    expect(check(aliRule('443/443', '10.0.0.0/8'), aliRule('443/443', '10.1.2.0/24'))).toEqual(['closed: tcp 443 from 10.0.0.0/8']);
  });

  it('reports an Alibaba network ACL ingress entry opened', () => {
    const acl = (...entries: unknown[]) => ali('vpc/networkAcl:NetworkAcl', { vpcId: 'vpc.id', ingressAclEntries: entries });
    const entry = (port: string) => ({ policy: 'accept', protocol: 'tcp', sourceCidrIp: '0.0.0.0/0', port });
    expect(check(acl(entry('443/443')), acl(entry('443/443'), entry('3389/3389')))).toEqual(['!opened @inputs.ingressAclEntries: tcp 3389 from 0.0.0.0/0']);
  });

  it('knows which sources and ports contain which', () => {
    expect(sourceCovers('0.0.0.0/0', '10.0.0.0/8')).toBe(true);
    expect(sourceCovers('10.0.0.0/8', '10.255.0.0/16')).toBe(true);
    expect(sourceCovers('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(sourceCovers('10.0.0.0/16', '0.0.0.0/0')).toBe(false);
    expect(uncoveredPorts({ source: '1.1.1.1/32', protocol: 'tcp', from: 80, to: 90 }, [{ source: '0.0.0.0/0', protocol: 'tcp', from: 82, to: 85 }])).toEqual([
      [80, 81],
      [86, 90],
    ]);
  });
});
