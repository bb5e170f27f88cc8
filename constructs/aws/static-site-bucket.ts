import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface StaticSiteBucketProps {
  /** Bucket that receives this bucket's S3 server access logs (a `LogBucket`). */
  readonly accessLogBucket: s3.IBucket;
  /** Key prefix of the server access logs. @default static-assets/ */
  readonly accessLogPrefix?: string;
  /** Days replaced or deleted asset versions are kept, to roll a release back. @default 30 */
  readonly noncurrentVersionRetentionDays?: number;
}

/**
 * Static assets served only through CloudFront (Origin Access Control grants the distribution read
 * access): no public access, S3-managed encryption, TLS-only, versioned, server access logs on.
 */
export class StaticSiteBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StaticSiteBucketProps) {
    super(scope, id);
    const retentionDays = props.noncurrentVersionRetentionDays ?? 30;
    if (!Number.isInteger(retentionDays) || retentionDays < 1) {
      throw new Error(`StaticSiteBucket ${id}: noncurrentVersionRetentionDays must be a whole number of days >= 1, got ${retentionDays}`);
    }
    this.bucket = new s3.Bucket(this, 'Bucket', {
      // SSE-S3 rather than KMS: OAC reads with SSE-KMS need a key policy naming the distribution,
      // which would make the key and the distribution depend on each other.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: props.accessLogPrefix ?? 'static-assets/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(retentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
