import { finding, TYPES } from '../helpers';
import type { ComplianceRule } from '../types';

const ID = 'ALI-SG-ADMIN-OPEN';

/** SSH, RDP, MySQL, PostgreSQL, Redis, SQL Server, MongoDB. */
export const ADMIN_PORTS = [22, 3389, 3306, 5432, 6379, 1433, 27017] as const;
const ANYWHERE = ['0.0.0.0/0', '::/0'];

/** Ports a rule's `portRange` ("22/22", "1/65535"; "-1/-1" or absent: all) covers among `ports`. */
export function coveredPorts(portRange: unknown, ports: readonly number[]): number[] {
  if (portRange === undefined || portRange === '-1/-1') return [...ports];
  const match = typeof portRange === 'string' ? /^(\d+)\/(\d+)$/.exec(portRange) : null;
  // An unreadable range is treated as covering everything: a rule must prove it is narrow.
  if (!match) return [...ports];
  const [from, to] = [Number(match[1]), Number(match[2])];
  return ports.filter((port) => port >= from && port <= to);
}

/**
 * Compliant: no security group rule accepts ingress from anywhere (0.0.0.0/0 or ::/0) on an
 * administration or database port (22, 3389, 3306, 5432, 6379, 1433, 27017).
 */
export const aliSgAdminOpen: ComplianceRule = {
  id: ID,
  description: 'No security group opens an admin or database port to the internet.',
  check(resource) {
    if (resource.type !== TYPES.securityGroupRule) return [];
    const { type, policy, ipProtocol, cidrIp, ipv6CidrIp, portRange } = resource.inputs;
    if (type !== 'ingress' || policy === 'drop') return [];
    const source = [cidrIp, ipv6CidrIp].find((c) => ANYWHERE.includes(c as string));
    if (!source) return [];
    // ICMP and GRE carry no ports; admin services listen on TCP (and RDP also on UDP).
    if (!['tcp', 'udp', 'all'].includes(String(ipProtocol).toLowerCase())) return [];
    const ports = coveredPorts(ipProtocol === 'all' ? undefined : portRange, ADMIN_PORTS);
    return ports.length
      ? [finding(ID, 'error', resource, `ingress from ${source} covers admin/database port(s) ${ports.join(', ')}`)]
      : [];
  },
};
