import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as alicloud from '@pulumi/alicloud';
import type * as pulumi from '@pulumi/pulumi';
import { bundleFunction } from '../../tools/bundle-function';
import { zipFiles } from '../../tools/zip';

const ROOT = path.join(__dirname, '..', '..');

export interface FcCodePackageArgs {
  /** Module exporting the handlers; bundled with every dependency (FC ships no SDKs we use). */
  readonly entry: string;
  /** Bucket the package is uploaded to. */
  readonly bucketName: pulumi.Input<string>;
  /** Key prefix of the package in the bucket, e.g. `service-desk/`. */
  readonly keyPrefix: string;
  /** Where the zip is written, relative to the repository root (Pulumi runs the program there). */
  readonly packageDir: string;
  /** Who asks, for errors: e.g. `ServiceDeskCode service-desk-code`. */
  readonly owner: string;
}

/** A function's code package in OSS. */
export interface FcCodePackage {
  readonly object: alicloud.oss.BucketObject;
  /** Object key of the package: `<keyPrefix>fc-<sha256 of the zip>.zip`. */
  readonly objectKey: string;
}

/**
 * A function code package (`<name>-package`, a child of `parent`): `entry` bundled by
 * tools/bundle-function.ts, zipped with fixed timestamps (tools/zip.ts) into
 * `<packageDir>/<name>.zip`, and uploaded, private and encrypted, under a key named after the zip's
 * SHA-256. A code change is a new key, which FC picks up; the manifest shows the hash, not the bytes.
 */
export function fcCodePackage(name: string, args: FcCodePackageArgs, parent: pulumi.Resource): FcCodePackage {
  const { packageDir } = args;
  if (path.isAbsolute(packageDir) || packageDir.split(/[\\/]/).includes('..')) {
    throw new Error(`${args.owner}: packageDir "${packageDir}" must be a path inside the repository, relative to its root`);
  }
  const zip = zipFiles([{ name: 'index.js', data: bundleFunction({ entry: args.entry }).code }]);
  const file = path.posix.join(packageDir.split(path.sep).join('/'), `${name}.zip`);
  const absolute = path.join(ROOT, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  if (!existsSync(absolute) || !readFileSync(absolute).equals(zip)) writeFileSync(absolute, zip);

  const objectKey = `${args.keyPrefix}fc-${createHash('sha256').update(zip).digest('hex')}.zip`;
  const object = new alicloud.oss.BucketObject(
    `${name}-package`,
    { bucket: args.bucketName, key: objectKey, source: file, contentType: 'application/zip', acl: 'private', serverSideEncryption: 'AES256' },
    { parent },
  );
  return { object, objectKey };
}
