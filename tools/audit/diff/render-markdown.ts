import { codeCell, table, textCell } from '../markdown';
import type { SecurityCategory, SecurityFinding } from '../security';
import type { AuditDiff, ResourceChange, Revision, ScopeDiff } from './model';

const CATEGORY_LABELS: Record<SecurityCategory, string> = {
  policy: 'IAM/RAM policy',
  ingress: 'ingress',
  'public-access': 'public access',
  encryption: 'encryption',
  logging: 'logging',
  protection: 'deletion protection / backup',
  retention: 'retention',
};

const CLOUD_LABELS = { aws: 'AWS stack', alicloud: 'Alibaba Cloud manifest' } as const;

function revision(r: Revision): string {
  return r.commit ? `\`${r.ref}\` (${r.commit.slice(0, 12)})` : r.ref === 'working tree' ? 'the working tree' : `\`${r.ref}\``;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function scopeCounts(scopes: readonly ScopeDiff[]): string {
  const aws = scopes.filter((s) => s.cloud === 'aws').length;
  const alicloud = scopes.length - aws;
  return [aws ? plural(aws, 'AWS stack') : '', alicloud ? plural(alicloud, 'Alibaba Cloud manifest') : ''].filter(Boolean).join(', ');
}

function securityTable(findings: readonly SecurityFinding[]): string {
  return table(
    ['', 'Change', 'Where', 'Resource', 'Detail'],
    findings.map((f) => [
      f.weakens ? '**weakens**' : 'strengthens',
      textCell(`${CATEGORY_LABELS[f.category]} ${f.verb}`),
      textCell(`${f.cloud === 'aws' ? 'AWS' : 'Alibaba'} ${f.scope}`),
      `${codeCell(f.resource, 60)}${f.path ? ` ${codeCell(f.path, 60)}` : ''}`,
      textCell(f.detail),
    ]),
  );
}

function changeLabel(change: ResourceChange): string {
  const notes = [
    change.renamedFrom ? `renamed from ${codeCell(change.renamedFrom, 60)}` : '',
    change.mayReplace ? 'may replace' : '',
    change.retained ? `${change.renamedFrom ? 'the old one ' : ''}kept in the account (DeletionPolicy)` : '',
  ].filter(Boolean);
  return notes.length ? `${change.change} (${notes.join(', ')})` : change.change;
}

function resourceRows(change: ResourceChange): string[][] {
  const head = [changeLabel(change), codeCell(change.id, 60), textCell(change.type)];
  if (change.properties.length === 0) return [[...head, '', '', '']];
  return change.properties.map((p, i) => [
    ...(i === 0 ? head : ['', '', '']),
    `${codeCell(p.path, 70)}${p.replaces ? ' (replaces)' : ''}`,
    codeCell(p.before),
    codeCell(p.after),
  ]);
}

function typeCounts(resources: readonly ResourceChange[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${n} × ${type}`)
    .join(', ');
}

function scopeSection(scope: ScopeDiff): string {
  const title = `### ${CLOUD_LABELS[scope.cloud]} \`${scope.name}\``;
  if (scope.status !== 'changed') {
    return `${title} — ${scope.status}\n\n${plural(scope.resources.length, 'resource')} ${scope.status} (${scope.file}): ${typeCounts(scope.resources)}.`;
  }
  const parts = [`${title}\n`];
  if (scope.resources.length) {
    parts.push(table(['Change', 'Resource', 'Type', 'Property', 'Before', 'After'], scope.resources.flatMap(resourceRows)));
  }
  if (scope.otherChanges.length) {
    const others = scope.otherChanges.map((o) => `${o.section} ${codeCell(o.id, 60)} ${o.change}`).join('; ');
    parts.push(`${scope.resources.length ? '\n' : ''}Other changes: ${others}.`);
  }
  return parts.join('\n');
}

/** The diff as markdown for a pull request: the verdict, security-relevant changes first, then each stack and manifest. */
export function renderDiffMarkdown(diff: AuditDiff): string {
  const { summary } = diff;
  const lines = [`## Infrastructure diff: ${revision(diff.base)} → ${revision(diff.head)}`, ''];
  for (const warning of diff.warnings) lines.push(`> **Warning:** ${textCell(warning)}`, '');
  if (diff.scopes.length === 0) {
    lines.push('No infrastructure change.');
    return `${lines.join('\n')}\n`;
  }
  const verdict =
    summary.securityWeakening > 0
      ? `**${plural(summary.securityWeakening, 'security-relevant change')} weaken${summary.securityWeakening === 1 ? 's' : ''} the infrastructure.**`
      : '**No security-relevant change weakens the infrastructure.**';
  const strengthening = summary.securityStrengthening ? ` ${plural(summary.securityStrengthening, 'change')} strengthen${summary.securityStrengthening === 1 ? 's' : ''} it.` : '';
  lines.push(
    `${verdict}${strengthening}`,
    '',
    `Changed: ${scopeCounts(diff.scopes)}; resources: ${summary.added} added, ${summary.removed} removed, ${summary.modified} modified, ${summary.replaced} replaced.` +
      (diff.failed ? ` Fails on \`--fail-on ${diff.failOn}\`.` : ''),
    '',
  );
  if (diff.security.length) lines.push('### Security-relevant changes', '', securityTable(diff.security), '');
  for (const scope of diff.scopes) lines.push(scopeSection(scope), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
