import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { AlicloudPolardbCluster } from './polardb-cluster';
import { AlicloudRdsMysql } from './rds-mysql';

/** Where one site's database lives. */
export interface DualActiveDatabaseSite {
  /** Provider of the site's region. */
  readonly provider: alicloud.Provider;
  /** Region code, for outputs. */
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  /** Data vSwitches, one per zone in zone order. */
  readonly dataSwitchIds: readonly pulumi.Input<string>[];
  /** Zones of `dataSwitchIds`, in the same order. */
  readonly zones: readonly string[];
  /** The site VPC's CIDR block: the only range allowed to connect. */
  readonly cidr: string;
}

export interface DualActiveDatabaseArgs {
  /** `polardb-global`: a PolarDB cluster per site joined by a global database network; `rds`: RDS MySQL HA in the primary site. */
  readonly engine: 'polardb-global' | 'rds';
  /** The site that takes writes. */
  readonly primary: DualActiveDatabaseSite;
  /** The other site. */
  readonly secondary: DualActiveDatabaseSite;
  /** Labels on every resource that takes them. */
  readonly tags: Record<string, string>;
  /** Resource group of every resource. @default - the account's default group */
  readonly resourceGroupId?: string;
  /** Days backups are kept, 7 to 14. @default 7 */
  readonly backupRetentionDays?: number;
}

/** Resolves nested outputs into the plain record operators read. */
function exposed(values: Record<string, unknown>): pulumi.Output<Record<string, unknown>> {
  return pulumi.output(values) as unknown as pulumi.Output<Record<string, unknown>>;
}

/** Known limits of the chosen engine, reported to operators with the outputs. */
export const RDS_CROSS_REGION_GAP =
  'RDS read-only instances cannot live in another region, so the secondary site has no local database: it must reach the primary ' +
  'region over CEN, or a DTS synchronization to an RDS instance there must be set up with database accounts after deployment.';

/**
 * The dual-active data tier. With `polardb-global`, each site gets a PolarDB for MySQL 8.0 cluster
 * in its own region; the primary's cluster owns a global database network and the secondary's
 * cluster is created as a GDN standby, so both sites read locally and writes are forwarded to the
 * primary. With `rds`, the primary site gets RDS MySQL 8.0 HA with a cross-zone standby and a
 * read-only instance; the secondary region has no database (see `RDS_CROSS_REGION_GAP`).
 */
export class DualActiveDatabase extends pulumi.ComponentResource {
  /** What operators need: engine, ids per region, connection strings, known gaps. */
  readonly outputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: DualActiveDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:DualActiveDatabase', name, {}, opts);
    if (args.primary.region === args.secondary.region) {
      throw new Error(`DualActiveDatabase ${name}: primary.region and secondary.region must differ, both are ${args.primary.region}`);
    }
    const common = { tags: args.tags, resourceGroupId: args.resourceGroupId, backupRetentionDays: args.backupRetentionDays };
    const polardb = (site: DualActiveDatabaseSite, role: string, gdnId?: pulumi.Input<string>) =>
      new AlicloudPolardbCluster(
        `${name}-polardb-${role}`,
        { vpcId: site.vpcId, vswitchId: site.dataSwitchIds[0], zoneId: site.zones[0], allowedCidrs: [site.cidr], gdnId, ...common },
        { parent: this, provider: site.provider },
      );

    if (args.engine === 'polardb-global') {
      const primary = polardb(args.primary, 'primary');
      // The network belongs to the primary cluster's region; members join it by id.
      const gdn = new alicloud.polardb.GlobalDatabaseNetwork(
        `${name}-gdn`,
        { dbClusterId: primary.cluster.id, description: `${name} global database network` },
        { parent: this, provider: args.primary.provider },
      );
      const secondary = polardb(args.secondary, 'secondary', gdn.id);
      this.outputs = exposed({
        engine: args.engine,
        globalDatabaseNetworkId: gdn.id,
        clusters: {
          [args.primary.region]: { role: 'primary', clusterId: primary.cluster.id, endpoint: primary.cluster.connectionString },
          [args.secondary.region]: { role: 'secondary', clusterId: secondary.cluster.id, endpoint: secondary.cluster.connectionString },
        },
      });
    } else {
      const rds = new AlicloudRdsMysql(
        `${name}-rds`,
        { vpcId: args.primary.vpcId, vswitchIds: args.primary.dataSwitchIds, zones: args.primary.zones, allowedCidrs: [args.primary.cidr], ...common },
        { parent: this, provider: args.primary.provider },
      );
      this.outputs = exposed({
        engine: args.engine,
        instances: {
          [args.primary.region]: {
            instanceId: rds.instance.id,
            endpoint: rds.instance.connectionString,
            readOnlyInstanceId: rds.readOnly?.id,
            readOnlyEndpoint: rds.readOnly?.connectionString,
          },
        },
        gaps: [RDS_CROSS_REGION_GAP],
      });
    }
    this.registerOutputs({ outputs: this.outputs });
  }
}
