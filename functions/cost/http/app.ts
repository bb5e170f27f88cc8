/**
 * The cost reporting HTTP app: one function from request to response, the same in every runtime
 * (Lambda, Function Compute, the local server), on the router and problem mapping the ticketing
 * app uses.
 */
import { json } from '../../ticketing/http/io';
import { Router } from '../../ticketing/http/router';
import { serveRouter, type HttpApp } from '../../ticketing/http/serve';
import type { AppLogger } from '../../ticketing/http/types';
import type { CostSource } from '../sources/source';
import { costProblemFor } from './problems';
import { costRoutes } from './routes';

export interface CostAppDeps {
  /** Where the rows come from: Cost Explorer, BSS OpenAPI or FOCUS files. */
  readonly source: CostSource;
  /** The current time, for report metadata; tests pass a fixed clock. */
  readonly clock: () => Date;
  readonly log: AppLogger;
}

/** Every route of the cost API. */
export function buildCostRouter(deps: CostAppDeps): Router {
  const router = new Router().add('GET', '/health', async () => json(200, { status: 'ok' }), { anonymous: true });
  costRoutes(router, deps);
  return router;
}

export function createCostApp(deps: CostAppDeps): HttpApp {
  return serveRouter(buildCostRouter(deps), deps.log, costProblemFor);
}
