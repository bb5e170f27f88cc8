/**
 * The ticketing HTTP app: one function from request to response, the same in every runtime
 * (Lambda, Function Compute, the local server). It parses, checks access, calls the domain and the
 * store, and maps every expected failure to a problem document.
 */
import type { TicketStore } from '../../store/port';
import type { SlaPolicy } from '..';
import { problemFor } from './errors';
import { json } from './io';
import { reportRoutes } from './reports';
import { Router } from './router';
import { serveRouter, type HttpApp } from './serve';
import { ticketRoutes } from './tickets';
import type { AppLogger } from './types';

export interface TicketingAppDeps {
  readonly store: TicketStore;
  readonly policy: SlaPolicy;
  /** The current time; tests pass a fixed clock. */
  readonly clock: () => Date;
  /** A new ticket id: a ULID, so ids sort by creation time. */
  readonly newId: () => string;
  readonly log: AppLogger;
}

/** Every route of the API. */
export function buildRouter(deps: TicketingAppDeps): Router {
  const router = new Router().add('GET', '/health', async () => json(200, { status: 'ok' }), { anonymous: true });
  ticketRoutes(router, deps);
  reportRoutes(router, deps);
  return router;
}

export function createTicketingApp(deps: TicketingAppDeps): HttpApp {
  return serveRouter(buildRouter(deps), deps.log, problemFor);
}
