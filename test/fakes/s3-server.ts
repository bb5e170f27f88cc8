/**
 * A loopback stand-in for Amazon S3's PutObject, enough for the real `@aws-sdk/client-s3` to write
 * objects to it (path-style requests, which the SDK uses for an IP endpoint). It records every PUT
 * with its headers and body, keeps the last object per key, and answers errors in S3's documented
 * XML shape (`<Error><Code>…</Code><Message>…</Message>…</Error>`):
 * - `NoSuchBucket` (404) for a bucket it does not hold;
 * - `AccessDenied` (403) for an upload without `x-amz-server-side-encryption` when the bucket
 *   requires it, as a bucket policy denying unencrypted uploads does;
 * - `AccessControlListNotSupported` (400) for a request carrying an ACL, as a bucket with
 *   Object Ownership "bucket owner enforced" answers;
 * - `XAmzContentSHA256Mismatch` (400) when the body does not match its signed SHA-256.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { listenOnLoopback, readBody } from './loopback-server';

/** One PutObject as received. */
export interface RecordedS3Put {
  readonly bucket: string;
  readonly key: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** An object as stored. */
export interface StoredS3Object {
  readonly body: Buffer;
  readonly contentType?: string;
  readonly serverSideEncryption?: string;
}

export interface FakeS3Options {
  /** Buckets that exist. */
  readonly buckets: readonly string[];
  /** Refuse uploads that do not ask for server-side encryption. @default true */
  readonly requireEncryption?: boolean;
}

export interface FakeS3 {
  /** `http://127.0.0.1:<port>`, for the client's `endpoint` or AWS_ENDPOINT_URL_S3. */
  readonly endpoint: string;
  /** Every PutObject received, accepted or refused, in order. */
  readonly puts: RecordedS3Put[];
  /** The current object of each `bucket/key`. */
  readonly objects: Map<string, StoredS3Object>;
  close(): Promise<void>;
}

export async function startFakeS3(options: FakeS3Options): Promise<FakeS3> {
  const buckets = new Set(options.buckets);
  const requireEncryption = options.requireEncryption ?? true;
  const puts: RecordedS3Put[] = [];
  const objects = new Map<string, StoredS3Object>();

  const server = createServer((request, reply) => {
    readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const [bucket = '', ...keyParts] = url.pathname.slice(1).split('/');
      const key = keyParts.map(decodeURIComponent).join('/');
      const resource = url.pathname;
      if (request.method !== 'PUT' || key === '') {
        return sendError(reply, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', resource);
      }
      puts.push({ bucket, key, headers: request.headers, body });
      if (!buckets.has(bucket)) return sendError(reply, 404, 'NoSuchBucket', 'The specified bucket does not exist', resource, { BucketName: bucket });
      const signedSha = request.headers['x-amz-content-sha256'];
      if (typeof signedSha === 'string' && /^[0-9a-f]{64}$/.test(signedSha) && createHash('sha256').update(body).digest('hex') !== signedSha) {
        return sendError(reply, 400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", resource);
      }
      if (request.headers['x-amz-acl'] || Object.keys(request.headers).some((name) => name.startsWith('x-amz-grant-'))) {
        return sendError(reply, 400, 'AccessControlListNotSupported', 'The bucket does not allow ACLs', resource);
      }
      const encryption = request.headers['x-amz-server-side-encryption'] as string | undefined;
      if (requireEncryption && !encryption) return sendError(reply, 403, 'AccessDenied', 'Access Denied', resource);
      objects.set(`${bucket}/${key}`, { body, contentType: request.headers['content-type'], serverSideEncryption: encryption });
      reply.writeHead(200, {
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        'x-amz-request-id': randomUUID(),
        ...(encryption ? { 'x-amz-server-side-encryption': encryption } : {}),
      });
      reply.end();
    });
  });
  const { endpoint, close } = await listenOnLoopback(server);
  return { endpoint, puts, objects, close };
}

function sendError(reply: ServerResponse, status: number, code: string, message: string, resource: string, extra: Record<string, string> = {}): void {
  const requestId = randomUUID();
  const fields = Object.entries({ Code: code, Message: message, ...extra, Resource: resource, RequestId: requestId, HostId: 'fake-s3' })
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  reply.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
  reply.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
