import type { ArchitectureName, TwinstackSpec } from '../spec';

/** `<project>-<environment>`: the prefix of every stack and named resource. */
export function resourcePrefix(spec: TwinstackSpec): string {
  return `${spec.project}-${spec.environment}`;
}

/** Stack name (also its construct id and cdk.out artifact id), e.g. `twinstack-prod-dual-active-primary`. */
export function stackName(spec: TwinstackSpec, architecture: ArchitectureName, role?: string): string {
  return [resourcePrefix(spec), architecture, role].filter(Boolean).join('-');
}
