/**
 * One measurement, run in a fresh process by the synth benchmark: load the CDK, build either one
 * empty stack (the floor) or every architecture of the default spec, synthesize, print timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const mode = process.argv[2];
const outdir = mkdtempSync(path.join(tmpdir(), 'twinstack-bench-'));
const started = performance.now();
/* eslint-disable @typescript-eslint/no-require-imports */
const cdk = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
if (mode === 'alicloud') {
  // Alibaba manifests of every architecture, under Pulumi's mocks.
  const { renderManifests } = require('../../stacks/alicloud/manifest') as typeof import('../../stacks/alicloud/manifest');
  const { loadSpec } = require('../../stacks/spec') as typeof import('../../stacks/spec');
  const loaded = performance.now();
  renderManifests(loadSpec()).then((manifests) => {
    const done = performance.now();
    const resources = Object.values(manifests).reduce((n, m) => n + m.resources.length, 0);
    process.stdout.write(JSON.stringify({ mode, resources, buildMs: loaded - started, synthMs: done - loaded, totalMs: done - started }) + '\n');
  });
} else {
let app: import('aws-cdk-lib').App;
if (mode === 'empty') {
  app = new cdk.App({ outdir });
  new cdk.Stack(app, 'Empty', { env: { account: '111122223333', region: 'eu-west-1' } });
} else if (mode === 'all') {
  const { buildAwsApp } = require('../../stacks/aws/build') as typeof import('../../stacks/aws/build');
  const { loadSpec } = require('../../stacks/spec') as typeof import('../../stacks/spec');
  app = buildAwsApp(loadSpec(), { outdir }).app;
} else {
  throw new Error(`usage: synth-probe empty|all (got ${mode})`);
}
const built = performance.now();
const assembly = app.synth();
const done = performance.now();
rmSync(outdir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({ mode, stacks: assembly.stacks.length, buildMs: built - started, synthMs: done - built, totalMs: done - started }) + '\n',
);
}
