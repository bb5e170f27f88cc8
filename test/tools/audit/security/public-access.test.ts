import { publicAccessChanges } from '../../../../tools/audit/security/public-access';
import { ali, cfn, pair, summary } from '../fixtures';

const check = (before: any, after: any) => summary(publicAccessChanges.check(pair(before, after)));
const BLOCK_ALL = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

describe('public access granted or revoked', () => {
  it('reports an S3 public access block loosened, flag by flag', () => {
    expect(check(cfn('AWS::S3::Bucket', { PublicAccessBlockConfiguration: BLOCK_ALL }), cfn('AWS::S3::Bucket', { PublicAccessBlockConfiguration: { ...BLOCK_ALL, BlockPublicPolicy: false } }))).toEqual([
      '!granted @Properties.PublicAccessBlockConfiguration.BlockPublicPolicy: S3 BlockPublicPolicy (true → false)',
    ]);
    expect(check(cfn('AWS::S3::Bucket', { AccessControl: 'Private' }), cfn('AWS::S3::Bucket', { AccessControl: 'PublicRead' }))).toEqual([
      '!granted @Properties.AccessControl: S3 canned ACL (Private → PublicRead)',
    ]);
  });

  it('reports an RDS instance made publicly accessible and a load balancer made internet-facing', () => {
    expect(check(cfn('AWS::RDS::DBInstance', { PubliclyAccessible: false }), cfn('AWS::RDS::DBInstance', { PubliclyAccessible: true }))).toEqual([
      '!granted @Properties.PubliclyAccessible: RDS public accessibility (false → true)',
    ]);
    expect(check(cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' }), cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing' }))).toEqual([
      '!granted @Properties.Scheme: load balancer scheme (internal → internet-facing)',
    ]);
  });

  it('reports an OSS ACL made public-read, on an existing and on a new ACL resource, and made private again', () => {
    const acl = (value: string) => ali('oss/bucketAcl:BucketAcl', { bucket: 'b', acl: value });
    expect(check(acl('private'), acl('public-read'))).toEqual(['!granted @inputs.acl: OSS ACL (private → public-read)']);
    expect(check(undefined, acl('public-read-write'))).toEqual(['!granted @inputs.acl: OSS ACL (public-read-write) on a new resource']);
    expect(check(undefined, acl('private'))).toEqual([]);
    expect(check(acl('public-read'), acl('private'))).toEqual(['revoked @inputs.acl: OSS ACL (public-read → private)']);
  });

  it('reports an OSS public access block turned off or removed', () => {
    const block = (on: boolean) => ali('oss/bucketPublicAccessBlock:BucketPublicAccessBlock', { bucket: 'b', blockPublicAccess: on });
    expect(check(block(true), block(false))).toEqual(['!granted @inputs.blockPublicAccess: OSS public access block (true → false)']);
    expect(check(block(true), undefined)).toEqual(['!granted: OSS public access block of b (resource removed)']);
  });

  it('reports a database allow list opened to anywhere and a public Redis endpoint added', () => {
    expect(check(ali('rds/instance:Instance', { securityIps: ['10.0.0.0/16'] }), ali('rds/instance:Instance', { securityIps: ['10.0.0.0/16', '0.0.0.0/0'] }))).toEqual([
      '!granted @inputs.securityIps: IP allow list (["10.0.0.0/16"] → ["10.0.0.0/16","0.0.0.0/0"])',
    ]);
    expect(check(undefined, ali('kvstore/connection:Connection', { instanceId: 'r.id', connectionStringPrefix: 'pub', port: '6379' }))).toEqual(['!granted: public endpoint added']);
  });
});
