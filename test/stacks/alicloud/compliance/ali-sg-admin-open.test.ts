import { aliSgAdminOpen, coveredPorts } from '../../../../stacks/alicloud/compliance/rules/ali-sg-admin-open';
import { ACK_REASON, manifestOf, res, run } from './fixtures';

const rule = (inputs: Record<string, unknown>, acks?: any) =>
  res('ecs/securityGroupRule:SecurityGroupRule', 'sg-rule', { type: 'ingress', ipProtocol: 'tcp', securityGroupId: 'sg.id', ...inputs }, acks);
const NONE = { errors: [], warnings: [], acknowledged: [] };
const open = (message: string) => ({ ruleId: 'ALI-SG-ADMIN-OPEN', severity: 'error', resource: 'sg-rule', type: 'alicloud:ecs/securityGroupRule:SecurityGroupRule', message });

describe('ALI-SG-ADMIN-OPEN', () => {
  it('reads port ranges', () => {
    expect(coveredPorts('22/22', [22, 3389])).toEqual([22]);
    expect(coveredPorts('1/65535', [22, 3389])).toEqual([22, 3389]);
    expect(coveredPorts('-1/-1', [22])).toEqual([22]);
    expect(coveredPorts('443/443', [22, 3389])).toEqual([]);
  });

  it('passes HTTPS from anywhere and SSH from the VPC', () => {
    expect(run(aliSgAdminOpen, manifestOf(rule({ cidrIp: '0.0.0.0/0', portRange: '443/443' })))).toEqual(NONE);
    expect(run(aliSgAdminOpen, manifestOf(rule({ cidrIp: '10.30.0.0/16', portRange: '22/22' })))).toEqual(NONE);
  });

  it('finds admin ports open to IPv4 and IPv6 anywhere, including "all" and wide ranges', () => {
    expect(run(aliSgAdminOpen, manifestOf(rule({ cidrIp: '0.0.0.0/0', portRange: '22/22' }))).errors).toEqual([open('ingress from 0.0.0.0/0 covers admin/database port(s) 22')]);
    expect(run(aliSgAdminOpen, manifestOf(rule({ ipv6CidrIp: '::/0', portRange: '3000/6000' }))).errors).toEqual([open('ingress from ::/0 covers admin/database port(s) 3389, 3306, 5432')]);
    expect(run(aliSgAdminOpen, manifestOf(rule({ cidrIp: '0.0.0.0/0', ipProtocol: 'all', portRange: '-1/-1' }))).errors).toEqual([
      open('ingress from 0.0.0.0/0 covers admin/database port(s) 22, 3389, 3306, 5432, 6379, 1433, 27017'),
    ]);
  });

  it('does not apply to egress, drop rules, ICMP or other resources', () => {
    expect(run(aliSgAdminOpen, manifestOf(rule({ type: 'egress', cidrIp: '0.0.0.0/0', portRange: '22/22' })))).toEqual(NONE);
    expect(run(aliSgAdminOpen, manifestOf(rule({ policy: 'drop', cidrIp: '0.0.0.0/0', portRange: '22/22' })))).toEqual(NONE);
    expect(run(aliSgAdminOpen, manifestOf(rule({ ipProtocol: 'icmp', cidrIp: '0.0.0.0/0', portRange: '-1/-1' })))).toEqual(NONE);
    expect(run(aliSgAdminOpen, manifestOf(res('ecs/securityGroup:SecurityGroup', 'sg', { cidrIp: '0.0.0.0/0' })))).toEqual(NONE);
  });

  it('reports an acknowledged finding with its reason', () => {
    const report = run(aliSgAdminOpen, manifestOf(rule({ cidrIp: '0.0.0.0/0', portRange: '22/22' }, [{ ruleId: 'ALI-SG-ADMIN-OPEN', reason: ACK_REASON }])));
    expect(report).toEqual({ ...NONE, acknowledged: [{ ...open('ingress from 0.0.0.0/0 covers admin/database port(s) 22'), reason: ACK_REASON }] });
  });
});
