import { CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LogBucket } from './log-bucket';

export interface CostReportBucketProps {
  /** Days a report is kept before it expires. */
  readonly retentionDays: number;
  /** Days a replaced or deleted report version is kept. @default 30 */
  readonly noncurrentVersionDays?: number;
  /** Days the bucket's server access logs are kept. @default 365 */
  readonly accessLogRetentionDays?: number;
}

/**
 * Where the weekly cost reports are written: private (public access blocked, ACLs disabled),
 * encrypted with S3-managed keys, TLS-only, versioned, every object expiring after the retention,
 * with server access logs in a bucket of their own.
 */
export class CostReportBucket extends Construct {
  readonly bucket: s3.Bucket;
  /** Destination of the bucket's server access logs. */
  readonly accessLogs: LogBucket;

  constructor(scope: Construct, id: string, props: CostReportBucketProps) {
    super(scope, id);
    const noncurrentDays = props.noncurrentVersionDays ?? 30;
    for (const [field, value] of [['retentionDays', props.retentionDays], ['noncurrentVersionDays', noncurrentDays]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`CostReportBucket ${id}: ${field} (${value}) must be a whole number of days, at least 1`);
    }

    this.accessLogs = new LogBucket(this, 'AccessLogs', { retentionDays: props.accessLogRetentionDays });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-reports',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(noncurrentDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      serverAccessLogsBucket: this.accessLogs.bucket,
      serverAccessLogsPrefix: 'cost-reports/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets `role` write (s3:PutObject only) the objects under `prefix`: no reads, no deletes, no
   * other prefix.
   */
  allowReportWrites(role: iam.Role, prefix: string): void {
    if (!/^[A-Za-z0-9!_.()'-]+(\/[A-Za-z0-9!_.()'-]+)*\/$/.test(prefix)) {
      throw new Error(`CostReportBucket ${this.node.id}: prefix "${prefix}" must be a key prefix ending in / (no wildcards), e.g. cost-reports/`);
    }
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteCostReports', actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(`${prefix}*`)] }));
    const bucketLogicalId = Stack.of(this).resolve((this.bucket.node.defaultChild as CfnResource).logicalId);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${prefix}*]`,
      reason:
        `The wildcard is the report objects under ${prefix} in the cost report bucket, whose keys carry the report date; ` +
        'only s3:PutObject, no read, delete or other prefix.',
    });
  }
}
