/**
 * `npm run audit -- diff --base <git-ref> [--head <git-ref>] [--spec <file>] [--format md|json] [--out <file>] [--fail-on security|any|none]`
 *   Synthesizes both revisions offline and reports, per stack and manifest, the resources added,
 *   removed, modified and replaced, security-relevant changes first. Exit 0: below the
 *   `--fail-on` threshold (default security: nothing weakened); 1: threshold met; 2: usage or
 *   synthesis error, with one line saying why.
 * `npm run audit -- report [--spec <file>] [--outdir <dir>] [--dist <dir>] [--synth]`
 *   Writes dist/compliance.md, .json and .sarif: every cdk-nag and Alibaba rule finding and every
 *   acknowledgement with its reason, per stack and manifest. Synthesizes first when cdk.out/ or
 *   dist/alicloud/ is missing, or with --synth. Exit 0 when written, 2 on a usage or synthesis error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatProblems, SpecError } from '../../stacks/spec';
import { parseArgs, UsageError } from '../cli-args';
import type { FailOn } from './diff/model';
import { formatDiff, runDiff } from './diff/run-diff';
import { SynthesisError } from './diff/synth-revision';
import { runReport } from './report/run-report';

const USAGE = [
  'usage: npm run audit -- diff --base <git-ref> [--head <git-ref>] [--spec <file>] [--format md|json] [--out <file>] [--fail-on security|any|none]',
  '       npm run audit -- report [--spec <file>] [--outdir <dir>] [--dist <dir>] [--synth]',
].join('\n');

function oneOf<T extends string>(name: string, value: string | true | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

async function diffCommand(argv: readonly string[]): Promise<number> {
  const { positional, options } = parseArgs(argv, { values: ['base', 'head', 'spec', 'format', 'out', 'fail-on'] });
  if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
  if (typeof options.base !== 'string') throw new UsageError('diff needs --base <git-ref>');
  const out = typeof options.out === 'string' ? path.resolve(options.out) : undefined;
  const format = oneOf('format', options.format, ['md', 'json'], out?.endsWith('.json') ? 'json' : 'md');
  const failOn = oneOf<FailOn>('fail-on', options['fail-on'], ['security', 'any', 'none'], 'security');
  const diff = runDiff({
    cwd: process.cwd(),
    base: options.base,
    head: typeof options.head === 'string' ? options.head : undefined,
    spec: typeof options.spec === 'string' ? options.spec : undefined,
    format,
    failOn,
  });
  const text = formatDiff(diff, format);
  if (out) {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, text);
    const { summary } = diff;
    process.stdout.write(
      `${path.relative(process.cwd(), out) || out}: ${diff.scopes.length ? `${summary.securityWeakening} weakening security, ${summary.added + summary.removed + summary.modified + summary.replaced} resources changed` : 'no infrastructure change'}\n`,
    );
  } else {
    process.stdout.write(text);
  }
  return diff.failed ? 1 : 0;
}

async function reportCommand(argv: readonly string[]): Promise<number> {
  const { positional, options } = parseArgs(argv, { values: ['spec', 'outdir', 'dist'], flags: ['synth'] });
  if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
  const written = await runReport({
    cwd: process.cwd(),
    spec: typeof options.spec === 'string' ? options.spec : undefined,
    cdkOut: typeof options.outdir === 'string' ? options.outdir : undefined,
    dist: typeof options.dist === 'string' ? options.dist : undefined,
    synth: options.synth === true,
  });
  for (const line of written.lines) process.stdout.write(`${line}\n`);
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'diff') return diffCommand(rest);
  if (command === 'report') return reportCommand(rest);
  throw new UsageError(command === undefined ? 'name a command: diff or report' : `unknown command ${command}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${USAGE}\n${error.message}\n`);
    } else if (error instanceof SynthesisError) {
      process.stderr.write(`audit: ${error.message}\n`);
    } else if (error instanceof SpecError) {
      process.stderr.write(`audit: ${error.source}: invalid spec (${formatProblems(error.problems).split('\n')[0].trim()})\n`);
    } else {
      process.stderr.write(`audit: ${(error as Error).message ?? error}\n`);
    }
    process.exitCode = 2;
  },
);
