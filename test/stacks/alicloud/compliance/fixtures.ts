import type { Manifest, ManifestResource } from '../../../../stacks/alicloud/manifest';
import { evaluate } from '../../../../stacks/alicloud/compliance';
import type { ComplianceRule } from '../../../../stacks/alicloud/compliance';
import type { TwinstackSpec } from '../../../../stacks/spec';
import { specWith } from '../../../helpers/spec';

/** A hand-written manifest resource; `type` is the short form after `alicloud:`. */
export function res(type: string, name: string, inputs: Record<string, unknown>, acknowledgements?: ManifestResource['acknowledgements']): ManifestResource {
  return { type: `alicloud:${type}`, name, region: 'cn-hangzhou', inputs, ...(acknowledgements ? { acknowledgements } : {}) };
}

export function manifestOf(...resources: ManifestResource[]): Manifest {
  return { architecture: 'disaster-recovery', component: 'twinstack-prod-disaster-recovery', outputs: {}, resources };
}

export const SPEC = specWith();

/** `evaluate` with one rule only, so a test sees exactly that rule's findings. */
export function run(rule: ComplianceRule, manifest: Manifest, spec: TwinstackSpec = SPEC) {
  return evaluate(manifest, spec, [rule]);
}

export const ACK_REASON = 'Accepted for the test: the reason a reviewer reads.';
