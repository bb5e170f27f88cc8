import type { Principal } from '../model';

/** A request as every runtime hands it to the app: headers lower-cased, body still text. */
export interface HttpRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/tickets/01J…`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Undefined when the request had no body. */
  readonly body?: string;
  /** Undefined when the caller presented no valid token. */
  readonly principal?: Principal;
  /** Correlates logs and problem details. */
  readonly requestId: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Structured log lines; the runtimes pass Powertools' logger or an equivalent. */
export interface AppLogger {
  info(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}
