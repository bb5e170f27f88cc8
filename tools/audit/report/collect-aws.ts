/**
 * AWS compliance findings from a cloud assembly: CDK's validation report (cdk-nag and
 * CloudFormation validation violations, with the latter's acknowledged ones) and the
 * acknowledgements recorded in each stack's metadata (`Validations.of(x).acknowledge(...)`).
 *
 * cdk-nag drops an acknowledged finding before CDK sees it, so for cdk-nag an acknowledgement is
 * reported as declared — rule, construct, reason — with the rule's level from cdk-nag's catalog;
 * the report cannot show that the rule would still fire there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import type { ComplianceFinding, ComplianceTool, Level } from './model';
import { baseRuleId } from './model';
import type { NagRuleInfo } from './nag-rule-catalog';

interface ViolatingConstruct {
  readonly constructPath?: string;
  readonly cloudFormationResource?: { readonly templatePath?: string; readonly logicalId?: string };
}

interface ReportViolation {
  readonly ruleName: string;
  readonly description?: string;
  readonly severity?: string;
  readonly violatingConstructs?: readonly ViolatingConstruct[];
  readonly reason?: string;
}

interface PluginReport {
  readonly pluginName: string;
  readonly violations?: readonly ReportViolation[];
  readonly suppressedViolations?: readonly ReportViolation[];
}

type MetadataEntry = { readonly type: string; readonly data?: unknown };

/** Stack name → its findings, acknowledged ones included. */
export type AwsFindings = Map<string, ComplianceFinding[]>;

const PLUGIN_TOOLS: Record<string, ComplianceTool> = { AwsSolutions: 'cdk-nag', 'CloudFormation Validate': 'cloudformation-validate' };
/** Prefixes CDK puts on acknowledged rule ids, by tool. */
const ACK_PREFIXES: ReadonlyArray<[RegExp, ComplianceTool]> = [
  [/^annotation::/i, 'cdk-nag'],
  [/^AwsSolutions::/, 'cdk-nag'],
  [/^CloudFormation-Validate::/, 'cloudformation-validate'],
];

function levelOf(severity: string | undefined): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** cfn-lint style ids: W… warnings, E…/F… errors. */
function validateLevel(ruleId: string): Level {
  return ruleId.startsWith('W') ? 'warning' : /^[EF]/.test(ruleId) ? 'error' : 'note';
}

function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Logical ids by construct path (no leading slash), from every stack's metadata. */
function logicalIds(metadata: Record<string, readonly MetadataEntry[]>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [constructPath, entries] of Object.entries(metadata)) {
    const logical = entries.find((e) => e.type === 'aws:cdk:logicalId');
    if (typeof logical?.data === 'string') ids.set(constructPath.replace(/^\//, ''), logical.data);
  }
  return ids;
}

function resourceAt(constructPath: string, ids: ReadonlyMap<string, string>): string {
  return ids.get(constructPath) ?? ids.get(`${constructPath}/Resource`) ?? constructPath;
}

/** Every finding and acknowledgement in `cdkOut`, by stack (stacks with none have an empty list). */
export function collectAwsFindings(cdkOut: string, catalog: ReadonlyMap<string, NagRuleInfo>): AwsFindings {
  const findings: AwsFindings = new Map();
  const stacks = readdirSync(cdkOut).filter((f) => f.endsWith('.template.json')).map((f) => f.slice(0, -'.template.json'.length)).sort();
  const ids = new Map<string, string>();
  const metadataByStack = new Map<string, Record<string, readonly MetadataEntry[]>>();
  for (const stack of stacks) {
    findings.set(stack, []);
    const file = path.join(cdkOut, `${stack}.metadata.json`);
    const metadata = existsSync(file) ? (readJson(file) as Record<string, readonly MetadataEntry[]>) : {};
    metadataByStack.set(stack, metadata);
    for (const [p, id] of logicalIds(metadata)) ids.set(p, id);
  }
  const add = (finding: ComplianceFinding & { readonly constructPath: string }) => {
    const stack = finding.constructPath.split('/')[0];
    if (!findings.has(stack)) findings.set(stack, []);
    findings.get(stack)!.push(finding);
  };

  const reportFile = path.join(cdkOut, 'validation-report.json');
  const plugins: readonly PluginReport[] = existsSync(reportFile) ? (readJson(reportFile).pluginReports ?? []) : [];
  const reportedTools = new Set<ComplianceTool>();
  for (const plugin of plugins) {
    const tool = PLUGIN_TOOLS[plugin.pluginName];
    if (!tool) continue;
    reportedTools.add(tool);
    for (const [violations, acknowledged] of [[plugin.violations ?? [], false], [plugin.suppressedViolations ?? [], true]] as const) {
      for (const violation of violations) {
        for (const construct of violation.violatingConstructs ?? []) {
          const constructPath = construct.constructPath ?? '';
          add({
            tool,
            ruleId: violation.ruleName,
            rule: baseRuleId(violation.ruleName),
            level: levelOf(violation.severity),
            resource: construct.cloudFormationResource?.logicalId ?? resourceAt(constructPath, ids),
            constructPath,
            message: violation.description ?? violation.ruleName,
            ...(acknowledged ? { acknowledged: { reason: violation.reason ?? '' } } : {}),
          });
        }
      }
    }
  }

  for (const metadata of metadataByStack.values()) {
    for (const [at, entries] of Object.entries(metadata)) {
      for (const entry of entries) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
        for (const [qualifiedId, reason] of Object.entries(entry.data as Record<string, string>)) {
          const [prefix, tool] = ACK_PREFIXES.find(([p]) => p.test(qualifiedId)) ?? [undefined, undefined];
          // CloudFormation validation lists its acknowledged findings itself when it ran.
          if (!tool || (tool === 'cloudformation-validate' && reportedTools.has(tool))) continue;
          const ruleId = qualifiedId.replace(prefix!, '');
          const rule = baseRuleId(ruleId);
          const constructPath = at.replace(/^\//, '');
          const info = tool === 'cdk-nag' ? catalog.get(rule) : undefined;
          add({
            tool,
            ruleId,
            rule,
            level: info?.level ?? (tool === 'cdk-nag' ? 'warning' : validateLevel(rule)),
            resource: resourceAt(constructPath, ids),
            constructPath,
            message: info?.description ?? `${rule} acknowledged on ${constructPath}`,
            acknowledged: { reason },
          });
        }
      }
    }
  }
  return findings;
}
