/**
 * `npm run bench [-- --runs N] [--pairs N]`: measures what the project promises about speed and
 * writes BENCHMARKS.md. Figures from one run on one machine; compare ratios, not absolute times.
 */
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchApi } from './bench/api';
import { benchLambdaBundle } from './bench/bundle';
import { benchManifests, benchSynth } from './bench/synth';
import { benchTestSuite } from './bench/tests';
import { parseArgs } from './cli-args';

function positiveInteger(value: string | true | undefined, fallback: number, name: string): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive whole number`);
  return parsed;
}

async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2), { values: ['runs', 'pairs'] });
  const runs = positiveInteger(options.runs, 5, 'runs');
  const pairs = positiveInteger(options.pairs, 200, 'pairs');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write('synth…\n');
  const synth = benchSynth(runs);
  process.stdout.write('alibaba manifests…\n');
  const manifests = benchManifests(runs);
  process.stdout.write('ticketing API…\n');
  const api = await benchApi(pairs);
  process.stdout.write('lambda bundle…\n');
  const bundle = benchLambdaBundle(runs);
  process.stdout.write('test suite…\n');
  const tests = benchTestSuite();

  const report = `# Benchmarks

Produced by \`npm run bench -- --runs ${runs} --pairs ${pairs}\` on ${machine}.
This machine is shared: read the ratios and medians, not single absolute times.

## AWS synthesis

${synth}

## Alibaba Cloud manifests

${manifests}

## Ticketing API (local server on DynamoDB Local)

${api}

## Lambda bundle

${bundle}

## Test suite

| what | wall time | result |
|---|---|---|
${tests}
`;
  writeFileSync(path.join(__dirname, '..', 'BENCHMARKS.md'), report);
  process.stdout.write(report);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
