import { codeCell, table, textCell } from '../markdown';
import type { ComplianceFinding, ComplianceReportDocument, ComplianceScope } from './model';

const CLOUD_LABELS = { aws: 'AWS stack', alicloud: 'Alibaba Cloud manifest' } as const;

function counts(findings: readonly ComplianceFinding[]) {
  const open = findings.filter((f) => !f.acknowledged);
  return {
    errors: open.filter((f) => f.level === 'error').length,
    warnings: open.filter((f) => f.level === 'warning').length,
    acknowledged: findings.length - open.length,
  };
}

function scopeSection(scope: ComplianceScope): string {
  const lines = [`## ${CLOUD_LABELS[scope.cloud]} \`${scope.name}\``, '', `File: \`${scope.file}\``, ''];
  const open = scope.findings.filter((f) => !f.acknowledged);
  const accepted = scope.findings.filter((f) => f.acknowledged);
  if (open.length) {
    lines.push(
      '### Findings',
      '',
      table(['Level', 'Rule', 'Tool', 'Resource', 'Message'], open.map((f) => [f.level, codeCell(f.ruleId, 60), f.tool, codeCell(f.resource, 70), textCell(f.message)])),
      '',
    );
  } else {
    lines.push('No unacknowledged finding.', '');
  }
  if (accepted.length) {
    lines.push(
      '### Acknowledged',
      '',
      table(['Rule', 'Tool', 'Resource', 'Reason'], accepted.map((f) => [codeCell(f.ruleId, 60), f.tool, codeCell(f.resource, 70), textCell(f.acknowledged!.reason)])),
      '',
    );
  }
  return lines.join('\n');
}

/** The compliance report as markdown: totals per stack and manifest, then each one's findings and acknowledgements. */
export function renderComplianceMarkdown(report: ComplianceReportDocument): string {
  const { summary, sources } = report;
  const lines = [
    '# Compliance report',
    '',
    `Spec \`${sources.spec}\`; CloudFormation templates in \`${sources.cdkOut}/\`, Alibaba Cloud manifests in \`${sources.dist}/alicloud/\`.`,
    '',
    `**${summary.errors} errors, ${summary.warnings} warnings** unacknowledged; ${summary.acknowledged} findings acknowledged with a reason.`,
    '',
    table(
      ['Cloud', 'Stack / manifest', 'Errors', 'Warnings', 'Acknowledged'],
      report.scopes.map((s) => {
        const c = counts(s.findings);
        return [s.cloud === 'aws' ? 'AWS' : 'Alibaba Cloud', codeCell(s.name), String(c.errors), String(c.warnings), String(c.acknowledged)];
      }),
    ),
    '',
    ...report.scopes.map(scopeSection),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
