import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../../stacks/alicloud/compliance';
import type { Finding } from '../../../stacks/alicloud/compliance';
import type { Manifest } from '../../../stacks/alicloud/manifest';
import type { TwinstackSpec } from '../../../stacks/spec';
import type { ComplianceFinding } from './model';

const toFinding = (f: Finding, reason?: string): ComplianceFinding => ({
  tool: 'twinstack-alicloud-rules',
  ruleId: f.ruleId,
  rule: f.ruleId,
  level: f.severity,
  resource: f.resource,
  message: `${f.message} (${f.type})`,
  ...(reason !== undefined ? { acknowledged: { reason } } : {}),
});

/**
 * The Alibaba rules run again over every manifest in `<dist>/alicloud/` (with the spec, which
 * some rules compare against): architecture → findings, acknowledged ones with their reasons.
 */
export function collectAlicloudFindings(dist: string, spec: TwinstackSpec): Map<string, ComplianceFinding[]> {
  const dir = path.join(dist, 'alicloud');
  const findings = new Map<string, ComplianceFinding[]>();
  if (!existsSync(dir)) return findings;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const manifest = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Manifest;
    const report = evaluate(manifest, spec);
    findings.set(file.slice(0, -'.json'.length), [
      ...report.errors.map((f) => toFinding(f)),
      ...report.warnings.map((f) => toFinding(f)),
      ...report.acknowledged.map((f) => toFinding(f, f.reason)),
    ]);
  }
  return findings;
}
