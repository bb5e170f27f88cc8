import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

/** Range ApsaraDB RDS accepts for backup retention on cloud disks, in days. */
const RDS_RETENTION_DAYS = { min: 7, max: 730 } as const;

export interface AlicloudDrDatabaseArgs {
  /** Zones of the data vSwitches, in order; the first holds the primary node, the second the standby. */
  readonly zones: readonly string[];
  /** Data vSwitch per zone, same order as zones. */
  readonly vswitchIds: ReadonlyArray<pulumi.Input<string>>;
  /** VPC ranges allowed to connect (the whitelist); never 0.0.0.0/0. */
  readonly allowedCidrs: readonly string[];
  /** High-availability edition (primary + standby in the second zone) instead of Basic. @default true */
  readonly highAvailability?: boolean;
  /** Days data and log backups are kept, locally and in the recovery region (7-730). */
  readonly retentionDays: number;
  /** Region the backups are copied to; must differ from the instance's region. */
  readonly recoveryRegion: string;
  /** Region of the instance (the component's provider), checked against recoveryRegion. */
  readonly region: string;
  /** RDS instance class. @default 'mysql.n2.medium.2c' (HA, general purpose, 2 vCPU) */
  readonly instanceClass?: string;
  /** Storage in GB; grows automatically up to four times this. @default 50 */
  readonly storageGb?: number;
  /** Labels on the instance. */
  readonly tags: Record<string, string>;
  /** Resource group of the instance. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * RDS for MySQL 8.0 for a site with a recovery region: SSL on, reachable from the VPC only, daily
 * data backups plus continuous log (binlog) backups kept `retentionDays`, and both copied to the
 * recovery region so the database can be restored there to a point in time. No account or
 * password is created here: the application account is added with KMS-managed credentials at
 * deploy time, so no secret appears in code or state.
 */
export class AlicloudDrDatabase extends pulumi.ComponentResource {
  readonly instance: alicloud.rds.Instance;
  readonly backupPolicy: alicloud.rds.BackupPolicy;
  readonly crossRegionBackup: alicloud.rds.RdsInstanceCrossBackupPolicy;

  constructor(name: string, args: AlicloudDrDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:DrDatabase', name, {}, opts);
    const ha = args.highAvailability ?? true;
    if (args.zones.length < 1 || args.zones.length !== args.vswitchIds.length) {
      throw new Error(`AlicloudDrDatabase ${name}: zones and vswitchIds must be non-empty and the same length (${args.zones.length} vs ${args.vswitchIds.length})`);
    }
    if (ha && args.zones.length < 2) {
      throw new Error(`AlicloudDrDatabase ${name}: highAvailability needs two zones for the standby node, got ${args.zones.length}`);
    }
    const { min, max } = RDS_RETENTION_DAYS;
    if (!Number.isInteger(args.retentionDays) || args.retentionDays < min || args.retentionDays > max) {
      throw new Error(`AlicloudDrDatabase ${name}: retentionDays must be ${min}-${max} (what RDS keeps), got ${args.retentionDays}`);
    }
    if (args.region === args.recoveryRegion) {
      throw new Error(`AlicloudDrDatabase ${name}: recoveryRegion must differ from region (${args.region})`);
    }
    if (args.allowedCidrs.length === 0 || args.allowedCidrs.some((c) => c.endsWith('/0'))) {
      throw new Error(`AlicloudDrDatabase ${name}: allowedCidrs must list VPC ranges and never a /0 block`);
    }
    const storageGb = args.storageGb ?? 50;
    const nodes = ha ? 2 : 1;

    this.instance = new alicloud.rds.Instance(
      `${name}-instance`,
      {
        instanceName: name,
        engine: 'MySQL',
        engineVersion: '8.0',
        category: ha ? 'HighAvailability' : 'Basic',
        instanceType: args.instanceClass ?? 'mysql.n2.medium.2c',
        instanceStorage: storageGb,
        dbInstanceStorageType: 'cloud_essd',
        storageAutoScale: 'Enable',
        storageThreshold: 20,
        storageUpperBound: storageGb * 4,
        instanceChargeType: 'Postpaid',
        zoneId: args.zones[0],
        ...(ha ? { zoneIdSlaveA: args.zones[1] } : {}),
        // Multi-zone instances take one vSwitch per node, comma-separated, in node order.
        vswitchId: pulumi.all(args.vswitchIds.slice(0, nodes)).apply((ids) => ids.join(',')),
        haConfig: 'Auto',
        securityIps: [...args.allowedCidrs],
        sslAction: 'Open',
        deletionProtection: true,
        releasedKeepPolicy: 'All',
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      { parent: this },
    );
    this.backupPolicy = new alicloud.rds.BackupPolicy(
      `${name}-backup-policy`,
      {
        instanceId: this.instance.id,
        preferredBackupPeriods: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
        // 02:00-03:00 China Standard Time, off-peak.
        preferredBackupTime: '18:00Z-19:00Z',
        backupRetentionPeriod: args.retentionDays,
        // Binlog backups give point-in-time recovery between the daily data backups.
        enableBackupLog: true,
        logBackupRetentionPeriod: args.retentionDays,
        releasedKeepPolicy: 'All',
      },
      { parent: this },
    );
    this.crossRegionBackup = new alicloud.rds.RdsInstanceCrossBackupPolicy(
      `${name}-cross-region-backup`,
      {
        instanceId: this.instance.id,
        crossBackupRegion: args.recoveryRegion,
        // Log backups are copied too, so a restore in the recovery region reaches the last binlog.
        logBackupEnabled: 'Enable',
        retention: args.retentionDays,
      },
      { parent: this, dependsOn: [this.backupPolicy] },
    );
    this.registerOutputs({ instanceId: this.instance.id });
  }
}
