/** Where the scheduled cost report is written: an S3 bucket on AWS, an OSS bucket on Alibaba Cloud. */

/** Writes whole objects; writing a key again replaces it, so a rerun overwrites its own output. */
export interface ReportSink {
  /** Names the store in logs and errors, e.g. `s3://cost-reports-123`. */
  readonly name: string;
  /** Stores `body` (UTF-8 text) under `key`, replacing any object there. */
  put(key: string, body: string, contentType: string): Promise<void>;
}
