import { aliOssSse } from '../../../../stacks/alicloud/compliance/rules/ali-oss-sse';
import { ACK_REASON, manifestOf, res, run } from './fixtures';

const bucket = (inputs: Record<string, unknown> = {}, acks?: any) => res('oss/bucket:Bucket', 'b-data', { bucket: 'twinstack-prod-data', ...inputs }, acks);
const NONE = { errors: [], warnings: [], acknowledged: [] };
const MISSING = { ruleId: 'ALI-OSS-SSE', severity: 'error', resource: 'b-data', type: 'alicloud:oss/bucket:Bucket', message: 'no server-side encryption: add a BucketServerSideEncryption (KMS or AES256) for this bucket' };

describe('ALI-OSS-SSE', () => {
  it('passes a bucket encrypted by an attached BucketServerSideEncryption (by id or by bucket name)', () => {
    for (const ref of ['b-data.id', 'twinstack-prod-data']) {
      const sse = res('oss/bucketServerSideEncryption:BucketServerSideEncryption', 'b-sse', { bucket: ref, sseAlgorithm: 'KMS' });
      expect(run(aliOssSse, manifestOf(bucket(), sse))).toEqual(NONE);
    }
  });

  it('passes a bucket with an inline serverSideEncryptionRule', () => {
    expect(run(aliOssSse, manifestOf(bucket({ serverSideEncryptionRule: { sseAlgorithm: 'AES256' } })))).toEqual(NONE);
  });

  it('finds a bucket without encryption, or encrypted only through another bucket', () => {
    expect(run(aliOssSse, manifestOf(bucket())).errors).toEqual([MISSING]);
    const other = res('oss/bucketServerSideEncryption:BucketServerSideEncryption', 'o-sse', { bucket: 'other.id', sseAlgorithm: 'KMS' });
    expect(run(aliOssSse, manifestOf(bucket(), other)).errors).toEqual([MISSING]);
  });

  it('does not apply to other resources', () => {
    expect(run(aliOssSse, manifestOf(res('oss/bucketAcl:BucketAcl', 'acl', { bucket: 'x', acl: 'private' })))).toEqual(NONE);
  });

  it('reports an acknowledged finding with its reason', () => {
    expect(run(aliOssSse, manifestOf(bucket({}, [{ ruleId: 'ALI-OSS-SSE', reason: ACK_REASON }])))).toEqual({ ...NONE, acknowledged: [{ ...MISSING, reason: ACK_REASON }] });
  });
});
