import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface LogBucketProps {
  /** Days access logs are kept before they expire. @default 365 */
  readonly retentionDays?: number;
  /**
   * Allow the ACLs CloudFront standard logging writes with (object ownership "bucket owner
   * preferred"). Leave off for ALB and S3 server access logs. @default false
   */
  readonly allowCloudFrontLogDelivery?: boolean;
}

/**
 * Destination of access logs (ALB, CloudFront, S3 server access logs): private, encrypted with
 * S3-managed keys (the only kind ALB log delivery accepts), TLS-only, expiring after the retention.
 */
export class LogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: LogBucketProps = {}) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: props.allowCloudFrontLogDelivery
        ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED
        : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          expiration: Duration.days(props.retentionDays ?? 365),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is itself the access-log destination; logging it to itself would loop.',
    });
  }
}
