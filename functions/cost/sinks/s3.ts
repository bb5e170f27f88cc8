/** The scheduled report's sink on AWS: PutObject into an S3 bucket. */
import { PutObjectCommand, type S3Client, type ServerSideEncryption } from '@aws-sdk/client-s3';
import type { ReportSink } from './sink';

export interface S3ReportSinkProps {
  readonly client: S3Client;
  readonly bucket: string;
  /**
   * Server-side encryption asked for on every object. A bucket policy that denies unencrypted
   * uploads checks this header, so it is always sent.
   * @default S3-managed keys (`AES256`); with `kmsKeyId`, `aws:kms`
   */
  readonly kmsKeyId?: string;
}

/**
 * Writes each object with its content type and server-side encryption, and no ACL: the object
 * stays as private as the bucket (buckets with ACLs disabled refuse any other ACL anyway).
 */
export class S3ReportSink implements ReportSink {
  readonly name: string;

  constructor(private readonly props: S3ReportSinkProps) {
    this.name = `s3://${props.bucket}`;
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    const encryption: { ServerSideEncryption: ServerSideEncryption; SSEKMSKeyId?: string } = this.props.kmsKeyId
      ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.props.kmsKeyId }
      : { ServerSideEncryption: 'AES256' };
    await this.props.client.send(
      new PutObjectCommand({ Bucket: this.props.bucket, Key: key, Body: body, ContentType: contentType, ...encryption }),
    );
  }
}
