import type { TwinstackSpec } from './spec';

/** `<project>-<environment>`: the prefix of every stack, component and named resource, on both clouds. */
export function resourcePrefix(spec: TwinstackSpec): string {
  return `${spec.project}-${spec.environment}`;
}
