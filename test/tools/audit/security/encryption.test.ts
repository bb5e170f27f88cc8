import { encryptionChanges } from '../../../../tools/audit/security/encryption';
import { ali, cfn, pair, sideWithout, summary } from '../fixtures';

const check = (before: any, after: any, head = sideWithout()) => summary(encryptionChanges.check(pair(before, after, head)));
const SSE = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] };

describe('encryption turned off or on', () => {
  it('reports S3 default encryption removed, and added back', () => {
    expect(check(cfn('AWS::S3::Bucket', { BucketEncryption: SSE }), cfn('AWS::S3::Bucket', {}))).toEqual([
      expect.stringMatching(/^!turned off @Properties\.BucketEncryption: S3 default encryption \(\{.* → absent\)$/),
    ]);
    expect(check(cfn('AWS::S3::Bucket', {}), cfn('AWS::S3::Bucket', { BucketEncryption: SSE }))).toEqual([expect.stringMatching(/^turned on @Properties\.BucketEncryption/)]);
  });

  it('reports DynamoDB SSE, RDS storage encryption, ElastiCache TLS and a KMS key turned off', () => {
    expect(check(cfn('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: true } }), cfn('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: false } }))).toEqual([
      '!turned off @Properties.SSESpecification.SSEEnabled: DynamoDB KMS encryption (true → false)',
    ]);
    expect(check(cfn('AWS::RDS::DBCluster', { StorageEncrypted: true }), cfn('AWS::RDS::DBCluster', { StorageEncrypted: false }))).toEqual([
      '!turned off @Properties.StorageEncrypted: RDS storage encryption (true → false)',
    ]);
    expect(check(cfn('AWS::ElastiCache::ReplicationGroup', { TransitEncryptionEnabled: true }), cfn('AWS::ElastiCache::ReplicationGroup', {}))).toEqual([
      '!turned off @Properties.TransitEncryptionEnabled: ElastiCache TLS (true → absent)',
    ]);
    expect(check(cfn('AWS::SNS::Topic', { KmsMasterKeyId: { Ref: 'Key' } }), cfn('AWS::SNS::Topic', {}))).toEqual([
      '!turned off @Properties.KmsMasterKeyId: KMS key ({"Ref":"Key"} → absent)',
    ]);
  });

  it('reports EBS encryption turned off on one device of a launch template', () => {
    const lt = (encrypted: boolean) =>
      cfn('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: encrypted } }] } });
    expect(check(lt(true), lt(false))).toEqual(['!turned off @Properties.LaunchTemplateData.BlockDeviceMappings[DeviceName=/dev/xvda].Ebs.Encrypted: EBS encryption (true → false)']);
  });

  it('reports OSS bucket encryption turned off inline, and its encryption resource removed', () => {
    const bucket = (rule?: unknown) => ali('oss/bucket:Bucket', { bucket: 'b', ...(rule ? { serverSideEncryptionRule: rule } : {}) });
    expect(check(bucket({ sseAlgorithm: 'KMS' }), bucket())).toEqual(['!turned off @inputs.serverSideEncryptionRule.sseAlgorithm: OSS server-side encryption (KMS → absent)']);
    const sse = ali('oss/bucketServerSideEncryption:BucketServerSideEncryption', { bucket: 'b', sseAlgorithm: 'AES256' });
    expect(check(sse, undefined)).toEqual(['!turned off: OSS server-side encryption of b (resource removed)']);
    expect(check(undefined, sse)).toEqual(['turned on: OSS server-side encryption of b (resource added)']);
  });

  it('does not report an encryption resource removed together with its bucket', () => {
    const sse = ali('oss/bucketServerSideEncryption:BucketServerSideEncryption', { bucket: 'b', sseAlgorithm: 'AES256' });
    expect(check(sse, undefined, sideWithout('b'))).toEqual([]);
  });

  it('reports RDS SSL, Redis TLS, TDE and an ALB listener moved to HTTP on Alibaba Cloud', () => {
    expect(check(ali('rds/instance:Instance', { sslAction: 'Open', tdeStatus: 'Enabled' }), ali('rds/instance:Instance', { sslAction: 'Close' }))).toEqual([
      '!turned off @inputs.tdeStatus: TDE (Enabled → absent)',
      '!turned off @inputs.sslAction: RDS SSL (Open → Close)',
    ]);
    expect(check(ali('kvstore/instance:Instance', { sslEnable: 'Enable' }), ali('kvstore/instance:Instance', { sslEnable: 'Disable' }))).toEqual([
      '!turned off @inputs.sslEnable: Redis TLS (Enable → Disable)',
    ]);
    expect(check(ali('alb/listener:Listener', { listenerProtocol: 'HTTPS' }), ali('alb/listener:Listener', { listenerProtocol: 'HTTP' }))).toEqual([
      '!turned off @inputs.listenerProtocol: listener protocol (HTTPS → HTTP)',
    ]);
  });

  it('does not judge a resource that exists on one side only by its settings', () => {
    expect(check(undefined, cfn('AWS::S3::Bucket', {}))).toEqual([]);
    expect(check(cfn('AWS::S3::Bucket', { BucketEncryption: SSE }), undefined)).toEqual([]);
  });
});
