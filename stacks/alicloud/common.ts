import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import type { TwinstackSpec, WorkloadName } from '../spec';

/** Labels every Alibaba resource carries: the spec's tags plus where it comes from. */
export function labelsFor(spec: TwinstackSpec, architecture: WorkloadName): Record<string, string> {
  return {
    ...spec.tags,
    'twinstack:project': spec.project,
    'twinstack:environment': spec.environment,
    'twinstack:architecture': architecture,
  };
}

/**
 * An explicit provider for one region, parented to the component. Every resource names its
 * provider (directly or through its parent), so no resource depends on ambient `alicloud:region`.
 */
export function regionalProvider(parent: pulumi.Resource, name: string, region: string): alicloud.Provider {
  return new alicloud.Provider(name, { region }, { parent });
}
