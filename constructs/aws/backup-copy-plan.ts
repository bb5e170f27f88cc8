import { Duration, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** AWS Backup keeps continuous (point-in-time) recovery points for at most this many days. */
export const CONTINUOUS_BACKUP_MAX_DAYS = 35;

/** The policies AWS Backup documents for backing up and restoring DynamoDB, S3 and the other services. */
const SERVICE_ROLE_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'service-role/AWSBackupServiceRolePolicyForS3Backup',
  'service-role/AWSBackupServiceRolePolicyForS3Restore',
];

export interface CrossRegionBackupPlanProps {
  /** Prefix of the plan names (`<prefix>-hourly`, `<prefix>-continuous`), unique in the account and region. */
  readonly planNamePrefix: string;
  /** Vault the recovery points are written to, in this stack's region. */
  readonly vault: backup.IBackupVault;
  /** ARN of the vault in another region every recovery point is copied to. */
  readonly copyToVaultArn: string;
  /** Days recovery points are kept, here and in the copy vault. */
  readonly retentionDays: number;
  /** Resources backed up by hourly snapshots. @default - none */
  readonly snapshotResources?: backup.BackupResource[];
  /**
   * Resources backed up continuously (point-in-time restore to the second; S3, RDS, Aurora),
   * with an hourly snapshot of the stream copied to the other region. Kept locally for at most
   * 35 days, the AWS Backup limit; their copies keep the full retention. @default - none
   */
  readonly continuousResources?: backup.BackupResource[];
}

/**
 * AWS Backup plans that back resources up every hour (or continuously) into a local vault and
 * copy every recovery point to a vault in another region. One service role, assumable by AWS
 * Backup only, runs the jobs and the restores.
 */
export class CrossRegionBackupPlan extends Construct {
  /** Plan of the hourly snapshots; undefined when no resource is snapshotted. */
  readonly snapshotPlan?: backup.BackupPlan;
  /** Plan of the continuous backups; undefined when no resource is backed up continuously. */
  readonly continuousPlan?: backup.BackupPlan;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CrossRegionBackupPlanProps) {
    super(scope, id);
    const snapshotResources = props.snapshotResources ?? [];
    const continuousResources = props.continuousResources ?? [];
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1) {
      throw new Error(`CrossRegionBackupPlan ${id}: retentionDays (${props.retentionDays}) must be a whole number of days, at least 1`);
    }
    if (!/^[a-zA-Z0-9\-_.]{1,38}$/.test(props.planNamePrefix)) {
      throw new Error(`CrossRegionBackupPlan ${id}: planNamePrefix "${props.planNamePrefix}" must be 1-38 letters, digits, dashes, dots or underscores`);
    }
    if (snapshotResources.length + continuousResources.length === 0) {
      throw new Error(`CrossRegionBackupPlan ${id}: snapshotResources or continuousResources must name at least one resource`);
    }

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'Runs AWS Backup jobs, cross-region copies and restores',
      managedPolicies: SERVICE_ROLE_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    for (const name of SERVICE_ROLE_POLICIES) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        reason:
          'AWS Backup service-role policy, maintained by AWS to track what backup, copy and restore of each service need (S3 has its own pair); only backup.amazonaws.com can assume the role.',
      });
    }

    const copyVault = backup.BackupVault.fromBackupVaultArn(this, 'CopyVault', props.copyToVaultArn);
    const copyActions = [{ destinationBackupVault: copyVault, deleteAfter: Duration.days(props.retentionDays) }];
    // Every hour on the hour. A job may start up to an hour late and must finish within two;
    // AWS Backup skips a run while the previous job for the same resource is still going.
    const hourly = {
      scheduleExpression: events.Schedule.cron({ minute: '0' }),
      startWindow: Duration.hours(1),
      completionWindow: Duration.hours(2),
      copyActions,
    };

    if (snapshotResources.length > 0) {
      this.snapshotPlan = new backup.BackupPlan(this, 'Snapshots', {
        backupPlanName: `${props.planNamePrefix}-hourly`,
        backupVault: props.vault,
        backupPlanRules: [
          new backup.BackupPlanRule({ ruleName: 'Hourly', deleteAfter: Duration.days(props.retentionDays), ...hourly }),
        ],
      });
      this.snapshotPlan.addSelection('Resources', { resources: snapshotResources, role: this.role, disableDefaultBackupPolicy: true });
    }
    if (continuousResources.length > 0) {
      this.continuousPlan = new backup.BackupPlan(this, 'Continuous', {
        backupPlanName: `${props.planNamePrefix}-continuous`,
        backupVault: props.vault,
        backupPlanRules: [
          new backup.BackupPlanRule({
            ruleName: 'Continuous',
            enableContinuousBackup: true,
            deleteAfter: Duration.days(Math.min(props.retentionDays, CONTINUOUS_BACKUP_MAX_DAYS)),
            ...hourly,
          }),
        ],
      });
      this.continuousPlan.addSelection('Resources', { resources: continuousResources, role: this.role, disableDefaultBackupPolicy: true });
    }
  }
}
