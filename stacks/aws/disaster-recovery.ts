import { App, Arn, ArnFormat, CfnOutput, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { CrossRegionBackupPlan } from '../../constructs/aws/backup-copy-plan';
import { EncryptedBackupVault } from '../../constructs/aws/backup-vault';
import { DrWebSite } from '../../constructs/aws/dr-site';
import { RecoverableTable } from '../../constructs/aws/dr-table';
import { LogBucket } from '../../constructs/aws/log-bucket';
import { ReplicaBucket, ReplicatedBucket } from '../../constructs/aws/replicated-bucket';
import type { TwinstackSpec } from '../spec';
import type { DisasterRecoverySpec } from '../spec/disaster-recovery';
import { resourcePrefix, stackName } from './naming';

/** Below this RPO hourly snapshots are not enough: continuous backup and S3 RTC take over. */
const HOURLY_RPO_MINUTES = 60;
/** Longest point-in-time recovery window DynamoDB keeps. */
const PITR_MAX_DAYS = 35;

/**
 * Names both regions agree on. The primary builds ARNs from them instead of importing values
 * from the recovery stack, which CloudFormation cannot do across regions.
 */
interface DrNames {
  readonly primaryVault: string;
  readonly recoveryVault: string;
  readonly replicaBucket: string;
  readonly table: string;
  readonly backupPlanPrefix: string;
}

function drNames(spec: TwinstackSpec): DrNames {
  const prefix = resourcePrefix(spec);
  const dr = spec.architectures['disaster-recovery'];
  return {
    primaryVault: `${prefix}-dr-primary`,
    recoveryVault: `${prefix}-dr-recovery`,
    replicaBucket: `${prefix}-dr-replica-${spec.aws.account}-${dr.aws.recovery.region}`,
    table: `${prefix}-dr-data`,
    backupPlanPrefix: `${prefix}-dr`,
  };
}

function hostedZone(stack: Stack, spec: TwinstackSpec): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: spec.aws.hostedZoneId, zoneName: spec.dnsZone });
}

/** The objectives a stack was built for, so an operator reads them next to what was deployed. */
function objectiveOutputs(stack: Stack, dr: DisasterRecoverySpec): void {
  new CfnOutput(stack, 'Strategy', { value: dr.strategy, description: 'Disaster-recovery strategy this stack implements' });
  new CfnOutput(stack, 'RpoMinutes', { value: String(dr.rpoMinutes), description: 'Recovery point objective (most data lost), in minutes' });
  new CfnOutput(stack, 'RtoMinutes', { value: String(dr.rtoMinutes), description: 'Recovery time objective (longest outage), in minutes' });
}

/**
 * The recovery region: the vault that receives every backup copy, the bucket the data is
 * replicated to, and the standby web site the strategy calls for.
 */
class DisasterRecoveryRecoveryStack extends Stack {
  constructor(app: App, spec: TwinstackSpec, names: DrNames) {
    const dr = spec.architectures['disaster-recovery'];
    const id = stackName(spec, 'disaster-recovery', 'recovery');
    super(app, id, {
      stackName: id,
      env: { account: spec.aws.account, region: dr.aws.recovery.region },
      description: `twinstack disaster recovery (${dr.strategy}): recovery site in ${dr.aws.recovery.region}`,
    });
    objectiveOutputs(this, dr);

    const vault = new EncryptedBackupVault(this, 'BackupVault', {
      backupVaultName: names.recoveryVault,
      // Copies arrive with exactly this retention, so the lock never rejects one; it stops
      // anyone shortening them below what the spec promises.
      lockMinRetentionDays: dr.backup.retentionDays,
    });

    const site = this.standbySite(spec, dr);
    const replica = new ReplicaBucket(this, 'DataReplica', {
      bucketName: names.replicaBucket,
      accessLogBucket: (site?.logBucket ?? new LogBucket(this, 'AccessLogs')).bucket,
      noncurrentVersionExpirationDays: dr.backup.retentionDays,
    });

    new CfnOutput(this, 'BackupVaultName', { value: vault.vault.backupVaultName, description: 'Vault holding the copies of every primary recovery point' });
    new CfnOutput(this, 'ReplicaBucketName', { value: replica.bucket.bucketName, description: 'Replica of the primary data bucket' });
    if (site) {
      new CfnOutput(this, 'LoadBalancerDnsName', { value: site.webTier.loadBalancer.loadBalancerDnsName, description: 'Standby load balancer' });
      new CfnOutput(this, 'AutoScalingGroupName', { value: site.webTier.autoScalingGroup.autoScalingGroupName, description: 'Standby web instances; raise its minimum to full capacity on failover' });
      new CfnOutput(this, 'HealthCheckId', { value: site.failoverRecord.healthCheck.healthCheckId, description: 'Route 53 health check of the standby site' });
      new CfnOutput(this, 'TableName', { value: names.table, description: 'Global table replica in this region' });
    } else {
      new CfnOutput(this, 'RecoveryProcedure', {
        value:
          `No standby compute: after a disaster the environment is rebuilt from code and backups. Deploy the primary stack to ` +
          `${dr.aws.recovery.region}, restore table ${names.table} from the latest recovery point in vault ${names.recoveryVault}, ` +
          `and restore or serve files from bucket ${names.replicaBucket}.`,
        description: 'How this site is brought up under backup and restore',
      });
    }
  }

