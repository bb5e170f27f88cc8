import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';

export interface AlicloudPrivateBucketArgs {
  /** Bucket name: 3-63 of a-z, 0-9 and inner dashes, unique across all of OSS. */
  readonly bucketName: string;
  /** Name of the bucket that receives the access logs (created here, same rules). @default `<bucketName>-logs` */
  readonly logBucketName?: string;
  /** Days noncurrent object versions are kept before they expire. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Days objects are kept before they expire (become noncurrent). @default - never */
  readonly expirationDays?: number;
  /** Days access logs are kept. @default 365 */
  readonly logRetentionDays?: number;
  /** Labels on both buckets. */
  readonly tags: Record<string, string>;
  /** Resource group of both buckets. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * A private, encrypted, versioned OSS bucket with access logging into a second private, encrypted
 * bucket. Both have their ACL set to private through `oss.BucketAcl` and public access blocked,
 * so a later policy or object ACL cannot expose them. Pass the region's provider in
 * `opts.provider`; children inherit it.
 */
export class AlicloudPrivateBucket extends pulumi.ComponentResource {
  readonly bucket: alicloud.oss.Bucket;
  readonly logBucket: alicloud.oss.Bucket;
  /** Name of the content bucket. */
  readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: AlicloudPrivateBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:PrivateBucket', name, {}, opts);
    const logBucketName = args.logBucketName ?? `${args.bucketName}-logs`;
    for (const [field, value] of [['bucketName', args.bucketName], ['logBucketName', logBucketName]] as const) {
      if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(value)) {
        throw new Error(`AlicloudPrivateBucket ${name}: ${field} must be 3-63 of a-z, 0-9 and inner dashes, got "${value}"`);
      }
    }
    const noncurrentDays = args.noncurrentVersionDays ?? 90;
    const logDays = args.logRetentionDays ?? 365;
    const expirationDays = args.expirationDays;
    for (const [field, value] of [['noncurrentVersionDays', noncurrentDays], ['logRetentionDays', logDays], ['expirationDays', expirationDays ?? 1]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`AlicloudPrivateBucket ${name}: ${field} must be a positive integer, got ${value}`);
    }

    this.logBucket = this.privateBucket(`${name}-logs`, logBucketName, args, [
      { id: 'expire-logs', enabled: true, prefix: '', expirations: [{ days: logDays }] },
    ]);
    const noncurrent = { noncurrentVersionExpirations: [{ days: noncurrentDays }] };
    this.bucket = this.privateBucket(`${name}-bucket`, args.bucketName, args, [
      expirationDays === undefined
        ? { id: 'expire-noncurrent', enabled: true, prefix: '', ...noncurrent }
        : { id: 'expire-objects', enabled: true, prefix: '', expirations: [{ days: expirationDays }], ...noncurrent },
    ]);
    new alicloud.oss.BucketVersioning(`${name}-bucket-versioning`, { bucket: this.bucket.bucket, status: 'Enabled' }, { parent: this });
    new alicloud.oss.BucketLogging(
      `${name}-bucket-logging`,
      { bucket: this.bucket.bucket, targetBucket: this.logBucket.bucket, targetPrefix: 'access/' },
      { parent: this },
    );
    this.bucketName = this.bucket.bucket.apply((bucket) => bucket ?? args.bucketName);
    this.registerOutputs({ bucketName: this.bucketName, logBucketName: this.logBucket.bucket });
  }

  /** A bucket with a private ACL, public access blocked and OSS-managed SSE (AES256). */
  private privateBucket(resourceName: string, bucketName: string, args: AlicloudPrivateBucketArgs, lifecycleRules: alicloud.types.input.oss.BucketLifecycleRule[]) {
    const child = { parent: this };
    const bucket = new alicloud.oss.Bucket(
      resourceName,
      { bucket: bucketName, storageClass: 'Standard', redundancyType: 'ZRS', lifecycleRules, tags: args.tags, resourceGroupId: args.resourceGroupId },
      child,
    );
    new alicloud.oss.BucketAcl(`${resourceName}-acl`, { bucket: bucket.bucket, acl: 'private' }, child);
    new alicloud.oss.BucketPublicAccessBlock(`${resourceName}-public-access-block`, { bucket: bucket.bucket, blockPublicAccess: true }, child);
    new alicloud.oss.BucketServerSideEncryption(`${resourceName}-sse`, { bucket: bucket.bucket, sseAlgorithm: 'AES256' }, child);
    return bucket;
  }
}
