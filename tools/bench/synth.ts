import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { median, ms } from './stats';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Probe {
  readonly mode: string;
  readonly stacks: number;
  readonly totalMs: number;
  readonly synthMs: number;
}

function probe(mode: 'empty' | 'all' | 'alicloud', validation: boolean): Probe {
  const out = execFileSync(TSX, [path.join(__dirname, 'synth-probe.ts'), mode], {
    cwd: ROOT,
    env: { ...process.env, CDK_VALIDATION: validation ? 'true' : 'false' },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

/**
 * Synthesis of every AWS stack against the floor of one empty stack, each in a fresh process
 * (module loading included), alternating so that machine noise hits both alike.
 */
export function benchSynth(runs: number): string {
  const lines: string[] = [];
  for (const validation of [false, true]) {
    const empty: Probe[] = [];
    const all: Probe[] = [];
    for (let i = 0; i < runs; i++) {
      empty.push(probe('empty', validation));
      all.push(probe('all', validation));
    }
    const floor = median(empty.map((p) => p.totalMs));
    const total = median(all.map((p) => p.totalMs));
    lines.push(
      `| ${validation ? 'on (`npm run synth`)' : 'off (unit tests)'} | ${all[0].stacks} | ${ms(floor)} | ${ms(total)} | ${(total / floor).toFixed(2)}× | ${ms(median(all.map((p) => p.synthMs)))} |`,
    );
  }
  return [
    `Median of ${runs} fresh processes each; load + build + synth, validation as noted.`,
    '',
    '| CloudFormation validation | stacks | one empty stack (floor) | all stacks | ratio (target ≤ 3×) | of which `app.synth()` |',
    '|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}

/** Rendering every Alibaba manifest under Pulumi's mocks, each run in a fresh process. */
export function benchManifests(runs: number): string {
  const probes = Array.from({ length: runs }, () => probe('alicloud', false));
  return [
    `Median of ${runs} fresh processes.`,
    '',
    '| what | resources | whole process | of which rendering |',
    '|---|---|---|---|',
    `| all Alibaba manifests | ${(probes[0] as unknown as { resources: number }).resources} | ${ms(median(probes.map((p) => p.totalMs)))} | ${ms(median(probes.map((p) => p.synthMs)))} |`,
  ].join('\n');
}
