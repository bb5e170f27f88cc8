/**
 * From a router to an app: one function from request to response, the same in every runtime. It
 * resolves the route, requires a caller on every route not marked anonymous, and maps every
 * expected failure to a problem document; anything else is logged and answered with a bare 500.
 */
import { HttpProblem, problemResponse, type ProblemFields } from './problem';
import type { Router } from './router';
import type { AppLogger, HttpRequest, HttpResponse } from './types';

/** An app: what every runtime adapter calls. */
export type HttpApp = (request: HttpRequest) => Promise<HttpResponse>;

/** Problem details for an error the app expects; undefined for anything else (a 500). */
export type ProblemMapper = (error: unknown) => ProblemFields | undefined;

/** Maps only the problems handlers throw themselves. */
const httpProblemsOnly: ProblemMapper = (error) => (error instanceof HttpProblem ? error.fields : undefined);

/** Serves `router`'s routes; `problemFor` maps the errors the app's domain throws on purpose. */
export function serveRouter(router: Router, log: AppLogger, problemFor: ProblemMapper = httpProblemsOnly): HttpApp {
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
      log.error('unhandled error', { requestId: request.requestId, error: (error as Error)?.stack ?? String(error) });
      return problemResponse({ status: 500, title: 'Internal error', detail: 'the request could not be completed; it has been logged' }, request.requestId);
    }
  };
}
