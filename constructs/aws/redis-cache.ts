import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface RedisCacheProps {
  /** VPC the cache runs in. */
  readonly vpc: ec2.IVpc;
  /** Security groups of the clients allowed to connect (e.g. the web tier's instances). */
  readonly clientSecurityGroups: readonly ec2.ISecurityGroup[];
  /** ElastiCache node type, e.g. cache.t4g.small. */
  readonly nodeType: string;
  /** Read replicas besides the primary (0-5), spread over the subnets' zones. @default 1 */
  readonly replicas?: number;
  /** Keep a replica in another zone and fail over to it automatically; needs replicas >= 1. @default true */
  readonly multiAz?: boolean;
  /** Subnets of the cache nodes. @default - the VPC's isolated subnets */
  readonly subnets?: ec2.SubnetSelection;
  /** Redis OSS engine version. @default 7.1 */
  readonly engineVersion?: string;
  /** Port clients connect to. @default 6379 */
  readonly port?: number;
  /** Days daily snapshots are kept (1-35). @default 7 */
  readonly snapshotRetentionDays?: number;
  /** Days slow and engine logs are kept. @default 90 */
  readonly logRetentionDays?: logs.RetentionDays;
}

/**
 * An ElastiCache for Redis OSS replication group (cluster mode off: one shard, a primary and its
 * replicas) in isolated subnets: TLS required in transit, encrypted at rest with a rotating KMS key,
 * AUTH token from Secrets Manager (never in the template), automatic failover across zones, daily
 * snapshots, slow and engine logs in CloudWatch Logs, reachable only from the client groups.
 */
export class RedisCache extends Construct {
  readonly replicationGroup: elasticache.CfnReplicationGroup;
  readonly securityGroup: ec2.SecurityGroup;
  readonly encryptionKey: kms.Key;
  /** Secret holding the AUTH token clients present. */
  readonly authToken: secretsmanager.Secret;
  /** DNS name of the primary (read-write) endpoint. */
  readonly primaryEndpointAddress: string;
  /** DNS name of the reader endpoint, balanced over the replicas. */
  readonly readerEndpointAddress: string;
  readonly port: number;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const replicas = props.replicas ?? 1;
    const multiAz = props.multiAz ?? true;
    this.port = props.port ?? 6379;
    const snapshotRetentionDays = props.snapshotRetentionDays ?? 7;
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > 5) {
      throw new Error(`RedisCache ${id}: replicas must be an integer from 0 to 5, got ${replicas}`);
    }
    if (multiAz && replicas < 1) {
      throw new Error(`RedisCache ${id}: multiAz needs at least one replica to fail over to, got replicas ${replicas}`);
    }
    if (!/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(props.nodeType)) {
      throw new Error(`RedisCache ${id}: nodeType must be an ElastiCache node type such as cache.t4g.small, got "${props.nodeType}"`);
    }
    if (!Number.isInteger(snapshotRetentionDays) || snapshotRetentionDays < 1 || snapshotRetentionDays > 35) {
      throw new Error(`RedisCache ${id}: snapshotRetentionDays must be an integer from 1 to 35, got ${snapshotRetentionDays}`);
    }
    if (props.clientSecurityGroups.length === 0) {
      throw new Error(`RedisCache ${id}: clientSecurityGroups must name at least one security group`);
    }

    const subnets = props.vpc.selectSubnets(props.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    const zones = subnets.subnets.map((subnet) => subnet.availabilityZone);
    if (multiAz && new Set(zones).size < 2) {
      throw new Error(`RedisCache ${id}: multiAz needs subnets in at least two zones, got ${new Set(zones).size}`);
    }

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Redis: port ${this.port} from the cache clients only`,
      allowAllOutbound: false,
    });
    props.clientSecurityGroups.forEach((client) =>
      this.securityGroup.addIngressRule(client, ec2.Port.tcp(this.port), 'Redis over TLS from a cache client'),
    );

    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'Isolated subnets of the Redis replication group',
      subnetIds: subnets.subnetIds,
    });
    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'Encrypts the Redis replication group and its snapshots at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.authToken = new secretsmanager.Secret(this, 'AuthToken', {
      description: 'AUTH token of the Redis replication group',
      // AUTH tokens take printable ASCII but not @, " or /; letters and digits avoid all three.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.authToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'An AUTH token change must go through ModifyReplicationGroup (ROTATE, clients move, then SET); a ' +
        'Secrets Manager rotation alone would leave the cache on the old token, so it is rotated deliberately in that order.',
    });

    const logGroups = (['slow-log', 'engine-log'] as const).map((logType) => ({
      logType,
      group: new logs.LogGroup(this, logType === 'slow-log' ? 'SlowLog' : 'EngineLog', {
        retention: props.logRetentionDays ?? logs.RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
    }));

    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: 'Redis cache of the web tier',
      engine: 'redis',
      engineVersion: props.engineVersion ?? '7.1',
      cacheNodeType: props.nodeType,
      numCacheClusters: replicas + 1,
      // Primary in the first zone, replicas round the others, so one zone never holds every copy.
      preferredCacheClusterAZs: Array.from({ length: replicas + 1 }, (_, index) => zones[index % zones.length]),
      multiAzEnabled: multiAz,
      automaticFailoverEnabled: multiAz,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      port: this.port,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      kmsKeyId: this.encryptionKey.keyArn,
      authToken: this.authToken.secretValue.unsafeUnwrap(),
      snapshotRetentionLimit: snapshotRetentionDays,
      autoMinorVersionUpgrade: true,
      logDeliveryConfigurations: logGroups.map(({ logType, group }) => ({
        logType,
        logFormat: 'json',
        destinationType: 'cloudwatch-logs',
        destinationDetails: { cloudWatchLogsDetails: { logGroup: group.logGroupName } },
      })),
    });
    if (this.port === 6379) {
      Validations.of(this.replicationGroup).acknowledge({
        id: 'AwsSolutions-AEC5',
        reason:
          'The standard port is kept so clients work unconfigured; a different port would add no protection ' +
          'here: the security group admits only the client groups, and TLS plus the AUTH token are required.',
      });
    }
    if (!multiAz) {
      Validations.of(this.replicationGroup).acknowledge({
        id: 'AwsSolutions-AEC4',
        reason: 'Single-zone by the caller\'s choice (multiAz: false, a deployment without high availability).',
      });
    }
    this.primaryEndpointAddress = this.replicationGroup.attrPrimaryEndPointAddress;
    this.readerEndpointAddress = this.replicationGroup.attrReaderEndPointAddress;
  }
}
