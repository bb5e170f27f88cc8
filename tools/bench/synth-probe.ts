/**
 * One measurement process of the synth benchmark.
 * - `aws`: first synthesizes one empty stack (the floor: loading the CDK and synthesizing), then, in
 *   the same process, builds and synthesizes every AWS stack of the default spec; prints both times.
 * - `alicloud`: renders every Alibaba manifest under Pulumi's mocks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/* eslint-disable @typescript-eslint/no-require-imports */
const mode = process.argv[2];
const scratch = mkdtempSync(path.join(tmpdir(), 'twinstack-bench-'));
const print = (result: object) => process.stdout.write(JSON.stringify({ mode, ...result }) + '\n');

function probeAws(): void {
  const started = performance.now();
  const cdk = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const empty = new cdk.App({ outdir: path.join(scratch, 'empty') });
  const emptyStack = new cdk.Stack(empty, 'Empty', { env: { account: '111122223333', region: 'eu-west-1' } });
  cdk.Validations.of(emptyStack).acknowledge({ id: 'CloudFormation-Validate::F0001', reason: 'The floor stack is empty on purpose.' });
  empty.synth();
  const floorDone = performance.now();

  const { buildAwsApp } = require('../../stacks/aws/build') as typeof import('../../stacks/aws/build');
  const { loadSpec } = require('../../stacks/spec') as typeof import('../../stacks/spec');
  const { app } = buildAwsApp(loadSpec(), { outdir: path.join(scratch, 'all') });
  const built = performance.now();
  const assembly = app.synth();
  const done = performance.now();
  print({ stacks: assembly.stacks.length, floorMs: floorDone - started, allMs: done - floorDone, synthMs: done - built });
}

async function probeAlicloud(): Promise<void> {
  const started = performance.now();
  const { renderManifests } = require('../../stacks/alicloud/manifest') as typeof import('../../stacks/alicloud/manifest');
  const { loadSpec } = require('../../stacks/spec') as typeof import('../../stacks/spec');
  const loaded = performance.now();
  const manifests = await renderManifests(loadSpec());
  const done = performance.now();
  const resources = Object.values(manifests).reduce((n, m) => n + m.resources.length, 0);
  print({ resources, renderMs: done - loaded, totalMs: done - started });
}

(mode === 'aws' ? Promise.resolve(probeAws()) : mode === 'alicloud' ? probeAlicloud() : Promise.reject(new Error(`usage: synth-probe aws|alicloud (got ${mode})`)))
  .finally(() => rmSync(scratch, { recursive: true, force: true }))
  .catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  });
