/** The scheduled report's sink on Alibaba Cloud: `put` into an OSS bucket through ali-oss. */
import type OSS from 'ali-oss';
import type { ReportSink } from './sink';

export interface OssReportSinkProps {
  /** A client bound to `bucket` (its `bucket` option). */
  readonly client: OSS;
  readonly bucket: string;
}

/**
 * Writes each object with its content type, OSS-managed server-side encryption (`AES256`, which a
 * bucket policy can require as on S3), and no object ACL, so it inherits the bucket's (private).
 */
export class OssReportSink implements ReportSink {
  readonly name: string;

  constructor(private readonly props: OssReportSinkProps) {
    this.name = `oss://${props.bucket}`;
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    await this.props.client.put(key, Buffer.from(body, 'utf8'), {
      mime: contentType,
      headers: { 'Content-Type': contentType, 'x-oss-server-side-encryption': 'AES256' },
    });
  }
}
