import { HttpProblem } from './problem';
import type { HttpRequest, HttpResponse } from './types';

export type RouteHandler = (request: HttpRequest, params: Record<string, string>) => Promise<HttpResponse>;

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
  /** Whether the route answers callers without a token. */
  readonly anonymous: boolean;
}

/** Matches `/tickets/{id}/events`-style patterns; 404 for unknown paths, 405 for known paths. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler, options: { anonymous?: boolean } = {}): this {
    this.routes.push({ method, pattern, segments: split(pattern), handler, anonymous: options.anonymous ?? false });
    return this;
  }

  /** Every route, for documentation checks. */
  list(): Array<{ method: string; pattern: string; anonymous: boolean }> {
    return this.routes.map(({ method, pattern, anonymous }) => ({ method, pattern, anonymous }));
  }

  /** The matching route and its path parameters; throws the 404 or 405 problem otherwise. */
  resolve(method: string, path: string): { handler: RouteHandler; params: Record<string, string>; anonymous: boolean } {
    const segments = split(path);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = match(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params, anonymous: route.anonymous };
      allowed.push(route.method);
    }
    if (allowed.length === 0) {
      throw new HttpProblem({ status: 404, title: 'Not found', detail: `no resource at ${path}` });
    }
    throw new HttpProblem({
      status: 405,
      title: 'Method not allowed',
      detail: `${method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
      headers: { allow: allowed.join(', ') },
    });
  }
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    if (part.startsWith('{') && part.endsWith('}')) {
      let value: string;
      try {
        value = decodeURIComponent(segments[i]);
      } catch {
        return undefined;
      }
      params[part.slice(1, -1)] = value;
    } else if (part !== segments[i]) {
      return undefined;
    }
  }
  return params;
}
