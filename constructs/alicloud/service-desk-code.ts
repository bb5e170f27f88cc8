import type * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { fcCodePackage } from './fc-code-package';
import { AlicloudPrivateBucket } from './oss-private-bucket';

export interface ServiceDeskCodeArgs {
  /** Module exporting the function's `handler`; bundled with every dependency (FC ships no SDKs we use). */
  readonly entry: string;
  /** Bucket holding the code packages (created here, private, with an access log bucket). */
  readonly bucketName: string;
  /** Where the zip is written, relative to the repository root (Pulumi runs the program there). @default dist/functions */
  readonly packageDir?: string;
  /** Labels on the buckets. */
  readonly tags: Record<string, string>;
  /** Resource group of the buckets. @default - the account's default group */
  readonly resourceGroupId?: string;
}

/**
 * The function's code package in OSS: a private bucket, and `entry` bundled, zipped and uploaded
 * there under a key named after the zip's SHA-256 (see fc-code-package.ts). A code change is a new
 * key, which FC picks up; the manifest shows the hash, not the bytes.
 */
export class ServiceDeskCode extends pulumi.ComponentResource {
  readonly bucket: AlicloudPrivateBucket;
  readonly object: alicloud.oss.BucketObject;
  /** Object key of the package: `service-desk/fc-<sha256>.zip`. */
  readonly objectKey: string;

  constructor(name: string, args: ServiceDeskCodeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:ServiceDeskCode', name, {}, opts);
    this.bucket = new AlicloudPrivateBucket(
      `${name}-bucket`,
      { bucketName: args.bucketName, tags: args.tags, resourceGroupId: args.resourceGroupId },
      { parent: this },
    );
    const codePackage = fcCodePackage(
      name,
      { entry: args.entry, bucketName: this.bucket.bucketName, keyPrefix: 'service-desk/', packageDir: args.packageDir ?? 'dist/functions', owner: `ServiceDeskCode ${name}` },
      this,
    );
    this.object = codePackage.object;
    this.objectKey = codePackage.objectKey;
    this.registerOutputs({ bucketName: this.bucket.bucketName, objectKey: this.objectKey });
  }
}
