/**
 * `npm run synth [-- --spec <file>] [--outdir <dir>] [--dist <dir>]`: renders every enabled
 * architecture with no cloud account:
 * - AWS: CloudFormation templates in cdk.out/ (cdk-nag checked, CloudFormation-validated);
 * - Alibaba Cloud: one resource manifest per architecture in dist/alicloud/, checked by the
 *   Alibaba compliance rules;
 * - dist/parity.md: each capability of the spec and how each cloud realises it.
 * Prints a summary table. An invalid spec prints one line per problem and exits 1 before anything
 * is written; an unacknowledged compliance error on either cloud exits 1.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildAwsApp } from '../stacks/aws/build';
import { renderParity } from '../stacks/parity';
import { DEFAULT_SPEC_PATH, formatProblems, loadSpec, SpecError } from '../stacks/spec';
import { parseArgs, UsageError } from './cli-args';
import { findingLines, synthAlicloud } from './synth-alicloud';
import { formatTable, nagFindingsByStack, summarizeStack, synthesizeTemplates } from './synth-summary';

const ROOT = path.join(__dirname, '..');
const USAGE = 'usage: npm run synth [-- --spec <file>] [--outdir <dir>] [--dist <dir>]';

async function main(): Promise<number> {
  const { options } = parseArgs(process.argv.slice(2), { values: ['spec', 'outdir', 'dist'] });
  const specPath = typeof options.spec === 'string' ? path.resolve(options.spec) : DEFAULT_SPEC_PATH;
  const cdkOut = typeof options.outdir === 'string' ? path.resolve(options.outdir) : path.join(ROOT, 'cdk.out');
  const distDir = typeof options.dist === 'string' ? path.resolve(options.dist) : path.join(ROOT, 'dist');
  const spec = loadSpec(specPath);
  const shown = (p: string) => path.relative(process.cwd(), p) || p;

  // Stale templates from another spec would be mistaken for this one's: start from nothing.
  rmSync(cdkOut, { recursive: true, force: true });
  const { app, stacks } = buildAwsApp(spec, { outdir: cdkOut });
  let synthesis;
  try {
    synthesis = synthesizeTemplates(app, cdkOut);
  } catch (error) {
    process.stderr.write(`\nAWS synthesis failed: ${(error as Error).message}\n`);
    return 1;
  }
  // cdk-nag's findings are printed above; the summary still covers both clouds before exiting 1.
  if (synthesis.failure) process.stderr.write(`\nAWS: ${synthesis.failure}\n`);
  const findings = nagFindingsByStack(cdkOut);
  const awsRows = stacks.map(({ architecture, stack }) =>
    summarizeStack(stack, architecture, synthesis.templateOf(stack), findings),
  );
  process.stdout.write(`Spec: ${shown(specPath)}\n\nAWS (CloudFormation templates in ${shown(cdkOut)}/)\n`);
  process.stdout.write(
    formatTable(
      ['stack', 'region', 'resources', 'nag errors', 'nag warnings', 'acknowledged'],
      awsRows.map((r) => [r.stack, r.region, r.resources, r.nagErrors, r.nagWarnings, r.acknowledged]),
    ) + '\n',
  );

  const { manifests, compliance } = await synthAlicloud(spec, distDir);
  process.stdout.write(`\nAlibaba Cloud (resource manifests in ${shown(path.join(distDir, 'alicloud'))}/)\n`);
  process.stdout.write(
    formatTable(
      ['architecture', 'regions', 'resources', 'rule errors', 'rule warnings', 'acknowledged'],
      Object.entries(manifests).map(([architecture, manifest]) => [
        architecture,
        [...new Set(manifest.resources.map((r) => r.region).filter(Boolean))].sort().join(' '),
        manifest.resources.filter((r) => r.type.startsWith('alicloud:')).length,
        compliance[architecture].errors.length,
        compliance[architecture].warnings.length,
        compliance[architecture].acknowledged.length,
      ]),
    ) + '\n',
  );
  const lines = findingLines(compliance);
  if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);

  const templates = Object.fromEntries(
    stacks.map(({ architecture, stack }) => [stack.stackName, { architecture, template: synthesis.templateOf(stack) }]),
  );
  mkdirSync(distDir, { recursive: true });
  writeFileSync(path.join(distDir, 'parity.md'), renderParity(spec, templates, manifests));
  process.stdout.write(`\nParity of the two clouds: ${shown(path.join(distDir, 'parity.md'))}\n`);

  const failed = synthesis.failure !== undefined || awsRows.some((r) => r.nagErrors > 0) || Object.values(compliance).some((c) => c.errors.length > 0);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof SpecError) {
      process.stderr.write(`${error.source}: invalid spec\n${formatProblems(error.problems)}\n`);
      process.exitCode = 1;
    } else if (error instanceof UsageError) {
      process.stderr.write(`${USAGE}\n${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exitCode = 1;
    }
  },
);
