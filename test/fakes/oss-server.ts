/**
 * A loopback stand-in for Alibaba Cloud OSS's PutObject, enough for the real `ali-oss` client
 * pointed at it (`endpoint: 'http://127.0.0.1:<port>'`: for an IP endpoint the client sends the
 * object path alone and names the bucket in the Host header). It checks what OSS checks — the V1
 * signature (`Authorization: OSS <AccessKeyId>:<signature>`, HMAC-SHA1 over verb, Content-MD5,
 * Content-Type, date, the `x-oss-*` headers and `/<bucket>/<key>`), the STS token and the body's
 * Content-MD5 — records every PUT with its headers and body, keeps the last object per key, and
 * answers errors in OSS's documented XML shape (`<Error><Code>…</Code><Message>…</Message>
 * <RequestId>…</RequestId><HostId>…</HostId>…</Error>`): `NoSuchBucket` (404),
 * `InvalidAccessKeyId` (403, also for a wrong security token), `SignatureDoesNotMatch` (403) and
 * `InvalidDigest` (400).
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { listenOnLoopback, readBody } from './loopback-server';

/** The credentials the fake accepts: the function role's STS credentials in a test. */
export interface FakeOssCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** One PutObject as received. */
export interface RecordedOssPut {
  readonly bucket: string;
  readonly key: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** An object as stored. */
export interface StoredOssObject {
  readonly body: Buffer;
  readonly contentType?: string;
  readonly serverSideEncryption?: string;
}

export interface FakeOssOptions {
  /** Buckets that exist. */
  readonly buckets: readonly string[];
  readonly credentials: FakeOssCredentials;
}

export interface FakeOss {
  /** `http://127.0.0.1:<port>`, for the client's `endpoint`. */
  readonly endpoint: string;
  /** Every PutObject received, accepted or refused, in order. */
  readonly puts: RecordedOssPut[];
  /** The current object of each `bucket/key`. */
  readonly objects: Map<string, StoredOssObject>;
  close(): Promise<void>;
}

export async function startFakeOss(options: FakeOssOptions): Promise<FakeOss> {
  const buckets = new Set(options.buckets);
  const { credentials } = options;
  const puts: RecordedOssPut[] = [];
  const objects = new Map<string, StoredOssObject>();

  const server = createServer((request, reply) => {
    readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const bucket = (request.headers.host ?? '').split('.')[0];
      const key = decodeURIComponent(url.pathname.slice(1));
      if (request.method !== 'PUT' || key === '') return sendError(reply, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      puts.push({ bucket, key, headers: request.headers, body });
      if (!buckets.has(bucket)) return sendError(reply, 404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: bucket });
      const authorization = /^OSS ([^:]+):(.+)$/.exec(String(request.headers.authorization ?? ''));
      if (!authorization || authorization[1] !== credentials.accessKeyId) {
        return sendError(reply, 403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', { OSSAccessKeyId: authorization?.[1] ?? '' });
      }
      if (credentials.securityToken !== undefined && request.headers['x-oss-security-token'] !== credentials.securityToken) {
        return sendError(reply, 403, 'InvalidAccessKeyId', 'The security token you provided is invalid.');
      }
      const stringToSign = canonicalString(request.method, request.headers, `/${bucket}/${key}`);
      const expected = createHmac('sha1', credentials.accessKeySecret).update(stringToSign, 'utf8').digest('base64');
      if (authorization[2] !== expected) {
        return sendError(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', { StringToSign: stringToSign });
      }
      const md5 = createHash('md5').update(body).digest('base64');
      const sentMd5 = request.headers['content-md5'];
      if (sentMd5 !== undefined && sentMd5 !== md5) return sendError(reply, 400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
      const encryption = request.headers['x-oss-server-side-encryption'] as string | undefined;
      objects.set(`${bucket}/${key}`, { body, contentType: request.headers['content-type'], serverSideEncryption: encryption });
      reply.writeHead(200, {
        etag: `"${Buffer.from(md5, 'base64').toString('hex').toUpperCase()}"`,
        'x-oss-request-id': requestId(),
        'content-md5': md5,
        ...(encryption ? { 'x-oss-server-side-encryption': encryption } : {}),
      });
      reply.end();
    });
  });
  const { endpoint, close } = await listenOnLoopback(server);
  return { endpoint, puts, objects, close };
}

/** OSS V1 StringToSign: verb, Content-MD5, Content-Type, date, sorted `x-oss-*` headers, resource. */
function canonicalString(method: string, headers: IncomingHttpHeaders, resource: string): string {
  const ossHeaders = Object.keys(headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${String(headers[name]).trim()}`);
  const date = (headers['x-oss-date'] ?? headers.date ?? '') as string;
  return [method, headers['content-md5'] ?? '', headers['content-type'] ?? '', date, ...ossHeaders, resource].join('\n');
}

function requestId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 24).toUpperCase();
}

function sendError(reply: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const id = requestId();
  const fields = Object.entries({ Code: code, Message: message, RequestId: id, HostId: 'fake-oss', ...extra })
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('\n  ');
  reply.writeHead(status, { 'content-type': 'application/xml', 'x-oss-request-id': id });
  reply.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  ${fields}\n</Error>\n`);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
