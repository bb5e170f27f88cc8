import { attachedTo, finding, TYPES } from '../helpers';
import type { ComplianceRule } from '../types';

const ID = 'ALI-OSS-SSE';

/**
 * Compliant: every OSS bucket encrypts objects at rest, through a `BucketServerSideEncryption`
 * attached to it or the bucket's own `serverSideEncryptionRule`, with an algorithm named.
 */
export const aliOssSse: ComplianceRule = {
  id: ID,
  description: 'Every OSS bucket has server-side encryption configured.',
  check(resource, { manifest }) {
    if (resource.type !== TYPES.bucket) return [];
    const inline = (resource.inputs.serverSideEncryptionRule as { sseAlgorithm?: unknown } | undefined)?.sseAlgorithm;
    const attached = attachedTo(manifest, TYPES.bucketEncryption, 'bucket', resource).some((e) => typeof e.inputs.sseAlgorithm === 'string' && e.inputs.sseAlgorithm !== '');
    if ((typeof inline === 'string' && inline !== '') || attached) return [];
    return [finding(ID, 'error', resource, 'no server-side encryption: add a BucketServerSideEncryption (KMS or AES256) for this bucket')];
  },
};
