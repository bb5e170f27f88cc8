import { numberOf } from '../../../stacks/alicloud/compliance/helpers';
import { HBR_PLAN_TYPES } from '../../../stacks/alicloud/compliance/rules/ali-hbr-retention';
import { pairedSettings } from './settings';
import type { ResourcePair, SecurityFinding } from './types';
import type { SecurityCheck } from './types';
import { findingOn } from './types';

/** A retention period: how long logs, backups, versions or snapshots are kept. */
export interface RetentionSetting {
  readonly types: readonly string[];
  readonly path: string;
  readonly label: string;
  readonly unit: 'days' | 'hours' | 'seconds';
  /** What an absent value means: kept forever (a log group without retention), or nothing to compare. */
  readonly whenAbsent: 'forever' | 'not compared';
}

export const RETENTION_SETTINGS: readonly RetentionSetting[] = [
  { types: ['AWS::Logs::LogGroup'], path: 'Properties.RetentionInDays', label: 'log retention', unit: 'days', whenAbsent: 'forever' },
  {
    types: ['AWS::Backup::BackupPlan'],
    path: 'Properties.BackupPlan.BackupPlanRule[@RuleName].Lifecycle.DeleteAfterDays',
    label: 'backup retention',
    unit: 'days',
    whenAbsent: 'forever',
  },
  {
    types: ['AWS::Backup::BackupPlan'],
    path: 'Properties.BackupPlan.BackupPlanRule[@RuleName].CopyActions[*].Lifecycle.DeleteAfterDays',
    label: 'backup copy retention',
    unit: 'days',
    whenAbsent: 'forever',
  },
  { types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], path: 'Properties.BackupRetentionPeriod', label: 'RDS backup retention', unit: 'days', whenAbsent: 'not compared' },
  { types: ['AWS::ElastiCache::ReplicationGroup'], path: 'Properties.SnapshotRetentionLimit', label: 'ElastiCache snapshot retention', unit: 'days', whenAbsent: 'not compared' },
  {
    types: ['AWS::DynamoDB::Table'],
    path: 'Properties.PointInTimeRecoverySpecification.RecoveryPeriodInDays',
    label: 'point-in-time recovery period',
    unit: 'days',
    whenAbsent: 'not compared',
  },
  { types: ['AWS::S3::Bucket'], path: 'Properties.LifecycleConfiguration.Rules[@Id].ExpirationInDays', label: 'S3 object expiry', unit: 'days', whenAbsent: 'forever' },
  {
    types: ['AWS::S3::Bucket'],
    path: 'Properties.LifecycleConfiguration.Rules[@Id].NoncurrentVersionExpiration.NoncurrentDays',
    label: 'S3 noncurrent version expiry',
    unit: 'days',
    whenAbsent: 'forever',
  },
  { types: ['AWS::Kinesis::Stream'], path: 'Properties.RetentionPeriodHours', label: 'stream retention', unit: 'hours', whenAbsent: 'not compared' },
  { types: ['AWS::SQS::Queue'], path: 'Properties.MessageRetentionPeriod', label: 'message retention', unit: 'seconds', whenAbsent: 'not compared' },
  { types: ['alicloud:log/store:Store'], path: 'inputs.retentionPeriod', label: 'log retention', unit: 'days', whenAbsent: 'not compared' },
  { types: HBR_PLAN_TYPES, path: 'inputs.retention', label: 'HBR backup retention', unit: 'days', whenAbsent: 'not compared' },
  { types: HBR_PLAN_TYPES, path: 'inputs.rules[*].retention', label: 'HBR backup retention', unit: 'days', whenAbsent: 'not compared' },
  { types: ['alicloud:rds/backupPolicy:BackupPolicy'], path: 'inputs.backupRetentionPeriod', label: 'RDS backup retention', unit: 'days', whenAbsent: 'not compared' },
  { types: ['alicloud:rds/backupPolicy:BackupPolicy'], path: 'inputs.logBackupRetentionPeriod', label: 'RDS log backup retention', unit: 'days', whenAbsent: 'not compared' },
  { types: ['alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy'], path: 'inputs.retention', label: 'RDS cross-region backup retention', unit: 'days', whenAbsent: 'not compared' },
  {
    types: ['alicloud:polardb/backupPolicy:BackupPolicy'],
    path: 'inputs.dataLevel1BackupRetentionPeriod',
    label: 'PolarDB level-1 backup retention',
    unit: 'days',
    whenAbsent: 'not compared',
  },
  {
    types: ['alicloud:polardb/backupPolicy:BackupPolicy'],
    path: 'inputs.dataLevel2BackupRetentionPeriod',
    label: 'PolarDB level-2 backup retention',
    unit: 'days',
    whenAbsent: 'not compared',
  },
  { types: ['alicloud:polardb/backupPolicy:BackupPolicy'], path: 'inputs.logBackupRetentionPeriod', label: 'PolarDB log backup retention', unit: 'days', whenAbsent: 'not compared' },
  { types: ['alicloud:oss/bucket:Bucket'], path: 'inputs.lifecycleRules[@id].expirations[*].days', label: 'OSS object expiry', unit: 'days', whenAbsent: 'forever' },
  {
    types: ['alicloud:oss/bucket:Bucket'],
    path: 'inputs.lifecycleRules[@id].noncurrentVersionExpirations[*].days',
    label: 'OSS noncurrent version expiry',
    unit: 'days',
    whenAbsent: 'forever',
  },
];

function periodOf(value: unknown, setting: RetentionSetting): number | undefined {
  if (value === undefined) return setting.whenAbsent === 'forever' ? Infinity : undefined;
  return numberOf(value);
}

function spoken(period: number, unit: string): string {
  return period === Infinity ? 'forever' : `${period} ${unit}`;
}

function retentionFindings(pair: ResourcePair, settings: readonly RetentionSetting[]): SecurityFinding[] {
  const findings: SecurityFinding[] = [];
  for (const { setting, path, old: oldValue, value } of pairedSettings(pair, settings)) {
    const [old, now] = [periodOf(oldValue, setting), periodOf(value, setting)];
    if (old === undefined || now === undefined || old === now) continue;
    const shortened = now < old;
    const detail = `${setting.label} (${spoken(old, setting.unit)} → ${spoken(now, setting.unit)})`;
    findings.push(findingOn(pair, 'retention', shortened, shortened ? 'shortened' : 'lengthened', detail, path));
  }
  return findings;
}

/** A retention period of logs, backups, versions or snapshots shortened (or lengthened). */
export const retentionChanges: SecurityCheck = {
  category: 'retention',
  description: 'A retention period of logs, backups, old versions or snapshots shortened (counts) or lengthened.',
  check: (pair) => retentionFindings(pair, RETENTION_SETTINGS),
};