  /** Pilot light keeps a cold web tier (0 instances); warm standby keeps a small one running. */
  private standbySite(spec: TwinstackSpec, dr: DisasterRecoverySpec): DrWebSite | undefined {
    if (dr.strategy === 'backup-restore') return undefined;
    const standbyInstances = dr.strategy === 'warm-standby' ? dr.capacity.standbyInstances : 0;
    return new DrWebSite(this, 'Site', {
      cidr: dr.network.recoveryCidr,
      zones: dr.aws.recovery.zones,
      natPerZone: dr.highAvailability,
      capacity: { minInstances: standbyInstances, maxInstances: dr.capacity.maxInstances, targetCpuPercent: dr.capacity.targetCpuPercent },
      instanceType: dr.aws.instanceType,
      zone: hostedZone(this, spec),
      domainName: dr.domain,
      failover: route53.Failover.SECONDARY,
    });
  }
}

/**
 * The primary region: the site at full capacity, the data (a DynamoDB table and an S3 bucket)
 * replicated to the recovery region as the strategy calls for, and AWS Backup plans whose
 * recovery points are all copied to the recovery vault.
 */
class DisasterRecoveryPrimaryStack extends Stack {
  constructor(app: App, spec: TwinstackSpec, names: DrNames) {
    const dr = spec.architectures['disaster-recovery'];
    const id = stackName(spec, 'disaster-recovery', 'primary');
    const recoveryRegion = dr.aws.recovery.region;
    super(app, id, {
      stackName: id,
      env: { account: spec.aws.account, region: dr.aws.primary.region },
      description: `twinstack disaster recovery (${dr.strategy}): primary site in ${dr.aws.primary.region}`,
    });
    objectiveOutputs(this, dr);

    const site = new DrWebSite(this, 'Site', {
      cidr: dr.network.primaryCidr,
      zones: dr.aws.primary.zones,
      natPerZone: dr.highAvailability,
      capacity: { minInstances: dr.capacity.minInstances, maxInstances: dr.capacity.maxInstances, targetCpuPercent: dr.capacity.targetCpuPercent },
      instanceType: dr.aws.instanceType,
      zone: hostedZone(this, spec),
      domainName: dr.domain,
      failover: route53.Failover.PRIMARY,
    });

    const subHourRpo = dr.rpoMinutes < HOURLY_RPO_MINUTES;
    // Backup and restore rebuilds from backups alone; the other strategies keep a live replica.
    const table = new RecoverableTable(this, 'Data', {
      tableName: names.table,
      replicaRegions: dr.strategy === 'backup-restore' ? [] : [recoveryRegion],
      pointInTimeRecoveryDays: Math.min(dr.backup.retentionDays, PITR_MAX_DAYS),
    });
    const bucket = new ReplicatedBucket(this, 'Files', {
      destinationBucketName: names.replicaBucket,
      destinationRegion: recoveryRegion,
      accessLogBucket: site.logBucket.bucket,
      replicationTimeControl: subHourRpo,
      noncurrentVersionExpirationDays: dr.backup.retentionDays,
    });

    const vault = new EncryptedBackupVault(this, 'BackupVault', { backupVaultName: names.primaryVault });
    const recoveryVaultArn = Arn.format(
      { service: 'backup', region: recoveryRegion, resource: 'backup-vault', resourceName: names.recoveryVault, arnFormat: ArnFormat.COLON_RESOURCE_NAME },
      this,
    );
    // DynamoDB has no AWS Backup continuous mode (its PITR lives on the table), so it is always
    // snapshotted; the bucket is backed up continuously when the RPO is below an hour. Copying
    // DynamoDB recovery points across regions needs AWS Backup's advanced DynamoDB features
    // turned on for the account (a per-account setting, not a template resource).
    const tableResource = backup.BackupResource.fromArn(table.table.tableArn);
    const bucketResource = backup.BackupResource.fromArn(bucket.bucket.bucketArn);
    new CrossRegionBackupPlan(this, 'Backup', {
      planNamePrefix: names.backupPlanPrefix,
      vault: vault.vault,
      copyToVaultArn: recoveryVaultArn,
      retentionDays: dr.backup.retentionDays,
      snapshotResources: subHourRpo ? [tableResource] : [tableResource, bucketResource],
      continuousResources: subHourRpo ? [bucketResource] : [],
    });

    new CfnOutput(this, 'BackupVaultName', { value: vault.vault.backupVaultName, description: 'Vault of the primary recovery points' });
    new CfnOutput(this, 'RecoveryVaultArn', { value: recoveryVaultArn, description: 'Vault every recovery point is copied to' });
    new CfnOutput(this, 'TableName', { value: table.table.tableName, description: 'Application table (point-in-time recovery on)' });
    new CfnOutput(this, 'DataBucketName', { value: bucket.bucket.bucketName, description: `Data bucket, replicated to ${names.replicaBucket}` });
    new CfnOutput(this, 'LoadBalancerDnsName', { value: site.webTier.loadBalancer.loadBalancerDnsName, description: 'Primary load balancer' });
    new CfnOutput(this, 'HealthCheckId', { value: site.failoverRecord.healthCheck.healthCheckId, description: 'Route 53 health check of the primary site' });
  }
}

/** Adds the disaster-recovery stacks for the spec: the recovery region first, then the primary. */
export function addDisasterRecoveryStacks(app: App, spec: TwinstackSpec): Stack[] {
  const names = drNames(spec);
  const recovery = new DisasterRecoveryRecoveryStack(app, spec, names);
  const primary = new DisasterRecoveryPrimaryStack(app, spec, names);
  primary.addStackDependency(recovery, 'the backup copy vault and the replication bucket must exist first');
  return [recovery, primary];
}
