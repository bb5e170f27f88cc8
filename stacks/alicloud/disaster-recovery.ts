import * as pulumi from '@pulumi/pulumi';
import { AlicloudDrDatabase } from '../../constructs/alicloud/dr-database';
import { AlicloudDrSite } from '../../constructs/alicloud/dr-site';
import { AlicloudReplicatedVault } from '../../constructs/alicloud/hbr-replicated-vault';
import { AlicloudReplicatedBucket } from '../../constructs/alicloud/oss-replicated-bucket';
import type { TwinstackSpec } from '../spec';
import type { DisasterRecoverySpec } from '../spec/disaster-recovery';
import { resourcePrefix } from '../spec/naming';
import { acknowledge } from './acknowledgements';
import { labelsFor, regionalProvider } from './common';

/** Below this RPO best-effort OSS replication is not enough: Replication Time Control takes over. */
const HOURLY_RPO_MINUTES = 60;
/** Longest retention ApsaraDB RDS keeps data and log backups, in days. */
const RDS_MAX_RETENTION_DAYS = 730;
/**
 * Certificate of the HTTPS listeners. The spec carries no certificate id yet; this value must be
 * replaced by the Certificate Management Service id of the domain's certificate before deploy.
 */
const CERTIFICATE_ID_SET_BEFORE_DEPLOY = 'set-before-deploy';

export interface DisasterRecoveryArgs {
  /** The validated spec; `architectures['disaster-recovery']` is rendered. */
  readonly spec: TwinstackSpec;
}

/** Instances the recovery site keeps running, or undefined when it has no compute at all. */
function standbyInstances(dr: DisasterRecoverySpec): number | undefined {
  switch (dr.strategy) {
    case 'backup-restore':
      return undefined;
    case 'pilot-light':
      return 0;
    case 'warm-standby':
      return dr.capacity.standbyInstances;
  }
}

/**
 * Disaster recovery on Alibaba Cloud: a primary site at full capacity in one region and a recovery
 * region prepared per the spec's strategy. Data reaches the recovery region three ways: the RDS
 * instance's data and binlog backups are copied there (cross-region backup), the OSS data bucket
 * is replicated to a bucket there, and every Cloud Backup (HBR) recovery point is copied from the
 * primary vault to a replication vault there. The recovery site is nothing (backup and restore:
 * rebuilt from this code and the backups), a cold web tier with no instances (pilot light), or a
 * small running one (warm standby).
 */
