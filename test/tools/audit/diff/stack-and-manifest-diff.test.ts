import { diffManifest } from '../../../../tools/audit/diff/alicloud-diff';
import { diffStack } from '../../../../tools/audit/diff/aws-diff';
import { findRenames, withOldCfnReferences, withOldManifestReferences } from '../../../../tools/audit/diff/renames';
import { valueChanges } from '../../../../tools/audit/diff/value-diff';

const manifest = (...resources: any[]) => ({ architecture: 'hybrid-vpn' as const, component: 'c', outputs: {}, resources });
const res = (type: string, name: string, inputs: Record<string, unknown>, region = 'cn-hangzhou') => ({ type: `alicloud:${type}`, name, region, inputs });

describe('property-level changes', () => {
  it('names each changed leaf, ignores reordered list elements, and reports added and removed elements', () => {
    const before = { Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], Port: 80, Nested: { On: true } };
    const after = { Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }, { Key: 'c', Value: '3' }], Port: 443, Nested: {} };
    expect(valueChanges(before, after, 'Properties')).toEqual([
      { path: 'Properties.Nested.On', before: true },
      { path: 'Properties.Port', before: 80, after: 443 },
      { path: 'Properties.Tags[2]', after: { Key: 'c', Value: '3' } },
    ]);
  });
});

describe('renamed resources', () => {
  it('pairs a removed and an added resource of one type with nearly the same settings, and not different ones', () => {
    const removed = [{ id: 'Old', type: 'T', body: { a: 1, b: 2, c: 3, d: 4 } }, { id: 'Gone', type: 'T', body: { a: 9, b: 9 } }];
    const added = [{ id: 'New', type: 'T', body: { a: 1, b: 2, c: 3, d: 5 } }, { id: 'Other', type: 'U', body: { a: 1, b: 2, c: 3, d: 4 } }];
    expect(findRenames(removed, added)).toEqual([{ from: 'Old', to: 'New', similarity: 0.75 }]);
  });

  it('points references to a renamed resource back at its old name for comparison', () => {
    const renamed = new Map([['NewBucket', 'OldBucket']]);
    expect(withOldCfnReferences({ a: { Ref: 'NewBucket' }, b: { 'Fn::GetAtt': ['NewBucket', 'Arn'] }, c: { 'Fn::Sub': '${NewBucket.Arn}/*' } }, renamed)).toEqual({
      a: { Ref: 'OldBucket' },
      b: { 'Fn::GetAtt': ['OldBucket', 'Arn'] },
      c: { 'Fn::Sub': '${OldBucket.Arn}/*' },
    });
    expect(withOldManifestReferences({ vswitchId: 'new-a.id,other.id', parent: 'twinstack:alicloud:Network::new-a' }, new Map([['new-a', 'old-a']]))).toEqual({
      vswitchId: 'old-a.id,other.id',
      parent: 'twinstack:alicloud:Network::old-a',
    });
  });
});

