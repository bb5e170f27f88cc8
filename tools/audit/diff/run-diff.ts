import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { diffSnapshots } from './audit-diff';
import type { AuditDiff, FailOn } from './model';
import { renderDiffMarkdown } from './render-markdown';
import { readSnapshot } from './snapshot';
import { repositoryRoot, synthesizeRevision } from './synth-revision';

export interface DiffCommand {
  /** Where the command runs; its git repository is the one audited. */
  readonly cwd: string;
  readonly base: string;
  /** @default the working tree */
  readonly head?: string;
  /** A spec file, resolved against `cwd` and used for both revisions. */
  readonly spec?: string;
  readonly format: 'md' | 'json';
  readonly failOn: FailOn;
}

/** The diff as the chosen format prints it. */
export function formatDiff(diff: AuditDiff, format: 'md' | 'json'): string {
  return format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffMarkdown(diff);
}

/** Synthesizes both revisions into a temporary directory (removed afterwards) and diffs them. */
export function runDiff(command: DiffCommand): AuditDiff {
  const repoRoot = repositoryRoot(command.cwd);
  const specPath = command.spec === undefined ? undefined : path.resolve(command.cwd, command.spec);
  const workDir = mkdtempSync(path.join(tmpdir(), 'twinstack-audit-'));
  try {
    const base = synthesizeRevision({ repoRoot, ref: command.base, specPath, workDir: path.join(workDir, 'base') });
    const head = synthesizeRevision({ repoRoot, ref: command.head, specPath, workDir: path.join(workDir, 'head') });
    return diffSnapshots(readSnapshot(base.output), readSnapshot(head.output), {
      base: base.revision,
      head: head.revision,
      failOn: command.failOn,
      warnings: [...base.warnings, ...head.warnings],
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
