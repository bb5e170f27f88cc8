import { problem, SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';

/** Compliant when every architecture's domain is inside the DNS zone, so its records can be created there. */
export function domainInZoneRule(spec: TwinstackSpec): SpecProblem[] {
  const a = spec.architectures;
  const domains: Array<[boolean, string, string]> = [
    [a['dual-active'].enabled, 'dual-active.domain', a['dual-active'].domain],
    [a['disaster-recovery'].enabled, 'disaster-recovery.domain', a['disaster-recovery'].domain],
    [a['high-performance-web'].enabled, 'high-performance-web.domain', a['high-performance-web'].domain],
  ];
  return domains
    .filter(([enabled, , domain]) => enabled && domain !== spec.dnsZone && !domain.endsWith(`.${spec.dnsZone}`))
    .map(([, path, domain]) => problem(`architectures.${path}`, `"${domain}" is not inside the DNS zone ${spec.dnsZone}`));
}
