import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One row of the synthesis summary. */
export interface StackSummary {
  readonly stack: string;
  readonly architecture: string;
  readonly region: string;
  readonly resources: number;
  /** Unacknowledged cdk-nag findings by severity; errors fail the synthesis. */
  readonly nagErrors: number;
  readonly nagWarnings: number;
  /** Findings acknowledged in code, each with a written reason. */
  readonly acknowledged: number;
}

interface ReportViolation {
  readonly ruleName: string;
  readonly severity: string;
  readonly violatingConstructs?: ReadonlyArray<{ constructPath?: string }>;
}

/** A synthesized CloudFormation template, as far as the summary and the parity report read it. */
export interface Template {
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
}

/** What synthesizing an app produced: each stack's template, and why it failed if it did. */
export interface SynthesisResult {
  /** The synthesized template of a stack of the app. */
  readonly templateOf: (stack: Stack) => Template;
  /** Set when validation (cdk-nag) failed the synthesis: says where its report is. */
  readonly failure?: string;
}

/**
 * Synthesizes `app` into `outdir`. cdk-nag errors make `app.synth()` throw after the templates and
 * `validation-report.json` are written; the templates are then read from `outdir`, so a summary can
 * still count the findings of every stack. Any other failure is rethrown.
 */
export function synthesizeTemplates(app: App, outdir: string): SynthesisResult {
  try {
    const assembly = app.synth();
    return { templateOf: (stack) => assembly.getStackByName(stack.stackName).template as Template };
  } catch (error) {
    if (!existsSync(path.join(outdir, 'validation-report.json'))) throw error;
    return {
      templateOf: (stack) => JSON.parse(readFileSync(path.join(outdir, stack.templateFile), 'utf8')) as Template,
      failure: `validation failed (cdk-nag findings printed above; the report is ${path.join(outdir, 'validation-report.json')})`,
    };
  }
}

/** Unacknowledged findings per stack and severity, from the validation report CDK writes. */
export function nagFindingsByStack(outdir: string): Map<string, { errors: number; warnings: number }> {
  const counts = new Map<string, { errors: number; warnings: number }>();
  const reportPath = path.join(outdir, 'validation-report.json');
  if (!existsSync(reportPath)) return counts;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  for (const plugin of report.pluginReports ?? []) {
    if (plugin.pluginName !== 'AwsSolutions') continue;
    for (const violation of plugin.violations as ReportViolation[]) {
      for (const construct of violation.violatingConstructs ?? []) {
        const stack = (construct.constructPath ?? '').split('/')[0];
        const entry = counts.get(stack) ?? { errors: 0, warnings: 0 };
        if (violation.severity === 'warning') entry.warnings++;
        else entry.errors++;
        counts.set(stack, entry);
      }
    }
  }
  return counts;
}

/** Rule acknowledgements recorded anywhere in a construct subtree. */
export function acknowledgedRules(scope: IConstruct): Array<{ path: string; id: string }> {
  const found: Array<{ path: string; id: string }> = [];
  for (const node of scope.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const id of Object.keys(entry.data)) found.push({ path: node.node.path, id });
    }
  }
  return found;
}

export function summarizeStack(stack: Stack, architecture: string, template: { Resources?: object }, findings: Map<string, { errors: number; warnings: number }>): StackSummary {
  const nag = findings.get(stack.node.id) ?? { errors: 0, warnings: 0 };
  return {
    stack: stack.stackName,
    architecture,
    region: stack.region,
    resources: Object.keys(template.Resources ?? {}).length,
    nagErrors: nag.errors,
    nagWarnings: nag.warnings,
    acknowledged: acknowledgedRules(stack).length,
  };
}

/** A plain-text table, columns padded to their widest cell. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}
