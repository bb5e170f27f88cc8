import { HBR_PLAN_TYPES } from '../../../stacks/alicloud/compliance/rules/ali-hbr-retention';
import type { GuardResource, ToggleSetting } from './settings';
import { guardFindings, present, toggleFindings, truthy } from './settings';
import type { SecurityCheck } from './types';

const KEEPS_ON_DELETE = ['Retain', 'Snapshot', 'RetainExceptOnCreate'];

/** Settings that keep a resource (or its data) from being deleted, and backups, on both clouds. */
export const PROTECTION_SETTINGS: readonly ToggleSetting[] = [
  // Absent means Delete for every type our stacks use (CDK writes RDS's Snapshot default out).
  { types: ['AWS::*'], path: 'DeletionPolicy', label: 'DeletionPolicy', isOn: (v) => KEEPS_ON_DELETE.includes(v as string) },
  { types: ['AWS::*'], path: 'UpdateReplacePolicy', label: 'UpdateReplacePolicy', isOn: (v) => KEEPS_ON_DELETE.includes(v as string) },
  { types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], path: 'Properties.DeletionProtection', label: 'RDS deletion protection', isOn: truthy },
  { types: ['AWS::DynamoDB::Table'], path: 'Properties.DeletionProtectionEnabled', label: 'DynamoDB deletion protection', isOn: truthy },
  { types: ['AWS::DynamoDB::GlobalTable'], path: 'Properties.Replicas[@Region].DeletionProtectionEnabled', label: 'DynamoDB deletion protection', isOn: truthy },
  { types: ['AWS::Logs::LogGroup'], path: 'Properties.DeletionProtectionEnabled', label: 'log group deletion protection', isOn: truthy },
  {
    types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    path: 'Properties.LoadBalancerAttributes[Key=deletion_protection.enabled].Value',
    label: 'load balancer deletion protection',
    isOn: truthy,
  },
  { types: ['AWS::EC2::Instance'], path: 'Properties.DisableApiTermination', label: 'termination protection', isOn: truthy },
  { types: ['AWS::Cognito::UserPool'], path: 'Properties.DeletionProtection', label: 'user pool deletion protection', isOn: (v) => v === 'ACTIVE' },
  { types: ['AWS::DynamoDB::Table'], path: 'Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', label: 'point-in-time recovery', isOn: truthy },
  {
    types: ['AWS::DynamoDB::GlobalTable'],
    path: 'Properties.Replicas[@Region].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
    label: 'point-in-time recovery',
    isOn: truthy,
  },
  { types: ['AWS::S3::Bucket'], path: 'Properties.VersioningConfiguration.Status', label: 'S3 versioning', isOn: truthy },
  { types: ['AWS::S3::Bucket'], path: 'Properties.ReplicationConfiguration', label: 'S3 replication', isOn: present },
  { types: ['AWS::Backup::BackupVault'], path: 'Properties.LockConfiguration', label: 'backup vault lock', isOn: present },
  { types: ['AWS::Backup::BackupPlan'], path: 'Properties.BackupPlan.BackupPlanRule[@RuleName].CopyActions', label: 'cross-region backup copy', isOn: present },
  { types: ['alicloud:rds/instance:Instance', 'alicloud:ecs/instance:Instance'], path: 'inputs.deletionProtection', label: 'deletion protection', isOn: truthy },
  { types: ['alicloud:polardb/cluster:Cluster'], path: 'inputs.deletionLock', label: 'PolarDB deletion lock', isOn: truthy },
  { types: ['alicloud:kvstore/instance:Instance'], path: 'inputs.instanceReleaseProtection', label: 'Redis release protection', isOn: truthy },
  { types: ['alicloud:alb/loadBalancer:LoadBalancer'], path: 'inputs.deletionProtectionEnabled', label: 'ALB deletion protection', isOn: truthy },
  { types: ['alicloud:hbr/vault:Vault'], path: 'inputs.wormEnabled', label: 'HBR vault WORM lock', isOn: truthy },
  { types: ['alicloud:oss/bucket:Bucket'], path: 'inputs.versioning.status', label: 'OSS versioning', isOn: truthy },
  { types: ['alicloud:oss/bucketVersioning:BucketVersioning'], path: 'inputs.status', label: 'OSS versioning', isOn: truthy },
  { types: HBR_PLAN_TYPES, path: 'inputs.disabled', label: 'HBR backup plan', isOn: (v) => v !== true },
  { types: ['alicloud:rds/backupPolicy:BackupPolicy'], path: 'inputs.enableBackupLog', label: 'RDS log backup', isOn: (v) => v === undefined || truthy(v) },
  { types: ['alicloud:rds/instance:Instance', 'alicloud:rds/backupPolicy:BackupPolicy'], path: 'inputs.releasedKeepPolicy', label: 'backups kept after release', isOn: (v) => v === 'All' || v === 'Lastest' },
];

/** Resources whose presence backs up another one. */
export const PROTECTION_GUARDS: readonly GuardResource[] = [
  { types: ['AWS::Backup::BackupPlan'], label: 'AWS Backup plan' },
  { types: ['AWS::Backup::BackupSelection'], label: 'AWS Backup selection', target: 'Properties.BackupPlanId' },
  { types: HBR_PLAN_TYPES, label: 'HBR backup plan' },
  { types: ['alicloud:hbr/replicationVault:ReplicationVault'], label: 'HBR vault replication', target: 'inputs.replicationSourceVaultId' },
  { types: ['alicloud:rds/backupPolicy:BackupPolicy'], label: 'RDS backup policy', target: 'inputs.instanceId' },
  { types: ['alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy'], label: 'RDS cross-region backup', target: 'inputs.instanceId' },
  { types: ['alicloud:polardb/backupPolicy:BackupPolicy'], label: 'PolarDB backup policy', target: 'inputs.dbClusterId' },
  { types: ['alicloud:oss/bucketReplication:BucketReplication'], label: 'OSS cross-region replication', target: 'inputs.bucket' },
  { types: ['alicloud:oss/bucketVersioning:BucketVersioning'], label: 'OSS versioning', target: 'inputs.bucket' },
];

/** Deletion protection, retain policies or backups removed (or added). */
export const protectionChanges: SecurityCheck = {
  category: 'protection',
  description: 'Deletion protection, a retain policy, versioning, replication or a backup removed (counts) or added.',
  check: (pair) => [
    ...toggleFindings(pair, 'protection', PROTECTION_SETTINGS, { off: 'removed', on: 'added' }),
    ...guardFindings(pair, 'protection', PROTECTION_GUARDS, { removed: 'removed', added: 'added' }),
  ],
};
