/**
 * Compliance rules over rendered Alibaba Cloud manifests: the Alibaba counterpart of the cdk-nag
 * packs on the AWS side. A rule reads one resource (and the rest of the manifest, to find the
 * resources attached to it) and returns findings; it never touches a cloud.
 */
import type { Manifest, ManifestResource } from '../manifest';
import type { TwinstackSpec } from '../../spec';

export type Severity = 'error' | 'warning';

/** One rule's verdict on one resource. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Logical name of the resource the finding is on (where an acknowledgement would go). */
  readonly resource: string;
  /** Type token of that resource. */
  readonly type: string;
  readonly message: string;
}

/** A finding accepted on its resource with `acknowledge(...)`, and the reason given. */
export interface AcknowledgedFinding extends Finding {
  readonly reason: string;
}

/** What a rule may read besides the resource: the whole manifest and the spec it was rendered from. */
export interface RuleContext {
  readonly manifest: Manifest;
  readonly spec: TwinstackSpec;
}

export interface ComplianceRule {
  /** Stable id, as used in `acknowledge(resource, id, reason)`. */
  readonly id: string;
  /** What a compliant manifest looks like, in one sentence. */
  readonly description: string;
  /** Pure: the same resource and context give the same findings. */
  readonly check: (resource: ManifestResource, context: RuleContext) => Finding[];
}

/** Findings of one manifest, split the way a reviewer reads them. */
export interface ComplianceReport {
  /** Unacknowledged findings of severity error: the manifest must not ship with any. */
  readonly errors: Finding[];
  /** Unacknowledged findings of severity warning. */
  readonly warnings: Finding[];
  /** Findings (either severity) accepted on their resource, with the reason. */
  readonly acknowledged: AcknowledgedFinding[];
}
