/**
 * `npm run bench [-- --runs N]`: measures what the project promises about speed and writes
 * BENCHMARKS.md. Figures from one run on one machine; compare ratios, not absolute times.
 */
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchManifests, benchSynth } from './bench/synth';
import { benchTestSuite } from './bench/tests';
import { parseArgs } from './cli-args';

const { options } = parseArgs(process.argv.slice(2), { values: ['runs'] });
const runs = Number(options.runs ?? 5);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive whole number');

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stdout.write('synth…\n');
const synth = benchSynth(runs);
process.stdout.write('alibaba manifests…\n');
const manifests = benchManifests(runs);
process.stdout.write('test suite…\n');
const tests = benchTestSuite();

const report = `# Benchmarks

Produced by \`npm run bench -- --runs ${runs}\` on ${machine}.
This machine is shared: read the ratios and medians, not single absolute times.

## AWS synthesis

${synth}

## Alibaba Cloud manifests

${manifests}

## Test suite

| what | wall time | result |
|---|---|---|
${tests}
`;
writeFileSync(path.join(__dirname, '..', 'BENCHMARKS.md'), report);
process.stdout.write(report);
