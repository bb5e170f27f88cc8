/** functions/cost/openapi.yaml: valid, complete, and describing the JSON the route answers. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { parse } from 'yaml';
import { buildCostRouter, createCostApp, type CostAppDeps } from '../../../functions/cost/http/app';
import { REPORT_FIELDS } from '../../../functions/cost/report-request';
import { FocusFileSource } from '../../../functions/cost/sources/focus-files';
import { writeBillFiles } from './report-data';

const SPEC_PATH = path.join(__dirname, '..', '..', '..', 'functions', 'cost', 'openapi.yaml');
const source = readFileSync(SPEC_PATH, 'utf8');
const spec = parse(source);

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; oneOf?: Schema[]; additionalProperties?: Schema | boolean; enum?: unknown[]; pattern?: string };

/**
 * Where `value` departs from `schema`, for the JSON Schema subset the document uses ($ref, type,
 * properties, required, items, oneOf, additionalProperties, enum, pattern); undocumented
 * properties count as departures, so the schema cannot silently fall behind the report.
 */
function departures(value: unknown, schema: Schema, at = '$'): string[] {
  if (schema.$ref) return departures(value, spec.components.schemas[schema.$ref.split('/').pop()!], at);
  if (schema.oneOf) return schema.oneOf.some((option) => departures(value, option, at).length === 0) ? [] : [`${at}: matches no oneOf option`];
  const types = [schema.type ?? []].flat();
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.includes(actual)) return [`${at}: is ${actual}, documented ${types.join('|')}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not in the enum`];
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) return [`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`];
  if (actual === 'array' && schema.items) return (value as unknown[]).flatMap((item, i) => departures(item, schema.items!, `${at}[${i}]`));
  if (actual !== 'object') return [];
  const object = value as Record<string, unknown>;
  const missing = (schema.required ?? []).filter((name) => !(name in object)).map((name) => `${at}.${name}: required, missing`);
  const present = Object.entries(object).flatMap(([name, item]) => {
    const property = schema.properties?.[name] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    return property ? departures(item, property, `${at}.${name}`) : [`${at}.${name}: not documented`];
  });
  return [...missing, ...present];
}

describe('the cost API OpenAPI document', () => {
  it('is OpenAPI 3.1 and passes Redocly lint (recommended-strict) with no problems', async () => {
    expect(spec.openapi).toBe('3.1.0');
    const config = await createConfig({ extends: ['recommended-strict'] });
    const problems = await lintFromString({ source, absoluteRef: SPEC_PATH, config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('documents exactly the routes the app serves, and only /health as needing no token', () => {
    const router = buildCostRouter({} as CostAppDeps);
    const served = router.list().map((r) => `${r.method} ${r.pattern}`).sort();
    const paths = spec.paths as Record<string, Record<string, { security?: unknown[] }>>;
    const documented = Object.entries(paths)
      .flatMap(([pattern, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${pattern}`))
      .sort();
    expect(documented).toEqual(served);
    for (const route of router.list()) {
      const operation = paths[route.pattern][route.method.toLowerCase()];
      expect([route.pattern, Array.isArray(operation.security) && operation.security.length === 0]).toEqual([route.pattern, route.anonymous]);
    }
  });

  it('documents every query parameter the route reads', () => {
    const documented = spec.paths['/cost/reports'].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(documented).toEqual([...REPORT_FIELDS, 'format'].sort());
  });

  it('describes the JSON the route answers, budget, anomalies and movers included', async () => {
    const app = createCostApp({ source: new FocusFileSource(writeBillFiles()), clock: () => new Date('2024-04-10T00:00:00Z'), log: { info: () => undefined, error: () => undefined } });
    const query = { from: '2024-02-26', to: '2024-04-08', granularity: 'week', groupBy: 'ServiceName,tag:env', budget: 'USD=500,CNY=3000' };
    const response = await app({ method: 'GET', path: '/cost/reports', query, headers: {}, principal: { sub: 'a', roles: ['auditor'] }, requestId: 'r' });
    const report = JSON.parse(response.body);
    expect(report.reports.every((r: { budget: unknown; anomalies: unknown[]; movers: unknown }) => r.budget && r.anomalies && r.movers)).toBe(true);
    expect(report.reports[1].anomalies.length).toBeGreaterThan(0);
    expect(departures(report, spec.paths['/cost/reports'].get.responses['200'].content['application/json'].schema)).toEqual([]);
  });
});
