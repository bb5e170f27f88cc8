/**
 * The compliance report, as `npm run audit -- report` writes it to dist/compliance.json. Stable
 * schema; fields are only ever added. Version 1:
 *
 * {
 *   "schemaVersion": 1,
 *   "sources": { "cdkOut": "cdk.out", "dist": "dist", "spec": "stacks/spec/default.yaml" },
 *   "summary": { "errors", "warnings", "notes", "acknowledged" },   // unacknowledged by level, then acknowledged
 *   "rules": [{ "tool", "id", "description", "level" }],             // every rule a finding names, by tool then id
 *   "scopes": [{ "cloud": "aws" | "alicloud", "name", "file",
 *                "findings": [{ "tool", "ruleId", "rule", "level", "resource", "constructPath"?, "message", "acknowledged"? }] }]
 * }
 * `acknowledged` is `{ "reason": "..." }` on a finding accepted in code; acknowledged findings are
 * listed with the others and not counted as errors or warnings.
 */
import type { Cloud } from '../security';

/** Where a finding comes from: the cdk-nag AwsSolutions pack, CDK's CloudFormation validation, or this repository's Alibaba rules. */
export type ComplianceTool = 'cdk-nag' | 'cloudformation-validate' | 'twinstack-alicloud-rules';

export type Level = 'error' | 'warning' | 'note';

export interface ComplianceFinding {
  readonly tool: ComplianceTool;
  /** The id as the tool reports it, with its detail (`AwsSolutions-IAM5[Action::s3:*]`). */
  readonly ruleId: string;
  /** The rule's own id (`AwsSolutions-IAM5`). */
  readonly rule: string;
  readonly level: Level;
  /** Logical id (AWS) or resource name (Alibaba); a construct path when the finding is on a construct above the resources. */
  readonly resource: string;
  /** AWS: the construct path the finding or acknowledgement is on. */
  readonly constructPath?: string;
  readonly message: string;
  /** Present when the finding is accepted in code; the reason a reviewer reads. */
  readonly acknowledged?: { readonly reason: string };
}

/** One stack's or manifest's findings. */
export interface ComplianceScope {
  readonly cloud: Cloud;
  readonly name: string;
  /** The template or manifest file, relative to where the report was made. */
  readonly file: string;
  readonly findings: readonly ComplianceFinding[];
}

export interface RuleDescription {
  readonly tool: ComplianceTool;
  readonly id: string;
  readonly description: string;
  readonly level: Level;
}

export interface ComplianceReportDocument {
  readonly schemaVersion: 1;
  readonly sources: { readonly cdkOut: string; readonly dist: string; readonly spec: string };
  readonly summary: { readonly errors: number; readonly warnings: number; readonly notes: number; readonly acknowledged: number };
  readonly rules: readonly RuleDescription[];
  readonly scopes: readonly ComplianceScope[];
}

/** `AwsSolutions-IAM5[Action::s3:*]` → `AwsSolutions-IAM5`. */
export function baseRuleId(ruleId: string): string {
  return ruleId.replace(/\[.*\]$/s, '');
}
