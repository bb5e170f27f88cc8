import { ALICLOUD_RULES, evaluate } from '../../../../stacks/alicloud/compliance';
import { manifestOf, res, SPEC } from './fixtures';

describe('evaluate', () => {
  it('lists the seven rules by their fixed ids', () => {
    expect(ALICLOUD_RULES.map((r) => r.id)).toEqual(['ALI-OSS-PUBLIC', 'ALI-OSS-SSE', 'ALI-SG-ADMIN-OPEN', 'ALI-DB-SSL', 'ALI-DB-BACKUP', 'ALI-REDIS-PUBLIC', 'ALI-HBR-RETENTION']);
    for (const rule of ALICLOUD_RULES) expect(rule.description.length).toBeGreaterThan(20);
  });

  it('splits findings into errors, warnings and acknowledged, acknowledging only the named rule', () => {
    const bucket = res('oss/bucket:Bucket', 'b', { bucket: 'b' }, [{ ruleId: 'ALI-OSS-PUBLIC', reason: 'Served through CDN with origin auth; block is set by the account.' }]);
    const report = evaluate(manifestOf(bucket), SPEC);
    expect(report).toEqual({
      errors: [{ ruleId: 'ALI-OSS-SSE', severity: 'error', resource: 'b', type: 'alicloud:oss/bucket:Bucket', message: 'no server-side encryption: add a BucketServerSideEncryption (KMS or AES256) for this bucket' }],
      warnings: [],
      acknowledged: [
        {
          ruleId: 'ALI-OSS-PUBLIC',
          severity: 'warning',
          resource: 'b',
          type: 'alicloud:oss/bucket:Bucket',
          message: 'no BucketPublicAccessBlock with blockPublicAccess true: a later ACL or policy change could make the bucket public',
          reason: 'Served through CDN with origin auth; block is set by the account.',
        },
      ],
    });
  });

  it('finds nothing in a manifest of unrelated resources', () => {
    expect(evaluate(manifestOf(res('vpc/network:Network', 'vpc', { cidrBlock: '10.0.0.0/16' })), SPEC)).toEqual({ errors: [], warnings: [], acknowledged: [] });
  });
});
