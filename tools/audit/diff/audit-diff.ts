import type { ResourcePair } from '../security';
import { classify } from '../security';
import { diffManifest } from './alicloud-diff';
import { diffStack } from './aws-diff';
import type { AuditDiff, DiffSummary, FailOn, Revision, ScopeDiff } from './model';
import type { Snapshot } from './snapshot';

export interface DiffOptions {
  readonly base: Revision;
  readonly head: Revision;
  /** What makes the diff fail (exit 1). @default security */
  readonly failOn?: FailOn;
  /** Notes from synthesis to carry into the report. */
  readonly warnings?: readonly string[];
}

function names<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort();
}

function summarize(scopes: readonly ScopeDiff[], security: AuditDiff['security']): DiffSummary {
  const count = (kind: string) => scopes.reduce((n, s) => n + s.resources.filter((r) => r.change === kind).length, 0);
  return {
    scopesChanged: scopes.length,
    added: count('added'),
    removed: count('removed'),
    modified: count('modified'),
    replaced: count('replaced'),
    securityWeakening: security.filter((f) => f.weakens).length,
    securityStrengthening: security.filter((f) => !f.weakens).length,
  };
}

/** Whether the diff meets the `--fail-on` threshold. */
export function meetsThreshold(failOn: FailOn, summary: DiffSummary, scopes: readonly ScopeDiff[]): boolean {
  if (failOn === 'none') return false;
  if (failOn === 'any') return scopes.length > 0;
  return summary.securityWeakening > 0;
}

/**
 * Compares two revisions' synthesized output: stacks matched by name, manifests by
 * architecture. A cloud whose files one revision did not write is not compared, with a warning
 * (rather than every stack reported removed).
 */
export function diffSnapshots(base: Snapshot, head: Snapshot, options: DiffOptions): AuditDiff {
  const warnings = [...(options.warnings ?? [])];
  const scopes: ScopeDiff[] = [];
  const pairs: ResourcePair[] = [];
  const notCompared = (what: string, missing: Revision[]) =>
    warnings.push(`${what} not compared: the synthesis of ${missing.map((r) => r.ref).join(' and ')} wrote none`);

  if (base.aws && head.aws) {
    for (const name of names(base.aws, head.aws)) {
      const [was, now] = [base.aws.get(name), head.aws.get(name)];
      const diff = diffStack(name, (now ?? was)!.file, was?.template, now?.template);
      if (!diff) continue;
      scopes.push(diff.scope);
      pairs.push(...diff.pairs);
    }
  } else {
    notCompared('AWS stacks', [...(base.aws ? [] : [options.base]), ...(head.aws ? [] : [options.head])]);
  }
  if (base.alicloud && head.alicloud) {
    for (const name of names(base.alicloud, head.alicloud)) {
      const [was, now] = [base.alicloud.get(name), head.alicloud.get(name)];
      const diff = diffManifest(name, (now ?? was)!.file, was?.manifest, now?.manifest);
      if (!diff) continue;
      scopes.push(diff.scope);
      pairs.push(...diff.pairs);
    }
  } else {
    notCompared('Alibaba Cloud manifests', [...(base.alicloud ? [] : [options.base]), ...(head.alicloud ? [] : [options.head])]);
  }

  const security = classify(pairs);
  const summary = summarize(scopes, security);
  const failOn = options.failOn ?? 'security';
  return {
    schemaVersion: 1,
    base: options.base,
    head: options.head,
    failOn,
    failed: meetsThreshold(failOn, summary, scopes),
    summary,
    warnings,
    security,
    scopes,
  };
}
