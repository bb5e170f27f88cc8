import { protectionChanges } from '../../../../tools/audit/security/protection';
import { ali, cfn, pair, sideWithout, summary } from '../fixtures';

const check = (before: any, after: any, head = sideWithout()) => summary(protectionChanges.check(pair(before, after, head)));

describe('deletion protection and backups removed or added', () => {
  it('reports DeletionPolicy Retain to Delete (absent counts as Delete)', () => {
    expect(check(cfn('AWS::S3::Bucket', {}, { DeletionPolicy: 'Retain' }), cfn('AWS::S3::Bucket', {}, { DeletionPolicy: 'Delete' }))).toEqual([
      '!removed @DeletionPolicy: DeletionPolicy (Retain → Delete)',
    ]);
    expect(check(cfn('AWS::RDS::DBCluster', {}, { DeletionPolicy: 'Snapshot' }), cfn('AWS::RDS::DBCluster', {}))).toEqual(['!removed @DeletionPolicy: DeletionPolicy (Snapshot → absent)']);
  });

  it('reports RDS and DynamoDB deletion protection, PITR and S3 versioning turned off', () => {
    expect(check(cfn('AWS::RDS::DBInstance', { DeletionProtection: true }), cfn('AWS::RDS::DBInstance', { DeletionProtection: false }))).toEqual([
      '!removed @Properties.DeletionProtection: RDS deletion protection (true → false)',
    ]);
    const table = (on: boolean) => cfn('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1', DeletionProtectionEnabled: on, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: on } }] });
    expect(check(table(true), table(false))).toEqual([
      '!removed @Properties.Replicas[Region=eu-west-1].DeletionProtectionEnabled: DynamoDB deletion protection (true → false)',
      '!removed @Properties.Replicas[Region=eu-west-1].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: point-in-time recovery (true → false)',
    ]);
    expect(check(cfn('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } }), cfn('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Suspended' } }))).toEqual([
      '!removed @Properties.VersioningConfiguration.Status: S3 versioning (Enabled → Suspended)',
    ]);
  });

  it('reports an AWS Backup plan removed and a selection removed with its plan only once', () => {
    expect(check(cfn('AWS::Backup::BackupPlan', { BackupPlan: { BackupPlanName: 'p' } }), undefined)).toEqual(['!removed: AWS Backup plan (resource removed)']);
    const selection = cfn('AWS::Backup::BackupSelection', { BackupPlanId: { Ref: 'Plan' } });
    expect(check(selection, undefined, sideWithout('{"Ref":"Plan"}'))).toEqual([]);
    expect(check(selection, undefined)).toEqual(['!removed: AWS Backup selection of Plan (resource removed)']);
  });

  it('reports Alibaba deletion protection, PolarDB deletion lock and HBR vault WORM turned off', () => {
    expect(check(ali('rds/instance:Instance', { deletionProtection: true }), ali('rds/instance:Instance', { deletionProtection: false }))).toEqual([
      '!removed @inputs.deletionProtection: deletion protection (true → false)',
    ]);
    expect(check(ali('polardb/cluster:Cluster', { deletionLock: 1 }), ali('polardb/cluster:Cluster', { deletionLock: 0 }))).toEqual(['!removed @inputs.deletionLock: PolarDB deletion lock (1 → 0)']);
    expect(check(ali('hbr/vault:Vault', { wormEnabled: true }), ali('hbr/vault:Vault', {}))).toEqual(['!removed @inputs.wormEnabled: HBR vault WORM lock (true → absent)']);
  });

  it('reports an HBR plan disabled or removed, and a database backup policy removed unless its database went too', () => {
    const plan = (disabled: boolean) => ali('hbr/ossBackupPlan:OssBackupPlan', { bucket: 'b', retention: '35', disabled });
    expect(check(plan(false), plan(true))).toEqual(['!removed @inputs.disabled: HBR backup plan (false → true)']);
    expect(check(plan(false), undefined)).toEqual(['!removed: HBR backup plan (resource removed)']);
    const policy = ali('rds/backupPolicy:BackupPolicy', { instanceId: 'db.id', backupRetentionPeriod: 35 });
    expect(check(policy, undefined)).toEqual(['!removed: RDS backup policy of db.id (resource removed)']);
    expect(check(policy, undefined, sideWithout('db.id'))).toEqual([]);
    expect(check(undefined, policy)).toEqual(['added: RDS backup policy of db.id (resource added)']);
  });
});
