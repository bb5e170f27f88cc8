import { problem, SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';

/**
 * Compliant when the second site of dual-active and the recovery site of disaster recovery are in
 * another region than the primary: a regional outage must not take both down.
 */
export function distinctRegionsRule(spec: TwinstackSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const da = spec.architectures['dual-active'];
  const dr = spec.architectures['disaster-recovery'];
  const pairs: Array<[boolean, string, string, string]> = [
    [da.enabled, 'dual-active.aws.secondary.region', da.aws.primary.region, da.aws.secondary.region],
    [da.enabled, 'dual-active.alicloud.secondary.region', da.alicloud.primary.region, da.alicloud.secondary.region],
    [dr.enabled, 'disaster-recovery.aws.recovery.region', dr.aws.primary.region, dr.aws.recovery.region],
    [dr.enabled, 'disaster-recovery.alicloud.recovery.region', dr.alicloud.primary.region, dr.alicloud.recovery.region],
  ];
  for (const [enabled, path, primary, other] of pairs) {
    if (enabled && primary === other) {
      problems.push(problem(`architectures.${path}`, `must differ from the primary region (${primary}): one regional outage would take both sites down`));
    }
  }
  return problems;
}
