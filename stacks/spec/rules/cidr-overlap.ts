import { parseCidr, rangesOverlap } from '../network';
import { problem, SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';

interface NamedRange {
  readonly path: string;
  readonly cidr: string;
}

/** Every VPC range of the enabled architectures, and the on-premises ranges the VPN routes to. */
export function networkRanges(spec: TwinstackSpec): { vpcs: NamedRange[]; onPrem: NamedRange[] } {
  const a = spec.architectures;
  const vpcs: NamedRange[] = [];
  const add = (path: string, cidr: string) => vpcs.push({ path: `architectures.${path}`, cidr });
  if (a['dual-active'].enabled) {
    add('dual-active.network.primaryCidr', a['dual-active'].network.primaryCidr);
    add('dual-active.network.secondaryCidr', a['dual-active'].network.secondaryCidr);
  }
  if (a['disaster-recovery'].enabled) {
    add('disaster-recovery.network.primaryCidr', a['disaster-recovery'].network.primaryCidr);
    add('disaster-recovery.network.recoveryCidr', a['disaster-recovery'].network.recoveryCidr);
  }
  if (a['high-performance-web'].enabled) add('high-performance-web.network.cidr', a['high-performance-web'].network.cidr);
  const onPrem: NamedRange[] = [];
  if (a['hybrid-vpn'].enabled) {
    add('hybrid-vpn.network.cidr', a['hybrid-vpn'].network.cidr);
    a['hybrid-vpn'].onPremises.cidrs.forEach((cidr, i) =>
      onPrem.push({ path: `architectures.hybrid-vpn.onPremises.cidrs.${i}`, cidr }),
    );
  }
  return { vpcs, onPrem };
}

/**
 * Compliant when no two VPC ranges overlap and no VPC range overlaps an on-premises range: an
 * overlap makes routing between them ambiguous the day the networks are joined.
 */
export function cidrOverlapRule(spec: TwinstackSpec): SpecProblem[] {
  const { vpcs, onPrem } = networkRanges(spec);
  const problems: SpecProblem[] = [];
  const all = [...vpcs, ...onPrem];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (i >= vpcs.length && j >= vpcs.length) continue; // on-prem ranges among themselves are the site's business
      if (rangesOverlap(parseCidr(all[i].cidr), parseCidr(all[j].cidr))) {
        problems.push(problem(all[j].path, `${all[j].cidr} overlaps ${all[i].cidr} (${all[i].path})`));
      }
    }
  }
  return problems;
}
