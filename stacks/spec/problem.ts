/** One thing wrong with a spec: where (a dotted field path) and what. */
export interface SpecProblem {
  readonly path: string;
  readonly message: string;
}

export function problem(path: string, message: string): SpecProblem {
  return { path, message };
}

/** Thrown when a spec cannot be rendered; carries every problem found, not just the first. */
export class SpecError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly SpecProblem[],
  ) {
    super(`${source}: ${problems.length} problem(s) in the spec\n${formatProblems(problems)}`);
    this.name = 'SpecError';
  }
}

/** One line per problem: `<dotted.field.path>: <what is wrong>`. */
export function formatProblems(problems: readonly SpecProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}