describe('a CloudFormation stack diff', () => {
  const vpc = (cidr: string) => ({ Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr } });
  const logGroup = (days: number) => ({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: days }, DeletionPolicy: 'Retain' });

  it('marks a property change that forces replacement, and one that does not', () => {
    const diff = diffStack('s', 's.template.json', { Resources: { Vpc: vpc('10.0.0.0/16'), Logs: logGroup(90) } }, { Resources: { Vpc: vpc('10.1.0.0/16'), Logs: logGroup(30) } })!;
    expect(diff.scope.resources).toEqual([
      { id: 'Logs', type: 'AWS::Logs::LogGroup', change: 'modified', properties: [{ path: 'Properties.RetentionInDays', before: 90, after: 30 }] },
      { id: 'Vpc', type: 'AWS::EC2::VPC', change: 'replaced', properties: [{ path: 'Properties.CidrBlock', before: '10.0.0.0/16', after: '10.1.0.0/16', replaces: true }] },
    ]);
  });

  it('reports a renamed logical id as one replacement, the old resource kept by its DeletionPolicy, and a removal as such', () => {
    const diff = diffStack('s', 's.template.json', { Resources: { Logs: logGroup(90), Vpc: vpc('10.0.0.0/16') } }, { Resources: { LogsRenamed: logGroup(90) } })!;
    expect(diff.scope.resources).toEqual([
      { id: 'LogsRenamed', type: 'AWS::Logs::LogGroup', change: 'replaced', renamedFrom: 'Logs', retained: true, properties: [] },
      { id: 'Vpc', type: 'AWS::EC2::VPC', change: 'removed', properties: [] },
    ]);
  });

  it('reports a stack present at one revision only as added or removed, and an unchanged stack not at all', () => {
    expect(diffStack('s', 's.template.json', undefined, { Resources: { Vpc: vpc('10.0.0.0/16') } })!.scope).toMatchObject({ status: 'added', resources: [{ id: 'Vpc', change: 'added' }] });
    expect(diffStack('s', 's.template.json', { Resources: { Vpc: vpc('10.0.0.0/16') } }, undefined)!.scope).toMatchObject({ status: 'removed' });
    expect(diffStack('s', 's.template.json', { Resources: { Vpc: vpc('10.0.0.0/16') } }, { Resources: { Vpc: vpc('10.0.0.0/16') } })).toBeUndefined();
  });

  it('lists output and parameter changes apart from resources', () => {
    const diff = diffStack('s', 's.template.json', { Resources: {}, Outputs: { A: { Value: 1 } } }, { Resources: {}, Outputs: { B: { Value: 1 } } })!;
    expect(diff.scope.otherChanges).toEqual([
      { section: 'Outputs', id: 'A', change: 'removed' },
      { section: 'Outputs', id: 'B', change: 'added' },
    ]);
  });
});

describe('an Alibaba Cloud manifest diff', () => {
  it('reports a renamed resource as replaced, a region change and a bucket name change as replacing, other inputs as modified', () => {
    const base = manifest(
      res('oss/bucket:Bucket', 'site', { bucket: 'site-a', storageClass: 'Standard' }),
      res('log/store:Store', 'logs', { logstoreName: 'flowlogs', retentionPeriod: 90, shardCount: 2 }),
      res('vpc/network:Network', 'vpc', { cidrBlock: '10.0.0.0/16', vpcName: 'v' }),
      res('oss/bucketVersioning:BucketVersioning', 'site-versioning', { bucket: 'site-a', status: 'Enabled' }),
    );
    const head = manifest(
      res('oss/bucket:Bucket', 'site', { bucket: 'site-b', storageClass: 'Standard' }),
      res('log/store:Store', 'logs', { logstoreName: 'flowlogs', retentionPeriod: 30, shardCount: 2 }),
      res('vpc/network:Network', 'vpc', { cidrBlock: '10.0.0.0/16', vpcName: 'v' }, 'cn-shanghai'),
      res('oss/bucketVersioning:BucketVersioning', 'site-bucket-versioning', { bucket: 'site-a', status: 'Enabled' }),
    );
    const diff = diffManifest('hybrid-vpn', 'alicloud/hybrid-vpn.json', base, head)!;
    expect(diff.scope.resources).toEqual([
      { id: 'logs', type: 'alicloud:log/store:Store', change: 'modified', properties: [{ path: 'inputs.retentionPeriod', before: 90, after: 30 }] },
      { id: 'site', type: 'alicloud:oss/bucket:Bucket', change: 'replaced', properties: [{ path: 'inputs.bucket', before: 'site-a', after: 'site-b', replaces: true }] },
      { id: 'site-bucket-versioning', type: 'alicloud:oss/bucketVersioning:BucketVersioning', change: 'replaced', renamedFrom: 'site-versioning', properties: [] },
      { id: 'vpc', type: 'alicloud:vpc/network:Network', change: 'replaced', properties: [{ path: 'region', before: 'cn-hangzhou', after: 'cn-shanghai', replaces: true }] },
    ]);
    expect(diff.pairs.find((p) => p.resource === 'site-bucket-versioning')!.before).toBeDefined();
  });

  it('reports a manifest present at one revision only as added or removed', () => {
    const only = manifest(res('vpc/network:Network', 'vpc', {}));
    expect(diffManifest('hybrid-vpn', 'f', undefined, only)!.scope).toMatchObject({ status: 'added', resources: [{ id: 'vpc', change: 'added' }] });
    expect(diffManifest('hybrid-vpn', 'f', only, undefined)!.scope).toMatchObject({ status: 'removed', resources: [{ id: 'vpc', change: 'removed' }] });
  });
});
