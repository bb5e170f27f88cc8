import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../stacks/alicloud/compliance';
import type { ComplianceReport } from '../stacks/alicloud/compliance';
import type { Manifest } from '../stacks/alicloud/manifest';
import { renderManifests } from '../stacks/alicloud/manifest';
import type { TwinstackSpec } from '../stacks/spec';

export interface AlicloudRender {
  readonly manifests: Record<string, Manifest>;
  readonly compliance: Record<string, ComplianceReport>;
}

/**
 * Renders every enabled architecture's Alibaba manifest to `<distDir>/alicloud/<architecture>.json`
 * (two-space JSON, keys sorted, trailing newline) and checks each against the compliance rules.
 */
export async function synthAlicloud(spec: TwinstackSpec, distDir: string): Promise<AlicloudRender> {
  const manifests = await renderManifests(spec);
  const dir = path.join(distDir, 'alicloud');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const compliance: Record<string, ComplianceReport> = {};
  for (const [architecture, manifest] of Object.entries(manifests)) {
    writeFileSync(path.join(dir, `${architecture}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    compliance[architecture] = evaluate(manifest, spec);
  }
  return { manifests, compliance };
}

/** One line per unacknowledged finding, in the manner of cdk-nag's output. */
export function findingLines(compliance: Record<string, ComplianceReport>): string[] {
  return Object.entries(compliance).flatMap(([architecture, report]) =>
    [...report.errors, ...report.warnings].map(
      (f) => `${f.severity.toUpperCase()} ${f.ruleId} ${architecture}/${f.resource} (${f.type}): ${f.message}`,
    ),
  );
}
