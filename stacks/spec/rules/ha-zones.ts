import { problem, SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';
import { placements } from './placements';

/**
 * Compliant when every site spans two or more zones where the architecture asks for high
 * availability, or where it has an application load balancer (AWS ALB and Alibaba ALB both
 * require two zones).
 */
export function haZonesRule(spec: TwinstackSpec): SpecProblem[] {
  return placements(spec)
    .filter(({ placement }) => placement.zones.length < 2)
    .flatMap(({ path, placement, highAvailability, loadBalanced }) => {
      if (highAvailability) {
        return [problem(`${path}.zones`, `highAvailability needs at least two zones, got ${placement.zones.length}`)];
      }
      if (loadBalanced) {
        return [problem(`${path}.zones`, `the application load balancer needs at least two zones, got ${placement.zones.length}`)];
      }
      return [];
    });
}
