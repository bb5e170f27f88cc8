import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { median, ms } from './stats';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function probe<T>(mode: 'aws' | 'alicloud', validation: boolean): T {
  const out = execFileSync(TSX, [path.join(__dirname, 'synth-probe.ts'), mode], {
    cwd: ROOT,
    env: { ...process.env, CDK_VALIDATION: validation ? 'true' : 'false' },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as T;
}

interface AwsProbe {
  readonly stacks: number;
  readonly floorMs: number;
  readonly allMs: number;
  readonly synthMs: number;
}

/**
 * Synthesis of every AWS stack against the floor of one empty stack synthesized first in the same
 * process (loading the CDK and synthesizing). The ratio is taken per process, then the median.
 */
export function benchSynth(runs: number): string {
  const lines: string[] = [];
  for (const validation of [true, false]) {
    const probes = Array.from({ length: runs }, () => probe<AwsProbe>('aws', validation));
    const ratio = median(probes.map((p) => p.allMs / p.floorMs));
    lines.push(
      `| ${validation ? 'on (`npm run synth`)' : 'off (unit tests)'} | ${probes[0].stacks} | ${ms(median(probes.map((p) => p.floorMs)))} | ${ms(median(probes.map((p) => p.allMs)))} | ${ratio.toFixed(2)}× | ${ms(median(probes.map((p) => p.synthMs)))} |`,
    );
  }
  return [
    `Median of ${runs} processes. Each process first synthesizes one empty stack (the floor: loading the CDK`,
    'and synthesizing), then builds and synthesizes every stack of the default spec.',
    '',
    '| CloudFormation validation | stacks | one empty stack (floor) | all stacks | ratio (target ≤ 3×) | of which `app.synth()` |',
    '|---|---|---|---|---|---|',
    ...lines,
    '',
    '`npm run synth` validates against the CloudFormation schemas, as aws-cdk-lib does by default; that is the',
    'configuration the target is set for. With validation off (unit tests), the floor is only aws-cdk-lib\'s core:',
    'its service modules load lazily, on first use, so that ratio mostly measures loading the service modules',
    'the stacks use, not synthesis overhead.',
  ].join('\n');
}

interface AlicloudProbe {
  readonly resources: number;
  readonly renderMs: number;
  readonly totalMs: number;
}

/** Rendering every Alibaba manifest under Pulumi's mocks, each run in a fresh process. */
export function benchManifests(runs: number): string {
  const probes = Array.from({ length: runs }, () => probe<AlicloudProbe>('alicloud', false));
  return [
    `Median of ${runs} fresh processes.`,
    '',
    '| what | resources | whole process | of which rendering |',
    '|---|---|---|---|',
    `| all Alibaba manifests | ${probes[0].resources} | ${ms(median(probes.map((p) => p.totalMs)))} | ${ms(median(probes.map((p) => p.renderMs)))} |`,
  ].join('\n');
}
