/**
 * The diff between two synthesized revisions, as `npm run audit -- diff --format json` prints it.
 * The schema is stable; fields are only ever added. Version 1:
 *
 * {
 *   "schemaVersion": 1,
 *   "base": { "ref": "main", "commit": "<sha>" },          // commit absent for the working tree
 *   "head": { "ref": "working tree" },
 *   "failOn": "security" | "any" | "none",
 *   "failed": boolean,                                   // the exit code is 1 exactly when true
 *   "summary": { "scopesChanged", "added", "removed", "modified", "replaced",
 *                "securityWeakening", "securityStrengthening" },   // counts
 *   "warnings": [string],                                // e.g. a cloud not compared, and why
 *   "security": [SecurityFinding],                       // weakening first (see ../security/types.ts)
 *   "scopes": [ScopeDiff]                                // changed stacks, then changed manifests, by name
 * }
 * ScopeDiff:      { cloud: "aws" | "alicloud", name, file, status: "added" | "removed" | "changed",
 *                   resources: [ResourceChange], otherChanges: [OtherChange] }
 * ResourceChange: { id, type, change: "added" | "removed" | "modified" | "replaced",
 *                   renamedFrom?, mayReplace?, retained?, properties: [PropertyChange] }
 * PropertyChange: { path, before?, after?, replaces? }   // an absent before/after: the value is absent
 * OtherChange:    { section, id, change: "added" | "removed" | "modified" }
 */
import type { Cloud, SecurityFinding } from '../security';

export type ChangeKind = 'added' | 'removed' | 'modified' | 'replaced';

/** One changed leaf of a resource's properties (AWS) or inputs (Alibaba). */
export interface PropertyChange {
  /** `Properties.SecurityGroupIngress[0].FromPort`, `inputs.acl`, `DeletionPolicy`, `region`. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** This change makes the cloud replace the resource (delete and create). */
  readonly replaces?: boolean;
}

/** One resource added, removed, modified or replaced. */
export interface ResourceChange {
  /** Logical id (AWS) or resource name (Alibaba), at head unless removed. */
  readonly id: string;
  readonly type: string;
  readonly change: ChangeKind;
  /** Replaced by a resource under a new id: the old id. */
  readonly renamedFrom?: string;
  /** AWS: a property change that replaces the resource under some conditions only. */
  readonly mayReplace?: boolean;
  /** AWS: removed from the template (or, renamed, the old one) but kept in the account (DeletionPolicy Retain). */
  readonly retained?: boolean;
  readonly properties: readonly PropertyChange[];
}

/** A change outside the resources: a stack output or parameter, a manifest output. */
export interface OtherChange {
  /** `Outputs`, `Parameters`, `Conditions`, `Mappings` (AWS) or `outputs` (Alibaba). */
  readonly section: string;
  readonly id: string;
  readonly change: 'added' | 'removed' | 'modified';
}

/** The changes of one AWS stack (matched by template file name) or Alibaba manifest (by architecture). */
export interface ScopeDiff {
  readonly cloud: Cloud;
  /** Stack name or architecture. */
  readonly name: string;
  /** The file compared, relative to the synthesis output: `x.template.json`, `alicloud/x.json`. */
  readonly file: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly resources: readonly ResourceChange[];
  readonly otherChanges: readonly OtherChange[];
}

/** One side of the diff. */
export interface Revision {
  /** What the user named: a git ref, or `working tree`. */
  readonly ref: string;
  readonly commit?: string;
}

export interface DiffSummary {
  readonly scopesChanged: number;
  readonly added: number;
  readonly removed: number;
  readonly modified: number;
  readonly replaced: number;
  readonly securityWeakening: number;
  readonly securityStrengthening: number;
}

export type FailOn = 'security' | 'any' | 'none';

export interface AuditDiff {
  readonly schemaVersion: 1;
  readonly base: Revision;
  readonly head: Revision;
  readonly failOn: FailOn;
  readonly failed: boolean;
  readonly summary: DiffSummary;
  readonly warnings: readonly string[];
  readonly security: readonly SecurityFinding[];
  readonly scopes: readonly ScopeDiff[];
}
