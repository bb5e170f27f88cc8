import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

export interface AlicloudRedisCacheArgs {
  /** KVStore instance class, e.g. `redis.shard.small.2.ce`. */
  readonly instanceClass: string;
  /** Zone of the master node. */
  readonly zoneId: string;
  /** Zone of the replicas; must differ from `zoneId`. @default - single zone */
  readonly secondaryZoneId?: string;
  /** Replica nodes in the secondary zone (0-4); 0 gives a standalone node. @default 1 */
  readonly replicas?: number;
  /** vSwitch in `zoneId` the instance's private address comes from. */
  readonly vswitchId: pulumi.Input<string>;
  /** The only ranges allowed to connect (the VPC's CIDR blocks); 1 to 1000, no 0.0.0.0/0. */
  readonly allowedCidrs: readonly string[];
  /** Redis engine version. @default 7.0 */
  readonly engineVersion?: '5.0' | '6.0' | '7.0';
  /**
   * Password of the default account, encrypted with KMS (ciphertext, not a secret itself).
   * @default - none: set the password before clients connect (authentication stays required)
   */
  readonly kmsEncryptedPassword?: pulumi.Input<string>;
  /** Labels on the instance. */
  readonly tags: Record<string, string>;
  /** Resource group of the instance. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A Tair (Redis OSS-compatible) instance reachable only inside the VPC: no public connection,
 * whitelist limited to the given CIDRs, password authentication required, TLS on, transparent
 * data encryption on, master and replicas in different zones, daily backups, release protection.
 * Pass the region's provider in `opts.provider`; children inherit it.
 */
export class AlicloudRedisCache extends pulumi.ComponentResource {
  readonly instance: alicloud.kvstore.Instance;
  /** Private connection address clients use. */
  readonly connectionDomain: pulumi.Output<string>;

  constructor(name: string, args: AlicloudRedisCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:RedisCache', name, {}, opts);
    const fail = (field: string, rule: string) => {
      throw new Error(`AlicloudRedisCache ${name}: ${field} ${rule}`);
    };
    const replicas = args.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > 4) fail('replicas', `must be an integer from 0 to 4, got ${replicas}`);
    if (args.secondaryZoneId !== undefined && args.secondaryZoneId === args.zoneId) fail('secondaryZoneId', `must differ from zoneId (${args.zoneId})`);
    if (args.allowedCidrs.length < 1 || args.allowedCidrs.length > 1000) fail('allowedCidrs', `must list 1 to 1000 CIDR blocks, got ${args.allowedCidrs.length}`);
    const open = args.allowedCidrs.find((cidr) => cidr === '0.0.0.0/0' || cidr.endsWith('/0'));
    if (open !== undefined) fail('allowedCidrs', `must not allow every address (${open}); list the VPC's CIDR blocks`);
    const multiZone = replicas > 0 && args.secondaryZoneId !== undefined;

    this.instance = new alicloud.kvstore.Instance(
      `${name}-instance`,
      {
        dbInstanceName: name,
        instanceType: 'Redis',
        engineVersion: args.engineVersion ?? '7.0',
        instanceClass: args.instanceClass,
        paymentType: 'PostPaid',
        nodeType: replicas > 0 ? 'MASTER_SLAVE' : 'STAND_ALONE',
        zoneId: args.zoneId,
        secondaryZoneId: multiZone ? args.secondaryZoneId : undefined,
        slaveReplicaCount: multiZone ? replicas : undefined,
        vswitchId: args.vswitchId,
        securityIpGroupName: 'vpc',
        securityIps: [...args.allowedCidrs],
        vpcAuthMode: 'Open',
        kmsEncryptedPassword: args.kmsEncryptedPassword,
        sslEnable: 'Enable',
        tdeStatus: 'Enabled',
        backupPeriods: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
        backupTime: '18:00Z-19:00Z',
        maintainStartTime: '19:00Z',
        maintainEndTime: '20:00Z',
        instanceReleaseProtection: true,
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      { parent: this },
    );
    this.connectionDomain = this.instance.connectionDomain;
    this.registerOutputs({ connectionDomain: this.connectionDomain, instanceId: this.instance.id });
  }
}
