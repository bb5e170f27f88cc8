import { problem, SpecProblem } from '../problem';
import { REGIONS_BY_CLOUD, zoneBelongsToRegion } from '../regions';
import { TwinstackSpec } from '../spec';
import { placements } from './placements';

/** Compliant when every region exists on its cloud and every zone belongs to its region, once. */
export function knownRegionRule(spec: TwinstackSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const { path, cloud, placement } of placements(spec)) {
    const cloudLabel = cloud === 'aws' ? 'AWS' : 'Alibaba Cloud';
    if (!REGIONS_BY_CLOUD[cloud].includes(placement.region)) {
      problems.push(problem(`${path}.region`, `"${placement.region}" is not an ${cloudLabel} region`));
      continue;
    }
    const seen = new Set<string>();
    placement.zones.forEach((zone, i) => {
      if (!zoneBelongsToRegion(cloud, zone, placement.region)) {
        problems.push(problem(`${path}.zones.${i}`, `"${zone}" is not a zone of ${cloudLabel} region ${placement.region}`));
      } else if (seen.has(zone)) {
        problems.push(problem(`${path}.zones.${i}`, `"${zone}" is listed twice`));
      }
      seen.add(zone);
    });
  }
  return problems;
}
