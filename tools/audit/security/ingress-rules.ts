/**
 * Ingress rules of both clouds in one shape — source, protocol, port range — and the arithmetic
 * to tell which traffic one set of rules admits that another does not.
 */
import type { ResourceState } from './types';

/** One rule admitting traffic in. */
export interface IngressRule {
  /** A CIDR, or the canonical JSON of a reference (security group, prefix list). */
  readonly source: string;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or the protocol number as given. */
  readonly protocol: string;
  /** Port range (ICMP: type range); all ports is 0-65535. */
  readonly from: number;
  readonly to: number;
}

const ALL_PORTS: [number, number] = [0, 65535];
const PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

function protocolOf(value: unknown): string {
  const text = String(value ?? 'all').toLowerCase();
  return PROTOCOL_NAMES[text] ?? text;
}

function sourceOf(...candidates: unknown[]): string | undefined {
  const value = candidates.find((c) => c !== undefined && c !== null && c !== '');
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function portsOf(protocol: string, from: unknown, to: unknown): [number, number] {
  if (protocol === 'all') return ALL_PORTS;
  const [low, high] = [Number(from ?? -1), Number(to ?? from ?? -1)];
  if (!Number.isFinite(low) || !Number.isFinite(high) || low < 0 || high < 0) return ALL_PORTS;
  return [low, high];
}

/** Alibaba `portRange` / `port`: `"22/22"`, `"-1/-1"` (all). */
function slashPorts(protocol: string, range: unknown): [number, number] {
  const match = typeof range === 'string' ? /^(-?\d+)\/(-?\d+)$/.exec(range.trim()) : null;
  return match ? portsOf(protocol, match[1], match[2]) : ALL_PORTS;
}

type Rec = Record<string, unknown>;

function awsSecurityGroupRule(rule: Rec): IngressRule | undefined {
  const source = sourceOf(rule.CidrIp, rule.CidrIpv6, rule.SourceSecurityGroupId, rule.SourcePrefixListId, rule.SourceSecurityGroupName);
  if (source === undefined) return undefined;
  const protocol = protocolOf(rule.IpProtocol);
  const [from, to] = portsOf(protocol, rule.FromPort, rule.ToPort);
  return { source, protocol, from, to };
}

function awsNetworkAclEntry(entry: Rec): IngressRule | undefined {
  if (entry.Egress === true || entry.Egress === 'true' || entry.RuleAction !== 'allow') return undefined;
  const source = sourceOf(entry.CidrBlock, entry.Ipv6CidrBlock);
  if (source === undefined) return undefined;
  const protocol = protocolOf(entry.Protocol);
  const range = (entry.PortRange ?? {}) as Rec;
  const [from, to] = portsOf(protocol, range.From, range.To);
  return { source, protocol, from, to };
}

function aliSecurityGroupRule(inputs: Rec): IngressRule | undefined {
  if (inputs.type !== 'ingress' || inputs.policy === 'drop') return undefined;
  const source = sourceOf(inputs.cidrIp, inputs.ipv6CidrIp, inputs.sourceSecurityGroupId, inputs.prefixListId);
  if (source === undefined) return undefined;
  const protocol = protocolOf(inputs.ipProtocol);
  const [from, to] = slashPorts(protocol, inputs.portRange);
  return { source, protocol, from, to };
}

function aliNetworkAclEntry(entry: Rec): IngressRule | undefined {
  if (entry.policy === 'drop') return undefined;
  const source = sourceOf(entry.sourceCidrIp);
  if (source === undefined) return undefined;
  const protocol = protocolOf(entry.protocol);
  const [from, to] = slashPorts(protocol, entry.port);
  return { source, protocol, from, to };
}

const records = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter((v): v is Rec => !!v && typeof v === 'object') : []);
const defined = <T>(values: Array<T | undefined>): T[] => values.filter((v): v is T => v !== undefined);

/** The ingress rules a resource declares (security group, its rules, network ACL entries); [] for other types. */
export function ingressRulesOf(state: ResourceState | undefined): IngressRule[] {
  if (!state) return [];
  const properties = (state.body.Properties ?? {}) as Rec;
  const inputs = (state.body.inputs ?? {}) as Rec;
  switch (state.type) {
    case 'AWS::EC2::SecurityGroup':
      return defined(records(properties.SecurityGroupIngress).map(awsSecurityGroupRule));
    case 'AWS::EC2::SecurityGroupIngress':
      return defined([awsSecurityGroupRule(properties)]);
    case 'AWS::EC2::NetworkAclEntry':
      return defined([awsNetworkAclEntry(properties)]);
    case 'alicloud:ecs/securityGroupRule:SecurityGroupRule':
      return defined([aliSecurityGroupRule(inputs)]);
    case 'alicloud:vpc/networkAcl:NetworkAcl':
      return defined(records(inputs.ingressAclEntries).map(aliNetworkAclEntry));
    default:
      return [];
  }
}

/** Whether a resource type carries ingress rules. */
export function hasIngressRules(type: string): boolean {
  return [
    'AWS::EC2::SecurityGroup',
    'AWS::EC2::SecurityGroupIngress',
    'AWS::EC2::NetworkAclEntry',
    'alicloud:ecs/securityGroupRule:SecurityGroupRule',
    'alicloud:vpc/networkAcl:NetworkAcl',
  ].includes(type);
}

function ipv4(cidr: string): { base: number; bits: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(cidr.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const bits = match[5] === undefined ? 32 : Number(match[5]);
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { base: address - (address % size), bits };
}

/** Whether traffic from `inner` is also traffic from `outer` (same reference, or a CIDR inside another). */
export function sourceCovers(outer: string, inner: string): boolean {
  if (outer === inner || (outer === '::/0' && inner.includes(':'))) return true;
  const [a, b] = [ipv4(outer), ipv4(inner)];
  if (!a || !b || a.bits > b.bits) return false;
  const size = 2 ** (32 - a.bits);
  return b.base >= a.base && b.base < a.base + size;
}

function protocolCovers(outer: string, inner: string): boolean {
  return outer === 'all' || outer === inner;
}

/** Port ranges of `rule` that none of `others` admits (from the same or a wider source). */
export function uncoveredPorts(rule: IngressRule, others: readonly IngressRule[]): Array<[number, number]> {
  let remaining: Array<[number, number]> = [[rule.from, rule.to]];
  for (const other of others) {
    if (!sourceCovers(other.source, rule.source) || !protocolCovers(other.protocol, rule.protocol)) continue;
    const [from, to] = other.protocol === 'all' ? ALL_PORTS : [other.from, other.to];
    remaining = remaining.flatMap(([low, high]): Array<[number, number]> => {
      if (to < low || from > high) return [[low, high]];
      return [
        ...(from > low ? [[low, from - 1] as [number, number]] : []),
        ...(to < high ? [[to + 1, high] as [number, number]] : []),
      ];
    });
    if (remaining.length === 0) break;
  }
  return remaining;
}

/** `tcp 22 from 0.0.0.0/0`, `all traffic from 10.0.0.0/8`. */
export function describeTraffic(rule: IngressRule, ranges: ReadonlyArray<[number, number]>): string {
  if (rule.protocol === 'all') return `all traffic from ${rule.source}`;
  const ports = ranges.map(([low, high]) => (low === 0 && high === 65535 ? 'all ports' : low === high ? `${low}` : `${low}-${high}`)).join(', ');
  return `${rule.protocol} ${ports} from ${rule.source}`;
}
