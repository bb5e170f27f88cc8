import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SPEC_PATH, loadSpec } from '../../../stacks/spec';
import type { TwinstackSpec } from '../../../stacks/spec';
import { SynthesisError } from '../diff/synth-revision';
import { buildReport } from './build-report';
import { collectAlicloudFindings } from './collect-alicloud';
import { collectAwsFindings } from './collect-aws';
import type { ComplianceReportDocument } from './model';
import { readNagRuleCatalog } from './nag-rule-catalog';
import { renderComplianceMarkdown } from './render-markdown';
import { lineFinder, toSarif } from './sarif';

const ROOT = path.join(__dirname, '..', '..', '..');

export interface ReportCommand {
  /** Relative options resolve here, and the files the report names are relative to it. */
  readonly cwd: string;
  /** @default the default spec */
  readonly spec?: string;
  /** @default <cwd>/cdk.out */
  readonly cdkOut?: string;
  /** @default <cwd>/dist; the report is written here too */
  readonly dist?: string;
  /** Synthesize first even when cdk.out/ and dist/alicloud/ exist. */
  readonly synth?: boolean;
}

export interface ReportResult {
  readonly report: ComplianceReportDocument;
  readonly files: { readonly markdown: string; readonly json: string; readonly sarif: string };
  /** What to tell the user, one line each. */
  readonly lines: string[];
}

/**
 * Renders both clouds as `npm run synth` does (without the parity page): the CDK app with cdk-nag
 * into `cdkOut`, the Alibaba manifests into `dist`. A cdk-nag error fails the CDK synthesis
 * after the templates and the validation report are written; that is a finding for the report,
 * not a reason to stop.
 */
async function synthesize(spec: TwinstackSpec, cdkOut: string, dist: string): Promise<void> {
  const { rmSync } = await import('node:fs');
  const { buildAwsApp } = await import('../../../stacks/aws/build');
  const { synthAlicloud } = await import('../../synth-alicloud');
  rmSync(cdkOut, { recursive: true, force: true });
  try {
    buildAwsApp(spec, { outdir: cdkOut }).app.synth();
  } catch (error) {
    if (!existsSync(path.join(cdkOut, 'validation-report.json'))) {
      throw new SynthesisError(`AWS synthesis failed: ${((error as Error).message ?? String(error)).split('\n')[0]}`);
    }
  }
  await synthAlicloud(spec, dist);
}

function versionOf(packageJson: string): string | undefined {
  try {
    return JSON.parse(readFileSync(packageJson, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Writes `<dist>/compliance.md`, `.json` and `.sarif`, synthesizing first when needed. */
export async function runReport(command: ReportCommand): Promise<ReportResult> {
  const specPath = command.spec ? path.resolve(command.cwd, command.spec) : DEFAULT_SPEC_PATH;
  const cdkOut = path.resolve(command.cwd, command.cdkOut ?? 'cdk.out');
  const dist = path.resolve(command.cwd, command.dist ?? 'dist');
  const spec = loadSpec(specPath);
  const lines: string[] = [];
  const hasTemplates = existsSync(cdkOut) && readdirSync(cdkOut).some((f) => f.endsWith('.template.json'));
  if (command.synth || !hasTemplates || !existsSync(path.join(dist, 'alicloud'))) {
    await synthesize(spec, cdkOut, dist);
    lines.push(`Synthesized ${path.relative(command.cwd, cdkOut) || cdkOut}/ and ${path.relative(command.cwd, path.join(dist, 'alicloud'))}/`);
  }

  const shown = (p: string) => (path.relative(command.cwd, p) || p).split(path.sep).join('/');
  const catalog = readNagRuleCatalog();
  const aws = new Map(
    [...collectAwsFindings(cdkOut, catalog)].map(([stack, findings]) => [stack, { file: shown(path.join(cdkOut, `${stack}.template.json`)), findings }]),
  );
  const alicloud = new Map(
    [...collectAlicloudFindings(dist, spec)].map(([architecture, findings]) => [architecture, { file: shown(path.join(dist, 'alicloud', `${architecture}.json`)), findings }]),
  );
  const report = buildReport({ sources: { cdkOut: shown(cdkOut), dist: shown(dist), spec: shown(specPath) }, aws, alicloud, nagCatalog: catalog });

  const files = { markdown: path.join(dist, 'compliance.md'), json: path.join(dist, 'compliance.json'), sarif: path.join(dist, 'compliance.sarif') };
  const sarif = toSarif(report, {
    toolVersions: {
      'cdk-nag': versionOf(require.resolve('cdk-nag/package.json')),
      'twinstack-alicloud-rules': versionOf(path.join(ROOT, 'package.json')),
    },
    lineOf: lineFinder((file) => {
      const absolute = path.resolve(command.cwd, file);
      return existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
    }),
  });
  mkdirSync(dist, { recursive: true });
  writeFileSync(files.markdown, renderComplianceMarkdown(report));
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.sarif, `${JSON.stringify(sarif, null, 2)}\n`);
  const { summary } = report;
  lines.push(
    `Wrote ${shown(files.markdown)}, ${shown(files.json)}, ${shown(files.sarif)}: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.acknowledged} acknowledged`,
  );
  return { report, files, lines };
}
