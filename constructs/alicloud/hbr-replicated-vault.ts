import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

/**
 * First run of every backup plan: 2024-01-01T18:00:00Z (02:00 in China Standard Time, off-peak).
 * Fixed, so the rendering never changes with the clock; HBR runs each later interval from it and
 * does not make up runs that lie in the past.
 */
export const HBR_SCHEDULE_START_EPOCH = 1_704_132_000;

/** Longest interval between backups: a recovery point at least once a day whatever the RPO. */
const MAX_INTERVAL_HOURS = 24;

/**
 * The HBR schedule (`I|<start>|PT<n>H`) whose interval is the largest whole number of hours not
 * above the RPO, at least one hour (HBR's finest useful interval; a tighter RPO is met by
 * replication, not by backups) and at most a day.
 */
export function hbrSchedule(rpoMinutes: number, startEpoch: number = HBR_SCHEDULE_START_EPOCH): string {
  if (!Number.isInteger(rpoMinutes) || rpoMinutes < 1) throw new Error(`hbrSchedule: rpoMinutes must be a whole number ≥ 1, got ${rpoMinutes}`);
  if (!Number.isInteger(startEpoch) || startEpoch < 0) throw new Error(`hbrSchedule: startEpoch must be UNIX seconds ≥ 0, got ${startEpoch}`);
  const hours = Math.min(MAX_INTERVAL_HOURS, Math.max(1, Math.floor(rpoMinutes / 60)));
  return `I|${startEpoch}|PT${hours}H`;
}

export interface AlicloudReplicatedVaultArgs {
  /** Region of the component's provider (the source vault); the replication vault names it. */
  readonly sourceRegion: string;
  /** Region of the replication vault; must differ from sourceRegion. */
  readonly replicaRegion: string;
  /** Explicit provider of the replica region; the replication vault is created with it. */
  readonly replicaProvider: alicloud.Provider;
  /** Days every recovery point is kept (1 or more). */
  readonly retentionDays: number;
  /** Most data, in minutes, that may be lost; sets the backup interval (see hbrSchedule). */
  readonly rpoMinutes: number;
  /** OSS buckets (in the source region) backed up into the vault. @default [] */
  readonly ossBuckets?: ReadonlyArray<pulumi.Input<string>>;
  /** Make the source vault immutable (WORM): recovery points cannot be deleted early. @default true */
  readonly immutable?: boolean;
  /** Labels on the source vault (replication vaults take none). */
  readonly tags: Record<string, string>;
  /** Resource group of the source vault. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A Cloud Backup (HBR) vault in the source region, its replication vault in the replica region
 * (HBR copies every recovery point of the source vault there), and one OSS backup plan per
 * bucket writing into the source vault. Pass the source region's provider in `opts.provider`.
 */
export class AlicloudReplicatedVault extends pulumi.ComponentResource {
  readonly vault: alicloud.hbr.Vault;
  readonly replicationVault: alicloud.hbr.ReplicationVault;
  readonly plans: alicloud.hbr.OssBackupPlan[];
  /** The schedule every plan uses. */
  readonly schedule: string;

  constructor(name: string, args: AlicloudReplicatedVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:ReplicatedVault', name, {}, opts);
    if (args.sourceRegion === args.replicaRegion) {
      throw new Error(`AlicloudReplicatedVault ${name}: replicaRegion must differ from sourceRegion (${args.sourceRegion}); a same-region copy survives no regional outage`);
    }
    if (!Number.isInteger(args.retentionDays) || args.retentionDays < 1) {
      throw new Error(`AlicloudReplicatedVault ${name}: retentionDays must be a whole number ≥ 1, got ${args.retentionDays}`);
    }
    this.schedule = hbrSchedule(args.rpoMinutes);

    this.vault = new alicloud.hbr.Vault(
      `${name}-vault`,
      {
        vaultName: name,
        description: `Recovery points of ${name}, replicated to ${args.replicaRegion}`,
        vaultType: 'STANDARD',
        vaultStorageClass: 'STANDARD',
        encryptType: 'HBR_PRIVATE',
        wormEnabled: args.immutable ?? true,
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      { parent: this },
    );
    this.replicationVault = new alicloud.hbr.ReplicationVault(
      `${name}-replication-vault`,
      {
        vaultName: `${name}-replica`,
        description: `Copies of every recovery point in ${name} (${args.sourceRegion})`,
        replicationSourceRegionId: args.sourceRegion,
        replicationSourceVaultId: this.vault.id,
        vaultStorageClass: 'STANDARD',
        encryptType: 'HBR_PRIVATE',
      },
      { parent: this, provider: args.replicaProvider },
    );
    this.plans = (args.ossBuckets ?? []).map(
      (bucket, i) =>
        new alicloud.hbr.OssBackupPlan(
          `${name}-oss-${i}`,
          {
            ossBackupPlanName: `${name}-oss-${i}`,
            vaultId: this.vault.id,
            bucket,
            backupType: 'COMPLETE',
            schedule: this.schedule,
            retention: String(args.retentionDays),
            disabled: false,
          },
          { parent: this },
        ),
    );
    this.registerOutputs({ vaultId: this.vault.id, replicationVaultId: this.replicationVault.id });
  }
}
