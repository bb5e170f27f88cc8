import type * as pulumi from '@pulumi/pulumi';

/** A compliance finding accepted on one resource, with the reason a reviewer reads. */
export interface Acknowledgement {
  readonly ruleId: string;
  readonly reason: string;
}

const byResource = new WeakMap<pulumi.Resource, Acknowledgement[]>();

/**
 * Accepts a compliance rule's finding on a resource, next to the code that causes it — the Alibaba
 * counterpart of `Validations.of(construct).acknowledge()` on the AWS side. Rendered manifests
 * carry the acknowledgement; the rule's finding is then reported as acknowledged, not as an error.
 */
export function acknowledge(resource: pulumi.Resource, ruleId: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`acknowledging ${ruleId} needs a reason a reviewer can accept (20+ characters)`);
  byResource.set(resource, [...(byResource.get(resource) ?? []), { ruleId, reason }]);
}

export function acknowledgementsOf(resource: pulumi.Resource): readonly Acknowledgement[] {
  return byResource.get(resource) ?? [];
}
