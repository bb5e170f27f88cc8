import { isPublicIpv4, parseCidr, rangeContains, rangesOverlap } from '../network';
import { problem, SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';

const LINK_LOCAL = parseCidr('169.254.0.0/16');
/** Inside ranges AWS reserves for its own use on VPN tunnels. */
const RESERVED_INSIDE = ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'];

/**
 * Compliant when each tunnel's inside range is a distinct /30 of 169.254.0.0/16 that no cloud
 * reserves, and the on-premises gateway has a public address the tunnels can reach.
 */
export function vpnTunnelsRule(spec: TwinstackSpec): SpecProblem[] {
  const vpn = spec.architectures['hybrid-vpn'];
  if (!vpn.enabled) return [];
  const problems: SpecProblem[] = [];
  vpn.tunnels.forEach((tunnel, i) => {
    const path = `architectures.hybrid-vpn.tunnels.${i}.insideCidr`;
    const range = parseCidr(tunnel.insideCidr);
    if (range.prefixLength !== 30 || !rangeContains(LINK_LOCAL, range)) {
      problems.push(problem(path, `${tunnel.insideCidr} must be a /30 inside 169.254.0.0/16`));
    } else if (RESERVED_INSIDE.includes(tunnel.insideCidr)) {
      problems.push(problem(path, `${tunnel.insideCidr} is reserved by the cloud provider; pick another /30`));
    }
    vpn.tunnels.slice(0, i).forEach((earlier, j) => {
      if (rangesOverlap(parseCidr(earlier.insideCidr), range)) {
        problems.push(problem(path, `${tunnel.insideCidr} overlaps tunnel ${j} (${earlier.insideCidr})`));
      }
    });
  });
  if (!isPublicIpv4(vpn.onPremises.gatewayIp)) {
    problems.push(problem('architectures.hybrid-vpn.onPremises.gatewayIp', `${vpn.onPremises.gatewayIp} is not a public address; the cloud VPN endpoints cannot reach it`));
  }
  return problems;
}
