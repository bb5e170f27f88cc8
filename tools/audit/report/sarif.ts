/**
 * The compliance report as SARIF 2.1.0 for code-scanning tools: one run per tool (cdk-nag,
 * CloudFormation validation when it reported, the Alibaba rules), each with its rules; a result
 * per finding at the template or manifest line of its resource, with its construct path or
 * resource name as the logical location. An acknowledged finding carries an in-source
 * suppression whose justification is the reason written next to the code.
 */
import type { ComplianceFinding, ComplianceReportDocument, ComplianceTool } from './model';

/** The line (1-based) where a resource starts in its file, for the result's region. */
export type LineOf = (file: string, cloud: 'aws' | 'alicloud', resource: string) => number | undefined;

export interface SarifOptions {
  readonly toolVersions: Partial<Record<ComplianceTool, string>>;
  readonly lineOf: LineOf;
}

const TOOL_URIS: Partial<Record<ComplianceTool, string>> = {
  'cdk-nag': 'https://github.com/cdklabs/cdk-nag/blob/main/RULES.md',
  'cloudformation-validate': 'https://docs.aws.amazon.com/cdk/v2/guide/policy-validation-synthesis.html',
};

/** Tools that always get a run, findings or not, so a scan shows they ran. */
const ALWAYS: readonly ComplianceTool[] = ['cdk-nag', 'twinstack-alicloud-rules'];
const ORDER: readonly ComplianceTool[] = ['cdk-nag', 'cloudformation-validate', 'twinstack-alicloud-rules'];

/** A SARIF 2.1.0 log of the report. */
export function toSarif(report: ComplianceReportDocument, options: SarifOptions): Record<string, unknown> {
  const located = report.scopes.flatMap((scope) => scope.findings.map((finding) => ({ scope, finding })));
  const runs = ORDER.filter((tool) => ALWAYS.includes(tool) || located.some((l) => l.finding.tool === tool)).map((tool) => {
    const rules = report.rules.filter((r) => r.tool === tool);
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const results = located
      .filter(({ finding }) => finding.tool === tool)
      .map(({ scope, finding }) => {
        const line = options.lineOf(scope.file, scope.cloud, finding.resource);
        return {
          ruleId: finding.rule,
          ...(index.has(finding.rule) ? { ruleIndex: index.get(finding.rule) } : {}),
          level: finding.level,
          message: { text: message(finding) },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: scope.file }, ...(line ? { region: { startLine: line } } : {}) },
              logicalLocations: [{ name: finding.resource, fullyQualifiedName: finding.constructPath ?? `${scope.name}/${finding.resource}`, kind: 'resource' }],
            },
          ],
          ...(finding.acknowledged ? { suppressions: [{ kind: 'inSource', justification: finding.acknowledged.reason }] } : {}),
        };
      });
    return {
      tool: {
        driver: {
          name: tool,
          ...(options.toolVersions[tool] ? { version: options.toolVersions[tool] } : {}),
          ...(TOOL_URIS[tool] ? { informationUri: TOOL_URIS[tool] } : {}),
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id,
            shortDescription: { text: r.description },
            defaultConfiguration: { level: r.level },
          })),
        },
      },
      results,
    };
  });
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs };
}

function message(finding: ComplianceFinding): string {
  const detail = finding.ruleId !== finding.rule ? ` ${finding.ruleId.slice(finding.rule.length)}` : '';
  return `${finding.message}${detail} — ${finding.resource}`;
}

/** Finds the line of a resource: a template's `"<logicalId>": {` under Resources, a manifest's `"name": "<name>"`. */
export function lineFinder(readText: (file: string) => string | undefined): LineOf {
  const cache = new Map<string, string[] | undefined>();
  return (file, cloud, resource) => {
    if (!cache.has(file)) cache.set(file, readText(file)?.split('\n'));
    const lines = cache.get(file);
    if (!lines) return undefined;
    const quoted = JSON.stringify(resource);
    if (cloud === 'alicloud') {
      const at = lines.findIndex((l) => l.trim() === `"name": ${quoted},` || l.trim() === `"name": ${quoted}`);
      return at >= 0 ? at + 1 : undefined;
    }
    const start = lines.findIndex((l) => l.trim() === '"Resources": {');
    if (start < 0) return undefined;
    const at = lines.findIndex((l, i) => i > start && l.trim() === `${quoted}: {`);
    return at >= 0 ? at + 1 : undefined;
  };
}
