/** `GET /cost/reports`: the cost report of a date range from the deployment's source, as JSON, CSV or HTML. */
import type { Role } from '../../ticketing/model';
import { json, wantsHtml } from '../../ticketing/http/io';
import { HttpProblem } from '../../ticketing/http/problem';
import type { Router } from '../../ticketing/http/router';
import type { HttpRequest, HttpResponse } from '../../ticketing/http/types';
import { formatDay } from '../periods';
import { renderCostHtml } from '../render-html';
import { renderCsv } from '../render-csv';
import { buildCostReport } from '../report';
import { parseSourceReportRequest, REPORT_FIELDS } from '../report-request';
import type { CostAppDeps } from './app';
import { needsOperator } from './problems';

/** Roles that may read cost reports: everyone but a plain requester. */
export const COST_READER_ROLES: readonly Role[] = ['agent', 'approver', 'auditor'];

/** Representations of a report; JSON unless `format` or `Accept` asks for another. */
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

export function costRoutes(router: Router, deps: CostAppDeps): void {
  router.add('GET', '/cost/reports', async (request) => {
    mayReadCosts(request);
    const unknown = Object.keys(request.query).find((name) => name !== 'format' && !(REPORT_FIELDS as readonly string[]).includes(name));
    if (unknown !== undefined) {
      throw new HttpProblem({ status: 400, title: 'Invalid query parameter', detail: `${unknown}: is not a parameter of this route (use ${[...REPORT_FIELDS, 'format'].join(', ')})`, field: unknown });
    }
    const { format: formatParam, ...fields } = request.query;
    const format = formatOf(formatParam, request);
    const reportRequest = parseSourceReportRequest(fields);
    const report = await buildCostReport(deps.source, reportRequest).catch((error: unknown) => {
      if (needsOperator(error)) deps.log.error('cost source failed', { requestId: request.requestId, source: deps.source.name, error: (error as Error)?.message ?? String(error) });
      throw error;
    });
    const headers = { vary: 'accept' };
    if (format === 'csv') return text(200, 'text/csv; charset=utf-8', renderCsv(report, reportRequest.groupBy), headers);
    if (format === 'html') {
      const html = renderCostHtml(report, {
        title: 'Cost report',
        generatedAt: deps.clock().toISOString(),
        sources: [deps.source.name],
        from: formatDay(reportRequest.from),
        to: formatDay(reportRequest.to),
        groupBy: reportRequest.groupBy,
        granularity: reportRequest.granularity,
      });
      return text(200, 'text/html; charset=utf-8', html, headers);
    }
    return json(200, report, headers);
  });
}

function mayReadCosts(request: HttpRequest): void {
  const roles = request.principal?.roles ?? [];
  if (roles.some((role) => COST_READER_ROLES.includes(role))) return;
  throw new HttpProblem({
    status: 403,
    title: 'Forbidden',
    detail: `reading cost reports needs one of the roles ${COST_READER_ROLES.join(', ')} (you have ${roles.length ? roles.join(', ') : 'none'})`,
  });
}

function formatOf(param: string | undefined, request: HttpRequest): ReportFormat {
  if (param !== undefined && param !== '') {
    if ((REPORT_FORMATS as readonly string[]).includes(param)) return param as ReportFormat;
    throw new HttpProblem({ status: 400, title: 'Invalid query parameter', detail: `format: must be one of ${REPORT_FORMATS.join(', ')} (got ${JSON.stringify(param)})`, field: 'format' });
  }
  if (wantsHtml(request)) return 'html';
  return /text\/csv/i.test(request.headers.accept ?? '') ? 'csv' : 'json';
}

function text(status: number, contentType: string, body: string, headers: Record<string, string>): HttpResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body };
}
