import type * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { fcCodePackage } from './fc-code-package';

export interface CostReportCodeArgs {
  /** Module exporting the cost report handlers; bundled with every dependency (FC ships no SDKs we use). */
  readonly entry: string;
  /** Existing private bucket the package is uploaded to (the service's code bucket). */
  readonly bucketName: pulumi.Input<string>;
  /** Where the zip is written, relative to the repository root (Pulumi runs the program there). @default dist/functions */
  readonly packageDir?: string;
}

/**
 * The cost report functions' code package: `entry` bundled, zipped and uploaded, private and
 * encrypted, under a key named after the zip's SHA-256 (see fc-code-package.ts), so a code change
 * is a new key that FC picks up.
 */
export class CostReportCode extends pulumi.ComponentResource {
  readonly object: alicloud.oss.BucketObject;
  /** Object key of the package: `cost-reports/fc-<sha256>.zip`. */
  readonly objectKey: string;

  constructor(name: string, args: CostReportCodeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('twinstack:alicloud:CostReportCode', name, {}, opts);
    const codePackage = fcCodePackage(
      name,
      { entry: args.entry, bucketName: args.bucketName, keyPrefix: 'cost-reports/', packageDir: args.packageDir ?? 'dist/functions', owner: `CostReportCode ${name}` },
      this,
    );
    this.object = codePackage.object;
    this.objectKey = codePackage.objectKey;
    this.registerOutputs({ objectKey: this.objectKey });
  }
}
