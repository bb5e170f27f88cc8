/**
 * `npm run bench [-- --runs N] [--pairs N] [--cost-rows N] [--only <section>[,<section>]]`: measures
 * what the project promises about speed and writes BENCHMARKS.md. Figures from one run on one
 * machine; compare ratios, not absolute times. With `--only`, the sections named are measured and
 * printed, and BENCHMARKS.md (which holds every section) is left as it is.
 */
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchApi } from './bench/api';
import { benchLambdaBundle } from './bench/bundle';
import { benchCost } from './bench/cost';
import { benchManifests, benchSynth } from './bench/synth';
import { benchTestSuite } from './bench/tests';
import { parseArgs } from './cli-args';

function positiveInteger(value: string | true | undefined, fallback: number, name: string): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive whole number`);
  return parsed;
}

/** Every section, in BENCHMARKS.md order: its heading and how to measure it. */
function sections(runs: number, pairs: number, costRows: number): readonly { name: string; heading: string; measure: () => string | Promise<string> }[] {
  return [
    { name: 'synth', heading: 'AWS synthesis', measure: () => benchSynth(runs) },
    { name: 'manifests', heading: 'Alibaba Cloud manifests', measure: () => benchManifests(runs) },
    { name: 'api', heading: 'Ticketing API (local server on DynamoDB Local)', measure: () => benchApi(pairs) },
    { name: 'bundle', heading: 'Lambda bundle', measure: () => benchLambdaBundle(runs) },
    { name: 'cost', heading: `Cost report on a ${costRows.toLocaleString('en-US')}-row FOCUS file, beside DuckDB`, measure: () => benchCost(runs, costRows) },
    { name: 'tests', heading: 'Test suite', measure: () => `| what | wall time | result |\n|---|---|---|\n${benchTestSuite()}` },
  ];
}

async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2), { values: ['runs', 'pairs', 'cost-rows', 'only'] });
  const runs = positiveInteger(options.runs, 5, 'runs');
  const pairs = positiveInteger(options.pairs, 200, 'pairs');
  const costRows = positiveInteger(options['cost-rows'], 1_000_000, 'cost-rows');
  const all = sections(runs, pairs, costRows);
  const only = typeof options.only === 'string' ? options.only.split(',').map((name) => name.trim()) : undefined;
  const unknown = only?.filter((name) => !all.some((section) => section.name === name)) ?? [];
  if (unknown.length) throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; sections are ${all.map((section) => section.name).join(', ')}`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const measured: string[] = [];
  for (const section of all.filter((candidate) => !only || only.includes(candidate.name))) {
    process.stdout.write(`${section.name}…\n`);
    measured.push(`## ${section.heading}\n\n${await section.measure()}\n`);
  }
  const flags = [`--runs ${runs}`, `--pairs ${pairs}`, ...(costRows === 1_000_000 ? [] : [`--cost-rows ${costRows}`]), ...(only ? [`--only ${only.join(',')}`] : [])];
  const report = `# Benchmarks

Produced by \`npm run bench -- ${flags.join(' ')}\` on ${machine}.
This machine is shared: read the ratios and medians, not single absolute times.

${measured.join('\n')}`;
  if (!only) writeFileSync(path.join(__dirname, '..', 'BENCHMARKS.md'), report);
  process.stdout.write(report);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
