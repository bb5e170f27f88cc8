import type { ArchitectureName, TwinstackSpec } from '../spec';
import { resourcePrefix } from '../spec/naming';

export { resourcePrefix };

/** Stack name (also its construct id and cdk.out artifact id), e.g. `twinstack-prod-dual-active-primary`. */
export function stackName(spec: TwinstackSpec, architecture: ArchitectureName, role?: string): string {
  return [resourcePrefix(spec), architecture, role].filter(Boolean).join('-');
}
