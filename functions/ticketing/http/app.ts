/**
 * The ticketing HTTP app: one function from request to response, the same in every runtime
 * (Lambda, Function Compute, the local server). It parses, checks access, calls the domain and the
 * store, and maps every expected failure to a problem document.
 */
import type { TicketStore } from '../../store/port';
import type { SlaPolicy } from '..';
import { problemFor } from './errors';
import { json } from './io';
import { HttpProblem, problemResponse } from './problem';
import { reportRoutes } from './reports';
import { Router } from './router';
import { ticketRoutes } from './tickets';
import type { AppLogger, HttpRequest, HttpResponse } from './types';

export interface TicketingAppDeps {
  readonly store: TicketStore;
  readonly policy: SlaPolicy;
  /** The current time; tests pass a fixed clock. */
  readonly clock: () => Date;
  /** A new ticket id: a ULID, so ids sort by creation time. */
  readonly newId: () => string;
  readonly log: AppLogger;
}

export type TicketingApp = (request: HttpRequest) => Promise<HttpResponse>;

/** Every route of the API. */
export function buildRouter(deps: TicketingAppDeps): Router {
  const router = new Router().add('GET', '/health', async () => json(200, { status: 'ok' }), { anonymous: true });
  ticketRoutes(router, deps);
  reportRoutes(router, deps);
  return router;
}

export function createTicketingApp(deps: TicketingAppDeps): TicketingApp {
  const router = buildRouter(deps);

  return async (request) => {
    try {
      const { handler, params, anonymous } = router.resolve(request.method.toUpperCase(), request.path);
      if (!anonymous && !request.principal) {
        throw new HttpProblem({
          status: 401,
          title: 'Unauthorized',
          detail: 'Authorization: a valid bearer token is required',
          field: 'Authorization',
          headers: { 'www-authenticate': 'Bearer' },
        });
      }
      return await handler(request, params);
    } catch (error) {
      const problem = problemFor(error);
      if (problem) return problemResponse(problem, request.requestId);
      deps.log.error('unhandled error', { requestId: request.requestId, error: (error as Error)?.stack ?? String(error) });
      return problemResponse({ status: 500, title: 'Internal error', detail: 'the request could not be completed; it has been logged' }, request.requestId);
    }
  };
}
