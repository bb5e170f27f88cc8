/**
 * `npm run synth [-- --spec <file>] [--outdir <dir>]`: renders every enabled architecture with no cloud account:
 * CloudFormation templates in cdk.out/ (cdk-nag checked, CloudFormation-validated), then prints a
 * summary table. An invalid spec prints one line per problem and exits 1 before anything is written.
 */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { buildAwsApp } from '../stacks/aws/build';
import { DEFAULT_SPEC_PATH, formatProblems, loadSpec, SpecError } from '../stacks/spec';
import { parseArgs, UsageError } from './cli-args';
import { formatTable, nagFindingsByStack, summarizeStack } from './synth-summary';

const ROOT = path.join(__dirname, '..');

function main(): number {
  const { options } = parseArgs(process.argv.slice(2), { values: ['spec', 'outdir'] });
  const specPath = typeof options.spec === 'string' ? path.resolve(options.spec) : DEFAULT_SPEC_PATH;
  const cdkOut = typeof options.outdir === 'string' ? path.resolve(options.outdir) : path.join(ROOT, 'cdk.out');
  const spec = loadSpec(specPath);

  // Stale templates from another spec would be mistaken for this one's: start from nothing.
  rmSync(cdkOut, { recursive: true, force: true });
  const { app, stacks } = buildAwsApp(spec, { outdir: cdkOut });
  let assembly;
  try {
    assembly = app.synth();
  } catch (error) {
    process.stderr.write(`\nSynthesis failed: ${(error as Error).message}\n`);
    return 1;
  }
  const findings = nagFindingsByStack(cdkOut);
  const rows = stacks.map(({ architecture, stack }) =>
    summarizeStack(stack, architecture, assembly.getStackByName(stack.stackName).template, findings),
  );
  process.stdout.write(`Spec: ${path.relative(process.cwd(), specPath) || specPath}\n\nAWS (CloudFormation templates in ${path.relative(process.cwd(), cdkOut)}/)\n`);
  process.stdout.write(
    formatTable(
      ['stack', 'region', 'resources', 'nag errors', 'nag warnings', 'acknowledged'],
      rows.map((r) => [r.stack, r.region, r.resources, r.nagErrors, r.nagWarnings, r.acknowledged]),
    ) + '\n',
  );
  return rows.some((r) => r.nagErrors > 0) ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof SpecError) {
    process.stderr.write(`${error.source}: invalid spec\n${formatProblems(error.problems)}\n`);
    process.exitCode = 1;
  } else if (error instanceof UsageError) {
    process.stderr.write(`usage: npm run synth [-- --spec <file>] [--outdir <dir>]\n${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
