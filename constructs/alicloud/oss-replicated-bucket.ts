import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

/** OSS bucket names: 3-63 characters of a-z, 0-9 and inner dashes. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export interface AlicloudReplicatedBucketArgs {
  /** Name of the source bucket in the component's (primary) region; globally unique. */
  readonly bucketName: string;
  /** Name of the replica bucket in the recovery region; globally unique, differs from bucketName. */
  readonly replicaBucketName: string;
  /** Region of the replica bucket; must differ from the source region (cross-region replication). */
  readonly replicaRegion: string;
  /** Explicit provider of the recovery region; the replica bucket is created with it. */
  readonly replicaProvider: alicloud.Provider;
  /** Days non-current object versions are kept in both buckets before they expire (1 or more). */
  readonly noncurrentVersionDays: number;
  /** Labels on every bucket. */
  readonly tags: Record<string, string>;
  /** Resource group of both buckets. @default - the account's default group */
  readonly resourceGroupId?: string;
  /** Replication Time Control: a 10-minute replication bound, billed per GB. @default false */
  readonly replicationTimeControl?: boolean;
  /** Zone-redundant storage (ZRS) instead of locally redundant (LRS). @default true */
  readonly zoneRedundant?: boolean;
}

/**
 * A private, server-side encrypted, versioned OSS bucket replicated to a bucket of the same kind
 * in another region, history included. Versioning on both sides keeps an overwritten or deleted
 * object recoverable for `noncurrentVersionDays`; replication carries deletes too, so the
 * replica is a mirror, and versions are what protect against a bad write. Pass the source
 * region's provider in `opts.provider`.
 */
export class AlicloudReplicatedBucket extends pulumi.ComponentResource {
  readonly bucket: alicloud.oss.Bucket;
  readonly replica: alicloud.oss.Bucket;
  readonly replication: alicloud.oss.BucketReplication;

  constructor(name: string, args: AlicloudReplicatedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:ReplicatedBucket', name, {}, opts);
    for (const field of ['bucketName', 'replicaBucketName'] as const) {
      if (!BUCKET_NAME.test(args[field])) {
        throw new Error(`AlicloudReplicatedBucket ${name}: ${field} "${args[field]}" must be 3-63 characters of a-z, 0-9 and inner dashes`);
      }
    }
    if (args.bucketName === args.replicaBucketName) {
      throw new Error(`AlicloudReplicatedBucket ${name}: replicaBucketName must differ from bucketName (bucket names are global)`);
    }
    if (!Number.isInteger(args.noncurrentVersionDays) || args.noncurrentVersionDays < 1) {
      throw new Error(`AlicloudReplicatedBucket ${name}: noncurrentVersionDays must be a whole number of days ≥ 1, got ${args.noncurrentVersionDays}`);
    }

    this.replica = this.secureBucket(`${name}-replica`, args.replicaBucketName, args, { parent: this, provider: args.replicaProvider });
    this.bucket = this.secureBucket(`${name}-source`, args.bucketName, args, { parent: this });
    this.replication = new alicloud.oss.BucketReplication(
      `${name}-replication`,
      {
        bucket: this.bucket.bucket,
        // ALL replicates puts, deletes and aborted uploads, so the replica mirrors the source.
        action: 'ALL',
        destination: { bucket: this.replica.bucket, location: `oss-${args.replicaRegion}` },
        // Objects written before the rule existed are copied too; without it the replica is partial.
        historicalObjectReplication: 'enabled',
        // Replication Time Control (99.99 % of objects within 10 minutes) costs extra; only asked
        // for when the RPO is tighter than what best-effort replication promises.
        ...(args.replicationTimeControl ? { rtc: { enabled: true } } : {}),
      },
      { parent: this, dependsOn: [this.replica] },
    );
    this.registerOutputs({ bucket: this.bucket.bucket, replica: this.replica.bucket });
  }

  private secureBucket(
    name: string,
    bucketName: string,
    args: AlicloudReplicatedBucketArgs,
    opts: pulumi.CustomResourceOptions,
  ): alicloud.oss.Bucket {
    const bucket = new alicloud.oss.Bucket(
      name,
      {
        bucket: bucketName,
        storageClass: 'Standard',
        redundancyType: (args.zoneRedundant ?? true) ? 'ZRS' : 'LRS',
        serverSideEncryptionRule: { sseAlgorithm: 'AES256' },
        versioning: { status: 'Enabled' },
        lifecycleRules: [
          { id: 'expire-noncurrent-versions', enabled: true, noncurrentVersionExpirations: [{ days: args.noncurrentVersionDays }] },
          { id: 'abort-stale-multipart-uploads', enabled: true, abortMultipartUploads: [{ days: 7 }] },
        ],
        tags: args.tags,
        resourceGroupId: args.resourceGroupId,
      },
      opts,
    );
    new alicloud.oss.BucketAcl(`${name}-acl`, { bucket: bucket.bucket, acl: 'private' }, opts);
    // Stops a later ACL or bucket-policy change from making the bucket public.
    new alicloud.oss.BucketPublicAccessBlock(`${name}-public-access-block`, { bucket: bucket.bucket, blockPublicAccess: true }, opts);
    return bucket;
  }
}
