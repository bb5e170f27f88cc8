/**
 * Synthesizes one revision of the repository, offline, into a temporary directory:
 * - the working tree: its own `tools/synth-all.ts`, run where it is;
 * - a git ref: checked out with `git worktree add --detach` into the temporary directory, the
 *   current `node_modules` linked in (no install, no network), its `tools/synth-all.ts` run
 *   there; the worktree is removed afterwards (`git worktree remove --force`), failure or not.
 * The user's cdk.out/ and dist/ are never written.
 *
 * `synth-all` exits 1 when a compliance check fails, after writing what it could (cdk-nag
 * errors stop it after the CloudFormation templates, before the Alibaba manifests). The diff
 * uses what was written and carries a warning; a cloud with no files is not compared. Only a
 * synthesis that wrote nothing at all is an error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { Revision } from './model';
import type { SynthesisOutput } from './snapshot';

/** A revision could not be synthesized; the message is one line for the user. */
export class SynthesisError extends Error {}

export interface RevisionSynthesis {
  readonly revision: Revision;
  readonly output: SynthesisOutput;
  readonly warnings: string[];
}

export interface SynthesizeOptions {
  /** The checkout the audit runs in (its git repository and node_modules are used). */
  readonly repoRoot: string;
  /** A git ref; undefined for the working tree as it is. */
  readonly ref?: string;
  /** A spec file (absolute), the same for every revision; undefined: each revision's own default spec. */
  readonly specPath?: string;
  /** An empty directory this synthesis may write into. */
  readonly workDir: string;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function firstLine(text: string | null | undefined): string {
  return (text ?? '').split('\n').map((l) => l.trim()).find(Boolean) ?? '(no output)';
}

function git(repoRoot: string, args: readonly string[]): string {
  const result = run('git', args, repoRoot);
  if (result.error) throw new SynthesisError(`git is not available: ${result.error.message}`);
  if (result.status !== 0) throw new SynthesisError(`git ${args[0]} failed: ${firstLine(result.stderr)}`);
  return result.stdout.trim();
}

/** The top directory of the git repository containing `dir`. */
export function repositoryRoot(dir: string): string {
  return git(dir, ['rev-parse', '--show-toplevel']);
}

/** The commit a ref names; a SynthesisError naming the ref when there is none. */
export function resolveCommit(repoRoot: string, ref: string): string {
  const result = run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repoRoot);
  if (result.status !== 0) throw new SynthesisError(`${ref} is not a commit in ${repoRoot}`);
  return result.stdout.trim();
}

const SYNTH_SCRIPT = path.join('tools', 'synth-all.ts');

/** Refuses a source tree whose synth-all cannot write to chosen directories, naming why. */
function checkSynthesizer(sourceDir: string, label: string): void {
  const script = path.join(sourceDir, SYNTH_SCRIPT);
  if (!existsSync(script)) throw new SynthesisError(`${label} has no ${SYNTH_SCRIPT}: it cannot be synthesized offline by this tool`);
  const text = readFileSync(script, 'utf8');
  if (!text.includes("'outdir'") || !text.includes("'dist'")) {
    throw new SynthesisError(`${label} cannot be audited: its ${SYNTH_SCRIPT} has no --outdir/--dist options (pick a newer base)`);
  }
}

function synthesizeTree(sourceDir: string, label: string, options: SynthesizeOptions): { output: SynthesisOutput; warnings: string[] } {
  checkSynthesizer(sourceDir, label);
  const output = { cdkOut: path.join(options.workDir, 'cdk.out'), dist: path.join(options.workDir, 'dist') };
  const tsx = path.join(options.repoRoot, 'node_modules', '.bin', 'tsx');
  const args = [path.join(sourceDir, SYNTH_SCRIPT), '--outdir', output.cdkOut, '--dist', output.dist, ...(options.specPath ? ['--spec', options.specPath] : [])];
  // CloudFormation schema validation changes no template byte; the diff skips its cost.
  const result = run(tsx, args, sourceDir, { ...process.env, CDK_VALIDATION: process.env.CDK_VALIDATION ?? 'false' });
  if (result.error) throw new SynthesisError(`synthesis of ${label} could not start: ${result.error.message}`);
  const wroteTemplates = existsSync(output.cdkOut) && readdirSync(output.cdkOut).some((f) => f.endsWith('.template.json'));
  const wroteManifests = existsSync(path.join(output.dist, 'alicloud'));
  if (result.status === 0) return { output, warnings: [] };
  if (result.status === 1 && (wroteTemplates || wroteManifests)) {
    const reason = firstLine(result.stderr) !== '(no output)' ? firstLine(result.stderr) : 'compliance errors';
    return { output, warnings: [`synthesis of ${label} exited 1 (${reason}); the diff uses the files it wrote`] };
  }
  throw new SynthesisError(`synthesis of ${label} failed (exit ${result.status}): ${firstLine(result.stderr || result.stdout)}`);
}

/** Synthesizes the working tree or a git ref (see the module comment). */
export function synthesizeRevision(options: SynthesizeOptions): RevisionSynthesis {
  mkdirSync(options.workDir, { recursive: true });
  if (options.ref === undefined) {
    const revision: Revision = { ref: 'working tree' };
    return { revision, ...synthesizeTree(options.repoRoot, 'the working tree', options) };
  }
  const commit = resolveCommit(options.repoRoot, options.ref);
  const revision: Revision = { ref: options.ref, commit };
  const modules = path.join(options.repoRoot, 'node_modules');
  if (!existsSync(modules)) throw new SynthesisError(`${options.repoRoot} has no node_modules to synthesize ${options.ref} with (run npm ci first)`);
  const sourceDir = path.join(options.workDir, 'source');
  const link = path.join(sourceDir, 'node_modules');
  git(options.repoRoot, ['worktree', 'add', '--detach', sourceDir, commit]);
  try {
    symlinkSync(realpathSync(modules), link, 'dir');
    return { revision, ...synthesizeTree(sourceDir, options.ref, options) };
  } finally {
    // The link goes first, so that removing the worktree can only ever touch the worktree.
    if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(link);
    run('git', ['worktree', 'remove', '--force', sourceDir], options.repoRoot);
  }
}
