import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const AUDIT = path.join(ROOT, 'tools', 'audit', 'main.ts');

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=audit-test', '-c', 'user.email=audit-test@example.com', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function audit(cwd: string, ...args: string[]) {
  return spawnSync(TSX, [AUDIT, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: 'false' } });
}

/**
 * A clone of this repository's last commit, with one more commit on top that shortens the flow
 * log retention on both clouds, and a spec that renders only the hybrid VPN (to keep synthesis short).
 */
function cloneWithChange(): string {
  const clone = path.join(mkdtempSync(path.join(tmpdir(), 'audit-git-')), 'repo');
  spawnSync('git', ['clone', '--quiet', '--shared', ROOT, clone], { encoding: 'utf8' });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  const spec = parseDocument(readFileSync(path.join(clone, 'stacks', 'spec', 'default.yaml'), 'utf8'));
  for (const architecture of ['dual-active', 'disaster-recovery', 'high-performance-web']) spec.setIn(['architectures', architecture, 'enabled'], false);
  for (const service of ['service-desk', 'cost-reporting']) if (spec.hasIn(['services', service])) spec.setIn(['services', service, 'enabled'], false);
  writeFileSync(path.join(clone, 'audit-spec.yaml'), spec.toString());
  const edit = (file: string, from: string, to: string) => {
    const text = readFileSync(path.join(clone, file), 'utf8');
    if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
    writeFileSync(path.join(clone, file), text.replace(from, to));
  };
  edit('constructs/aws/network.ts', 'logs.RetentionDays.THREE_MONTHS', 'logs.RetentionDays.ONE_MONTH');
  edit('constructs/alicloud/network.ts', 'retentionPeriod: args.flowLogRetentionDays ?? 90', 'retentionPeriod: args.flowLogRetentionDays ?? 30');
  git(clone, 'commit', '--quiet', '-am', 'Shorter flow log retention');
  return clone;
}

describe('npm run audit -- diff between git revisions', () => {
  let clone: string;
  beforeAll(() => {
    clone = cloneWithChange();
  });
  afterAll(() => rmSync(path.dirname(clone), { recursive: true, force: true }));

  it('synthesizes the base in a temporary worktree, finds the shortened retention on both clouds, exits 1, and leaves no worktree behind', () => {
    const result = audit(clone, 'diff', '--base', 'HEAD~1', '--spec', 'audit-spec.yaml', '--format', 'json');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const diff = JSON.parse(result.stdout);
    expect(diff.base).toEqual({ ref: 'HEAD~1', commit: git(clone, 'rev-parse', 'HEAD~1') });
    expect(diff.head).toEqual({ ref: 'working tree' });
    expect(diff.security).toEqual([
      expect.objectContaining({ category: 'retention', verb: 'shortened', cloud: 'aws', scope: 'twinstack-prod-hybrid-vpn', detail: 'log retention (90 days → 30 days)' }),
      expect.objectContaining({ category: 'retention', verb: 'shortened', cloud: 'alicloud', scope: 'hybrid-vpn', detail: 'log retention (90 days → 30 days)' }),
    ]);
    expect(git(clone, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect(existsSync(path.join(clone, 'cdk.out'))).toBe(false);
    expect(existsSync(path.join(clone, 'dist', 'alicloud'))).toBe(false);
  });

  it('reports no change and exits 0 for the same commit on both sides, in markdown by default', () => {
    const result = audit(clone, 'diff', '--base', 'HEAD', '--head', 'HEAD', '--spec', 'audit-spec.yaml');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No infrastructure change.');
  });

  it('exits 2 with one line for an unknown ref, and with the usage for a missing --base', () => {
    const unknown = audit(clone, 'diff', '--base', 'no-such-branch');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toEqual([`audit: no-such-branch is not a commit in ${git(clone, 'rev-parse', '--show-toplevel')}`]);
    const usage = audit(clone, 'diff', '--fail-on', 'sometimes');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run audit -- diff --base <git-ref>');
  });
});
