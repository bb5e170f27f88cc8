import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { DEFAULT_SPEC_PATH, SpecError, validateSpec } from '../../stacks/spec';
import type { TwinstackSpec } from '../../stacks/spec';

/** The default spec as plain data, for tests to break one field at a time. */
export function defaultSpecInput(): any {
  return parseDocument(readFileSync(DEFAULT_SPEC_PATH, 'utf8')).toJS();
}

/** The default spec, validated, optionally changed first by `edit`. */
export function specWith(edit: (input: any) => void = () => {}): TwinstackSpec {
  const input = defaultSpecInput();
  edit(input);
  return validateSpec(input, 'test');
}

/** The problem lines (`path: message`) the default spec with `edit` applied is refused with; [] when valid. */
export function problemLines(edit: (input: any) => void): string[] {
  try {
    specWith(edit);
    return [];
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
}
