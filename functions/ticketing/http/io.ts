/** Reading request bodies and headers, writing JSON: the HTTP details every handler shares. */
import { HttpProblem } from './problem';
import type { HttpRequest, HttpResponse } from './types';

/** Larger bodies are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** The request body as JSON, after the size and media-type checks. */
export function readJsonBody(request: HttpRequest): unknown {
  const body = request.body ?? '';
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    throw new HttpProblem({ status: 413, title: 'Payload too large', detail: `request body exceeds ${MAX_BODY_BYTES} bytes` });
  }
  if (body.trim() === '') {
    throw new HttpProblem({ status: 400, title: 'Invalid request body', detail: 'body: is required (a JSON object)', field: 'body' });
  }
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new HttpProblem({
      status: 415,
      title: 'Unsupported media type',
      detail: `Content-Type must be application/json (got ${contentType || 'none'})`,
      field: 'Content-Type',
    });
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new HttpProblem({ status: 400, title: 'Invalid request body', detail: `body: is not valid JSON (${(error as Error).message})`, field: 'body' });
  }
}

/** The version named by `If-Match` (`"3"`, `W/"3"` or `3`); 428 when absent, 400 when malformed. */
export function requiredIfMatch(request: HttpRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '') {
    throw new HttpProblem({
      status: 428,
      title: 'Precondition required',
      detail: 'If-Match: is required; send the ETag of your last read of the ticket',
      field: 'If-Match',
    });
  }
  return parseVersion(header);
}

/** The version named by `If-Match` when present. */
export function optionalIfMatch(request: HttpRequest): number | undefined {
  const header = request.headers['if-match'];
  return header === undefined || header.trim() === '' ? undefined : parseVersion(header);
}

function parseVersion(header: string): number {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new HttpProblem({ status: 400, title: 'Invalid header', detail: `If-Match: must be a ticket ETag such as "3" (got ${header.slice(0, 40)})`, field: 'If-Match' });
  }
  return Number(match[1]);
}

export function etag(version: number): string {
  return `"${version}"`;
}

/** Whether the client prefers HTML over JSON. */
export function wantsHtml(request: HttpRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /text\/html/i.test(accept) && !/^\s*application\/json/i.test(accept);
}
