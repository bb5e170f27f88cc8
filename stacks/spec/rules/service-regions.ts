import { problem, SpecProblem } from '../problem';
import { REGIONS_BY_CLOUD } from '../regions';
import { TwinstackSpec } from '../spec';

/** Compliant when each enabled service names, per cloud, a region that exists on that cloud. */
export function serviceRegionsRule(spec: TwinstackSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const [name, service] of Object.entries(spec.services)) {
    if (!service?.enabled) continue;
    for (const cloud of ['aws', 'alicloud'] as const) {
      const region = service[cloud].region;
      if (!REGIONS_BY_CLOUD[cloud].includes(region)) {
        const cloudLabel = cloud === 'aws' ? 'AWS' : 'Alibaba Cloud';
        problems.push(problem(`services.${name}.${cloud}.region`, `"${region}" is not an ${cloudLabel} region`));
      }
    }
  }
  return problems;
}
