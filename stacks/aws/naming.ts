import type { TwinstackSpec, WorkloadName } from '../spec';
import { resourcePrefix } from '../spec/naming';

export { resourcePrefix };

/**
 * Stack name (also its construct id and cdk.out artifact id) of an architecture or service, e.g.
 * `twinstack-prod-dual-active-primary`, `twinstack-prod-service-desk`.
 */
export function stackName(spec: TwinstackSpec, architecture: WorkloadName, role?: string): string {
  return [resourcePrefix(spec), architecture, role].filter(Boolean).join('-');
}
