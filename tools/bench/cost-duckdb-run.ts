/**
 * One DuckDB measurement, in its own process as the cost report runs in its own:
 * `node cost-duckdb-run.js <FOCUS csv> <duckdb install dir>`. Runs `duckDbReportQuery` on a fresh
 * in-memory database with DuckDB's default threads (all cores), reads every result row, and prints
 * one JSON line: threads, query time, result rows and the totals per currency (for checking them
 * against the report's).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDecimal, decimalFromUnits, formatDecimal, ZERO, type Decimal } from '../../functions/cost/decimal';
import { duckDbReportQuery } from './cost-duckdb';

/** The part of `@duckdb/node-api` used here (the package is not a project dependency, so neither are its types). */
interface DuckDbApi {
  readonly DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckDbConnection> }> };
}
interface DuckDbConnection {
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
}
/** How the API hands back a DECIMAL value. */
interface DuckDbDecimal {
  readonly value: bigint;
  readonly scale: number;
}

/** What the run prints. */
export interface DuckDbRun {
  readonly threads: string;
  readonly queryMs: number;
  readonly rows: number;
  readonly totals: Readonly<Record<string, { readonly BilledCost: string; readonly EffectiveCost: string }>>;
}

function asDecimal(value: unknown): Decimal {
  const { value: units, scale } = value as DuckDbDecimal;
  if (scale !== 18) throw new Error(`expected DECIMAL(38,18) sums, got scale ${scale}`);
  return decimalFromUnits(units);
}

async function main(): Promise<void> {
  const [file, dir] = process.argv.slice(2);
  if (!file || !dir) throw new Error('usage: cost-duckdb-run <FOCUS csv> <duckdb install dir>');
  const { DuckDBInstance } = createRequire(path.join(dir, 'package.json'))('@duckdb/node-api') as DuckDbApi;
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const [[threads]] = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows();

  const started = performance.now();
  const rows = (await connection.runAndReadAll(duckDbReportQuery(file))).getRows();
  const queryMs = performance.now() - started;

  const sums = new Map<string, { billed: Decimal; effective: Decimal }>();
  for (const [currency, , , billed, effective] of rows) {
    const sum = sums.get(String(currency)) ?? { billed: ZERO, effective: ZERO };
    sums.set(String(currency), { billed: addDecimal(sum.billed, asDecimal(billed)), effective: addDecimal(sum.effective, asDecimal(effective)) });
  }
  const totals = Object.fromEntries([...sums].map(([currency, sum]) => [currency, { BilledCost: formatDecimal(sum.billed), EffectiveCost: formatDecimal(sum.effective) }]));
  const run: DuckDbRun = { threads: String(threads), queryMs, rows: rows.length, totals };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
