import { aliOssPublic } from '../../../../stacks/alicloud/compliance/rules/ali-oss-public';
import { ACK_REASON, manifestOf, res, run } from './fixtures';

const bucket = (inputs: Record<string, unknown> = {}, acks?: any) => res('oss/bucket:Bucket', 'b-data', { bucket: 'twinstack-prod-data', ...inputs }, acks);
const block = (on = true) => res('oss/bucketPublicAccessBlock:BucketPublicAccessBlock', 'b-block', { bucket: 'b-data.id', blockPublicAccess: on });
const PUBLIC_POLICY = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:twinstack-prod-data/*'] }] });

describe('ALI-OSS-PUBLIC', () => {
  it('passes a bucket with a private ACL and public access blocked', () => {
    const report = run(aliOssPublic, manifestOf(bucket(), block(), res('oss/bucketAcl:BucketAcl', 'b-acl', { bucket: 'twinstack-prod-data', acl: 'private' })));
    expect(report).toEqual({ errors: [], warnings: [], acknowledged: [] });
  });

  it('finds, in manifest order, a public BucketAcl, a public deprecated acl and a public bucket policy', () => {
    const report = run(
      aliOssPublic,
      manifestOf(
        bucket({ acl: 'public-read-write' }),
        block(),
        res('oss/bucketAcl:BucketAcl', 'b-acl', { bucket: 'b-data.id', acl: 'public-read' }),
        res('oss/bucketPolicy:BucketPolicy', 'b-policy', { bucket: 'twinstack-prod-data', policy: PUBLIC_POLICY }),
      ),
    );
    expect(report.errors).toEqual([
      { ruleId: 'ALI-OSS-PUBLIC', severity: 'error', resource: 'b-data', type: 'alicloud:oss/bucket:Bucket', message: 'bucket acl input is public-read-write' },
      { ruleId: 'ALI-OSS-PUBLIC', severity: 'error', resource: 'b-acl', type: 'alicloud:oss/bucketAcl:BucketAcl', message: 'bucket ACL is public-read' },
      { ruleId: 'ALI-OSS-PUBLIC', severity: 'error', resource: 'b-policy', type: 'alicloud:oss/bucketPolicy:BucketPolicy', message: 'bucket policy allows principal "*" without a condition in 1 statement(s)' },
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('does not count a principal "*" narrowed by a condition, and warns on an unreadable policy', () => {
    const vpcOnly = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject'], Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-1'] } } }] });
    const report = run(aliOssPublic, manifestOf(bucket({ policy: vpcOnly }), block(), res('oss/bucketPolicy:BucketPolicy', 'b-policy', { bucket: 'b-data.id', policy: '{not json' })));
    expect(report).toEqual({
      errors: [],
      warnings: [{ ruleId: 'ALI-OSS-PUBLIC', severity: 'warning', resource: 'b-policy', type: 'alicloud:oss/bucketPolicy:BucketPolicy', message: 'bucket policy is not readable JSON, so public access cannot be ruled out' }],
      acknowledged: [],
    });
  });

  it('warns when a bucket has no public access block on (absent, or off, or for another bucket)', () => {
    const other = res('oss/bucketPublicAccessBlock:BucketPublicAccessBlock', 'other-block', { bucket: 'other.id', blockPublicAccess: true });
    for (const extra of [[], [block(false)], [other]]) {
      const report = run(aliOssPublic, manifestOf(bucket(), ...extra));
      expect(report.warnings).toEqual([
        { ruleId: 'ALI-OSS-PUBLIC', severity: 'warning', resource: 'b-data', type: 'alicloud:oss/bucket:Bucket', message: 'no BucketPublicAccessBlock with blockPublicAccess true: a later ACL or policy change could make the bucket public' },
      ]);
      expect(report.errors).toEqual([]);
    }
  });

  it('does not apply to other resources', () => {
    expect(run(aliOssPublic, manifestOf(res('vpc/network:Network', 'vpc', { acl: 'public-read' })))).toEqual({ errors: [], warnings: [], acknowledged: [] });
  });

  it('reports an acknowledged finding with its reason', () => {
    const report = run(aliOssPublic, manifestOf(bucket({ acl: 'public-read' }, [{ ruleId: 'ALI-OSS-PUBLIC', reason: ACK_REASON }]), block()));
    expect(report).toEqual({
      errors: [],
      warnings: [],
      acknowledged: [{ ruleId: 'ALI-OSS-PUBLIC', severity: 'error', resource: 'b-data', type: 'alicloud:oss/bucket:Bucket', message: 'bucket acl input is public-read', reason: ACK_REASON }],
    });
  });
});
