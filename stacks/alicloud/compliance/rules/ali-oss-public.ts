import type { ManifestResource } from '../../manifest';
import { attachedTo, finding, TYPES } from '../helpers';
import type { ComplianceRule, Finding } from '../types';

const ID = 'ALI-OSS-PUBLIC';
const PUBLIC_ACLS = ['public-read', 'public-read-write'];

/**
 * Statements of a bucket policy that let anyone in: Allow, principal `*`, no condition. A
 * condition (source VPC, source IP, referer) narrows who gets in, so it is not counted as public.
 */
function publicStatements(policy: unknown): number | 'unreadable' {
  if (typeof policy !== 'string') return 'unreadable';
  let document: any;
  try {
    document = JSON.parse(policy);
  } catch {
    return 'unreadable';
  }
  const statements: any[] = Array.isArray(document?.Statement) ? document.Statement : document?.Statement ? [document.Statement] : [];
  return statements.filter((s) => {
    const principals = s?.Principal === undefined ? [] : typeof s.Principal === 'object' && !Array.isArray(s.Principal) ? Object.values(s.Principal).flat() : [s.Principal].flat();
    const conditioned = s?.Condition && Object.keys(s.Condition).length > 0;
    return s?.Effect === 'Allow' && principals.includes('*') && !conditioned;
  }).length;
}

function policyFindings(resource: ManifestResource, policy: unknown): Finding[] {
  const count = publicStatements(policy);
  if (count === 'unreadable') return [finding(ID, 'warning', resource, 'bucket policy is not readable JSON, so public access cannot be ruled out')];
  return count > 0 ? [finding(ID, 'error', resource, `bucket policy allows principal "*" without a condition in ${count} statement(s)`)] : [];
}

/**
 * Compliant: no OSS bucket is readable or writable by anyone — no public ACL (on `BucketAcl` or the
 * bucket's deprecated `acl`), no bucket policy granting `*` unconditionally — and every bucket has a
 * public access block on. Private is the default for new buckets, so only explicit public grants
 * are errors; a missing public access block is a warning.
 */
export const aliOssPublic: ComplianceRule = {
  id: ID,
  description: 'No OSS bucket is public (ACL or policy), and every bucket blocks public access.',
  check(resource, { manifest }) {
    switch (resource.type) {
      case TYPES.bucketAcl:
        return PUBLIC_ACLS.includes(resource.inputs.acl as string)
          ? [finding(ID, 'error', resource, `bucket ACL is ${resource.inputs.acl}`)]
          : [];
      case TYPES.bucketPolicy:
        return policyFindings(resource, resource.inputs.policy);
      case TYPES.bucket: {
        const findings: Finding[] = [];
        if (PUBLIC_ACLS.includes(resource.inputs.acl as string)) {
          findings.push(finding(ID, 'error', resource, `bucket acl input is ${resource.inputs.acl}`));
        }
        if (resource.inputs.policy !== undefined) findings.push(...policyFindings(resource, resource.inputs.policy));
        const blocked = attachedTo(manifest, TYPES.bucketPublicAccessBlock, 'bucket', resource).some((b) => b.inputs.blockPublicAccess === true);
        if (!blocked) {
          findings.push(finding(ID, 'warning', resource, 'no BucketPublicAccessBlock with blockPublicAccess true: a later ACL or policy change could make the bucket public'));
        }
        return findings;
      }
      default:
        return [];
    }
  },
};
