import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ms } from './stats';

const ROOT = path.join(__dirname, '..', '..');

/** Wall time of the whole test suite (`npm test`), one run. */
export function benchTestSuite(): string {
  const started = performance.now();
  const result = spawnSync('npx', ['jest', '--silent'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const elapsed = performance.now() - started;
  const summary = `${result.stdout}\n${result.stderr}`.match(/^Tests:.*$/m)?.[0] ?? 'no summary';
  return `| \`npm test\` wall time | ${ms(elapsed)} | ${summary.replace(/\s+/g, ' ')} (exit ${result.status}) |`;
}
