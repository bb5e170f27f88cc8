import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { parse } from 'yaml';
import { buildRouter, type TicketingAppDeps } from '../../../../functions/ticketing/http/app';

const SPEC_PATH = path.join(__dirname, '..', '..', '..', '..', 'functions', 'ticketing', 'openapi.yaml');
const source = readFileSync(SPEC_PATH, 'utf8');

describe('the published OpenAPI document', () => {
  it('is OpenAPI 3.1 and passes Redocly lint (recommended-strict) with no problems', async () => {
    expect(parse(source).openapi).toBe('3.1.0');
    const config = await createConfig({ extends: ['recommended-strict'] });
    const problems = await lintFromString({ source, absoluteRef: SPEC_PATH, config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('documents exactly the routes the app serves', () => {
    const router = buildRouter({} as TicketingAppDeps);
    const served = router.list().map((r) => `${r.method} ${r.pattern}`).sort();
    const paths = parse(source).paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths)
      .flatMap(([pattern, item]) => Object.keys(item).filter((k) => k !== 'parameters').map((method) => `${method.toUpperCase()} ${pattern}`))
      .sort();
    expect(documented).toEqual(served);
  });

  it('marks only the anonymous routes as needing no token', () => {
    const router = buildRouter({} as TicketingAppDeps);
    const paths = parse(source).paths as Record<string, Record<string, { security?: unknown[] }>>;
    for (const route of router.list()) {
      const operation = paths[route.pattern][route.method.toLowerCase()];
      expect({ route: `${route.method} ${route.pattern}`, anonymous: Array.isArray(operation.security) && operation.security.length === 0 }).toEqual({
        route: `${route.method} ${route.pattern}`,
        anonymous: route.anonymous,
      });
    }
  });
});
