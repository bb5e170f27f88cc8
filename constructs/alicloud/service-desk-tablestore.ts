import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { TABLESTORE_TABLES, tablestoreTableNames, type TablestoreTableNames, type TablestoreTableRole } from '../../functions/store/tablestore-schema';

/**
 * What the Tablestore ticket store (functions/store/tablestore*.ts) asks Tablestore to do, as RAM
 * actions. Keep in step with the store; a test compares this list with the client calls in its source.
 */
export const TABLESTORE_STORE_ACTIONS: readonly string[] = [
  'ots:AbortTransaction',
  'ots:BatchGetRow',
  'ots:BatchWriteRow',
  'ots:CommitTransaction',
  'ots:GetRange',
  'ots:GetRow',
  'ots:PutRow',
  'ots:StartLocalTransaction',
];

export interface ServiceDeskTablestoreArgs {
  /** Instance name: 3-16 of letters, digits and dashes, starting with a letter. */
  readonly instanceName: string;
  /** Prefix of the table names (`<prefix>_tickets`, …): letters, digits, underscores. */
  readonly tablePrefix: string;
  /** Region of the instance, for its endpoint and ARNs. */
  readonly region: string;
  /** Labels on the instance. */
  readonly tags: Record<string, string>;
  /** Resource group of the instance. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A Tablestore instance holding the ticket store's tables, laid out by
 * functions/store/tablestore-schema.ts (keys, TTL, one version per cell), each encrypted with the
 * Tablestore-managed KMS key. The instance is reached over its public endpoint (the function runs
 * outside a VPC) and, for people, through the console only.
 */
export class ServiceDeskTablestore extends pulumi.ComponentResource {
  readonly instance: alicloud.ots.Instance;
  readonly tables: Record<TablestoreTableRole, alicloud.ots.Table>;
  readonly tableNames: TablestoreTableNames;
  /** `https://<instance>.<region>.ots.aliyuncs.com`. */
  readonly endpoint: string;
  /** RAM resource ARN of each table. */
  readonly tableArns: string[];

  constructor(name: string, args: ServiceDeskTablestoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:ServiceDeskTablestore', name, {}, opts);
    if (!/^[A-Za-z][A-Za-z0-9-]{1,14}[A-Za-z0-9]$/.test(args.instanceName)) {
      throw new Error(`ServiceDeskTablestore ${name}: instanceName "${args.instanceName}" must be 3-16 of letters, digits and dashes, starting with a letter and not ending with a dash`);
    }
    this.tableNames = tablestoreTableNames(args.tablePrefix);
    this.instance = new alicloud.ots.Instance(
      `${name}-instance`,
      {
        name: args.instanceName,
        description: `Service desk tickets of ${name}`,
        instanceType: 'HighPerformance',
        // The function calls the public endpoint; CLASSIC stays closed.
        networkTypeAcls: ['INTERNET', 'VPC'],
        networkSourceAcls: ['TRUST_PROXY'],
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      { parent: this },
    );
    const instanceName = this.instance.name.apply((value) => value ?? args.instanceName);
    this.tables = Object.fromEntries(
      (Object.entries(TABLESTORE_TABLES) as Array<[TablestoreTableRole, (typeof TABLESTORE_TABLES)[TablestoreTableRole]]>).map(([role, table]) => [
        role,
        new alicloud.ots.Table(
          `${name}-${table.suffix.replace(/_/g, '-')}`,
          {
            instanceName,
            tableName: this.tableNames[role],
            primaryKeys: table.primaryKey.map((column) => ({ name: column.name, type: column.type === 'STRING' ? 'String' : 'Integer' })),
            timeToLive: table.timeToLiveSeconds,
            maxVersion: table.maxVersions,
            enableSse: true,
            sseKeyType: 'SSE_KMS_SERVICE',
          },
          { parent: this },
        ),
      ]),
    ) as Record<TablestoreTableRole, alicloud.ots.Table>;
    this.endpoint = `https://${args.instanceName}.${args.region}.ots.aliyuncs.com`;
    this.tableArns = Object.values(this.tableNames).map((table) => `acs:ots:${args.region}:*:instance/${args.instanceName}/table/${table}`);
    this.registerOutputs({ instanceName, endpoint: this.endpoint, tableNames: this.tableNames });
  }
}
