/**
 * DuckDB for the cost benchmark only. `@duckdb/node-api` is not a project dependency (its platform
 * packages make the lockfile fail a clean `npm ci` here), so it is installed on demand into a cache
 * directory outside the project, without touching package.json or the lockfile, and reused after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The DuckDB Node API version the benchmark runs. */
export const DUCKDB_PACKAGE = '@duckdb/node-api@1.5.6-r.1';

/** DuckDB installed and ready, or why not. */
export type DuckDbInstall = { readonly ok: true; readonly dir: string } | { readonly ok: false; readonly reason: string };

/** Directory DuckDB is installed into (`<dir>/node_modules/@duckdb/node-api`). */
export function duckDbDir(): string {
  return path.join(tmpdir(), 'twinstack-bench-duckdb');
}

/** Installs `DUCKDB_PACKAGE` into `duckDbDir()` unless it is there already. */
export function ensureDuckDb(): DuckDbInstall {
  const dir = duckDbDir();
  const installed = path.join(dir, 'node_modules', '@duckdb', 'node-api', 'package.json');
  if (existsSync(installed)) return { ok: true, dir };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', dir, DUCKDB_PACKAGE], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status === 0 && existsSync(installed)) return { ok: true, dir };
  const output = `${result.error?.message ?? ''}\n${result.stderr ?? ''}`
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('Unknown user config'))
    .slice(-3)
    .join(' / ');
  return { ok: false, reason: `\`npm install ${DUCKDB_PACKAGE}\` into ${dir} failed (exit ${result.status ?? 'none'}): ${output || 'no output'}` };
}

/**
 * The GROUP BY the cost report computes, in DuckDB SQL: per billing currency, service and UTC day,
 * the sums of BilledCost and EffectiveCost as DECIMAL(38,18) (exact, the same 18 fractional digits
 * as the report's decimals, never binary floating point). Other columns' types are sniffed.
 */
export function duckDbReportQuery(file: string): string {
  const literal = `'${file.replace(/'/g, "''")}'`;
  return [
    "SELECT BillingCurrency, ServiceName, date_trunc('day', ChargePeriodStart) AS day,",
    '  sum(BilledCost) AS billed, sum(EffectiveCost) AS effective',
    `FROM read_csv(${literal}, header = true, types = {'BilledCost': 'DECIMAL(38,18)', 'EffectiveCost': 'DECIMAL(38,18)', 'ChargePeriodStart': 'TIMESTAMP'})`,
    'GROUP BY ALL',
  ].join('\n');
}
