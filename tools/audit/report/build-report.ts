import { ALICLOUD_RULES } from '../../../stacks/alicloud/compliance';
import type { ComplianceFinding, ComplianceReportDocument, ComplianceScope, Level, RuleDescription } from './model';
import type { NagRuleInfo } from './nag-rule-catalog';

const LEVEL_ORDER: Record<Level, number> = { error: 0, warning: 1, note: 2 };

/** Unacknowledged first (errors, warnings, notes), then acknowledged; by rule and resource within. */
export function sortFindings(findings: readonly ComplianceFinding[]): ComplianceFinding[] {
  const key = (f: ComplianceFinding) => [f.acknowledged ? 1 : 0, LEVEL_ORDER[f.level]] as const;
  return [...findings].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1] || a.ruleId.localeCompare(b.ruleId) || a.resource.localeCompare(b.resource) || (a.constructPath ?? '').localeCompare(b.constructPath ?? '');
  });
}

export interface ReportInputs {
  readonly sources: ComplianceReportDocument['sources'];
  /** Stack name → findings, with the template file to point at. */
  readonly aws: ReadonlyMap<string, { readonly file: string; readonly findings: readonly ComplianceFinding[] }>;
  /** Architecture → findings, with the manifest file to point at. */
  readonly alicloud: ReadonlyMap<string, { readonly file: string; readonly findings: readonly ComplianceFinding[] }>;
  readonly nagCatalog: ReadonlyMap<string, NagRuleInfo>;
}

function rulesOf(scopes: readonly ComplianceScope[], nagCatalog: ReadonlyMap<string, NagRuleInfo>): RuleDescription[] {
  const rules = new Map<string, RuleDescription>();
  // Alibaba rules have no fixed level (a rule may warn or fail); they are listed as errors, and each finding carries its own.
  for (const rule of ALICLOUD_RULES) {
    rules.set(`twinstack-alicloud-rules ${rule.id}`, { tool: 'twinstack-alicloud-rules', id: rule.id, description: rule.description, level: 'error' });
  }
  for (const finding of scopes.flatMap((s) => s.findings)) {
    const key = `${finding.tool} ${finding.rule}`;
    if (rules.has(key)) continue;
    const info = finding.tool === 'cdk-nag' ? nagCatalog.get(finding.rule) : undefined;
    rules.set(key, { tool: finding.tool, id: finding.rule, description: info?.description ?? finding.message, level: info?.level ?? finding.level });
  }
  return [...rules.values()].sort((a, b) => a.tool.localeCompare(b.tool) || a.id.localeCompare(b.id));
}

/** The report document: scopes in order (AWS stacks, then Alibaba manifests, each by name), rules, totals. */
export function buildReport(inputs: ReportInputs): ComplianceReportDocument {
  const scopes: ComplianceScope[] = [
    ...[...inputs.aws.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => ({ cloud: 'aws' as const, name, file: s.file, findings: sortFindings(s.findings) })),
    ...[...inputs.alicloud.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => ({ cloud: 'alicloud' as const, name, file: s.file, findings: sortFindings(s.findings) })),
  ];
  const all = scopes.flatMap((s) => s.findings);
  const open = all.filter((f) => !f.acknowledged);
  return {
    schemaVersion: 1,
    sources: inputs.sources,
    summary: {
      errors: open.filter((f) => f.level === 'error').length,
      warnings: open.filter((f) => f.level === 'warning').length,
      notes: open.filter((f) => f.level === 'note').length,
      acknowledged: all.length - open.length,
    },
    rules: rulesOf(scopes, inputs.nagCatalog),
    scopes,
  };
}
