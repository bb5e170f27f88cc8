/**
 * The Lambda bundle as deployed: its size (esbuild, minified, AWS SDK left to the runtime) and the
 * time `require` of it adds to a fresh Node process (the cold start our code is responsible for).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleFunction } from '../bundle-function';
import { median, ms } from './stats';

const ROOT = path.join(__dirname, '..', '..');

function nodeRunMs(script: string): number {
  const started = performance.now();
  execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), TABLE_NAME: 'bench' } });
  return performance.now() - started;
}

export function benchLambdaBundle(runs: number): string {
  const bundle = bundleFunction({ entry: path.join(ROOT, 'functions', 'runtime', 'lambda.ts'), external: ['@aws-sdk/*'] });
  const empty: number[] = [];
  const loaded: number[] = [];
  for (let i = 0; i < runs; i++) {
    empty.push(nodeRunMs(''));
    loaded.push(nodeRunMs(`require(${JSON.stringify(bundle.file)})`));
  }
  const added = median(loaded.map((t, i) => t - empty[i]));
  return [
    `Median of ${runs} fresh \`node\` processes each; the bundle's \`require\` includes the AWS SDK v3 modules it`,
    'imports (the Lambda runtime ships them, so they load at cold start too).',
    '',
    '| what | value | target |',
    '|---|---|---|',
    `| Lambda bundle (minified, \`functions/runtime/lambda.ts\`) | ${(bundle.code.length / 1024).toFixed(1)} KB | ≤ 300 KB |`,
    `| empty \`node\` process | ${ms(median(empty))} | |`,
    `| \`require\` of the bundle, added to that | ${ms(added)} | |`,
  ].join('\n');
}
