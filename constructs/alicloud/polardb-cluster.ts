import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

export interface AlicloudPolardbClusterArgs {
  /** VPC the cluster is reachable from. */
  readonly vpcId: pulumi.Input<string>;
  /** Data vSwitch the cluster's nodes sit in (its zone is the cluster's primary zone). */
  readonly vswitchId: pulumi.Input<string>;
  /** Zone of `vswitchId`. */
  readonly zoneId: string;
  /** CIDR blocks allowed to connect (the whitelist); never 0.0.0.0/0. */
  readonly allowedCidrs: readonly string[];
  /** Labels on every resource that takes them. */
  readonly tags: Record<string, string>;
  /** Resource group of the cluster. @default - the account's default group */
  readonly resourceGroupId?: string;
  /** Node class; GDN members need 4 cores or more. @default polar.mysql.x4.large */
  readonly nodeClass?: string;
  /** Nodes: one primary plus read-only nodes, 2 to 16. @default 2 */
  readonly nodeCount?: number;
  /** Days level-1 backups are kept, 7 to 14. @default 7 */
  readonly backupRetentionDays?: number;
  /** Days level-2 (archived) backups are kept, 0 or 30 to 7300. @default 30 */
  readonly archiveRetentionDays?: number;
  /**
   * Global database network to join as a secondary cluster; the cluster is then created as a GDN
   * standby and replicates from the network's primary. @default - a standalone (or primary) cluster
   */
  readonly gdnId?: pulumi.Input<string>;
}

/**
 * A PolarDB for MySQL 8.0 Enterprise cluster in one region: TDE on, whitelist limited to the given
 * CIDRs, SSL on the primary (read/write) endpoint, and a backup policy that keeps at least a week
 * of level-1 backups plus archived level-2 backups. Pass the region's provider in `opts.provider`.
 * No database account is created: accounts are managed after deployment so no password sits in the
 * program or its state.
 */
export class AlicloudPolardbCluster extends pulumi.ComponentResource {
  readonly cluster: alicloud.polardb.Cluster;
  readonly primaryEndpoint: alicloud.polardb.PrimaryEndpoint;
  readonly backupPolicy: alicloud.polardb.BackupPolicy;

  constructor(name: string, args: AlicloudPolardbClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:PolardbCluster', name, {}, opts);
    const nodeCount = args.nodeCount ?? 2;
    const backupRetentionDays = args.backupRetentionDays ?? 7;
    const archiveRetentionDays = args.archiveRetentionDays ?? 30;
    if (!Number.isInteger(nodeCount) || nodeCount < 2 || nodeCount > 16) {
      throw new Error(`AlicloudPolardbCluster ${name}: nodeCount must be an integer from 2 to 16, got ${nodeCount}`);
    }
    if (!Number.isInteger(backupRetentionDays) || backupRetentionDays < 7 || backupRetentionDays > 14) {
      throw new Error(`AlicloudPolardbCluster ${name}: backupRetentionDays must be an integer from 7 to 14, got ${backupRetentionDays}`);
    }
    if (archiveRetentionDays !== 0 && !(Number.isInteger(archiveRetentionDays) && archiveRetentionDays >= 30 && archiveRetentionDays <= 7300)) {
      throw new Error(`AlicloudPolardbCluster ${name}: archiveRetentionDays must be 0 or an integer from 30 to 7300, got ${archiveRetentionDays}`);
    }
    if (args.allowedCidrs.length === 0 || args.allowedCidrs.some((cidr) => cidr.endsWith('/0'))) {
      throw new Error(`AlicloudPolardbCluster ${name}: allowedCidrs must list private ranges and never a /0, got [${args.allowedCidrs.join(', ')}]`);
    }
    const child = { parent: this };

    this.cluster = new alicloud.polardb.Cluster(
      `${name}-cluster`,
      {
        description: name,
        dbType: 'MySQL',
        dbVersion: '8.0',
        creationCategory: 'Normal',
        dbNodeClass: args.nodeClass ?? 'polar.mysql.x4.large',
        dbNodeCount: nodeCount,
        payType: 'PostPaid',
        vpcId: args.vpcId,
        vswitchId: args.vswitchId,
        zoneId: args.zoneId,
        // A GDN secondary is created empty and fed by physical replication from the primary.
        ...(args.gdnId !== undefined ? { creationOption: 'CreateGdnStandby', gdnId: args.gdnId } : { creationOption: 'Normal' }),
        dbClusterIpArrays: [{ dbClusterIpArrayName: 'default', securityIps: [...args.allowedCidrs], modifyMode: 'Cover' }],
        // Encryption at rest with the service key; every new table is encrypted.
        tdeStatus: 'Enabled',
        encryptNewTables: 'ON',
        deletionLock: 1,
        backupRetentionPolicyOnClusterDeletion: 'LATEST',
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      child,
    );

    this.primaryEndpoint = new alicloud.polardb.PrimaryEndpoint(
      `${name}-primary-endpoint`,
      { dbClusterId: this.cluster.id, sslEnabled: 'Enable', sslAutoRotate: 'Enable' },
      child,
    );

    this.backupPolicy = new alicloud.polardb.BackupPolicy(
      `${name}-backup`,
      {
        dbClusterId: this.cluster.id,
        dataLevel1BackupRetentionPeriod: backupRetentionDays,
        dataLevel1BackupPeriods: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
        dataLevel1BackupTime: '18:00Z-19:00Z',
        dataLevel2BackupRetentionPeriod: archiveRetentionDays,
        dataLevel2BackupPeriods: ['Sunday', 'Wednesday'],
        logBackupRetentionPeriod: backupRetentionDays,
        backupRetentionPolicyOnClusterDeletion: 'LATEST',
      },
      child,
    );

    this.registerOutputs({ clusterId: this.cluster.id, connectionString: this.cluster.connectionString });
  }
}
