/** Markdown helpers for the audit's reports: table cells that cannot break a table. */

/** A value as an inline-code cell: one line, pipes escaped, at most `limit` characters. */
export function codeCell(value: unknown, limit = 80): string {
  if (value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  text = text.replace(/\s+/g, ' ');
  if (text.length > limit) text = `${text.slice(0, limit - 1)}…`;
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/** Plain text for a cell: one line, pipes escaped. */
export function textCell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

/** A markdown table. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
