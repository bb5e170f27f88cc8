/** IPv4 arithmetic for CIDR validation. Pure functions, no dependencies. */

export interface Ipv4Range {
  /** First address as an unsigned 32-bit integer. */
  readonly first: number;
  /** Last address as an unsigned 32-bit integer. */
  readonly last: number;
  readonly prefixLength: number;
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

export function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** Why a string is not a canonical IPv4 CIDR block, or undefined when it is one. */
export function cidrProblem(text: string): string | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match || !isIpv4(match[1])) return `"${text}" is not an IPv4 CIDR block (expected a.b.c.d/n)`;
  const prefixLength = Number(match[2]);
  if (prefixLength > 32) return `"${text}" has a prefix length above 32`;
  const base = ipv4ToInt(match[1]);
  const size = 2 ** (32 - prefixLength);
  if (base % size !== 0) {
    const network = intToIpv4(base - (base % size));
    return `"${text}" has host bits set; the network address is ${network}/${prefixLength}`;
  }
  return undefined;
}

export function parseCidr(text: string): Ipv4Range {
  const problem = cidrProblem(text);
  if (problem) throw new Error(problem);
  const [address, length] = text.split('/');
  const prefixLength = Number(length);
  const first = ipv4ToInt(address);
  return { first, last: first + 2 ** (32 - prefixLength) - 1, prefixLength };
}

export function intToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function rangeContains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

const NON_PUBLIC_BLOCKS = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15', '224.0.0.0/4', '240.0.0.0/4',
].map(parseCidr);

/** Whether an IPv4 address is routable on the internet (documentation ranges count as public). */
export function isPublicIpv4(address: string): boolean {
  const value = ipv4ToInt(address);
  return !NON_PUBLIC_BLOCKS.some((block) => block.first <= value && value <= block.last);
}

/** The index-th block of prefix length `newPrefix` inside `cidr` (e.g. the 3rd /19 of a /16). */
export function subnetOf(cidr: string, newPrefix: number, index: number): string {
  const range = parseCidr(cidr);
  if (newPrefix < range.prefixLength || newPrefix > 32) {
    throw new Error(`cannot split ${cidr} into /${newPrefix} blocks`);
  }
  const size = 2 ** (32 - newPrefix);
  const count = 2 ** (newPrefix - range.prefixLength);
  if (index < 0 || index >= count) throw new Error(`${cidr} has ${count} /${newPrefix} blocks; block ${index} does not exist`);
  return `${intToIpv4(range.first + index * size)}/${newPrefix}`;
}
