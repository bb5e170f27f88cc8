import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { problem, SpecError, SpecProblem } from './problem';
import { SPEC_RULES } from './rules';
import { TwinstackSpec, twinstackSpec } from './spec';

/** The spec rendered when no other is named. */
export const DEFAULT_SPEC_PATH = path.join(__dirname, 'default.yaml');

function zodProblems(error: z.ZodError): SpecProblem[] {
  return error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    if (issue.code === 'unrecognized_keys') {
      return problem(where, `unknown field(s): ${issue.keys.join(', ')}`);
    }
    if (issue.input === undefined && issue.code === 'invalid_type') {
      return problem(where, `is required (${issue.expected})`);
    }
    if (issue.input === undefined && issue.code === 'invalid_value') {
      return problem(where, `is required (one of ${issue.values.map(String).join(', ')})`);
    }
    return problem(where, issue.message);
  });
}

/** Validates a spec object: its shape first, then the rules across fields. Throws SpecError. */
export function validateSpec(input: unknown, source = 'spec'): TwinstackSpec {
  const parsed = twinstackSpec.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new SpecError(source, zodProblems(parsed.error));
  const problems = SPEC_RULES.flatMap((rule) => rule(parsed.data));
  if (problems.length > 0) throw new SpecError(source, problems);
  return parsed.data;
}

/** Parses YAML text into a validated spec. Throws SpecError naming the line of a YAML mistake. */
export function parseSpec(yamlText: string, source = 'spec'): TwinstackSpec {
  const document = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new SpecError(
      source,
      document.errors.map((e) => problem(`(yaml line ${e.linePos?.[0].line ?? '?'})`, e.message.split('\n')[0])),
    );
  }
  return validateSpec(document.toJS(), source);
}

/** Reads and validates a spec file (the default spec when no path is given). */
export function loadSpec(specPath: string = DEFAULT_SPEC_PATH): TwinstackSpec {
  let text: string;
  try {
    text = readFileSync(specPath, 'utf8');
  } catch (error) {
    throw new SpecError(specPath, [problem('(file)', `cannot read the spec file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)]);
  }
  return parseSpec(text, specPath);
}
