import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

export interface AlicloudRdsMysqlArgs {
  /** VPC the instance is reachable from. */
  readonly vpcId: pulumi.Input<string>;
  /** Data vSwitches, one per zone in zone order; the first holds the primary node. */
  readonly vswitchIds: readonly pulumi.Input<string>[];
  /** Zones of `vswitchIds`, in the same order; two or more for a cross-zone standby. */
  readonly zones: readonly string[];
  /** CIDR blocks allowed to connect (the whitelist); never 0.0.0.0/0. */
  readonly allowedCidrs: readonly string[];
  /** Labels on every resource that takes them. */
  readonly tags: Record<string, string>;
  /** Resource group of the instances. @default - the account's default group */
  readonly resourceGroupId?: string;
  /** Instance class of the primary and the read-only instance. @default mysql.n2.medium.2c */
  readonly instanceType?: string;
  /** Storage in GB, 20 to 32000. @default 100 */
  readonly storageGb?: number;
  /** Days data and log backups are kept, 7 to 730. @default 7 */
  readonly backupRetentionDays?: number;
  /** Add a read-only instance in the second zone for read scaling. @default true */
  readonly readOnlyInstance?: boolean;
}

/**
 * ApsaraDB RDS for MySQL 8.0, High-availability Edition: primary in the first zone, hot standby in
 * the second, SSL forced, TDE on, whitelist limited to the given CIDRs, backups kept at least a
 * week, and optionally a read-only instance in the second zone. Pass the region's provider in
 * `opts.provider`. No database account is created, so no password sits in the program or its state.
 */
export class AlicloudRdsMysql extends pulumi.ComponentResource {
  readonly instance: alicloud.rds.Instance;
  readonly backupPolicy: alicloud.rds.BackupPolicy;
  readonly readOnly?: alicloud.rds.ReadOnlyInstance;

  constructor(name: string, args: AlicloudRdsMysqlArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:RdsMysql', name, {}, opts);
    const storageGb = args.storageGb ?? 100;
    const backupRetentionDays = args.backupRetentionDays ?? 7;
    if (args.zones.length < 2 || args.vswitchIds.length !== args.zones.length) {
      throw new Error(`AlicloudRdsMysql ${name}: zones must list two or more zones, one per vSwitch in vswitchIds (got ${args.zones.length} zones, ${args.vswitchIds.length} vSwitches)`);
    }
    if (!Number.isInteger(storageGb) || storageGb < 20 || storageGb > 32000) {
      throw new Error(`AlicloudRdsMysql ${name}: storageGb must be an integer from 20 to 32000, got ${storageGb}`);
    }
    if (!Number.isInteger(backupRetentionDays) || backupRetentionDays < 7 || backupRetentionDays > 730) {
      throw new Error(`AlicloudRdsMysql ${name}: backupRetentionDays must be an integer from 7 to 730, got ${backupRetentionDays}`);
    }
    if (args.allowedCidrs.length === 0 || args.allowedCidrs.some((cidr) => cidr.endsWith('/0'))) {
      throw new Error(`AlicloudRdsMysql ${name}: allowedCidrs must list private ranges and never a /0, got [${args.allowedCidrs.join(', ')}]`);
    }
    const instanceType = args.instanceType ?? 'mysql.n2.medium.2c';
    const child = { parent: this };

    this.instance = new alicloud.rds.Instance(
      `${name}-instance`,
      {
        instanceName: name,
        engine: 'MySQL',
        engineVersion: '8.0',
        category: 'HighAvailability',
        instanceType,
        instanceStorage: storageGb,
        dbInstanceStorageType: 'cloud_essd',
        instanceChargeType: 'Postpaid',
        vpcId: args.vpcId,
        // The instance spans the primary and standby zones; both vSwitches are named.
        vswitchId: pulumi.all(args.vswitchIds.slice(0, 2)).apply((ids) => ids.join(',')),
        zoneId: args.zones[0],
        zoneIdSlaveA: args.zones[1],
        haConfig: 'Auto',
        securityIps: [...args.allowedCidrs],
        securityIpMode: 'safety',
        whitelistNetworkType: 'VPC',
        sslAction: 'Open',
        // Plain-text connections are refused once SSL is open.
        forceEncryption: 1,
        tdeStatus: 'Enabled',
        encryptionKey: 'ServiceKey',
        storageAutoScale: 'Enable',
        storageThreshold: 20,
        storageUpperBound: storageGb * 4,
        deletionProtection: true,
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      child,
    );

    this.backupPolicy = new alicloud.rds.BackupPolicy(
      `${name}-backup`,
      {
        instanceId: this.instance.id,
        backupRetentionPeriod: backupRetentionDays,
        enableBackupLog: true,
        logBackupRetentionPeriod: backupRetentionDays,
        preferredBackupPeriods: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
        preferredBackupTime: '18:00Z-19:00Z',
        releasedKeepPolicy: 'Lastest',
      },
      child,
    );

    if (args.readOnlyInstance ?? true) {
      this.readOnly = new alicloud.rds.ReadOnlyInstance(
        `${name}-read-only`,
        {
          instanceName: `${name}-read-only`,
          masterDbInstanceId: this.instance.id,
          engineVersion: '8.0',
          instanceType,
          instanceStorage: storageGb,
          dbInstanceStorageType: 'cloud_essd',
          instanceChargeType: 'Postpaid',
          vswitchId: args.vswitchIds[1],
          zoneId: args.zones[1],
          securityIps: [...args.allowedCidrs],
          sslEnabled: 1,
          deletionProtection: true,
          tags: args.tags,
          resourceGroupId: args.resourceGroupId,
        },
        child,
      );
    }

    this.registerOutputs({ instanceId: this.instance.id, readOnlyInstanceId: this.readOnly?.id });
  }
}
