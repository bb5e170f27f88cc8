import { describeTraffic, hasIngressRules, ingressRulesOf, uncoveredPorts } from './ingress-rules';
import type { IngressRule } from './ingress-rules';
import type { SecurityCheck, SecurityFinding } from './types';
import { findingOn } from './types';

const SHOWN = 4;

function admittedOnlyBy(rules: readonly IngressRule[], others: readonly IngressRule[]): string[] {
  return rules.flatMap((rule) => {
    const ranges = uncoveredPorts(rule, others);
    return ranges.length ? [describeTraffic(rule, ranges)] : [];
  });
}

function listed(items: readonly string[]): string {
  const unique = [...new Set(items)];
  const more = unique.length - SHOWN;
  return unique.slice(0, SHOWN).join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * Security group or network ACL ingress opened (traffic admitted at head that no base rule
 * admitted from the same or a wider source) or closed (the reverse). A rule added as its own
 * resource opens; one removed closes.
 */
export const ingressChanges: SecurityCheck = {
  category: 'ingress',
  description: 'Security group or network ACL ingress opened (counts) or closed.',
  check(pair) {
    if (!hasIngressRules(pair.type)) return [];
    const [before, after] = [ingressRulesOf(pair.before), ingressRulesOf(pair.after)];
    const path = pair.type === 'AWS::EC2::SecurityGroup' ? 'Properties.SecurityGroupIngress' : pair.type === 'alicloud:vpc/networkAcl:NetworkAcl' ? 'inputs.ingressAclEntries' : undefined;
    const findings: SecurityFinding[] = [];
    const opened = admittedOnlyBy(after, before);
    if (opened.length) findings.push(findingOn(pair, 'ingress', true, 'opened', listed(opened), path));
    const closed = admittedOnlyBy(before, after);
    if (closed.length) findings.push(findingOn(pair, 'ingress', false, 'closed', listed(closed), path));
    return findings;
  },
};
