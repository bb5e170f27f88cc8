/**
 * The cost report on a generated FOCUS CSV export of a million rows (`cost-data.ts`), beside DuckDB
 * answering the same GROUP BY on the same file in the same run. Each measurement is a fresh process
 * (the report's CLI, bundled; a small DuckDB script, bundled), the two alternating; wall time is
 * taken from outside, peak memory and CPU time by a probe preloaded into the process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import type { CostReport } from '../../functions/cost/report-model';
import { BENCH_FOCUS_COLUMNS, benchFocusFile, type BenchFocusFile } from './cost-data';
import { DUCKDB_PACKAGE, ensureDuckDb } from './cost-duckdb';
import type { DuckDbRun } from './cost-duckdb-run';
import type { ProbeReport } from './cost-probe';
import { median } from './stats';

const ROOT = path.join(__dirname, '..', '..');
const WORK = path.join(tmpdir(), 'twinstack-bench-cost');
/** The report measured: what `npm run cost` is asked for, the same grouping DuckDB is given. */
const REPORT_ARGS = ['--group-by', 'ServiceName', '--granularity', 'day', '--format', 'json'];
const TARGET_RATIO = 2;
const TARGET_RSS_BYTES = 256 * 2 ** 20;

interface Measured {
  readonly wallMs: number;
  readonly probe: ProbeReport;
  readonly stdout: string;
}

/** Bundles a script as one CommonJS file (as a deployed function is), so start-up is not a TypeScript loader's. */
function bundle(entry: string): string {
  const outfile = path.join(WORK, `${path.basename(entry, '.ts')}.js`);
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: `node${process.versions.node.split('.')[0]}`, format: 'cjs', logLevel: 'silent' });
  return outfile;
}