export class DisasterRecovery extends pulumi.ComponentResource {
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: DisasterRecoveryArgs, opts?: pulumi.ComponentResourceOptions) {
    const { spec } = args;
    const dr = spec.architectures['disaster-recovery'];
    // Refused before anything is registered, so a bad spec creates no half-built component.
    validate(dr);
    super('twinstack:alicloud:DisasterRecovery', name, {}, opts);
    const { primary: primaryPlacement, recovery: recoveryPlacement, instanceType } = dr.alicloud;
    const tags = labelsFor(spec, 'disaster-recovery');
    const resourceGroupId = spec.alicloud.resourceGroupId;
    const prefix = resourcePrefix(spec);

    const primary = regionalProvider(this, `${name}-primary`, primaryPlacement.region);
    const recovery = regionalProvider(this, `${name}-recovery`, recoveryPlacement.region);
    const inPrimary = { parent: this, provider: primary };
    const inRecovery = { parent: this, provider: recovery };

    const site = new AlicloudDrSite(
      `${name}-primary`,
      {
        cidr: dr.network.primaryCidr,
        zones: primaryPlacement.zones,
        minInstances: dr.capacity.minInstances,
        maxInstances: dr.capacity.maxInstances,
        targetCpuPercent: dr.capacity.targetCpuPercent,
        instanceType,
        certificateId: CERTIFICATE_ID_SET_BEFORE_DEPLOY,
        tags,
        resourceGroupId,
      },
      inPrimary,
    );

    const database = new AlicloudDrDatabase(
      `${name}-db`,
      {
        region: primaryPlacement.region,
        recoveryRegion: recoveryPlacement.region,
        zones: site.network.zones.slice(0, 2),
        vswitchIds: site.network.dataSwitches.slice(0, 2).map((s) => s.id),
        allowedCidrs: [dr.network.primaryCidr],
        highAvailability: dr.highAvailability,
        retentionDays: dr.backup.retentionDays,
        tags,
        resourceGroupId,
      },
      inPrimary,
    );

    const files = new AlicloudReplicatedBucket(
      `${name}-files`,
      {
        bucketName: `${prefix}-dr-data-${primaryPlacement.region}`,
        replicaBucketName: `${prefix}-dr-replica-${recoveryPlacement.region}`,
        replicaRegion: recoveryPlacement.region,
        replicaProvider: recovery,
        noncurrentVersionDays: dr.backup.retentionDays,
        replicationTimeControl: dr.rpoMinutes < HOURLY_RPO_MINUTES,
        zoneRedundant: dr.highAvailability,
        tags,
        resourceGroupId,
      },
      inPrimary,
    );

    // ECS instances are not backed up: the web tier is stateless and rebuilt from its image and
    // this code; the state lives in RDS (its own backups) and OSS (replicated and HBR-backed up).
    const backups = new AlicloudReplicatedVault(
      `${name}-backup`,
      {
        sourceRegion: primaryPlacement.region,
        replicaRegion: recoveryPlacement.region,
        replicaProvider: recovery,
        retentionDays: dr.backup.retentionDays,
        rpoMinutes: dr.rpoMinutes,
        ossBuckets: [files.bucket.bucket],
        tags,
        resourceGroupId,
      },
      inPrimary,
    );

    if (dr.rpoMinutes < HOURLY_RPO_MINUTES) {
      for (const plan of backups.plans) {
        acknowledge(
          plan,
          'ALI-HBR-RETENTION',
          `HBR backs up at most hourly; the ${dr.rpoMinutes}-minute RPO is met by OSS cross-region replication with Replication Time Control and RDS binlog backups copied to ${recoveryPlacement.region}, the hourly plan guards against bad writes and deletes`,
        );
      }
    }

    const standby = standbyInstances(dr);
    const recoverySite =
      standby === undefined
        ? undefined
        : new AlicloudDrSite(
            `${name}-recovery`,
            {
              cidr: dr.network.recoveryCidr,
              zones: recoveryPlacement.zones,
              minInstances: standby,
              maxInstances: dr.capacity.maxInstances,
              targetCpuPercent: dr.capacity.targetCpuPercent,
              instanceType,
              certificateId: CERTIFICATE_ID_SET_BEFORE_DEPLOY,
              tags,
              resourceGroupId,
            },
            inRecovery,
          );

    // DNS failover is not built here: the shared GTM construct (gtm-steering.ts) answers with every
    // healthy site, weighted (active-active), while recovery needs a failover-only pool.
    const outputs: Record<string, pulumi.Input<unknown>> = {
      strategy: dr.strategy,
      rpoMinutes: dr.rpoMinutes,
      rtoMinutes: dr.rtoMinutes,
      domain: dr.domain,
      primaryRegion: primaryPlacement.region,
      recoveryRegion: recoveryPlacement.region,
      primaryLoadBalancerDnsName: site.webTier.dnsName,
      databaseInstanceId: database.instance.id,
      databaseBackupCopiedTo: recoveryPlacement.region,
      dataBucket: files.bucket.bucket,
      replicaBucket: files.replica.bucket,
      backupVaultId: backups.vault.id,
      replicationVaultId: backups.replicationVault.id,
      backupSchedule: backups.schedule,
      backupRetentionDays: dr.backup.retentionDays,
      ...(recoverySite
        ? {
            recoveryLoadBalancerDnsName: recoverySite.webTier.dnsName,
            recoveryScalingGroupId: recoverySite.webTier.scalingGroup.id,
            recoveryStandbyInstances: standby,
          }
        : {}),
      recoveryProcedure: recoveryProcedure(dr, prefix, `${name}-backup-replica`),
      dnsFailover: `manual: point ${dr.domain} at the recovery load balancer (no GTM failover pool is built)`,
    };
    this.outputs = pulumi.output(outputs).apply((resolved) => resolved as Record<string, unknown>);
    this.registerOutputs({ outputs: this.outputs });
  }
}

/** Refusals the spec's own rules do not cover because they are limits of Alibaba Cloud. */
function validate(dr: DisasterRecoverySpec): void {
  if (dr.backup.retentionDays > RDS_MAX_RETENTION_DAYS) {
    throw new Error(
      `architectures.disaster-recovery.backup.retentionDays: ApsaraDB RDS keeps backups at most ${RDS_MAX_RETENTION_DAYS} days on Alibaba Cloud, got ${dr.backup.retentionDays}`,
    );
  }
  if (dr.strategy === 'warm-standby' && dr.capacity.standbyInstances > dr.capacity.maxInstances) {
    throw new Error(
      `architectures.disaster-recovery.capacity.standbyInstances (${dr.capacity.standbyInstances}) must not exceed maxInstances (${dr.capacity.maxInstances})`,
    );
  }
}

/** What an operator does when the primary region is lost, per strategy. */
function recoveryProcedure(dr: DisasterRecoverySpec, prefix: string, replicationVault: string): string {
  const region = dr.alicloud.recovery.region;
  const data =
    `restore the RDS instance in ${region} from its cross-region backup (point in time), ` +
    `serve files from bucket ${prefix}-dr-replica-${region}, restore older objects from replication vault ${replicationVault}`;
  switch (dr.strategy) {
    case 'backup-restore':
      return `No standby compute: rebuild the site from this code in ${region} (set alicloud.primary to the recovery placement), ${data}, then point ${dr.domain} at the new load balancer.`;
    case 'pilot-light':
      return `Raise the recovery scaling group's minimum from 0 to ${dr.capacity.minInstances}, ${data}, then point ${dr.domain} at the recovery load balancer.`;
    case 'warm-standby':
      return `Raise the recovery scaling group's minimum from ${dr.capacity.standbyInstances} to ${dr.capacity.minInstances}, ${data}, then point ${dr.domain} at the recovery load balancer.`;
  }
}
