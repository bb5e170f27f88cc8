/**
 * A cost input (file, row or cell) is unusable. The message starts with `file:line:column` where
 * known, so an editor or CI log can jump to it, then states the rule.
 */
export class CostInputError extends Error {
  constructor(
    /** The file at fault, as the caller named it. */
    readonly file: string,
    /** The rule broken, e.g. `"1,5" is not a decimal number`. */
    readonly rule: string,
    /** 1-based line of the record at fault, when one record is. */
    readonly line?: number,
    /** Column at fault, when one column is. */
    readonly column?: string,
  ) {
    super(`${[file, line, column].filter((part) => part !== undefined).join(':')}: ${rule}`);
    this.name = 'CostInputError';
  }
}
