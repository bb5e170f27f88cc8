import * as z from 'zod/mini';
import { HttpProblem } from './problem';

type Issue = z.core.$ZodIssue;

/** Dotted path of an issue, with the unknown key appended for "unrecognized key" issues. */
function fieldOf(issue: Issue): string {
  const parts = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') parts.push(issue.keys[0]);
  return parts.join('.');
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : issue.origin === 'array' ? `must have at most ${issue.maximum} items` : `must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string' ? (issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`) : `must be at least ${issue.minimum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'has an invalid value';
    case 'unrecognized_keys':
      return `is not a known field (unknown: ${issue.keys.join(', ')})`;
    case 'invalid_format':
      return issue.format === 'datetime' ? 'must be an RFC 3339 date-time with a time zone offset, e.g. 2026-11-23T09:00:00Z' : issue.format === 'regex' ? 'has an invalid format' : `must be a valid ${issue.format}`;
    default:
      return 'is invalid';
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/**
 * Parses `input` with `schema`, or throws a 400 problem naming the first offending field; every
 * problem found is listed in `errors`.
 */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, input: unknown, where: 'body' | 'query'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.infer<S>;
  const errors = result.error.issues.map((issue) => ({ field: fieldOf(issue), message: describe(issue) }));
  const first = errors[0];
  const field = first.field || where;
  throw new HttpProblem({
    status: 400,
    title: where === 'body' ? 'Invalid request body' : 'Invalid query parameter',
    detail: `${field}: ${first.message}`,
    field,
    extensions: { errors: errors.map((e) => ({ field: e.field || where, message: e.message })) },
  });
}