/** Runs `node -r <probe> <args>` to completion; throws with its stderr if it fails. */
function measure(probe: string, args: readonly string[]): Measured {
  const probeOut = path.join(WORK, 'probe.json');
  rmSync(probeOut, { force: true });
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-r', probe, ...args], { encoding: 'utf8', env: { ...process.env, TWINSTACK_PROBE_OUT: probeOut }, maxBuffer: 16 * 2 ** 20 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${path.basename(args[0])} exited ${result.status}: ${result.stderr.trim()}`);
  return { wallMs, probe: JSON.parse(readFileSync(probeOut, 'utf8')) as ProbeReport, stdout: result.stdout };
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const seconds = (millis: number) => `${(millis / 1000).toFixed(2)} s`;

function describeFile(data: BenchFocusFile): string {
  return [
    `A generated FOCUS 1.2 CSV export: ${data.rows.toLocaleString('en-US')} rows, ${BENCH_FOCUS_COLUMNS.length} columns, ${mib(data.bytes)}, seeded (the same bytes`,
    `every time) and cached as \`${data.file}\`. Hourly lines for 2024-01-01 to 2024-03-31 from ~4,000`,
    'resources in five AWS accounts billed in USD, one in EUR and one Alibaba Cloud account in CNY (USD ~88 % of rows);',
    'JSON tags (`k:v;k:v` for Alibaba), descriptions quoted because they hold commas, amounts below 0.001 in scientific',
    'notation as AWS writes them, a few credits.',
  ].join('\n');
}

/** Compares the report's totals and group × day count with DuckDB's; a sentence either way. */
function agreement(report: CostReport, duck: DuckDbRun): string {
  const ours = Object.fromEntries(report.reports.map((r) => [r.currency, r.totals]));
  const rows = report.reports.reduce((n, r) => n + r.groups.reduce((m, g) => m + g.periods.length, 0), 0);
  const codes = Object.keys(ours).sort();
  const same =
    codes.join() === Object.keys(duck.totals).sort().join() &&
    codes.every((code) => ours[code].BilledCost === duck.totals[code].BilledCost && ours[code].EffectiveCost === duck.totals[code].EffectiveCost);
  if (same && rows === duck.rows) return `Both give the same ${rows.toLocaleString('en-US')} currency × service × day sums, and the same totals to the last digit (${codes.join(', ')}).`;
  return `**The results differ**: report ${rows} group-days, totals ${JSON.stringify(ours)}; DuckDB ${duck.rows} rows, totals ${JSON.stringify(duck.totals)}.`;
}

/** Runs the comparison `runs` times on a generated file of `rows` rows; the BENCHMARKS.md section. */
export async function benchCost(runs: number, rows: number): Promise<string> {
  mkdirSync(WORK, { recursive: true });
  const data = await benchFocusFile(rows);
  const probe = bundle(path.join(__dirname, 'cost-probe.ts'));
  const cli = bundle(path.join(ROOT, 'tools', 'cost.ts'));
  const duckScript = bundle(path.join(__dirname, 'cost-duckdb-run.ts'));
  let duckdb = ensureDuckDb();
  const reportFile = path.join(WORK, 'report.json');

  const ours: Measured[] = [];
  const theirs: Measured[] = [];
  for (let run = 0; run < runs; run++) {
    ours.push(measure(probe, [cli, 'report', '--input', data.file, ...REPORT_ARGS, '--out', reportFile]));
    if (!duckdb.ok) continue;
    try {
      theirs.push(measure(probe, [duckScript, data.file, duckdb.dir]));
    } catch (error) {
      duckdb = { ok: false, reason: `DuckDB installed in ${duckdb.dir} but failed to run: ${(error as Error).message}` };
    }
  }
  if (!duckdb.ok) process.stderr.write(`cost: no DuckDB comparison, the report is measured alone: ${duckdb.reason}\n`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as CostReport;
  const oursWall = median(ours.map((m) => m.wallMs));
  const oursRss = Math.max(...ours.map((m) => m.probe.maxRssBytes));
  const lines = [
    describeFile(data),
    '',
    'Both answer one question: the sums of BilledCost and EffectiveCost per BillingCurrency × ServiceName × UTC day.',
    `Median of ${runs} runs, each a fresh process, the two alternating; peak RSS is the largest seen.`,
    '',
    '| what | wall time | CPU time | peak RSS |',
    '|---|---|---|---|',
    `| cost report: \`tools/cost.ts report ${REPORT_ARGS.join(' ')}\`, esbuild bundle, one thread | ${seconds(oursWall)} | ${seconds(median(ours.map((m) => m.probe.cpuMs)))} | ${mib(oursRss)} (target < ${mib(TARGET_RSS_BYTES)}) |`,
  ];
  if (!duckdb.ok) {
    lines.push('', `DuckDB comparison skipped: ${duckdb.reason}. The report's figures above were measured without it.`);
    return lines.join('\n');
  }
  const duckRuns = theirs.map((m) => JSON.parse(m.stdout.trim().split('\n').pop() as string) as DuckDbRun);
  const duckWall = median(theirs.map((m) => m.wallMs));
  lines.push(
    `| DuckDB (\`${DUCKDB_PACKAGE}\`): \`read_csv\` + GROUP BY, ${duckRuns[0].threads} threads | ${seconds(duckWall)} (query alone ${seconds(median(duckRuns.map((r) => r.queryMs)))}) | ${seconds(median(theirs.map((m) => m.probe.cpuMs)))} | ${mib(Math.max(...theirs.map((m) => m.probe.maxRssBytes)))} |`,
    `| report ÷ DuckDB, wall time | ${(oursWall / duckWall).toFixed(2)}× (target ≤ ${TARGET_RATIO}×) | | |`,
    '',
    agreement(report, duckRuns[duckRuns.length - 1]),
    '',
    'DuckDB sums DECIMAL(38,18), exact like the report\'s BigInt decimals (10^-18 units), so neither side uses binary',
    'floating point; the other columns\' types are sniffed; it may use every core. Wall times include starting Node and',
    'loading the code (the DuckDB native library for DuckDB). The report does more than the GROUP BY: it checks every',
    'required cell of every row (currency code, both timestamps, ListCost, Tags JSON) and stops at the first bad one with',
    '`file:line:column`, and adds budgets, anomalies and week-over-week movers to its JSON; DuckDB converts only the',
    'columns the query names.',
  );
  return lines.join('\n');
}
