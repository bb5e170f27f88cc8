import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { bundleFunction } from '../../tools/bundle-function';
import { zipFiles } from '../../tools/zip';

const ROOT = path.join(__dirname, '..', '..');

export interface CostReportCodeArgs {
  /** Module exporting the cost report handlers; bundled with every dependency (FC ships no SDKs we use). */
  readonly entry: string;
  /** Existing private bucket the package is uploaded to (the service's code bucket). */
  readonly bucketName: pulumi.Input<string>;
  /** Where the zip is written, relative to the repository root (Pulumi runs the program there). @default dist/functions */
  readonly packageDir?: string;
}

/**
 * The cost report functions' code package: `entry` bundled by tools/bundle-function.ts, zipped
 * with fixed timestamps (tools/zip.ts) and uploaded, private and encrypted, under a key named after
 * the zip's SHA-256, so a code change is a new key that FC picks up.
 */
export class CostReportCode extends pulumi.ComponentResource {
  readonly object: alicloud.oss.BucketObject;
  /** Object key of the package: `cost-reports/fc-<sha256>.zip`. */
  readonly objectKey: string;

  constructor(name: string, args: CostReportCodeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:CostReportCode', name, {}, opts);
    const packageDir = args.packageDir ?? 'dist/functions';
    if (path.isAbsolute(packageDir) || packageDir.split(/[\\/]/).includes('..')) {
      throw new Error(`CostReportCode ${name}: packageDir "${packageDir}" must be a path inside the repository, relative to its root`);
    }
    const zip = zipFiles([{ name: 'index.js', data: bundleFunction({ entry: args.entry }).code }]);
    const file = path.posix.join(packageDir.split(path.sep).join('/'), `${name}.zip`);
    const absolute = path.join(ROOT, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    if (!existsSync(absolute) || !readFileSync(absolute).equals(zip)) writeFileSync(absolute, zip);

    this.objectKey = `cost-reports/fc-${createHash('sha256').update(zip).digest('hex')}.zip`;
    this.object = new alicloud.oss.BucketObject(
      `${name}-package`,
      { bucket: args.bucketName, key: this.objectKey, source: file, contentType: 'application/zip', acl: 'private', serverSideEncryption: 'AES256' },
      { parent: this },
    );
    this.registerOutputs({ objectKey: this.objectKey });
  }
}
