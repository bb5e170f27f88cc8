/**
 * `GET /cost/reports` as every runtime serves it: the app function, over FOCUS files through
 * FocusFileSource, and over sources that fail the ways billing services do.
 */
import { createCostApp } from '../../../functions/cost/http/app';
import { SourceNotConfiguredError } from '../../../functions/cost/http/problems';
import type { CostRow } from '../../../functions/cost/focus';
import { CostSourceError, UnsupportedGroupColumnError } from '../../../functions/cost/sources/errors';
import { FocusFileSource } from '../../../functions/cost/sources/focus-files';
import type { CostSource } from '../../../functions/cost/sources/source';
import type { HttpRequest, HttpResponse } from '../../../functions/ticketing/http/types';
import type { Role } from '../../../functions/ticketing/model';
import { tempFile } from './fixtures';
import { billLines, expectedTotals, writeBillFiles } from './report-data';

const NOW = new Date('2024-04-10T08:00:00Z');
const lines = billLines();
const files = writeBillFiles(lines);

function recordingLog() {
  const errors: Record<string, unknown>[] = [];
  return { errors, log: { info: () => undefined, error: (message: string, attributes?: Record<string, unknown>) => errors.push({ message, ...attributes }) } };
}

function appOver(source: CostSource) {
  const { log, errors } = recordingLog();
  return { app: createCostApp({ source, clock: () => NOW, log }), errors };
}

function get(query: Record<string, string>, options: { roles?: Role[] | null; accept?: string; path?: string; method?: string } = {}): HttpRequest {
  const roles: Role[] | null = options.roles === undefined ? ['auditor'] : options.roles;
  return {
    method: options.method ?? 'GET',
    path: options.path ?? '/cost/reports',
    query,
    headers: options.accept ? { accept: options.accept } : {},
    principal: roles === null ? undefined : { sub: 'sam', roles },
    requestId: 'req-7',
  };
}

function problem(response: HttpResponse) {
  expect(response.headers['content-type']).toBe('application/problem+json');
  return JSON.parse(response.body);
}

const MARCH = { from: '2024-03-01', to: '2024-04-01', granularity: 'week', groupBy: 'ServiceName' };
const fileSource = new FocusFileSource(files);

