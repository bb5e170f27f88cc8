/** The apps behind Node's HTTP server: what `npm start` serves. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { MAX_BODY_BYTES } from '../../ticketing/http/io';
import { problemResponse } from '../../ticketing/http/problem';
import type { HttpApp } from '../../ticketing/http/serve';
import type { AppLogger, HttpResponse } from '../../ticketing/http/types';
import type { TokenVerifier } from '../jwt';

class BodyTooLarge extends Error {}

/** Reads at most MAX_BODY_BYTES + 1 bytes; a larger body is refused without buffering it all. */
async function readBody(message: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return size === 0 ? undefined : Buffer.concat(chunks).toString('utf8');
}

/** Serves `app`, verifying bearer tokens with `verify`; one structured log line per request. */
export function createLocalServer(app: HttpApp, verify: TokenVerifier, log?: AppLogger): Server {
  return createServer((message, reply) => {
    const requestId = randomUUID();
    const started = process.hrtime.bigint();
    let sub: string | undefined;
    const send = (response: HttpResponse) => {
      reply.writeHead(response.status, { ...response.headers, 'x-request-id': requestId });
      reply.end(response.body);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log?.info('request', { requestId, method: message.method, path: message.url?.split('?')[0], status: response.status, ms: Math.round(ms * 10) / 10, sub });
    };
    const handle = async (): Promise<HttpResponse> => {
      const url = new URL(message.url ?? '/', 'http://localhost');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      let body: string | undefined;
      try {
        body = await readBody(message);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        reply.setHeader('connection', 'close');
        return problemResponse({ status: 413, title: 'Payload too large', detail: `request body exceeds ${MAX_BODY_BYTES} bytes` }, requestId);
      }
      const principal = await verify(headers.authorization);
      sub = principal?.sub;
      return app({ method: message.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body, principal, requestId });
    };
    handle().then(send, (error: Error) => {
      log?.error('request failed', { requestId, error: error.stack });
      send(problemResponse({ status: 500, title: 'Internal error', detail: 'the request could not be completed; it has been logged' }, requestId));
    });
  });
}
