import { problem, SpecProblem } from '../problem';
import { TwinstackSpec } from '../spec';
import { placements } from './placements';

/** Compliant when every site of an architecture that asks for high availability spans two or more zones. */
export function haZonesRule(spec: TwinstackSpec): SpecProblem[] {
  return placements(spec)
    .filter(({ highAvailability, placement }) => highAvailability && placement.zones.length < 2)
    .map(({ path, placement }) =>
      problem(`${path}.zones`, `highAvailability needs at least two zones, got ${placement.zones.length}`),
    );
}