describe('GET /cost/reports', () => {
  it('answers the JSON report of the range, with totals per currency exact to the last digit of the input', async () => {
    const { app } = appOver(fileSource);
    const response = await app(get(MARCH));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    const { reports } = JSON.parse(response.body);
    const expected = expectedTotals(lines, '2024-03-01', '2024-04-01');
    expect(Object.fromEntries(reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals]))).toEqual(expected);
    // Worked by hand: EC2 620.9332496 + Lambda 0.0005166677 + S3 0.000000935 − credit 5.5 + purchase 300.
    expect(expected.USD.BilledCost).toBe('915.4337672027');
    const usd = reports.find((r: { currency: string }) => r.currency === 'USD');
    expect(usd.groups.map((g: { key: unknown }) => g.key)).toEqual([
      { ServiceName: 'Amazon EC2' },
      { ServiceName: 'AWS Lambda' },
      { ServiceName: 'Amazon S3' },
      { ServiceName: 'Savings Plans for AWS Compute usage' },
    ]);
    expect(usd.groups[0].periods[0]).toMatchObject({ start: '2024-02-26', end: '2024-03-04' });
    expect(usd.anomalies).toContainEqual(expect.objectContaining({ key: { ServiceName: 'Amazon EC2' }, day: '2024-03-20' }));
  });

  it.each<Role>(['agent', 'approver', 'auditor'])('lets a caller with role %s read it', async (role) => {
    const { app } = appOver(fileSource);
    expect((await app(get(MARCH, { roles: [role] }))).status).toBe(200);
  });

  it('refuses a requester with 403, and a caller without a token with 401', async () => {
    const { app } = appOver(fileSource);
    const forbidden = await app(get(MARCH, { roles: ['requester'] }));
    expect(forbidden.status).toBe(403);
    expect(problem(forbidden).detail).toBe('reading cost reports needs one of the roles agent, approver, auditor (you have requester)');
    const anonymous = await app(get(MARCH, { roles: null }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers CSV for format=csv or Accept: text/csv, one line per currency, group and period', async () => {
    const csv = tempFile(
      'small.csv',
      [
        'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ServiceName',
        '1.10,1.10,USD,2024-03-04T00:00:00Z,2024-03-05T00:00:00Z,"Amazon EC2, Linux"',
        '0.000000001,0.000000001,USD,2024-03-12T00:00:00Z,2024-03-13T00:00:00Z,"Amazon EC2, Linux"',
        '7,6.5,CNY,2024-03-05T00:00:00Z,2024-03-06T00:00:00Z,OSS',
        '',
      ].join('\n'),
    );
    const { app } = appOver(new FocusFileSource([csv]));
    const query = { from: '2024-03-04', to: '2024-03-18', granularity: 'week', groupBy: 'ServiceName' };
    const expected = [
      'BillingCurrency,ServiceName,PeriodStart,PeriodEnd,BilledCost,EffectiveCost',
      'CNY,OSS,2024-03-04,2024-03-11,7,6.5',
      'USD,"Amazon EC2, Linux",2024-03-04,2024-03-11,1.1,1.1',
      'USD,"Amazon EC2, Linux",2024-03-11,2024-03-18,0.000000001,0.000000001',
      '',
    ].join('\n');
    for (const response of [await app(get({ ...query, format: 'csv' })), await app(get(query, { accept: 'text/csv' }))]) {
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.body).toBe(expected);
    }
  });

  it("answers the HTML page for format=html or a browser's Accept header", async () => {
    const { app } = appOver(fileSource);
    for (const response of [await app(get({ ...MARCH, format: 'html' })), await app(get(MARCH, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }))]) {
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toMatch(/^<!DOCTYPE html>/);
      expect(response.body).toContain('Cost report');
    }
  });

  it.each([
    ['no from', { to: '2024-04-01', granularity: 'day' }, 'from', 'from: is required (first day, YYYY-MM-DD)'],
    ['an impossible date', { ...MARCH, to: '2024-02-30' }, 'to', 'to: "2024-02-30" is not a date (YYYY-MM-DD)'],
    ['to before from', { ...MARCH, to: '2024-02-01' }, 'to', 'to: must be after from (to is exclusive: from=2024-03-01&to=2024-04-01 is March)'],
    ['a range over a year', { ...MARCH, from: '2023-01-01' }, 'to', 'to: must be at most 366 days after from (got 456); read longer histories from the FOCUS export files'],
    ['an unknown granularity', { ...MARCH, granularity: 'quarter' }, 'granularity', 'granularity: must be one of day, week, month (got "quarter")'],
    ['three group columns', { ...MARCH, groupBy: 'ServiceName,RegionId,tag:env' }, 'groupBy', 'groupBy: takes at most 2 columns (got 3)'],
    ['a budget in words', { ...MARCH, budget: 'lots' }, 'budget', 'budget: "lots" is not a decimal number'],
    ['an unknown format', { ...MARCH, format: 'xlsx' }, 'format', 'format: must be one of json, csv, html (got "xlsx")'],
    ['an unknown parameter', { ...MARCH, group_by: 'RegionId' }, 'group_by', 'group_by: is not a parameter of this route (use from, to, groupBy, granularity, budget, anomalyFloor, format)'],
  ])('answers 400 naming the query parameter for %s', async (_case, query, field, detail) => {
    const { app, errors } = appOver(fileSource);
    const response = await app(get(query));
    expect(response.status).toBe(400);
    expect(problem(response)).toMatchObject({ title: 'Invalid query parameter', field, requestId: 'req-7' });
    expect(problem(response).detail.slice(0, detail.length)).toBe(detail);
    expect(errors).toEqual([]);
  });

  it('answers 400 naming budget when one amount is given for a bill in two currencies, and reports with one amount per currency', async () => {
    const { app } = appOver(fileSource);
    const ambiguous = await app(get({ ...MARCH, budget: '1000' }));
    expect(ambiguous.status).toBe(400);
    expect(problem(ambiguous)).toMatchObject({ field: 'budget', detail: 'budget: a budget without a currency is ambiguous: the input bills in CNY, USD; give one per currency (CNY=<amount>,USD=<amount>)' });
    const budgeted = JSON.parse((await app(get({ ...MARCH, budget: 'USD=1000,CNY=2000' }))).body);
    expect(budgeted.reports.map((r: { budget: { status: string } }) => r.budget.status)).toEqual(['over', 'ok']);
  });

  it('answers 405 for another method and serves /health without a token', async () => {
    const { app } = appOver(fileSource);
    const post = await app(get(MARCH, { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect((await app(get({}, { path: '/health', roles: null }))).status).toBe(200);
  });
});

describe('GET /cost/reports when the source fails', () => {
  function failing(error: Error): CostSource {
    return {
      name: 'failing-source',
      // eslint-disable-next-line require-yield
      rows: async function* (): AsyncGenerator<CostRow> {
        throw error;
      },
    };
  }

  it('answers 400 naming groupBy for a column the source cannot group by', async () => {
    const { app, errors } = appOver(failing(new UnsupportedGroupColumnError('aws-cost-explorer', 'ResourceId', 'Cost Explorer groups by dimensions and tags only', ['ServiceName', 'tag:<key>'])));
    const response = await app(get({ ...MARCH, groupBy: 'ResourceId' }));
    expect(response.status).toBe(400);
    expect(problem(response)).toMatchObject({ field: 'groupBy', accepted: ['ServiceName', 'tag:<key>'] });
    expect(problem(response).detail).toMatch(/^groupBy: aws-cost-explorer cannot group by ResourceId/);
    expect(errors).toEqual([]);
  });

  it('answers 503 with Retry-After when the billing service throttles', async () => {
    const { app } = appOver(failing(new CostSourceError('aws-cost-explorer', 'GetCostAndUsage', 'throttled', 'LimitExceededException', 'Rate exceeded')));
    const response = await app(get(MARCH));
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('10');
    expect(problem(response)).toMatchObject({ code: 'LimitExceededException', operation: 'GetCostAndUsage' });
  });

  it('answers 502 and logs it when the billing service refuses the credentials', async () => {
    const { app, errors } = appOver(failing(new CostSourceError('alibaba-bss', 'DescribeInstanceBill', 'denied', 'Forbidden.RAM', 'User not authorized to operate on the specified resource')));
    const response = await app(get(MARCH));
    expect(response.status).toBe(502);
    expect(problem(response).detail).toBe("alibaba-bss refused the service's credentials; it has been logged");
    expect(errors).toEqual([expect.objectContaining({ message: 'cost source failed', source: 'failing-source', requestId: 'req-7' })]);
  });

  it('answers 503 naming the setting when no cost data is configured', async () => {
    const { app } = appOver(failing(new SourceNotConfiguredError('COST_FOCUS_FILES', 'FOCUS export files or a directory of them')));
    const response = await app(get(MARCH));
    expect(response.status).toBe(503);
    expect(problem(response)).toMatchObject({ title: 'No cost data configured', setting: 'COST_FOCUS_FILES' });
    expect(problem(response).detail).toContain('COST_FOCUS_FILES');
  });

  it('answers an unexpected failure with a bare 500 that shows no stack, and logs the stack', async () => {
    const { app, errors } = appOver(failing(new TypeError('cannot read properties of undefined')));
    const response = await app(get(MARCH));
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('TypeError');
    expect(errors.some((entry) => String(entry.error).includes('TypeError: cannot read properties of undefined\n    at'))).toBe(true);
  });
});
