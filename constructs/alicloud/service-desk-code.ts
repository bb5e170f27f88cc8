import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { bundleFunction } from '../../tools/bundle-function';
import { zipFiles } from '../../tools/zip';
import { AlicloudPrivateBucket } from './oss-private-bucket';

const ROOT = path.join(__dirname, '..', '..');

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
 * The function's code package in OSS: `entry` bundled by tools/bundle-function.ts, zipped with
 * fixed timestamps (tools/zip.ts), uploaded to a private bucket under a key named after the zip's
 * SHA-256. A code change is a new key, which FC picks up; the manifest shows the hash, not the bytes.
 */
export class ServiceDeskCode extends pulumi.ComponentResource {
  readonly bucket: AlicloudPrivateBucket;
  readonly object: alicloud.oss.BucketObject;
  /** Object key of the package: `service-desk/fc-<sha256>.zip`. */
  readonly objectKey: string;
  /** SHA-256 of the zip, hex. */
  readonly sha256: string;

  constructor(name: string, args: ServiceDeskCodeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:ServiceDeskCode', name, {}, opts);
    const packageDir = args.packageDir ?? 'dist/functions';
    if (path.isAbsolute(packageDir) || packageDir.split(/[\\/]/).includes('..')) {
      throw new Error(`ServiceDeskCode ${name}: packageDir "${packageDir}" must be a path inside the repository, relative to its root`);
    }
    const bundle = bundleFunction({ entry: args.entry });
    const zip = zipFiles([{ name: 'index.js', data: bundle.code }]);
    this.sha256 = createHash('sha256').update(zip).digest('hex');
    const file = path.posix.join(packageDir.split(path.sep).join('/'), `${name}.zip`);
    const absolute = path.join(ROOT, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    if (!existsSync(absolute) || !readFileSync(absolute).equals(zip)) writeFileSync(absolute, zip);

    this.bucket = new AlicloudPrivateBucket(
      `${name}-bucket`,
      { bucketName: args.bucketName, tags: args.tags, resourceGroupId: args.resourceGroupId },
      { parent: this },
    );
    this.objectKey = `service-desk/fc-${this.sha256}.zip`;
    this.object = new alicloud.oss.BucketObject(
      `${name}-package`,
      {
        bucket: this.bucket.bucketName,
        key: this.objectKey,
        source: file,
        contentType: 'application/zip',
        acl: 'private',
        serverSideEncryption: 'AES256',
      },
      { parent: this },
    );
    this.registerOutputs({ bucketName: this.bucket.bucketName, objectKey: this.objectKey });
  }
}
