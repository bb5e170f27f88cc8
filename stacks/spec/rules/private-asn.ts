import { problem, SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';

/** Private-use ASN ranges (RFC 6996). */
const PRIVATE_ASN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [64512, 65534],
  [4200000000, 4294967294],
];

export function isPrivateAsn(asn: number): boolean {
  return PRIVATE_ASN_RANGES.some(([low, high]) => asn >= low && asn <= high);
}

/**
 * Compliant when both BGP ASNs are private-use (64512-65534 or 4200000000-4294967294) and differ,
 * since the tunnels run eBGP between the two sides.
 */
export function privateAsnRule(spec: TwinstackSpec): SpecProblem[] {
  const vpn = spec.architectures['hybrid-vpn'];
  if (!vpn.enabled) return [];
  const problems: SpecProblem[] = [];
  const check = (path: string, asn: number) => {
    if (!isPrivateAsn(asn)) {
      problems.push(problem(`architectures.hybrid-vpn.${path}`, `${asn} is not a private BGP ASN (use 64512-65534 or 4200000000-4294967294)`));
    }
  };
  check('onPremises.bgpAsn', vpn.onPremises.bgpAsn);
  check('cloudBgpAsn', vpn.cloudBgpAsn);
  if (vpn.onPremises.bgpAsn === vpn.cloudBgpAsn) {
    problems.push(problem('architectures.hybrid-vpn.cloudBgpAsn', `must differ from onPremises.bgpAsn (${vpn.onPremises.bgpAsn}): the tunnels run eBGP`));
  }
  return problems;
}
