import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startLocalService, type LocalService } from '../../functions/runtime/local/service';
import { signLocalToken } from '../../functions/runtime/local/signing-key';
import type { Role } from '../../functions/ticketing/model';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly text: string;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export interface TicketingApi {
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  token(sub: string, ...roles: Role[]): Promise<string>;
  readonly service: LocalService;
}

/**
 * Starts the local ticketing service (DynamoDB Local in memory, a throw-away signing key) for one
 * test file, and stops it afterwards.
 */
export function useTicketingApi(): () => TicketingApi {
  let api: TicketingApi | undefined;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'twinstack-api-'));
    const service = await startLocalService({ dataDir, inMemory: true, port: 0 });
    api = {
      service,
      token: (sub, ...roles) => signLocalToken(service.signingKey, { sub, roles }),
      call: async (method, route, options = {}) => {
        const headers: Record<string, string> = { ...options.headers };
        if (options.token) headers.authorization = `Bearer ${options.token}`;
        let body = options.rawBody;
        if (body === undefined && options.body !== undefined) {
          body = JSON.stringify(options.body);
          headers['content-type'] ??= 'application/json';
        }
        const response = await fetch(`${service.url}${route}`, { method, headers, body });
        const text = await response.text();
        let parsed: unknown = undefined;
        if (/json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
        return { status: response.status, headers: response.headers, body: parsed, text };
      },
    };
  }, 60_000);
  afterAll(async () => {
    await api?.service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!api) throw new Error('the ticketing API is not started');
    return api;
  };
}
